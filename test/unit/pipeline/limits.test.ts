// The budget of one inspection (src/engine/limits.ts): nodes and memory are charged while building,
// before anything is allocated, and every refusal names the limit, the estimate, the place and the
// setting that raises it.
import * as assert from 'assert';
import { InspectError, formatError } from '../../../src/engine/errors';
import { Graph } from '../../../src/engine/graph';
import { Budget, BYTES_PER_ENTRY, entriesOf, formatBytes } from '../../../src/engine/limits';
import { Tensor } from '../../../src/engine/tensor';
import { inspect, InspectInput, InspectOptions } from '../../../src/inspect';
import { ModelSpec, modelBytes } from '../model/onnx-writer';

async function refusal(input: InspectInput, options: InspectOptions = {}): Promise<InspectError> {
  try {
    await inspect(input, { check: false, ...options });
  } catch (err) {
    if (err instanceof InspectError) { return err; }
    throw err;
  }
  throw new Error('expected a refusal');
}

const text = (source: string, language: 'math' | 'python' = 'math'): InspectInput => ({ kind: 'text', text: source, language });
const onnx = (spec: ModelSpec): InspectInput => ({ kind: 'onnx', bytes: modelBytes(spec), fileName: 'test.onnx' });

/** Bytes held by ArrayBuffers (every tensor's storage) grow by less than this during `run`. */
async function allocatesLessThan<T>(bytes: number, run: () => Promise<T>): Promise<T> {
  const before = process.memoryUsage().arrayBuffers;
  const result = await run();
  const grown = process.memoryUsage().arrayBuffers - before;
  assert.ok(grown < bytes, `ArrayBuffers grew by ${grown} bytes`);
  return result;
}

describe('limits: the budget', () => {
  it('refuses the node that crosses maxNodes when it is added, not after building', () => {
    const graph = new Graph(new Budget({ maxNodes: 3 }));
    const x = graph.leaf('x', Tensor.scalar(1));
    const y = graph.apply('exp', [x]);
    graph.apply('exp', [y]);
    assert.throws(() => graph.apply('exp', [y], {}, { range: { start: 7, end: 9 } }), (err: unknown) => {
      assert.ok(err instanceof InspectError);
      assert.strictEqual(err.kind, 'limit');
      assert.deepStrictEqual(err.range, { start: 7, end: 9 });
      assert.match(err.message, /more than 3 nodes/);
      assert.match(err.message, /gradientInspector\.limits\.maxNodes \(CLI: --max-nodes\)/);
      return true;
    });
    assert.strictEqual(graph.size, 3);
  });

  it('charges entries at 48 bytes and refuses what does not fit, naming the estimate and the setting', () => {
    const budget = new Budget({ memoryMiB: 1 });
    budget.chargeEntries(10_000, 'a');
    assert.strictEqual(budget.reservedBytes, 10_000 * BYTES_PER_ENTRY);
    budget.requireEntries(11_000, 'b');
    assert.strictEqual(budget.reservedBytes, 10_000 * BYTES_PER_ENTRY, 'requireEntries reserves nothing');
    assert.throws(() => budget.chargeEntries(12_000, 'w', { node: "input 'w'" }), (err: unknown) => {
      assert.ok(err instanceof InspectError);
      assert.strictEqual(err.node, "input 'w'");
      assert.match(err.message, /^w \(12,000 entries\) needs an estimated 563 KiB .* over the memory budget of 1 MiB with 469 KiB already reserved; raise it with gradientInspector\.limits\.memoryMiB \(CLI: --memory-mib\)$/);
      return true;
    });
  });

  it('counts overflowing shapes as unbounded, never as a small wrapped number', () => {
    assert.strictEqual(entriesOf([1e200, 1e200]), Infinity);
    assert.strictEqual(entriesOf([3, -1]), 0);
    assert.strictEqual(formatBytes(Infinity), 'an unbounded amount');
    assert.throws(() => new Budget().requireEntries(Infinity, 'x'), /an unbounded amount/);
  });
});

describe('limits: text', function () {
  this.timeout(20_000);

  it('refuses a 2,000,001-term chain before lexing: the stray character at its end is never reached', async () => {
    const source = 'x+'.repeat(2_000_000) + 'x $';
    const err = await allocatesLessThan(64 * 1024 * 1024, () => refusal(text(source), { bindings: new Map([['x', Tensor.scalar(1)]]) }));
    assert.strictEqual(err.kind, 'limit');
    assert.match(formatError(err, source), /^1:1: the text has 4,000,003 characters; reading it needs an estimated 1\.91 GiB .* over the memory budget of 1 GiB; raise it with gradientInspector\.limits\.memoryMiB/);
  });

  it('refuses an 8,000,000-term chain (16 MB) the same way', async () => {
    const err = await refusal(text('x+'.repeat(7_999_999) + 'x'));
    assert.strictEqual(err.kind, 'limit');
    assert.match(err.message, /the text has 15,999,999 characters/);
  });

  it('a raised budget reads what the default refuses', async () => {
    const source = 'x+'.repeat(2_999) + 'x';
    const bindings = new Map([['x', Tensor.scalar(1)]]);
    assert.strictEqual((await refusal(text(source), { bindings, memoryMiB: 4 })).kind, 'limit');
    assert.strictEqual((await refusal(text(source), { bindings, maxNodes: 2_999 })).kind, 'limit');
    const result = await inspect(text(source), { bindings, check: false, memoryMiB: 8, maxNodes: 3_000 });
    assert.strictEqual(result.value.item(), 3_000);
  });

  it('a node limit below the graph refuses at the node that crosses it, located in the text', async () => {
    const source = 'y = exp(x)\nz = sin(y) + cos(y)\nz * y';
    const err = await refusal(text(source), { bindings: new Map([['x', Tensor.scalar(1)]]), maxNodes: 4 });
    assert.strictEqual(err.kind, 'limit');
    assert.strictEqual(formatError(err, source).slice(0, 4), '2:5:');
    assert.match(err.message, /more than 4 nodes/);
  });
});

describe('limits: tensors', function () {
  this.timeout(20_000);

  it('np.ones((8192, 8192)) with products is refused at the call, before allocating', async () => {
    const source = 'x = np.ones((8192, 8192))\ny = x @ x\n(y * y).sum()';
    const err = await allocatesLessThan(64 * 1024 * 1024, () => refusal(text(source, 'python')));
    assert.strictEqual(err.kind, 'limit');
    assert.deepStrictEqual(err.range, { start: 4, end: 25 });
    assert.match(err.message, /^np\.ones of shape \(8192, 8192\) \(67,108,864 entries\) needs an estimated 3 GiB/);
  });

  for (const call of ['np.zeros((4096, 4096))', 'np.random.randn(4096, 4096)', 'torch.rand(4096, 4096)', 'np.eye(4096)', 'np.random.normal(0, 1, (4096, 4096))']) {
    it(`${call} is refused under a 64 MiB budget`, async () => {
      const err = await allocatesLessThan(32 * 1024 * 1024, () => refusal(text(`w = ${call}\nw.sum()`, 'python'), { memoryMiB: 64 }));
      assert.strictEqual(err.kind, 'limit', err.message);
      assert.deepStrictEqual(err.range, { start: 4, end: 4 + call.length });
    });
  }

  it('an op result larger than its inputs (broadcast, matmul) is charged before forward computes it', async () => {
    for (const expr of ['(a * b).sum()', '(a @ b).sum()']) {
      const source = `a = np.ones((2048, 1))\nb = np.ones((1, 2048))\n${expr}`;
      const err = await allocatesLessThan(16 * 1024 * 1024, () => refusal(text(source, 'python'), { memoryMiB: 64 }));
      assert.strictEqual(err.kind, 'limit', err.message);
      assert.match(err.message, /^the result of (\*|@) \(4,194,304 entries\) needs an estimated 192 MiB/);
      assert.deepStrictEqual(err.range, { start: source.indexOf(expr), end: source.indexOf(expr) + 7 }, expr);
    }
  });

  it('the same program runs under a budget that holds it', async () => {
    const source = 'a = np.ones((256, 1))\nb = np.ones((1, 256))\n(a @ b).sum()';
    assert.strictEqual((await inspect(text(source, 'python'), { check: false, memoryMiB: 64 })).value.item(), 65_536);
  });
});

describe('limits: ONNX models', () => {
  const relu = (inputShape: number[]): ModelSpec => ({ opset: 13, nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }], inputs: [{ name: 'x', shape: inputShape }] });

  for (const dims of [[8192, 8192], [1e6, 1e6], [2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1]]) {
    it(`an input of dims [${dims.join(', ')}] is refused naming the input, before allocating`, async () => {
      const err = await allocatesLessThan(16 * 1024 * 1024, () => refusal(onnx(relu(dims))));
      assert.strictEqual(err.kind, 'limit');
      assert.strictEqual(err.node, "input 'x'");
      assert.match(formatError(err), new RegExp(`^input 'x': dims \\(${dims.join(', ')}\\) \\(.* entries\\) needs an estimated .*limits\\.memoryMiB`));
    });
  }

  it('a negative input dimension is a model error naming the input', async () => {
    const err = await refusal(onnx(relu([2, -3])));
    assert.strictEqual(err.kind, 'model');
    assert.match(err.message, /input 'x' has an invalid dimension -3/);
  });

  it('an initializer whose dims overflow is refused naming it, before its data is read', async () => {
    const err = await refusal(onnx({
      opset: 13,
      nodes: [{ op: 'Add', inputs: ['x', 'w'], outputs: ['y'] }],
      inputs: [{ name: 'x', shape: [1] }],
      initializers: [{ name: 'w', dims: [2 ** 40, 2 ** 40, 2 ** 40], values: [1] }],
    }));
    assert.strictEqual(err.kind, 'limit');
    assert.strictEqual(err.node, "tensor 'w'");
    assert.match(err.message, /an unbounded amount|needs an estimated/);
  });

  it('a node whose result outgrows its inputs (Pad) is refused naming the node', async () => {
    const err = await allocatesLessThan(16 * 1024 * 1024, () => refusal(onnx({
      opset: 10,
      nodes: [{ op: 'Pad', name: 'grow', inputs: ['x'], outputs: ['y'], attrs: { pads: [0, 0, 8191, 8191] } }],
      inputs: [{ name: 'x', shape: [1, 1] }],
    })));
    assert.strictEqual(err.kind, 'limit');
    assert.match(formatError(err), /^'grow' \(Pad\), node 0: the result of pad \(67,108,864 entries\) needs an estimated 3 GiB/);
  });

  it('a model file is charged before it is decoded', async () => {
    const spec = relu([2, 3]);
    const size = modelBytes(spec).length;
    const err = await refusal(onnx(spec), { memoryMiB: (size * 8 - 1) / (1024 * 1024) });
    assert.strictEqual(err.kind, 'limit');
    assert.match(err.message, new RegExp(`^the model file has ${size} bytes; decoding it needs an estimated`));
    assert.ok((await inspect(onnx(spec), { check: false, memoryMiB: 1 })).value.size === 1);
  });
});
