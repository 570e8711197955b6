// A plain reporter for both hosts: one line per test, the failures with their stacks, and the
// summary line `N passed, N failed` that test/run-web.js and test/run-electron.js parse.
import type { Runner, Test } from 'mocha';

export class SummaryReporter {
  constructor(runner: Runner) {
    let passed = 0;
    let failed = 0;
    const startedAt = Date.now();
    runner.on('pass', (test: Test) => {
      passed++;
      console.log(`  ✓ ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test: Test, error: Error) => {
      failed++;
      console.log(`  ✗ ${test.fullTitle()}\n      ${error.stack ?? error.message}`);
    });
    runner.on('end', () => {
      console.log(`suite wall time: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      console.log(`${passed} passed, ${failed} failed`);
    });
  }
}

/**
 * mocha's types ask for a subclass of its reporters.Base, whose class belongs to whichever mocha
 * build the host loaded; at run time mocha only calls `new Reporter(runner, options)`.
 */
export const summaryReporter = SummaryReporter as unknown as Mocha.ReporterConstructor;
