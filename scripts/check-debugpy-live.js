#!/usr/bin/env node
// Reads variables from a real paused debugpy session the way the extension does: starts debugpy's
// adapter (Debian's python3-debugpy), stops examples/debug_step.py on the `loss = …` line, and reads W,
// x, y, X_big (above the size limit), lr and a name that is not there through src/debug's
// readFrameValues over DAP `evaluate` (context "watch"), then compares W and x with what NumPy computes
// for them directly. Needs out/ (`npm run test:unit` or `tsc -p .`) and Python 3 with NumPy + debugpy.
//   node scripts/check-debugpy-live.js [--python /usr/bin/python3]
'use strict';
const { spawn, spawnSync } = require('child_process');
const path = require('path');

const repo = path.resolve(__dirname, '..');
const { readFrameValues } = require(path.join(repo, 'out/src/debug/frame-values.js'));
const pythonArg = process.argv.indexOf('--python');
const python = pythonArg > 0 ? process.argv[pythonArg + 1] : '/usr/bin/python3';
const program = path.join(repo, 'examples', 'debug_step.py');
const LOSS_LINE = 9;

/** A minimal Debug Adapter Protocol client over the adapter's stdio. */
class DapClient {
  constructor(child) {
    this.child = child;
    this.seq = 1;
    this.pending = new Map();
    this.waiters = [];
    this.buffer = Buffer.alloc(0);
    child.stdout.on('data', chunk => this.receive(chunk));
  }

  request(command, args = {}) {
    const seq = this.seq++;
    const body = JSON.stringify({ seq, type: 'request', command, arguments: args });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return new Promise((resolve, reject) => this.pending.set(seq, { resolve, reject }));
  }

  event(name) {
    return new Promise(resolve => this.waiters.push({ name, resolve }));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const header = this.buffer.indexOf('\r\n\r\n');
      if (header < 0) { return; }
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, header).toString())?.[1]);
      if (this.buffer.length < header + 4 + length) { return; }
      const message = JSON.parse(this.buffer.subarray(header + 4, header + 4 + length).toString());
      this.buffer = this.buffer.subarray(header + 4 + length);
      if (message.type === 'response') {
        const waiter = this.pending.get(message.request_seq);
        this.pending.delete(message.request_seq);
        if (message.success) { waiter?.resolve(message.body ?? {}); } else { waiter?.reject(new Error(message.message ?? 'request failed')); }
      } else if (message.type === 'event') {
        const index = this.waiters.findIndex(w => w.name === message.event);
        if (index >= 0) { this.waiters.splice(index, 1)[0].resolve(message.body ?? {}); }
      }
    }
  }
}

async function main() {
  const adapter = spawn(python, ['-m', 'debugpy.adapter'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const dap = new DapClient(adapter);
  const timer = setTimeout(() => { console.error('TIMEOUT'); adapter.kill(); process.exit(1); }, 60_000);
  await dap.request('initialize', { adapterID: 'debugpy', clientID: 'gradient-inspector-check', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const initialized = dap.event('initialized');
  const stopped = dap.event('stopped');
  const launched = dap.request('launch', { program, python: [python], console: 'internalConsole', justMyCode: true, cwd: repo });
  await initialized;
  await dap.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: LOSS_LINE }] });
  await dap.request('configurationDone');
  await launched;
  const { threadId } = await stopped;
  const { stackFrames } = await dap.request('stackTrace', { threadId, startFrame: 0, levels: 5 });
  const frame = stackFrames[0];
  console.log(`stopped in ${frame.name} at line ${frame.line}`);
  const evaluate = async expression => (await dap.request('evaluate', { expression, frameId: frame.id, context: 'watch' })).result;
  const values = await readFrameValues(['W', 'x', 'y', 'lr', 'X_big', 'missing_scale'], evaluate, 10_000);
  await dap.request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
  clearTimeout(timer);
  adapter.kill();

  const truth = JSON.parse(spawnSync(python, ['-c', [
    'import json, numpy as np', 'np.random.seed(0)',
    'print(json.dumps({"W": np.random.randn(2, 3).ravel().tolist()}))',
  ].join('\n')], { encoding: 'utf8' }).stdout);
  let failures = 0;
  const expect = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) { failures++; } };
  expect(frame.line === LOSS_LINE && frame.name === 'train_step', `the frame is train_step at line ${LOSS_LINE}`);
  expect(JSON.stringify(Array.from(values.bindings.get('W')?.data ?? [])) === JSON.stringify(truth.W), `W equals NumPy's exactly: ${JSON.stringify(truth.W)}`);
  expect(JSON.stringify(Array.from(values.bindings.get('x')?.data ?? [])) === '[0.5,-1,2]', 'x = [0.5, -1, 2]');
  expect(values.bindings.get('lr')?.data[0] === 0.1, 'lr = 0.1');
  const standIn = values.standIns.find(s => s.name === 'X_big');
  expect(standIn !== undefined && standIn.shape.join(',') === '300,400' && Math.abs(standIn.summary.std - 1) < 0.01,
    `X_big read as a summary: ${JSON.stringify(standIn?.summary)}`);
  const missing = values.unreadable.find(u => u.name === 'missing_scale');
  expect(missing !== undefined, `missing_scale unreadable: ${missing?.message}`);
  console.log(`debugpy ${spawnSync(python, ['-c', 'import debugpy; print(debugpy.__version__)'], { encoding: 'utf8' }).stdout.trim()}: ${failures} failed`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch(error => { console.error(error); process.exit(1); });
