import * as assert from 'assert';
import { CHUNK_ENTRIES, MAX_STAND_IN_ENTRIES, readFrameValues } from '../../../src/debug/frame-values';
import { inspect } from '../../../src/inspect';
import { evaluateInFakeFrame, FakeFrame } from '../../support/fake-python-frame';

function counting(frame: FakeFrame): { evaluate: (e: string) => Promise<string>; calls: string[] } {
  const calls: string[] = [];
  return { calls, evaluate: async expression => { calls.push(expression); return evaluateInFakeFrame(frame, expression); } };
}

describe('debugger: reading a paused frame\'s variables', () => {
  it('reads numbers and arrays, in chunks below debugpy\'s string limit', async () => {
    const big = Array.from({ length: 2 * CHUNK_ENTRIES + 17 }, (_, i) => Math.sin(i) * 10 ** (i % 7));
    const { evaluate, calls } = counting({
      lr: { kind: 'number', value: 0.01 },
      W: { kind: 'array', module: 'torch', dtype: 'float32', shape: [3, 2], data: [1, -2, 3.5, 0, 1e-8, -7] },
      h: { kind: 'array', module: 'numpy', dtype: 'float64', shape: [big.length], data: big },
    });
    const values = await readFrameValues(['lr', 'W', 'h'], evaluate, 10_000);
    assert.deepStrictEqual(values.read, ['lr', 'W', 'h']);
    assert.deepStrictEqual(values.unreadable, []);
    assert.strictEqual(values.bindings.get('lr')?.data[0], 0.01);
    assert.deepStrictEqual(values.bindings.get('W')?.shape, [3, 2]);
    assert.deepStrictEqual(Array.from(values.bindings.get('W')?.data ?? []), [1, -2, 3.5, 0, 1e-8, -7]);
    assert.deepStrictEqual(Array.from(values.bindings.get('h')?.data ?? []), big);
    assert.strictEqual(calls.length, 1 + 1 + 3, 'one request per number or small array, three chunks for h');
    for (const answer of await Promise.all(calls.map(evaluate))) { assert.ok(answer.length < 65_536, `answer of ${answer.length} characters`); }
  });

  it('stands in for an array above the limit: same shape, seeded, within its range, said so', async () => {
    const frame: FakeFrame = { X: { kind: 'large', module: 'torch', dtype: 'float16', shape: [300, 400], summary: [-1, 3, 0.5, 0.75] } };
    const first = await readFrameValues(['X'], counting(frame).evaluate, 10_000);
    const again = await readFrameValues(['X'], counting(frame).evaluate, 10_000);
    const x = first.bindings.get('X');
    assert.ok(x);
    assert.deepStrictEqual(x.shape, [300, 400]);
    assert.deepStrictEqual(first.standIns, [{ name: 'X', shape: [300, 400], dtype: 'float16', summary: { min: -1, max: 3, mean: 0.5, std: 0.75 } }]);
    assert.deepStrictEqual(Array.from(x.data), Array.from(again.bindings.get('X')?.data ?? []), 'the stand-in is the same every time');
    const mean = x.data.reduce((a, b) => a + b, 0) / x.size;
    assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
    assert.ok(x.data.every(v => v >= -1 && v <= 3));
  });

  it('reports what it cannot read by name, with the debugger\'s message, and reads the rest', async () => {
    const frame: FakeFrame = {
      x: { kind: 'number', value: 2 },
      items: { kind: 'object', type: 'builtins.list' },
      huge: { kind: 'large', module: 'numpy', dtype: 'float64', shape: [MAX_STAND_IN_ENTRIES + 1], summary: [0, 1, 0.5, 0.1] },
      bad: { kind: 'large', module: 'numpy', dtype: 'float64', shape: [20_000], summary: [NaN, 1, NaN, NaN] },
    };
    const values = await readFrameValues(['x', 'missing', 'items', 'huge', 'bad', 'os.environ'], counting(frame).evaluate, 10_000);
    assert.deepStrictEqual(values.read, ['x']);
    const reasons = Object.fromEntries(values.unreadable.map(u => [u.name, u.message]));
    assert.strictEqual(reasons.missing, "NameError: name 'missing' is not defined");
    assert.match(reasons.items, /type 'builtins.list' is not a number, a NumPy array or a PyTorch tensor/);
    assert.match(reasons.huge, /even a stand-in is limited to 4194304/);
    assert.match(reasons.bad, /non-finite/);
    assert.match(reasons['os.environ'], /not a plain Python name/);
  });

  it('refuses an answer whose entries do not fit the shape it claims', async () => {
    const lying = async (): Promise<string> => "'GI1|array|2,2|float64|data|1.0,2.0,3.0'";
    const values = await readFrameValues(['A'], lying, 100);
    assert.deepStrictEqual(values.unreadable, [{ name: 'A', message: 'the debugger sent 3 entries where 4 were expected' }]);
  });

  it('frame values drive a real inspection: d(W·x)/dW is x', async () => {
    const frame: FakeFrame = {
      W: { kind: 'array', module: 'numpy', dtype: 'float64', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] },
      x: { kind: 'array', module: 'numpy', dtype: 'float64', shape: [3], data: [0.5, -1, 2] },
    };
    const values = await readFrameValues(['W', 'x'], counting(frame).evaluate, 100);
    const inspection = await inspect({ kind: 'text', text: 'np.sum(W @ x)', language: 'python' }, { bindings: values.bindings });
    assert.deepStrictEqual(Array.from(inspection.value.data), [1 * 0.5 - 2 + 6 + 0.5 * 4 - 5 + 12]);
    assert.deepStrictEqual(Array.from(inspection.gradients.get('W')?.data ?? []), [0.5, -1, 2, 0.5, -1, 2]);
  });
});
