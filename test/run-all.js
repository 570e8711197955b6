#!/usr/bin/env node
// npm test — every test, on what ships:
//   1. the unit tests (test/run-unit.js);
//   2. the package: the production build when dist/ is not one of the current sources, then
//      gradient-inspector-<version>.vsix, checked against scripts/vsix-policy.js and unpacked into
//      test-results/vsix/ (scripts/package.js);
//   3. the integration suite in the real web workbench (test/run-web.js) with the UNPACKED .vsix as
//      the extension under test, so the files that pass are the files that ship.
// Each step's last line is `N passed, N failed`; this prints their sum as its own last line. Exit
// status 0 only when every step exited 0. Arguments are passed on to test/run-web.js (e.g. --screenshot DIR).
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const repo = path.resolve(__dirname, '..');
const SUMMARY = /^(\d+) passed, (\d+) failed$/;
const UNPACKED = path.join(repo, 'test-results', 'vsix');
const SUITE_BUNDLE = path.join(repo, 'dist', 'test', 'vscode', 'web.js');

/** Runs a Node script, echoing its output; resolves with its pass/fail counts (a run without a summary is one failure). */
function runStep(name, script, args) {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [script, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    let lastLine = '';
    let pending = '';
    child.stdout.on('data', chunk => {
      process.stdout.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop();
      const filled = lines.filter(line => line.trim() !== '');
      if (filled.length) { lastLine = filled[filled.length - 1].trim(); }
    });
    child.on('close', (code, signal) => {
      if (pending.trim()) { lastLine = pending.trim(); }
      const summary = SUMMARY.exec(lastLine);
      resolve({
        name,
        ok: code === 0,
        passed: summary ? Number(summary[1]) : 0,
        failed: summary ? Number(summary[2]) : 1,
        why: signal ? `killed by ${signal}` : `exit status ${code}`,
      });
    });
  });
}

/** The suite is not part of the package: it is copied next to the unpacked extension, where test-web serves it. */
function addSuiteTo(extensionFolder) {
  const target = path.join(extensionFolder, 'integration-suite');
  fs.mkdirSync(target, { recursive: true });
  for (const file of ['web.js', 'web.js.map'].map(name => path.join(path.dirname(SUITE_BUNDLE), name)).filter(fs.existsSync)) {
    fs.copyFileSync(file, path.join(target, path.basename(file)));
  }
  return path.join(target, 'web.js');
}

async function main() {
  const steps = [await runStep('unit tests', path.join(__dirname, 'run-unit.js'), [])];
  const packaged = await runStep('package', path.join(repo, 'scripts', 'package.js'), ['--quiet', '--unpack', UNPACKED]);
  // Packaging prints no count: it is one check, passed or failed.
  steps.push({ ...packaged, passed: packaged.ok ? 1 : 0, failed: packaged.ok ? 0 : 1 });
  if (packaged.ok) {
    const extension = path.join(UNPACKED, 'extension');
    const suite = addSuiteTo(extension);
    steps.push(await runStep('integration suite on the unpacked .vsix', path.join(__dirname, 'run-web.js'),
      ['--extensionDevelopmentPath', extension, '--extensionTestsPath', suite, ...process.argv.slice(2)]));
  } else {
    steps.push({ name: 'integration suite', ok: false, passed: 0, failed: 1, why: 'not run: packaging failed' });
  }
  for (const step of steps) { console.log(`${step.name}: ${step.passed} passed, ${step.failed} failed (${step.why})`); }
  const passed = steps.reduce((sum, step) => sum + step.passed, 0);
  const failed = steps.reduce((sum, step) => sum + step.failed, 0);
  const allOk = steps.every(step => step.ok);
  console.log(`${passed} passed, ${allOk ? failed : Math.max(failed, 1)} failed`);
  process.exitCode = allOk ? 0 : 1;
}

main();
