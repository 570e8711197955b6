#!/usr/bin/env node
// npm run test:unit — compiles the project with `tsc -p .` into out/ and runs every
// out/test/unit/**/*.test.js whose test/unit/**/*.test.ts source still exists (out/ may hold
// stale files). Exit status 0 only when everything compiled and passed; the last line is
// `N passed, N failed` (a failed compile counts as one failure).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

const repo = path.resolve(__dirname, '..');
const TEST_TIMEOUT_MS = 20_000;

function compile() {
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', repo], { cwd: repo, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  if (output.trim()) { process.stdout.write(output); }
  const errors = (output.match(/error TS\d+/g) ?? []).length;
  if (result.status !== 0) { console.log(`tsc: ${errors} type errors (tests still run on the emitted JavaScript)`); }
  return result.status === 0;
}

function unitTestFiles() {
  const sourceDir = path.join(repo, 'test', 'unit');
  return fs.readdirSync(sourceDir, { recursive: true })
    .filter(file => file.endsWith('.test.ts'))
    .sort()
    .map(file => path.join(repo, 'out', 'test', 'unit', file.replace(/\.ts$/, '.js')))
    .filter(file => fs.existsSync(file));
}

/**
 * Loads each file the way mocha's loadFiles does, but one at a time: a file that fails to load is
 * reported and counted as a failure instead of stopping every other file.
 */
function loadFiles(mocha, files) {
  const { EVENT_FILE_PRE_REQUIRE, EVENT_FILE_REQUIRE, EVENT_FILE_POST_REQUIRE } = Mocha.Suite.constants;
  let broken = 0;
  for (const file of files) {
    try {
      mocha.suite.emit(EVENT_FILE_PRE_REQUIRE, globalThis, file, mocha);
      mocha.suite.emit(EVENT_FILE_REQUIRE, require(file), file, mocha);
      mocha.suite.emit(EVENT_FILE_POST_REQUIRE, globalThis, file, mocha);
    } catch (error) {
      broken++;
      console.log(`cannot load ${path.relative(repo, file)}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    }
  }
  return broken;
}

function runMocha(files) {
  return new Promise(resolve => {
    const mocha = new Mocha({ reporter: 'spec', timeout: TEST_TIMEOUT_MS });
    const broken = loadFiles(mocha, files);
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: (runner.stats?.failures ?? 0) + broken }));
  });
}

async function main() {
  const compiled = compile();
  const files = unitTestFiles();
  if (files.length === 0) { console.log('no unit tests found under test/unit'); }
  const { passed, failed } = files.length ? await runMocha(files) : { passed: 0, failed: 0 };
  const totalFailed = failed + (compiled ? 0 : 1);
  console.log(`${passed} passed, ${totalFailed} failed`);
  process.exitCode = totalFailed > 0 ? 1 : 0;
}

main().catch(error => {
  console.error(error instanceof Error ? error.stack : error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
