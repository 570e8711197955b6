// The ONNX → engine mapping: attributes, opset variants, constant shape subgraphs, losses, inputs,
// and errors. Models are written with the test-only writer; gradients are checked against central
// differences of the loss with respect to every leaf entry.
import * as assert from 'assert';
import { forward } from '../../../src/engine/autograd';
import { formatError, InspectError } from '../../../src/engine/errors';
import { Nested } from '../../../src/engine/tensor';
import { ImportedModel, ModelOptions, importOnnx } from '../../../src/model/import';
import { assertClose } from '../fixtures';
import { checkGradients, doubles, ints, shapeOf } from './onnx-testing';
import { DOUBLE, INT64, ModelSpec, NodeSpec, TensorSpec, ValueSpec, modelBytes } from './onnx-writer';

async function load(spec: ModelSpec, options: ModelOptions = {}): Promise<ImportedModel> {
  return importOnnx(modelBytes(spec), 'test.onnx', options);
}

/** One node applied to input x of the given value; returns the first output's value. */
async function single(node: NodeSpec, x: Nested, opset = 13, initializers: TensorSpec[] = []): Promise<Nested> {
  const model = await load({ opset, nodes: [node], initializers, inputs: [{ name: 'x', shape: shapeOf(x) }] }, { inputs: { x } });
  return [...model.outputs.values()][0].toNested();
}

function softmaxRows(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map(v => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map(v => v / s);
}

async function rejects(p: Promise<unknown>, pattern: RegExp, kind?: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof InspectError && pattern.test(e.message) && (kind === undefined || e.kind === kind));
}

describe('ONNX mapping: Gemm and MatMul', () => {
  const a = [[1, 2], [3, 4], [5, 6]]; // used as Aᵀ: (2, 3)
  const b = [[1, 0, -1], [2, 1, 0], [0, 3, 1], [1, 1, 1]]; // used as Bᵀ: (3, 4)
  const c = [0.5, -1, 2, 0];

  it('transA, transB, alpha, beta and a broadcast C', async () => {
    const model = await load({
      opset: 13,
      nodes: [{ op: 'Gemm', name: '/fc/Gemm', inputs: ['a', 'b', 'c'], outputs: ['y'], attrs: { transA: 1, transB: 1, alpha: { f: 2 }, beta: { f: 0.5 } } }],
      initializers: [doubles('b', [4, 3], b.flat()), doubles('c', [4], c)],
      inputs: [{ name: 'a', shape: [3, 2] }],
    }, { inputs: { a } });
    const expected = [0, 1].map(i => [0, 1, 2, 3].map(j => 2 * [0, 1, 2].reduce((s, k) => s + a[k][i] * b[j][k], 0) + 0.5 * c[j]));
    assertClose(model.outputs.get('y')?.toNested(), expected, 'Gemm');
    checkGradients(model);
    const node = model.graph.nodes.find(n => n.op === 'matmul');
    assert.strictEqual(node?.origin, '/fc/Gemm (Gemm)');
    assert.strictEqual(node?.group, 'fc');
    assert.strictEqual(node?.label, 'Gemm');
  });

  it('MatMul with batch broadcasting', async () => {
    const x = [[[1, 2]], [[3, 4]]];
    const y = await single({ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }, x, 13, [doubles('w', [2, 2], [1, 1, 0, 2])]);
    assert.deepStrictEqual(y, [[[1, 5]], [[3, 11]]]);
  });
});

describe('ONNX mapping: softmax default axes by opset', () => {
  const x = [[[1, 2], [3, 5]], [[0, 0], [1, -1]]];

  it('opset 13: along the last axis', async () => {
    const y = await single({ op: 'Softmax', inputs: ['x'], outputs: ['y'] }, x, 13);
    assertClose(y, x.map(m => m.map(softmaxRows)), 'Softmax-13');
  });

  it('opset 11: axis 1 over the flattened trailing axes', async () => {
    const y = await single({ op: 'Softmax', inputs: ['x'], outputs: ['y'] }, x, 11);
    const expected = x.map(m => { const s = softmaxRows(m.flat()); return [s.slice(0, 2), s.slice(2)]; });
    assertClose(y, expected, 'Softmax-11');
  });

  it('LogSoftmax with an explicit axis, and its gradients', async () => {
    const y = await single({ op: 'LogSoftmax', inputs: ['x'], outputs: ['y'], attrs: { axis: 1 } }, x, 13);
    const expected = x.map(m => [0, 1].map(i => { const s = softmaxRows([m[0][i], m[1][i]]); return s; }))
      .map(cols => [[Math.log(cols[0][0]), Math.log(cols[1][0])], [Math.log(cols[0][1]), Math.log(cols[1][1])]]);
    assertClose(y, expected, 'LogSoftmax axis 1');
    checkGradients(await load({ opset: 11, nodes: [{ op: 'Softmax', inputs: ['x'], outputs: ['y'] }], inputs: [{ name: 'x', shape: [2, 2, 2] }] }, { inputs: { x } }));
  });
});

describe('ONNX mapping: shape operators', () => {
  const x = [[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]; // (2, 3, 2)

  it('Squeeze and Unsqueeze: axes attribute before opset 13, input from 13', async () => {
    const v = [[[[1, 2]], [[3, 4]], [[5, 6]]]]; // (1, 3, 1, 2)
    assert.deepStrictEqual(await single({ op: 'Squeeze', inputs: ['x'], outputs: ['y'], attrs: { axes: [0, 2] } }, v, 11), [[1, 2], [3, 4], [5, 6]]);
    assert.deepStrictEqual(await single({ op: 'Squeeze', inputs: ['x', 'axes'], outputs: ['y'] }, v, 13, [ints('axes', [-2])]), [[[1, 2], [3, 4], [5, 6]]]);
    assert.deepStrictEqual(await single({ op: 'Squeeze', inputs: ['x'], outputs: ['y'] }, v, 13), [[1, 2], [3, 4], [5, 6]]);
    assert.deepStrictEqual(await single({ op: 'Unsqueeze', inputs: ['x'], outputs: ['y'], attrs: { axes: [0, -1] } }, [1, 2, 3], 11), [[[1], [2], [3]]]);
    assert.deepStrictEqual(await single({ op: 'Unsqueeze', inputs: ['x', 'axes'], outputs: ['y'] }, [1, 2, 3], 13, [ints('axes', [1])]), [[1], [2], [3]]);
    await rejects(single({ op: 'Squeeze', inputs: ['x'], outputs: ['y'], attrs: { axes: [1] } }, v, 11), /cannot squeeze axis 1/);
  });

  it('Reshape: 0 copies a dimension, −1 is inferred; allowzero keeps 0', async () => {
    const reshape = (shape: number[], attrs = {}): Promise<Nested> => single({ op: 'Reshape', inputs: ['x', 's'], outputs: ['y'], attrs }, x, 14, [ints('s', shape)]);
    assert.deepStrictEqual(shapeOf(await reshape([0, -1])), [2, 6]);
    assert.deepStrictEqual(shapeOf(await reshape([-1, 0, 2])), [2, 3, 2]);
    assert.deepStrictEqual(await reshape([3, 4]), [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);
    await rejects(reshape([0, -1], { allowzero: 1 }), /reshape/);
  });

  it('PyTorch flatten chain Shape → Gather → Unsqueeze → Concat → Reshape folds to constants', async () => {
    const model = await load({
      opset: 13,
      nodes: [
        { op: 'Shape', inputs: ['x'], outputs: ['s'] },
        { op: 'Gather', inputs: ['s', 'zero'], outputs: ['n'], attrs: { axis: 0 } },
        { op: 'Unsqueeze', inputs: ['n', 'axes0'], outputs: ['n1'] },
        { op: 'Concat', inputs: ['n1', 'minus1'], outputs: ['shape'], attrs: { axis: 0 } },
        { op: 'Reshape', inputs: ['x', 'shape'], outputs: ['y'] },
      ],
      initializers: [{ name: 'zero', dims: [], dataType: INT64, values: [0] }, ints('axes0', [0]), ints('minus1', [-1])],
      inputs: [{ name: 'x', shape: [2, 3, 2] }],
    }, { inputs: { x } });
    assert.deepStrictEqual(model.outputs.get('y')?.toNested(), [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]]);
    // Only the reshape of x is an engine op (plus the loss); the shape arithmetic left no node.
    assert.deepStrictEqual(model.graph.nodes.filter(n => n.kind === 'op' && n.group !== 'loss').map(n => n.op), ['reshape']);
  });

  it('Flatten, Transpose, Concat, Gather, Identity, Dropout', async () => {
    assert.deepStrictEqual(shapeOf(await single({ op: 'Flatten', inputs: ['x'], outputs: ['y'], attrs: { axis: 2 } }, x)), [6, 2]);
    assert.deepStrictEqual(shapeOf(await single({ op: 'Flatten', inputs: ['x'], outputs: ['y'], attrs: { axis: 0 } }, x)), [1, 12]);
    assert.deepStrictEqual(await single({ op: 'Transpose', inputs: ['x'], outputs: ['y'], attrs: { perm: [0, 2, 1] } }, x), [[[1, 3, 5], [2, 4, 6]], [[7, 9, 11], [8, 10, 12]]]);
    assert.deepStrictEqual(await single({ op: 'Concat', inputs: ['x', 'x'], outputs: ['y'], attrs: { axis: -1 } }, [[1], [2]]), [[1, 1], [2, 2]]);
    assert.deepStrictEqual(await single({ op: 'Gather', inputs: ['x', 'i'], outputs: ['y'], attrs: { axis: 1 } }, x, 13, [ints('i', [2, 0])]), [[[5, 6], [1, 2]], [[11, 12], [7, 8]]]);
    assert.deepStrictEqual(await single({ op: 'Identity', inputs: ['x'], outputs: ['y'] }, [1, 2]), [1, 2]);
    assert.deepStrictEqual(await single({ op: 'Dropout', inputs: ['x'], outputs: ['y'], attrs: { ratio: { f: 0.5 } } }, [1, 2]), [1, 2]);
  });

  it('Slice: inputs from opset 10 (open end, negative step), attributes before', async () => {
    const row = [0, 1, 2, 3, 4, 5];
    const slice = (starts: number[], ends: (number | bigint)[], axes: number[], steps: number[]): Promise<Nested> => single(
      { op: 'Slice', inputs: ['x', 'starts', 'ends', 'axes', 'steps'], outputs: ['y'] }, row, 13,
      [ints('starts', starts), { name: 'ends', dims: [ends.length], dataType: INT64, values: ends }, ints('axes', axes), ints('steps', steps)]);
    assert.deepStrictEqual(await slice([1], [2n ** 63n - 1n], [0], [2]), [1, 3, 5]);
    assert.deepStrictEqual(await slice([-1], [-(2n ** 63n)], [0], [-2]), [5, 3, 1]);
    assert.deepStrictEqual(await slice([-3], [-1], [-1], [1]), [3, 4]);
    assert.deepStrictEqual(await single({ op: 'Slice', inputs: ['x'], outputs: ['y'], attrs: { starts: [1], ends: [3] } }, [[1, 2], [3, 4], [5, 6], [7, 8]], 9), [[3, 4], [5, 6]]);
    checkGradients(await load({
      opset: 13,
      nodes: [{ op: 'Slice', inputs: ['x', 'starts', 'ends', 'axes', 'steps'], outputs: ['y'] }],
      initializers: [ints('starts', [4]), ints('ends', [0]), ints('axes', [0]), ints('steps', [-3])],
      inputs: [{ name: 'x', shape: [6] }],
    }, { inputs: { x: row } }));
  });

  it('Pad: pads and value as inputs from opset 11, attributes before; only constant mode', async () => {
    const v = [[1, 2], [3, 4]];
    const value = { name: 'v', dims: [], dataType: DOUBLE, values: [7] };
    assert.deepStrictEqual(await single({ op: 'Pad', inputs: ['x', 'p', 'v'], outputs: ['y'] }, v, 13, [ints('p', [0, 1, 0, 0]), value]), [[7, 1, 2], [7, 3, 4]]);
    assert.deepStrictEqual(await single({ op: 'Pad', inputs: ['x', 'p'], outputs: ['y'] }, v, 13, [ints('p', [1, 0, 0, 0])]), [[0, 0], [1, 2], [3, 4]]);
    assert.deepStrictEqual(await single({ op: 'Pad', inputs: ['x'], outputs: ['y'], attrs: { pads: [0, 0, 1, 0], value: { f: -1 } } }, v, 2), [[1, 2], [3, 4], [-1, -1]]);
    await rejects(single({ op: 'Pad', inputs: ['x', 'p'], outputs: ['y'], attrs: { mode: 'reflect' } }, v, 13, [ints('p', [1, 0, 0, 0])]), /Pad mode 'reflect' is not supported/, 'unsupported');
  });

  it('Constant (value, value_float(s), value_int(s)), Cast and integer Div', async () => {
    const model = await load({
      opset: 13,
      nodes: [
        { op: 'Constant', inputs: [], outputs: ['c'], attrs: { value: { t: doubles('', [2], [10, 20]) } } },
        { op: 'Constant', inputs: [], outputs: ['f'], attrs: { value_float: { f: 0.1 } } },
        { op: 'Constant', inputs: [], outputs: ['fs'], attrs: { value_floats: { floats: [1, 2] } } },
        { op: 'Constant', inputs: [], outputs: ['i'], attrs: { value_int: 7 } },
        { op: 'Constant', inputs: [], outputs: ['is'], attrs: { value_ints: [-7, 2] } },
        { op: 'Div', inputs: ['i', 'is'], outputs: ['q'] },
        { op: 'Cast', inputs: ['q'], outputs: ['qf'], attrs: { to: 1 } },
        { op: 'Mul', inputs: ['x', 'c'], outputs: ['xc'] },
        { op: 'Mul', inputs: ['xc', 'f'], outputs: ['xcf'] },
        { op: 'Add', inputs: ['xcf', 'fs'], outputs: ['s'] },
        { op: 'Add', inputs: ['s', 'qf'], outputs: ['y'] },
      ],
      inputs: [{ name: 'x', shape: [2] }],
      outputs: ['y', 'q'],
    }, { inputs: { x: [1, 2] } });
    // 7 / −7 = −1 and 7 / 2 = 3 (truncated); 0.1 is the float32 attribute read as the decimal written.
    assert.deepStrictEqual(model.outputs.get('q')?.toNested(), [-1, 3]);
    assertClose(model.outputs.get('y')?.toNested(), [1 * 10 * 0.1 + 1 - 1, 2 * 20 * 0.1 + 2 + 3], 'constants');
  });

  it('Cast of a computed tensor to an integer type truncates toward zero; to a string type it is refused', async () => {
    assert.deepStrictEqual(await single({ op: 'Cast', inputs: ['x'], outputs: ['y'], attrs: { to: INT64 } }, [1.5, -2.7, 3]), [1, -2, 3]);
    await rejects(single({ op: 'Cast', inputs: ['x'], outputs: ['y'], attrs: { to: 8 } }, [1.5]), /Cast to data type 8 is not supported/, 'unsupported');
  });
});

describe('ONNX mapping: constants known at import time', () => {
  it('a float32 scalar Constant reads as the decimal written; larger float32 tensors stay exact', async () => {
    const model = await load({
      opset: 13,
      nodes: [
        { op: 'Constant', inputs: [], outputs: ['c'], attrs: { value: { t: { dims: [], values: [0.1] } } } },
        { op: 'Constant', inputs: [], outputs: ['v'], attrs: { value: { t: { dims: [2], values: [0.1, 0.2] } } } },
        { op: 'Mul', inputs: ['x', 'c'], outputs: ['y'] },
        { op: 'Mul', inputs: ['x', 'v'], outputs: ['z'] },
      ],
      inputs: [{ name: 'x', shape: [2] }],
      outputs: ['y', 'z'],
    }, { inputs: { x: [3, 5] } });
    assert.deepStrictEqual(model.outputs.get('y')?.toNested(), [3 * 0.1, 5 * 0.1]);
    assert.deepStrictEqual(model.outputs.get('z')?.toNested(), [3 * Math.fround(0.1), 5 * Math.fround(0.2)]);
  });

  it('Dropout: identity at inference, training mode refused', async () => {
    const mode = (on: number): TensorSpec => ({ name: 't', dims: [], dataType: 9, values: [on], encoding: 'typed' });
    assert.deepStrictEqual(await single({ op: 'Dropout', inputs: ['x', '', 't'], outputs: ['y'] }, [1, 2], 13, [mode(0)]), [1, 2]);
    await rejects(single({ op: 'Dropout', inputs: ['x', '', 't'], outputs: ['y'] }, [1, 2], 13, [mode(1)]), /training mode/, 'unsupported');
  });

  it('Gather indices computed from a float input are refused; an integer graph input is a constant', async () => {
    const spec = (elemType?: number): ModelSpec => ({
      opset: 13,
      nodes: [{ op: 'Gather', inputs: ['table', 'ids'], outputs: ['y'] }],
      initializers: [doubles('table', [3, 2], [1, 2, 3, 4, 5, 6])],
      inputs: [{ name: 'ids', shape: [2], elemType }],
    });
    await rejects(load(spec(), { inputs: { ids: [0, 1] } }), /Gather indices must be known at import time/, 'unsupported');
    const model = await load(spec(INT64), { inputs: { ids: [2, 0] } });
    assert.deepStrictEqual(model.outputs.get('y')?.toNested(), [[5, 6], [1, 2]]);
    assert.deepStrictEqual(model.graph.leaves(model.output).map(l => l.name), ['table']);
  });

  it("Conv's kernel_shape must match the weight", async () => {
    await rejects(single({ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'], attrs: { kernel_shape: [3, 3] } }, [[[[1, 2], [3, 4]]]], 13, [doubles('w', [1, 1, 2, 2], [1, 1, 1, 1])]), /kernel_shape \(3, 3\) does not match/, 'shape');
  });
});

describe('ONNX import: initializers', () => {
  it('float initializers are leaves named, grouped and labelled by their name; external data is read', async () => {
    const file = new Uint8Array(24);
    [1, 2, 3].forEach((v, i) => new DataView(file.buffer).setFloat64(8 * i, v, true));
    const asked: string[] = [];
    const model = await load({
      opset: 13,
      nodes: [{ op: 'Mul', name: '/layer1/Mul', inputs: ['x', 'layer1.weight'], outputs: ['y'] }],
      initializers: [{ name: 'layer1.weight', dims: [3], dataType: DOUBLE, values: [], external: { location: 'weights.bin' } }],
      inputs: [{ name: 'x', shape: [3] }],
    }, { inputs: { x: [1, 1, 2] }, readExternal: async request => { asked.push(request.location); return file.slice(request.offset, request.offset + request.length); } });
    assert.deepStrictEqual(asked, ['weights.bin']);
    assert.deepStrictEqual(model.outputs.get('y')?.toNested(), [1, 2, 6]);
    const leaf = model.graph.leaves(model.output)[0];
    assert.deepStrictEqual([leaf.name, leaf.label, leaf.group], ['layer1.weight', 'layer1.weight', 'layer1']);
  });

  it('external data without a reader names the tensor and the file', async () => {
    await rejects(load({
      opset: 13,
      nodes: [{ op: 'Neg', inputs: ['w'], outputs: ['y'] }],
      initializers: [{ name: 'w', dims: [1], dataType: DOUBLE, values: [], external: { location: 'w.data' } }],
    }), /tensor 'w' is stored in the external file 'w.data'/, 'model');
  });

  it('an initializer also listed as a graph input keeps its stored value', async () => {
    const model = await load({
      opset: 9,
      nodes: [{ op: 'Add', inputs: ['x', 'b'], outputs: ['y'] }],
      initializers: [doubles('b', [2], [10, 20])],
      inputs: [{ name: 'x', shape: [2] }, { name: 'b', shape: [2] }],
    }, { inputs: { x: [1, 2] } });
    assert.deepStrictEqual(model.outputs.get('y')?.toNested(), [11, 22]);
  });
});

describe('ONNX mapping: elementwise and activations', () => {
  const v = [-2, -0.5, 0.5, 3];

  it('Clip: min/max attributes before opset 11, inputs from 11 (omitted max)', async () => {
    assert.deepStrictEqual(await single({ op: 'Clip', inputs: ['x'], outputs: ['y'], attrs: { min: { f: -1 }, max: { f: 1 } } }, v, 6), [-1, -0.5, 0.5, 1]);
    const lo = { name: 'lo', dims: [], dataType: DOUBLE, values: [0] };
    assert.deepStrictEqual(await single({ op: 'Clip', inputs: ['x', 'lo', ''], outputs: ['y'] }, v, 12, [lo]), [0, 0, 0.5, 3]);
    assert.deepStrictEqual(await single({ op: 'Clip', inputs: ['x'], outputs: ['y'] }, v, 12), v);
  });

  it('LeakyRelu default alpha 0.01 and a float32 alpha read as written', async () => {
    assert.deepStrictEqual(await single({ op: 'LeakyRelu', inputs: ['x'], outputs: ['y'] }, v), [-0.02, -0.005, 0.5, 3]);
    assert.deepStrictEqual(await single({ op: 'LeakyRelu', inputs: ['x'], outputs: ['y'], attrs: { alpha: { f: 0.2 } } }, v), [-2 * 0.2, -0.5 * 0.2, 0.5, 3]);
  });

  it('unary and binary math against Math', async () => {
    const p = [0.5, 1, 2];
    const cases: [string, (x: number) => number][] = [
      ['Neg', x => -x], ['Sqrt', Math.sqrt], ['Exp', Math.exp], ['Log', Math.log], ['Abs', Math.abs], ['Relu', x => Math.max(x, 0)],
      ['Sigmoid', x => 1 / (1 + Math.exp(-x))], ['Tanh', Math.tanh], ['Softplus', x => Math.log1p(Math.exp(x))],
    ];
    for (const [op, f] of cases) {
      assertClose(await single({ op, inputs: ['x'], outputs: ['y'] }, p), p.map(f), op);
    }
    const two = [{ name: 'e', dims: [], dataType: DOUBLE, values: [2] }];
    assertClose(await single({ op: 'Pow', inputs: ['x', 'e'], outputs: ['y'] }, p, 13, two), [0.25, 1, 4], 'Pow');
    assertClose(await single({ op: 'Sub', inputs: ['x', 'e'], outputs: ['y'] }, p, 13, two), [-1.5, -1, 0], 'Sub');
    assertClose(await single({ op: 'Div', inputs: ['x', 'e'], outputs: ['y'] }, p, 13, two), [0.25, 0.5, 1], 'Div');
  });
});

describe('ONNX mapping: reductions', () => {
  const x = [[1, 2, 3], [4, 5, 6]];

  it('ReduceSum: axes input from opset 13, attribute before; keepdims; noop_with_empty_axes', async () => {
    assert.deepStrictEqual(await single({ op: 'ReduceSum', inputs: ['x', 'a'], outputs: ['y'], attrs: { keepdims: 0 } }, x, 13, [ints('a', [1])]), [6, 15]);
    assert.deepStrictEqual(await single({ op: 'ReduceSum', inputs: ['x'], outputs: ['y'], attrs: { axes: [0] } }, x, 11), [[5, 7, 9]]);
    assert.deepStrictEqual(await single({ op: 'ReduceSum', inputs: ['x'], outputs: ['y'] }, x, 13), [[21]]);
    assert.deepStrictEqual(await single({ op: 'ReduceSum', inputs: ['x'], outputs: ['y'], attrs: { noop_with_empty_axes: 1 } }, x, 13), x);
  });

  it('ReduceMean: axes attribute before opset 18, input from 18', async () => {
    assert.deepStrictEqual(await single({ op: 'ReduceMean', inputs: ['x'], outputs: ['y'], attrs: { axes: [-1], keepdims: 0 } }, x, 13), [2, 5]);
    assert.deepStrictEqual(await single({ op: 'ReduceMean', inputs: ['x', 'a'], outputs: ['y'] }, x, 18, [ints('a', [0])]), [[2.5, 3.5, 4.5]]);
  });
});

describe('ONNX mapping: convolution, pooling, batch norm', () => {
  const image = [[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]];

  it('Conv with bias and auto_pad SAME_UPPER / SAME_LOWER', async () => {
    const w = { name: 'w', dims: [1, 1, 2, 2], dataType: DOUBLE, values: [1, 1, 1, 1] };
    const bias = { name: 'b', dims: [1], dataType: DOUBLE, values: [100] };
    const conv = (autoPad: string): Promise<Nested> => single({ op: 'Conv', inputs: ['x', 'w', 'b'], outputs: ['y'], attrs: { auto_pad: autoPad, kernel_shape: [2, 2] } }, image, 13, [w, bias]);
    // Total padding 1 per axis: SAME_UPPER puts it at the end, SAME_LOWER at the beginning.
    assert.deepStrictEqual(await conv('SAME_UPPER'), [[[[112, 116, 109], [124, 128, 115], [115, 117, 109]]]]);
    assert.deepStrictEqual(await conv('SAME_LOWER'), [[[[101, 103, 105], [105, 112, 116], [111, 124, 128]]]]);
    assert.deepStrictEqual(await conv('VALID'), [[[[112, 116], [124, 128]]]]);
    checkGradients(await load({
      opset: 13,
      nodes: [{ op: 'Conv', inputs: ['x', 'w', 'b'], outputs: ['y'], attrs: { auto_pad: 'SAME_UPPER', strides: [2, 2] } }],
      initializers: [doubles('w', [2, 1, 2, 2], [0.5, -1, 0.25, 2, 1, 1, -0.5, 0.3]), doubles('b', [2], [0.1, -0.2])],
      inputs: [{ name: 'x', shape: [1, 1, 3, 3] }],
    }, { inputs: { x: image } }));
  });

  it('Conv of rank other than 1-D, 2-D and 3-D is refused at the node', async () => {
    await rejects(single({ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'] }, [[[[[[1, 2, 3]]]]]], 13, [doubles('w', [1, 1, 1, 1, 1, 2], [1, 1])]), /only 1-D, 2-D and 3-D Conv .* rank 6/, 'unsupported');
  });

  it('MaxPool, AveragePool and GlobalAveragePool', async () => {
    assert.deepStrictEqual(await single({ op: 'MaxPool', inputs: ['x'], outputs: ['y'], attrs: { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 } }, image), [[[[5, 6], [8, 9]]]]);
    assert.deepStrictEqual(await single({ op: 'AveragePool', inputs: ['x'], outputs: ['y'], attrs: { kernel_shape: [2, 2], pads: [1, 1, 1, 1], strides: [2, 2], count_include_pad: 1 } }, image), [[[[0.25, 1.25], [2.75, 7]]]]);
    assert.deepStrictEqual(await single({ op: 'GlobalAveragePool', inputs: ['x'], outputs: ['y'] }, image), [[[[5]]]]);
  });

  it('BatchNormalization (inference): values, and gradients reaching scale and B', async () => {
    const x = [[[[1, 2]], [[3, 4]]]]; // (1, 2, 1, 2)
    const params = [doubles('scale', [2], [2, 0.5]), doubles('B', [2], [1, -1]), doubles('mean', [2], [1.5, 3]), doubles('var', [2], [0.25, 4])];
    const model = await load({
      opset: 15,
      nodes: [{ op: 'BatchNormalization', name: '/bn/BatchNormalization', inputs: ['x', 'scale', 'B', 'mean', 'var'], outputs: ['y'], attrs: { epsilon: { f: 1e-5 } } }],
      initializers: params,
      inputs: [{ name: 'x', shape: [1, 2, 1, 2] }],
    }, { inputs: { x } });
    const bn = (v: number, c: number): number => (v - [1.5, 3][c]) / Math.sqrt([0.25, 4][c] + 1e-5) * [2, 0.5][c] + [1, -1][c];
    assertClose(model.outputs.get('y')?.toNested(), [[[[bn(1, 0), bn(2, 0)]], [[bn(3, 1), bn(4, 1)]]]], 'BatchNormalization');
    checkGradients(model);
    assert.deepStrictEqual(model.graph.leaves(model.output).map(l => l.name), ['scale', 'B', 'mean', 'var', 'x']);
  });
});

describe('ONNX import: losses, outputs, inputs', () => {
  const twoOutputs: ModelSpec = {
    opset: 13,
    nodes: [{ op: 'Identity', inputs: ['x'], outputs: ['logits'] }, { op: 'Neg', inputs: ['x'], outputs: ['negated'] }],
    inputs: [{ name: 'x', shape: ['batch', 3] }],
    outputs: ['logits', 'negated'],
  };
  const x = [[1, 2, 3], [1, 1, 1]];
  const lse = (row: number[]): number => Math.log(row.reduce((s, v) => s + Math.exp(v), 0));

  async function lossOf(options: ModelOptions): Promise<number> {
    const model = await load(twoOutputs, { inputs: { x }, ...options });
    return forward(model.graph, model.output).item();
  }

  it('l2 (default), sum and cross-entropy (mean over rows)', async () => {
    assertClose(await lossOf({}), 0.5 * (1 + 4 + 9 + 3), 'l2');
    assertClose(await lossOf({ loss: 'sum' }), 9, 'sum');
    assertClose(await lossOf({ loss: 'ce', target: [2, 0] }), ((lse(x[0]) - 3) + (lse(x[1]) - 1)) / 2, 'ce');
    assertClose(await lossOf({ loss: 'ce', target: 1 }), ((lse(x[0]) - 2) + (lse(x[1]) - 1)) / 2, 'ce one target');
    checkGradients(await load(twoOutputs, { inputs: { x }, loss: 'ce', target: [2, 0] }));
  });

  it('the loss nodes carry an origin read like an ONNX node\'s: "loss (<kind>)"', async () => {
    const originOf = async (options: ModelOptions): Promise<string | undefined> => {
      const model = await load(twoOutputs, { inputs: { x }, ...options });
      return model.graph.node(model.output).origin;
    };
    assert.strictEqual(await originOf({}), 'loss (L2Loss)');
    assert.strictEqual(await originOf({ loss: 'sum' }), 'loss (Sum)');
    assert.strictEqual(await originOf({ loss: 'ce', target: [2, 0] }), 'loss (CrossEntropy)');
  });

  it('a chosen output; every output value is reported', async () => {
    assertClose(await lossOf({ loss: 'sum', output: 'negated' }), -9, 'sum of negated');
    const model = await load(twoOutputs, { inputs: { x } });
    assert.deepStrictEqual([...model.outputs.keys()], ['logits', 'negated']);
    await rejects(load(twoOutputs, { inputs: { x }, output: 'nope' }), /no model output named 'nope'; the outputs are 'logits', 'negated'/);
  });

  it('loss errors: no target, bad class, wrong count, unknown loss', async () => {
    await rejects(lossOf({ loss: 'ce' }), /needs a target/, 'value');
    await rejects(lossOf({ loss: 'ce', target: [3, 0] }), /target 3 of row 0/, 'value');
    await rejects(lossOf({ loss: 'ce', target: [1] }), /1 targets for 2 batch rows/, 'value');
    // The CLI passes the user's word through unchecked.
    await rejects(lossOf(JSON.parse('{"loss": "mse"}') as ModelOptions), /unknown loss 'mse'; expected sum, l2 or ce/, 'value');
  });

  it('random inputs: seeded, symbolic dims taken as 1 and said in the notes', async () => {
    const a = await load(twoOutputs, { seed: 3 });
    const b = await load(twoOutputs, { seed: 3 });
    const c = await load(twoOutputs, { seed: 4 });
    const value = (m: ImportedModel): number[] => Array.from(m.outputs.get('logits')?.data ?? []);
    assert.deepStrictEqual(a.outputs.get('logits')?.shape, [1, 3]);
    assert.deepStrictEqual(value(a), value(b));
    assert.notDeepStrictEqual(value(a), value(c));
    assert.ok(a.notes.some(n => /dimension batch taken as 1/.test(n)), a.notes.join('\n'));
  });

  it('given inputs must fit the declared shape and name a real input', async () => {
    const declared: ValueSpec[] = [{ name: 'x', shape: [2, 3] }];
    const spec = { ...twoOutputs, inputs: declared };
    await rejects(load(spec, { inputs: { x: [[1, 2]] } }), /input 'x' has shape \(1, 2\), but the model declares \(2, 3\)/, 'value');
    await rejects(load(spec, { inputs: { y: [1] } }), /no model input named 'y'; the inputs are 'x'/, 'value');
  });
});

describe('ONNX import: graph structure and errors', () => {
  it('nodes out of order are sorted', async () => {
    const model = await load({
      opset: 13,
      nodes: [{ op: 'Neg', inputs: ['h'], outputs: ['y'] }, { op: 'Exp', inputs: ['x'], outputs: ['h'] }],
      inputs: [{ name: 'x', shape: [1] }],
      outputs: ['y'],
    }, { inputs: { x: [0] } });
    assert.deepStrictEqual(model.outputs.get('y')?.toNested(), [-1]);
  });

  it('a cycle and a missing value are clean errors', async () => {
    await rejects(load({
      opset: 13,
      nodes: [{ op: 'Neg', inputs: ['b'], outputs: ['a'] }, { op: 'Neg', inputs: ['a'], outputs: ['b'] }],
      outputs: ['a'],
    }), /cycle/, 'model');
    await rejects(load({ opset: 13, nodes: [{ op: 'Neg', inputs: ['ghost'], outputs: ['a'] }] }), /reads 'ghost', which is neither/, 'model');
  });

  it('lists every unsupported operator at once with name, op type and position', async () => {
    const err = await load({
      opset: 13,
      nodes: [
        { op: 'Relu', inputs: ['x'], outputs: ['a'] },
        { op: 'RoiAlign', name: 'up', inputs: ['a'], outputs: ['b'] },
        { op: 'Neg', inputs: ['b'], outputs: ['c'] },
        { op: 'Attention', name: 'attn', domain: 'com.microsoft', inputs: ['c'], outputs: ['y'] },
      ],
      inputs: [{ name: 'x', shape: [1] }],
    }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof InspectError);
    assert.strictEqual(err.kind, 'unsupported');
    assert.match(err.message, /unsupported ONNX operators: node 1 'up' \(RoiAlign\), node 3 'attn' \(com\.microsoft\.Attention\)/);
    assert.deepStrictEqual(err.detail, ["node 1 'up' (RoiAlign)", "node 3 'attn' (com.microsoft.Attention)"]);
  });

  it('a shape error inside a node names the node', async () => {
    const err = await load({
      opset: 13,
      nodes: [{ op: 'MatMul', name: '/0/MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
      initializers: [doubles('w', [3, 1], [1, 2, 3])],
      inputs: [{ name: 'x', shape: [1, 2] }],
    }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof InspectError);
    assert.strictEqual(err.node, "'/0/MatMul' (MatMul), node 0");
    // The place is said once: the message is bare and formatError puts the node in front.
    assert.strictEqual(formatError(err),
      "'/0/MatMul' (MatMul), node 0: matmul: shapes (1, 2) and (3, 1) are not aligned: 2 (last dim of the first) != 3 (second-to-last dim of the second)");
  });

  it('an error a converter raises names its node once', async () => {
    const err = await load({
      opset: 13,
      nodes: [{ op: 'Add', name: 'y', inputs: ['x', 'w'], outputs: ['y'] }],
      initializers: [doubles('w', [3], [1, 2, 3])],
      inputs: [{ name: 'x', shape: [2] }],
    }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof InspectError);
    assert.strictEqual(formatError(err), "'y' (Add), node 0: add: shapes (2,) and (3,) cannot be broadcast together");
  });

  it('an error a converter raises itself names its node once', async () => {
    const err = await load({
      opset: 11,
      nodes: [{ op: 'Softmax', name: 'sm', inputs: ['x'], outputs: ['y'], attrs: { axis: 5 } }],
      inputs: [{ name: 'x', shape: [2] }],
    }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof InspectError);
    assert.strictEqual(formatError(err), "'sm' (Softmax), node 0: axis 5 out of range for rank 1");
  });

  it('a model without a default-domain opset is read with opset 13, and says so', async () => {
    const model = await load({ nodes: [{ op: 'Softmax', inputs: ['x'], outputs: ['y'] }], inputs: [{ name: 'x', shape: [1, 2, 2] }] }, { inputs: { x: [[[0, 0], [0, 0]]] } });
    assert.deepStrictEqual(model.outputs.get('y')?.toNested(), [[[0.5, 0.5], [0.5, 0.5]]]);
    assert.ok(model.notes.some(n => /opset 13 assumed/.test(n)));
  });
});
