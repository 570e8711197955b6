// The shape, logic and selection operators of src/model/operators-shape.ts, written with the
// test-only writer: forward values against hand-computed ones, gradients against central
// differences of the l2 loss, opset variants, and bad attributes or inputs failing at the node.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { Budget } from '../../../src/engine/limits';
import { Attrs } from '../../../src/engine/op';
import { getOp } from '../../../src/engine/ops';
import { Nested, Tensor } from '../../../src/engine/tensor';
import { ImportedModel, importOnnx } from '../../../src/model/import';
import { assertClose } from '../fixtures';
import { checkGradients, doubles, ints, shapeOf } from './onnx-testing';
import { DOUBLE, INT64, NodeSpec, TensorSpec, ValueSpec, modelBytes } from './onnx-writer';

const BOOL = 9;
const scalarInt = (name: string, v: number): TensorSpec => ints(name, [v], []);

/**
 * Nodes applied to the float input x (and the inputs `given`); every node output is a model output,
 * the last node's first (the one the loss is taken of) in front.
 */
async function model(nodes: NodeSpec[], x: Nested, initializers: TensorSpec[] = [], opset = 13, extraInputs: ValueSpec[] = [], given: Record<string, Nested> = {}): Promise<ImportedModel> {
  const all = nodes.flatMap(n => n.outputs);
  const last = nodes[nodes.length - 1].outputs[0];
  const outputs = [last, ...all.filter(o => o !== last)];
  const bytes = modelBytes({ opset, nodes, initializers, outputs, inputs: [{ name: 'x', shape: shapeOf(x), elemType: DOUBLE }, ...extraInputs] });
  return importOnnx(bytes, 'test.onnx', { inputs: { x, ...given } });
}

async function output(nodes: NodeSpec[], x: Nested, initializers: TensorSpec[] = [], opset = 13): Promise<Nested> {
  return [...(await model(nodes, x, initializers, opset)).outputs.values()][0].toNested();
}

async function rejects(p: Promise<unknown>, pattern: RegExp, kind: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof InspectError, String(e));
    assert.match(e.message, pattern);
    assert.strictEqual(e.kind, kind);
    assert.match(e.node ?? '', /node 0/);
    return true;
  });
}

describe('ONNX shape operators: integer arithmetic folded at import', () => {
  it('Range of integer constants is an integer constant; of floats, floats; a zero delta is refused', async () => {
    const range = (s: number, l: number, d: number, type = INT64): Promise<Nested> => output([
      { op: 'Range', inputs: ['s', 'l', 'd'], outputs: ['r'] },
      { op: 'Cast', inputs: ['r'], outputs: ['y'], attrs: { to: DOUBLE } },
    ], [0], [{ name: 's', dims: [], dataType: type, values: [s] }, { name: 'l', dims: [], dataType: type, values: [l] }, { name: 'd', dims: [], dataType: type, values: [d] }]);
    assert.deepStrictEqual(await range(0, 5, 1), [0, 1, 2, 3, 4]);
    assert.deepStrictEqual(await range(10, 4, -3), [10, 7]);
    assert.deepStrictEqual(await range(3, 1, 1), []);
    assert.deepStrictEqual(await range(0.5, 2, 0.5, DOUBLE), [0.5, 1, 1.5]);
    await rejects(range(0, 5, 0), /non-zero delta/, 'value');
    await rejects(range(0, 1e9, 1), /over the limit/, 'shape');
  });

  it('Range of a computed float bound is refused, naming the node', async () => {
    await rejects(output([{ op: 'Range', inputs: ['x', 'x', 'x'], outputs: ['y'] }], 1), /known at import time/, 'unsupported');
  });

  it('Size, Shape → ConstantOfShape (float and integer value) → the values', async () => {
    const m = await model([
      { op: 'Shape', inputs: ['x'], outputs: ['s'] },
      { op: 'ConstantOfShape', inputs: ['s'], outputs: ['c'], attrs: { value: { t: { dims: [1], dataType: DOUBLE, values: [2.5] } } } },
      { op: 'ConstantOfShape', inputs: ['s'], outputs: ['z'] },
      { op: 'Size', inputs: ['x'], outputs: ['n'] },
    ], [[1, 2, 3], [4, 5, 6]]);
    assert.deepStrictEqual(m.outputs.get('c')?.toNested(), [[2.5, 2.5, 2.5], [2.5, 2.5, 2.5]]);
    assert.deepStrictEqual(m.outputs.get('z')?.toNested(), [[0, 0, 0], [0, 0, 0]]);
    assert.deepStrictEqual(m.outputs.get('n')?.toNested(), 6);
    await rejects(output([{ op: 'ConstantOfShape', inputs: ['s'], outputs: ['y'] }], 0, [ints('s', [2, -1])]), /negative dimension/, 'shape');
  });

  it('comparisons and logic broadcast, giving 0/1; Not inverts', async () => {
    const m = await model([
      { op: 'Less', inputs: ['x', 'c'], outputs: ['lt'] },
      { op: 'Greater', inputs: ['x', 'c'], outputs: ['gt'] },
      { op: 'Equal', inputs: ['x', 'c'], outputs: ['eq'] },
      { op: 'LessOrEqual', inputs: ['x', 'c'], outputs: ['le'] },
      { op: 'GreaterOrEqual', inputs: ['x', 'c'], outputs: ['ge'] },
      { op: 'Not', inputs: ['eq'], outputs: ['ne'] },
      { op: 'And', inputs: ['le', 'ge'], outputs: ['both'] },
      { op: 'Or', inputs: ['lt', 'gt'], outputs: ['either'] },
      { op: 'Xor', inputs: ['le', 'ge'], outputs: ['one'] },
    ], [[1, 2, 3]], [doubles('c', [2, 1], [2, 3])]);
    const get = (n: string): Nested | undefined => m.outputs.get(n)?.toNested();
    assert.deepStrictEqual(get('lt'), [[1, 0, 0], [1, 1, 0]]);
    assert.deepStrictEqual(get('gt'), [[0, 0, 1], [0, 0, 0]]);
    assert.deepStrictEqual(get('eq'), [[0, 1, 0], [0, 0, 1]]);
    assert.deepStrictEqual(get('le'), [[1, 1, 0], [1, 1, 1]]);
    assert.deepStrictEqual(get('ge'), [[0, 1, 1], [0, 0, 1]]);
    assert.deepStrictEqual(get('ne'), [[1, 0, 1], [1, 1, 0]]);
    assert.deepStrictEqual(get('both'), get('eq'));
    assert.deepStrictEqual(get('either'), get('ne'));
    assert.deepStrictEqual(get('one'), get('ne'));
    await rejects(output([{ op: 'Less', inputs: ['x', 'c'], outputs: ['y'] }], [1, 2, 3], [doubles('c', [2], [1, 2])]), /cannot be broadcast/, 'shape');
  });

  it('a comparison whose broadcast outgrows the memory budget is refused before it is built, naming the node', async () => {
    const column = Array.from({ length: 2000 }, (_, i) => [i]);
    const bytes = modelBytes({
      opset: 13,
      nodes: [{ op: 'Less', inputs: ['x', 'row'], outputs: ['y'] }],
      initializers: [ints('row', Array.from({ length: 2000 }, (_, i) => i), [1, 2000])],
      inputs: [{ name: 'x', shape: [2000, 1], elemType: DOUBLE }],
    });
    await assert.rejects(importOnnx(bytes, 'big.onnx', { inputs: { x: column } }, new Budget({ memoryMiB: 16 })), (e: unknown) => {
      assert.ok(e instanceof InspectError);
      assert.match(e.message, /the result of Less/);
      assert.match(e.node ?? '', /Less/);
      return true;
    });
  });

  it('ArgMax/ArgMin: axis, keepdims, select_last_index; no gradient flows through them', async () => {
    const x = [[1, 5, 5], [7, 0, 7]];
    assert.deepStrictEqual(await output([{ op: 'ArgMax', inputs: ['x'], outputs: ['y'], attrs: { axis: 1 } }], x), [[1], [0]]);
    assert.deepStrictEqual(await output([{ op: 'ArgMax', inputs: ['x'], outputs: ['y'], attrs: { axis: 1, keepdims: 0, select_last_index: 1 } }], x), [2, 2]);
    assert.deepStrictEqual(await output([{ op: 'ArgMin', inputs: ['x'], outputs: ['y'], attrs: { axis: 0, keepdims: 0 } }], x), [0, 1, 0]);
    await rejects(output([{ op: 'ArgMax', inputs: ['x'], outputs: ['y'], attrs: { axis: 2 } }], x), /axis 2 out of range/, 'shape');
  });
});

describe('ONNX shape operators on computed tensors: values and gradients', () => {
  it('Where with a mask of −∞ (masked_fill) then Softmax: masked entries get probability 0 and no gradient', async () => {
    const m = await model([
      { op: 'Greater', inputs: ['i', 'j'], outputs: ['future'] },
      { op: 'Where', inputs: ['future', 'ninf', 'x'], outputs: ['masked'] },
      { op: 'Softmax', inputs: ['masked'], outputs: ['y'], attrs: { axis: -1 } },
    ], [[0.5, -1, 2], [1, 2, 0.25], [-0.5, 0.3, 1]], [ints('i', [0, 1, 2], [1, 3]), ints('j', [0, 1, 2], [3, 1]), doubles('ninf', [], [-Infinity])]);
    const y = m.outputs.get('y')?.toNested() as number[][];
    assert.deepStrictEqual(y[0].slice(1), [0, 0]);
    assert.strictEqual(y[0][0], 1);
    assert.strictEqual(y[1][2], 0);
    assertClose(y[1][0] + y[1][1], 1, 'row 1 sums to 1');
    checkGradients(m);
  });

  it('Where broadcasts both branches and sends each its part of the gradient', async () => {
    const m = await model([{ op: 'Where', inputs: ['c', 'x', 'w'], outputs: ['y'] }], [[1, 2], [3, 4]], [ints('c', [1, 0], [2]), doubles('w', [2, 1], [10, 20])]);
    assert.deepStrictEqual(m.outputs.get('y')?.toNested(), [[1, 10], [3, 20]]);
    checkGradients(m);
    await rejects(output([{ op: 'Where', inputs: ['x', 'x', 'x'], outputs: ['y'] }], [1]), /condition of Where must be a boolean/, 'model');
  });

  it('Expand broadcasts both ways (opset 8+ semantics) and sums the gradient back', async () => {
    const m = await model([{ op: 'Expand', inputs: ['x', 's'], outputs: ['y'] }], [[1], [2]], [ints('s', [2, 1, 3])]);
    assert.deepStrictEqual(m.outputs.get('y')?.toNested(), [[[1, 1, 1], [2, 2, 2]], [[1, 1, 1], [2, 2, 2]]]);
    checkGradients(m);
    await rejects(output([{ op: 'Expand', inputs: ['x', 's'], outputs: ['y'] }], [1, 2], [ints('s', [3])]), /cannot be broadcast/, 'shape');
    await rejects(output([{ op: 'Expand', inputs: ['x', 's'], outputs: ['y'] }], [1], [ints('s', [2, -3])]), /negative dimension/, 'shape');
  });

  it('Tile repeats each axis; gradients add over the copies', async () => {
    const m = await model([{ op: 'Tile', inputs: ['x', 'r'], outputs: ['y'] }], [[1, 2], [3, 4]], [ints('r', [2, 3])]);
    assert.deepStrictEqual(m.outputs.get('y')?.toNested(), [
      [1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4], [1, 2, 1, 2, 1, 2], [3, 4, 3, 4, 3, 4],
    ]);
    checkGradients(m);
    await rejects(output([{ op: 'Tile', inputs: ['x', 'r'], outputs: ['y'] }], [1, 2], [ints('r', [2, 2])]), /must be 1 non-negative integers/, 'shape');
  });

  it('Trilu: lower and upper with k (opset 14), on a float tensor and on constant ones (a causal mask)', async () => {
    const x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    assert.deepStrictEqual(await output([{ op: 'Trilu', inputs: ['x'], outputs: ['y'], attrs: { upper: 0 } }], x, [], 14), [[1, 0, 0], [4, 5, 0], [7, 8, 9]]);
    assert.deepStrictEqual(await output([{ op: 'Trilu', inputs: ['x', 'k'], outputs: ['y'] }], x, [scalarInt('k', 1)], 14), [[0, 2, 3], [0, 0, 6], [0, 0, 0]]);
    assert.deepStrictEqual(await output([{ op: 'Trilu', inputs: ['x', 'k'], outputs: ['y'], attrs: { upper: 0 } }], x, [scalarInt('k', -1)], 14), [[0, 0, 0], [4, 0, 0], [7, 8, 0]]);
    const m = await model([{ op: 'Trilu', inputs: ['x'], outputs: ['y'] }], [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], [], 14);
    assert.deepStrictEqual(m.outputs.get('y')?.toNested(), [[[1, 2], [0, 4]], [[5, 6], [0, 8]]]);
    checkGradients(m);
    await rejects(output([{ op: 'Trilu', inputs: ['x'], outputs: ['y'] }], [1, 2], [], 14), /rank ≥ 2/, 'shape');
  });

  it('CumSum: inclusive, exclusive, reverse along an axis given as input', async () => {
    const x = [[1, 2, 3], [4, 5, 6]];
    const cumsum = (attrs: Record<string, number>, axis = 1): Promise<Nested> => output([{ op: 'CumSum', inputs: ['x', 'a'], outputs: ['y'], attrs }], x, [scalarInt('a', axis)]);
    assert.deepStrictEqual(await cumsum({}), [[1, 3, 6], [4, 9, 15]]);
    assert.deepStrictEqual(await cumsum({ exclusive: 1 }), [[0, 1, 3], [0, 4, 9]]);
    assert.deepStrictEqual(await cumsum({ reverse: 1 }), [[6, 5, 3], [15, 11, 6]]);
    assert.deepStrictEqual(await cumsum({ exclusive: 1, reverse: 1 }, -2), [[4, 5, 6], [0, 0, 0]]);
    for (const attrs of [{}, { exclusive: 1 }, { reverse: 1 }, { exclusive: 1, reverse: 1 }] as Record<string, number>[]) {
      checkGradients(await model([{ op: 'CumSum', inputs: ['x', 'a'], outputs: ['y'], attrs }], [[0.5, -1, 2], [1, 3, -2]], [scalarInt('a', 1)]));
    }
    await rejects(cumsum({}, 2), /axis 2 out of range/, 'shape');
  });

  it('TopK (opset 10+ k input, opset 1 k attribute): values differentiable, indices integer; ties keep the lower index', async () => {
    const x = [[3, 1, 4, 1, 5], [9, 2, 6, 5, 3]];
    const m = await model([{ op: 'TopK', inputs: ['x', 'k'], outputs: ['v', 'i'] }], x, [ints('k', [2])], 11);
    assert.deepStrictEqual(m.outputs.get('v')?.toNested(), [[5, 4], [9, 6]]);
    assert.deepStrictEqual(m.outputs.get('i')?.toNested(), [[4, 2], [0, 2]]);
    checkGradients(m);
    const smallest = await model([{ op: 'TopK', inputs: ['x'], outputs: ['v', 'i'], attrs: { k: 3, axis: 1, largest: 0 } }], x, [], 1);
    assert.deepStrictEqual(smallest.outputs.get('v')?.toNested(), [[1, 1, 3], [2, 3, 5]]);
    assert.deepStrictEqual(smallest.outputs.get('i')?.toNested(), [[1, 3, 0], [1, 4, 3]]);
    await rejects(output([{ op: 'TopK', inputs: ['x', 'k'], outputs: ['v', 'i'] }], x, [ints('k', [6])], 11), /k = 6 must be an integer in \[0, 5\]/, 'value');
  });

  it('GatherElements picks along an axis; the gradient scatters back (repeated indices add)', async () => {
    const m = await model([{ op: 'GatherElements', inputs: ['x', 'i'], outputs: ['y'], attrs: { axis: 1 } }], [[1, 2, 3], [4, 5, 6]], [ints('i', [2, 2, 0, -1, 1, 0], [2, 3])]);
    assert.deepStrictEqual(m.outputs.get('y')?.toNested(), [[3, 3, 1], [6, 5, 4]]);
    checkGradients(m);
    await rejects(output([{ op: 'GatherElements', inputs: ['x', 'i'], outputs: ['y'] }], [1, 2], [ints('i', [2])]), /index 2 out of range/, 'shape');
  });

  it('ScatterND as exported for x[:, 0] = u: data keeps the gradient outside, updates get it inside', async () => {
    const m = await model([{ op: 'ScatterND', inputs: ['x', 'i', 'u'], outputs: ['y'] }], [[1, 2], [3, 4], [5, 6]], [ints('i', [0, 2], [2, 1]), doubles('u', [2, 2], [10, 20, 30, 40])]);
    assert.deepStrictEqual(m.outputs.get('y')?.toNested(), [[10, 20], [3, 4], [30, 40]]);
    checkGradients(m);
    const cell = await model([{ op: 'ScatterND', inputs: ['x', 'i', 'u'], outputs: ['y'] }], [[1, 2], [3, 4]], [ints('i', [1, 0], [1, 2]), doubles('u', [1], [9])]);
    assert.deepStrictEqual(cell.outputs.get('y')?.toNested(), [[1, 2], [9, 4]]);
    checkGradients(cell);
    await rejects(output([{ op: 'ScatterND', inputs: ['x', 'i', 'u'], outputs: ['y'], attrs: { reduction: 'add' } }], [1, 2], [ints('i', [0], [1, 1]), doubles('u', [1], [9])]), /reduction 'add' is not supported/, 'unsupported');
    await rejects(output([{ op: 'ScatterND', inputs: ['x', 'i', 'u'], outputs: ['y'] }], [1, 2], [ints('i', [0], [1, 1]), doubles('u', [2], [9, 9])]), /updates of shape \(2,\), expected \(1,\)/, 'shape');
  });

  it('Cast of a comparison to float and back multiplies a computed tensor (a mask as numbers)', async () => {
    const m = await model([
      { op: 'Greater', inputs: ['x', 'zero'], outputs: ['positive'] },
      { op: 'Cast', inputs: ['positive'], outputs: ['mask'], attrs: { to: DOUBLE } },
      { op: 'Mul', inputs: ['x', 'mask'], outputs: ['y'] },
    ], [-1, 2, 0, 3], [doubles('zero', [], [0])]);
    assert.deepStrictEqual(m.outputs.get('y')?.toNested(), [-0, 2, 0, 3]);
    checkGradients(m);
    assert.ok(m.notes.includes('integer results of computed tensors are taken at their imported values and carry no gradient: 1 Greater'), m.notes.join('\n'));
  });

  it('Shape and Size of a computed tensor depend on no value: no note about integer results', async () => {
    const m = await model([{ op: 'Shape', inputs: ['x'], outputs: ['s'] }, { op: 'Size', inputs: ['x'], outputs: ['n'] }], [[1, 2]]);
    assert.deepStrictEqual(m.outputs.get('s')?.toNested(), [1, 2]);
    assert.ok(!m.notes.some(n => /integer results/.test(n)), m.notes.join('\n'));
  });

  it('a boolean model input is a constant condition for Where', async () => {
    const m = await model([{ op: 'Where', inputs: ['keep', 'x', 'zero'], outputs: ['y'] }], [1, 2, 3], [doubles('zero', [], [0])], 13, [{ name: 'keep', shape: [3], elemType: BOOL }], { keep: [1, 0, 1] });
    assert.deepStrictEqual(m.outputs.get('y')?.toNested(), [1, 0, 3]);
    checkGradients(m);
  });
});

describe('engine ops where, gather_elements, scatter_nd, cumsum: VJP against central differences', () => {
  function checkVjp(op: string, inputs: Tensor[], attrs: Attrs, differentiable: number[]): void {
    const def = getOp(op);
    const output = def.forward(inputs, attrs);
    const r = new Tensor(output.shape, Float64Array.from({ length: output.size }, (_, i) => Math.sin(3 * i + 1)));
    const grads = def.vjp({ inputs, output, grad: r, attrs });
    const f = (xs: Tensor[]): number => def.forward(xs, attrs).data.reduce((s, v, i) => s + v * r.data[i], 0);
    const h = 1e-6;
    for (const k of differentiable) {
      const g = grads[k];
      assert.ok(g, `${op}: no gradient for input ${k}`);
      const numeric = Array.from(inputs[k].data, (_, i) => {
        const plus = inputs.map(v => v.clone()), minus = inputs.map(v => v.clone());
        plus[k].data[i] += h;
        minus[k].data[i] -= h;
        return (f(plus) - f(minus)) / (2 * h);
      });
      assertClose(Array.from(g.data), numeric, `${op} d/d input ${k}`, 1e-7, 1e-8);
    }
  }
  const values = (shape: number[]): Tensor => new Tensor(shape, Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.cos(i) * 2));

  it('where: no gradient for the condition', () => {
    const c = Tensor.fromNested([[1, 0, 1]]);
    checkVjp('where', [c, values([2, 3]), values([2, 1])], {}, [1, 2]);
    assert.strictEqual(getOp('where').vjp({ inputs: [c, values([1, 3]), values([1, 3])], output: values([1, 3]), grad: values([1, 3]), attrs: {} })[0], null);
  });

  it('gather_elements, scatter_nd and cumsum', () => {
    checkVjp('gather_elements', [values([3, 2])], { axis: 0, indices: [2, 0, 0, 0], indicesShape: [2, 2] }, [0]);
    checkVjp('scatter_nd', [values([3, 2, 2]), values([2, 2])], { indices: [1, 0, 2, 1], indicesShape: [2, 2] }, [0, 1]);
    checkVjp('cumsum', [values([2, 3, 2])], { axis: 1, exclusive: true }, [0]);
    checkVjp('cumsum', [values([4])], { axis: 0, reverse: true }, [0]);
  });

  it('bad indices and shapes are shape errors, not crashes', () => {
    assert.throws(() => getOp('gather_elements').forward([values([2, 2])], { axis: 0, indices: [0, 1], indicesShape: [3] }), (e: unknown) => e instanceof InspectError && e.kind === 'shape');
    assert.throws(() => getOp('scatter_nd').forward([values([2]), values([1])], { indices: [5], indicesShape: [1, 1] }), /index 5 out of range/);
    assert.throws(() => getOp('where').forward([values([2]), values([3]), values([1])], {}), /cannot be broadcast together/);
  });
});

describe('ONNX shape operators: fuzzed attributes and index inputs fail cleanly', () => {
  /** A seeded stream of integers, with some far out of range (±1e12, 2^62). */
  function integers(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const pick = s % 16;
      if (pick === 0) { return 1e12; }
      if (pick === 1) { return -(2 ** 62); }
      return (s >>> 8) % 11 - 5;
    };
  }

  it('500 random nodes: each either converts or is an InspectError naming node 0', async () => {
    const next = integers(12);
    const list = (n: number): number[] => Array.from({ length: n }, next);
    const cases: (() => Promise<unknown>)[] = [];
    for (let i = 0; i < 500; i++) {
      const x = [[0.5, -1, 2], [1, 3, -2]];
      const index = ints('i', list(6), [2, 3]);
      const choices: [NodeSpec, TensorSpec[]][] = [
        [{ op: 'Range', inputs: ['a', 'b', 'c'], outputs: ['y'] }, [scalarInt('a', next()), scalarInt('b', next()), scalarInt('c', next())]],
        [{ op: 'Tile', inputs: ['x', 'r'], outputs: ['y'] }, [ints('r', list(2))]],
        [{ op: 'Expand', inputs: ['x', 's'], outputs: ['y'] }, [ints('s', list(Math.abs(next()) % 4))]],
        [{ op: 'Trilu', inputs: ['x', 'k'], outputs: ['y'], attrs: { upper: next() } }, [scalarInt('k', next())]],
        [{ op: 'CumSum', inputs: ['x', 'a'], outputs: ['y'], attrs: { exclusive: next(), reverse: next() } }, [scalarInt('a', next())]],
        [{ op: 'ArgMax', inputs: ['x'], outputs: ['y'], attrs: { axis: next(), keepdims: next() } }, []],
        [{ op: 'TopK', inputs: ['x', 'k'], outputs: ['v', 'i'], attrs: { axis: next(), largest: next() } }, [ints('k', [next()])]],
        [{ op: 'GatherElements', inputs: ['x', 'i'], outputs: ['y'], attrs: { axis: next() } }, [index]],
        [{ op: 'ScatterND', inputs: ['x', 'i', 'u'], outputs: ['y'] }, [ints('i', list(2), [2, 1]), doubles('u', [2, 3], [1, 2, 3, 4, 5, 6])]],
        [{ op: 'ConstantOfShape', inputs: ['s'], outputs: ['y'] }, [ints('s', list(3))]],
      ];
      const [node, initializers] = choices[i % choices.length];
      cases.push(() => output([node], x, initializers, 14));
    }
    let refused = 0;
    for (const run of cases) {
      try {
        await run();
      } catch (e) {
        refused++;
        assert.ok(e instanceof InspectError, `not an InspectError: ${String(e)}`);
        assert.match(e.node ?? '', /node 0/, e.message);
        assert.doesNotMatch(e.message, /typed array|undefined|NaN/, e.message);
      }
    }
    assert.ok(refused > 50 && refused < 500, `${refused} of 500 refused`);
  });
});
