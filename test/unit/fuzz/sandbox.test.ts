// The sandbox the fuzzer relies on: a hang is stopped at the time bound and reported, an exception
// and a stack overflow come back as crashes, and the sandbox keeps working after each.
import * as assert from 'assert';
import { Sandbox } from '../../fuzz/sandbox';
import { recursionDepth } from '../../fuzz/stack-depth';

const TIMEOUT_MS = 1500;

describe('fuzz sandbox', function () {
  this.timeout(30_000);
  const sandbox = new Sandbox({ timeoutMs: TIMEOUT_MS, memoryBytes: 2 * 1024 ** 3 });
  after(() => sandbox.close());

  it('a worker that never answers is a timeout after the bound, not a wait forever', async () => {
    const started = Date.now();
    assert.deepStrictEqual(await sandbox.run({ target: 'misbehave', how: 'spin' }), { kind: 'timeout', ms: TIMEOUT_MS });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= TIMEOUT_MS && elapsed < TIMEOUT_MS + 5000, `${elapsed} ms`);
  });

  it('an input that keeps allocating dies at the bound on its own growth, whatever the process held before', async () => {
    const bounded = new Sandbox({ timeoutMs: 20_000, memoryBytes: 256 * 1024 ** 2 });
    // The process (here, the whole unit suite) already holds memory that is no input's doing.
    const before = new Float64Array(32 * 1024 ** 2).fill(1);
    try {
      const outcome = await bounded.run({ target: 'misbehave', how: 'hoard' });
      assert.strictEqual(outcome.kind, 'died');
      assert.match(outcome.kind === 'died' ? outcome.reason : '', /^resident memory grew by \d+ MB to \d+ MB \(bound 256 MB per input\)$/);
      assert.strictEqual((await bounded.run({ target: 'misbehave', how: 'measure-stack' })).kind, 'ok', 'a new worker answers after');
    } finally {
      await bounded.close();
    }
    assert.strictEqual(before[before.length - 1], 1);
  });

  it('another exception is a crash with its type and message', async () => {
    const outcome = await sandbox.run({ target: 'misbehave', how: 'throw' });
    assert.strictEqual(outcome.kind, 'crashed');
    assert.strictEqual(outcome.kind === 'crashed' && `${outcome.name}: ${outcome.message}`, 'TypeError: misbehaving on purpose');
  });

  it('a stack overflow is a RangeError crash', async () => {
    const outcome = await sandbox.run({ target: 'misbehave', how: 'recurse' });
    assert.strictEqual(outcome.kind === 'crashed' && outcome.name, 'RangeError');
  });

  it('the worker\'s stack is about the main thread\'s, so a recursion that overflows in the CLI overflows here too', async () => {
    const outcome = await sandbox.run({ target: 'misbehave', how: 'measure-stack' });
    const inWorker = Number(outcome.kind === 'ok' && outcome.notes[0]);
    const here = recursionDepth();
    assert.ok(inWorker > here * 0.6 && inWorker < here * 1.6, `${inWorker} frames in the worker, ${here} on the main thread`);
  });

  it('after a terminated worker, the next input runs in a fresh one', async () => {
    await sandbox.run({ target: 'misbehave', how: 'spin' });
    const outcome = await sandbox.run({ target: 'text', text: '2 * x', language: 'math', bindings: { x: 3 } });
    assert.deepStrictEqual(outcome, { kind: 'ok', notes: [] });
  });
});
