#!/usr/bin/env node
// npm run test:electron — the integration suite (dist/test/vscode/node.js) in desktop VS Code through
// @vscode/test-electron. VS Code is the one named by VSCODE_EXECUTABLE_PATH, or one downloaded into
// .vscode-test/ when the network allows. On Linux without a display it runs under `xvfb-run`.
// Where none of that is possible it says so and exits 0, printing no pass count: nothing was tested.
//
//   node test/run-electron.js [--timeout SECONDS]     (default 600)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { placeSideFileFixture } = require('./side-file-fixture');
const { PassThrough } = require('stream');

const repo = path.resolve(__dirname, '..');
const SUMMARY = /^(\d+) passed, (\d+) failed$/;
const DOWNLOAD_IDLE_TIMEOUT_MS = 15_000;
const DOWNLOAD_DEADLINE_MS = 30_000;

function timeoutSeconds() {
  const at = process.argv.indexOf('--timeout');
  const seconds = at >= 0 ? Number(process.argv[at + 1]) : 600;
  if (!(seconds > 0)) { throw new Error(`--timeout must be a positive number of seconds (got ${process.argv[at + 1]})`); }
  return seconds;
}

function notRun(why) {
  console.log(`test:electron did not run: ${why}`);
  console.log('Nothing was tested here; the web route (npm run test:web) runs the same suite.');
  process.exit(0);
}

function withDeadline(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms); });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function vscodeExecutable() {
  if (process.env.VSCODE_EXECUTABLE_PATH) {
    if (!fs.existsSync(process.env.VSCODE_EXECUTABLE_PATH)) { notRun(`VSCODE_EXECUTABLE_PATH=${process.env.VSCODE_EXECUTABLE_PATH} does not exist`); }
    return process.env.VSCODE_EXECUTABLE_PATH;
  }
  const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
  try {
    return await withDeadline(
      downloadAndUnzipVSCode({ version: 'stable', cachePath: path.join(repo, '.vscode-test'), timeout: DOWNLOAD_IDLE_TIMEOUT_MS }),
      DOWNLOAD_DEADLINE_MS, 'downloading VS Code');
  } catch (error) {
    return notRun(`VSCODE_EXECUTABLE_PATH is not set and VS Code could not be downloaded (${error instanceof Error ? error.message : error})`);
  }
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Runs this script again under a virtual X server with the executable already found; never returns. */
function rerunUnderXvfb(executable) {
  const result = spawnSync('xvfb-run', ['-a', process.execPath, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, VSCODE_EXECUTABLE_PATH: executable, GRADIENT_INSPECTOR_UNDER_XVFB: '1' },
  });
  process.exit(result.status ?? 1);
}

/** Forwards VS Code's output and keeps the suite's summary line. */
function summaryWatcher() {
  const stream = new PassThrough();
  const watcher = { stream, summary: undefined };
  let pending = '';
  stream.on('data', chunk => {
    process.stdout.write(chunk);
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const match = SUMMARY.exec(line.trim());
      if (match) { watcher.summary = { passed: Number(match[1]), failed: Number(match[2]) }; }
    }
  });
  return watcher;
}

async function main() {
  const startedAt = Date.now();
  const deadlineMs = timeoutSeconds() * 1000;
  const testsPath = path.join(repo, 'dist/test/vscode/node.js');
  for (const built of [testsPath, path.join(repo, 'dist/node/extension.js')]) {
    if (!fs.existsSync(built)) { throw new Error(`${path.relative(repo, built)} is missing: run npm run build first`); }
  }
  const executable = await vscodeExecutable();
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.GRADIENT_INSPECTOR_UNDER_XVFB) {
    if (!hasCommand('xvfb-run')) { notRun('there is no DISPLAY and no xvfb-run (apt-get install xvfb)'); }
    rerunUnderXvfb(executable);
  }
  placeSideFileFixture(path.join(repo, 'examples'));
  const { runTests } = require('@vscode/test-electron');
  const output = summaryWatcher();
  let exitCode;
  try {
    exitCode = await withDeadline(runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repo,
      extensionTestsPath: testsPath,
      launchArgs: [path.join(repo, 'examples'), '--disable-extensions', '--disable-gpu', '--no-sandbox', '--skip-welcome', '--skip-release-notes'],
      stdout: output.stream,
      stderr: process.stderr,
    }), deadlineMs, 'the suite');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    exitCode = 1;
  }
  console.log(`wall time: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  const { summary } = output;
  const failed = summary ? summary.failed + (exitCode !== 0 && summary.failed === 0 ? 1 : 0) : 1;
  console.log(`${summary?.passed ?? 0} passed, ${failed} failed`);
  process.exit(exitCode === 0 && failed === 0 ? 0 : 1);
}

main().catch(error => {
  console.error(error instanceof Error ? error.stack : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
