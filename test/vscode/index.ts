// Entry of the integration suite, bundled twice by webpack: for the web worker extension host
// (dist/test/vscode/web.js, mocha's browser build) and for the Node one (dist/test/vscode/node.js,
// mocha from node_modules). VS Code calls run() once the extension host is up.
import { screenshot } from './helpers';
import { summaryReporter } from './reporter';

declare const SUITE_HOST: 'web' | 'node';
/** Set from the environment when the bundle is built (`SUITE_GREP=theme npm run build:dev`): runs only matching tests. */
declare const SUITE_GREP: string;

const TEST_TIMEOUT_MS = 60_000;

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (failures: number) => (failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve());
    try {
      // Each branch is bundled for its own host only: webpack drops the other one, SUITE_HOST being a constant.
      if (SUITE_HOST === 'web') {
        // The browser build defines the global `mocha`; a static import would bundle it for Node too.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('mocha/mocha');
        runInWebHost(done);
      } else {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- an external of the Node bundle only
        runInNodeHost(done, require('mocha'));
      }
    } catch (error) {
      console.error(error);
      reject(error);
    }
  });
}

type Done = (failures: number) => void;

function runInWebHost(done: Done): void {
  mocha.setup({ ui: 'tdd', reporter: summaryReporter, timeout: TEST_TIMEOUT_MS, ...(SUITE_GREP ? { grep: SUITE_GREP } : {}) });
  loadTestFiles();
  announce(mocha.suite.total());
  mocha.run(done);
}

function runInNodeHost(done: Done, Mocha: typeof import('mocha')): void {
  const instance = new Mocha({ ui: 'tdd', reporter: summaryReporter, timeout: TEST_TIMEOUT_MS, ...(SUITE_GREP ? { grep: SUITE_GREP } : {}) });
  // Files bundled by webpack are not loaded by mocha itself, so the ui's globals (suite, test, …)
  // are installed the way mocha does before it requires a file.
  instance.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'bundle', instance);
  loadTestFiles();
  announce(instance.suite.total());
  instance.run(done);
}

/** Tells the runner the suite is loaded (it stops waiting for a suite that never starts). */
function announce(tests: number): void {
  console.log(`[suite] running ${tests} tests`);
}

/**
 * After a failed test, and before its suite's teardown closes anything, the runner is asked for a
 * screenshot of the workbench as the failure left it.
 */
function screenshotFailures(): void {
  let failures = 0;
  teardown(async function () {
    if (this.currentTest?.state !== 'failed') { return; }
    failures++;
    const title = this.currentTest.fullTitle().toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
    await screenshot(`failure-${String(failures).padStart(2, '0')}-${title}`);
  });
}

/** Every *.test.ts here, in file-name order: 01-activation must run before anything activates the extension. */
function loadTestFiles(): void {
  screenshotFailures();
  const context = require.context('.', false, /\.test\.ts$/);
  for (const key of context.keys().sort()) { context(key); }
}
