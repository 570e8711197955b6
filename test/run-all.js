#!/usr/bin/env node
// npm test — the unit tests, then the integration suite in the web workbench. Each runner's last
// line is `N passed, N failed`; this prints their sum as its own last line. Exit status 0 only when
// both runners exited 0. Arguments are passed on to test/run-web.js (e.g. --screenshot DIR).
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const SUMMARY = /^(\d+) passed, (\d+) failed$/;

function runStep(script, args) {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [path.join(__dirname, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
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
        script,
        ok: code === 0,
        passed: summary ? Number(summary[1]) : 0,
        // A runner that ended without its summary line still counts as one failure.
        failed: summary ? Number(summary[2]) : 1,
        why: signal ? `killed by ${signal}` : `exit status ${code}`,
      });
    });
  });
}

async function main() {
  const steps = [await runStep('run-unit.js', []), await runStep('run-web.js', process.argv.slice(2))];
  for (const step of steps) { console.log(`${step.script}: ${step.passed} passed, ${step.failed} failed (${step.why})`); }
  const passed = steps.reduce((sum, step) => sum + step.passed, 0);
  const failed = steps.reduce((sum, step) => sum + step.failed, 0);
  const allOk = steps.every(step => step.ok);
  console.log(`${passed} passed, ${allOk ? failed : Math.max(failed, 1)} failed`);
  process.exitCode = allOk ? 0 : 1;
}

main();
