// The converters of src/model/operators-conv.ts and the 1-D forms of Conv, MaxPool and AveragePool:
// values worked by hand, pads from output_shape and auto_pad, opset variants, loss gradients of
// input, weight and bias against central differences, and bad attributes failing naming the node.
import * as assert from 'assert';
import { Nested } from '../../../src/engine/tensor';
import { NodeSpec, TensorSpec } from './onnx-writer';
import { importOnnx } from '../../../src/model/import';
import { onnxFixtures } from './onnx-fixtures';
import { checkGradients, doubles, oneNode, outputsOf, rejectsAt, single } from './onnx-testing';

const x: Nested = [[[[1, 2], [3, 4]]]];
const weight = doubles('w', [1, 1, 2, 2], [1, -1, 2, 0.5]);
const node = (attrs: NodeSpec['attrs'], inputs = ['x', 'w']): NodeSpec => ({ op: 'ConvTranspose', name: '/up/ConvTranspose', inputs, outputs: ['y'], attrs });

describe('ONNX conv operators: ConvTranspose', () => {
  it('stride 2 places one scaled copy of the kernel per input entry, plus the bias', async () => {
    // Each x[i][j]·w lands at rows 2i…2i+1, columns 2j…2j+1; bias 0.5 everywhere.
    const expected = [[[[1.5, -0.5, 2.5, -1.5], [2.5, 1, 4.5, 1.5], [3.5, -2.5, 4.5, -3.5], [6.5, 2, 8.5, 2.5]]]];
    for (const opset of [9, 11, 22]) {
      assert.deepStrictEqual(await single(node({ strides: [2, 2] }, ['x', 'w', 'b']), x, opset, [weight, doubles('b', [1], [0.5])]), expected, `opset ${opset}`);
    }
  });

  it('overlapping taps add up; pads crop and output_padding extends the bottom and right', async () => {
    // Stride 1: the full 3×3 result is Σ x[i][j]·w shifted by (i, j).
    const full = [[1, 1, -2], [5, 5.5, -3], [6, 9.5, 2]];
    assert.deepStrictEqual(await single(node({}), x, 13, [weight]), [[full]]);
    assert.deepStrictEqual(await single(node({ pads: [1, 0, 0, 1] }), x, 13, [weight]), [[full.slice(1).map(r => r.slice(0, 2))]]);
    const padded = await single(node({ strides: [2, 2], output_padding: [1, 0] }), x, 13, [weight]) as number[][][][];
    assert.deepStrictEqual([padded[0][0].length, padded[0][0][0].length], [5, 4]);
    assert.deepStrictEqual(padded[0][0][4], [0, 0, 0, 0]);
  });

  it('output_shape and auto_pad SAME_* turn into pads by the ONNX formula', async () => {
    const at = (attrs: NodeSpec['attrs']) => single(node({ strides: [2, 2], kernel_shape: [3, 3], ...attrs }), x, 13, [doubles('w', [1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9])]);
    // The full output is 5×5; asking for 4×4 leaves a total padding of 1 per axis.
    assert.deepStrictEqual(await at({ output_shape: [4, 4] }), await at({ pads: [1, 1, 0, 0] }));
    assert.deepStrictEqual(await at({ output_shape: [1, 1, 4, 4], auto_pad: 'SAME_UPPER' }), await at({ pads: [0, 0, 1, 1] }));
    assert.deepStrictEqual(await at({ auto_pad: 'SAME_UPPER' }), await at({ pads: [0, 0, 1, 1] }));
    assert.deepStrictEqual(await at({ auto_pad: 'SAME_LOWER' }), await at({ pads: [1, 1, 0, 0] }));
    assert.deepStrictEqual(await at({ auto_pad: 'VALID', pads: [2, 2, 2, 2] }), await at({}));
  });

  it('gradients of input, weight and bias match central differences (groups, dilation, stride)', async () => {
    const input: Nested = [[[[0.3, -1.2, 0.8], [1.1, 0.4, -0.6]], [[-0.9, 0.2, 1.4], [0.5, -0.3, 0.7]]]];
    const w: TensorSpec = doubles('w', [2, 2, 2, 2], [0.5, -0.4, 0.9, 0.1, -0.7, 0.3, 0.2, -1.1, 0.6, 0.8, -0.2, 0.4, 1.0, -0.5, 0.3, 0.25]);
    const model = await oneNode(node({ group: 2, strides: [2, 1], dilations: [1, 2], pads: [1, 0, 0, 1], output_padding: [1, 0] }, ['x', 'w', 'b']), input, 17, [w, doubles('b', [4], [0.1, -0.2, 0.3, -0.4])]);
    checkGradients(model);
  });

  it('bad attributes and shapes fail naming the node', async () => {
    const rejects = (attrs: NodeSpec['attrs'], pattern: RegExp, input: Nested = x, w: TensorSpec = weight) => rejectsAt(single(node(attrs), input, 13, [w]), pattern, '/up/ConvTranspose');
    await rejects({}, /only 1-D, 2-D and 3-D ConvTranspose .* rank 6/, [[[[[[1, 2, 3]]]]]]);
    await rejects({}, /weight of rank 4, expected 3/, [[[1, 2, 3]]]);
    await rejects({ kernel_shape: [3, 3] }, /kernel_shape \(3, 3\) does not match the weight's \(2, 2\)/);
    await rejects({ pads: [1, 1, 1] }, /pads \[1,1,1\] must have 4 entries/);
    await rejects({ strides: [2] }, /strides \[2\] must have 2 entries/);
    await rejects({ strides: [2, 2], output_padding: [2, 0] }, /output_padding 2 must be at least 0 and smaller than the stride 2 or the dilation 1/);
    await rejects({ output_shape: [9, 9] }, /output size 9 along spatial axis 0 is larger than the 3/);
    await rejects({ output_shape: [3] }, /output_shape \[3\] must have 2 \(or 4\) entries/);
    await rejects({ auto_pad: 'SAME' }, /unknown auto_pad SAME/);
    await rejects({ group: 2 }, /do not match with group 2/);
    await rejects({ pads: [2, 2, 2, 2] }, /leave no output/);
  });
});

describe('ONNX conv operators: 1-D Conv, MaxPool, AveragePool and ConvTranspose', () => {
  const signal: Nested = [[[1, -2, 3, 0.5, -1]]];
  const w1 = doubles('w', [1, 1, 2], [1, -1]);
  const one = (op: string, attrs: NodeSpec['attrs'], inputs = ['x']): NodeSpec => ({ op, name: `/1d/${op}`, inputs, outputs: ['y'], attrs });

  it('values worked by hand: differences, window maxima and means, transposed scatter', async () => {
    assert.deepStrictEqual(await single(one('Conv', { strides: [2], pads: [1, 0] }, ['x', 'w']), signal, 13, [w1]), [[[-1, -5, 1.5]]]);
    assert.deepStrictEqual(await single(one('Conv', { dilations: [2] }, ['x', 'w']), signal, 13, [w1]), [[[-2, -2.5, 4]]]);
    assert.deepStrictEqual(await single(one('MaxPool', { kernel_shape: [2], strides: [2], ceil_mode: 1 }), signal, 12), [[[1, 3, -1]]]);
    assert.deepStrictEqual(await single(one('AveragePool', { kernel_shape: [2], pads: [1, 1] }), signal, 11), [[[1, -0.5, 0.5, 1.75, -0.25, -1]]]);
    assert.deepStrictEqual(await single(one('ConvTranspose', { strides: [2], output_padding: [1] }, ['x', 'w']), [[[1, 2]]], 13, [w1]), [[[1, -1, 2, -2, 0]]]);
  });

  it('gradients of input, weight and bias match central differences', async () => {
    const x: Nested = [[[0.3, -1.2, 0.8, 1.1, 0.4, -0.6], [-0.9, 0.2, 1.4, 0.5, -0.3, 0.7]]];
    const w = doubles('w', [2, 1, 3], [0.5, -0.4, 0.9, 0.1, -0.7, 0.3]), b = doubles('b', [2], [0.1, -0.2]);
    checkGradients(await oneNode(one('Conv', { group: 2, strides: [2], pads: [1, 2], dilations: [2] }, ['x', 'w', 'b']), x, 13, [w, b]));
    checkGradients(await oneNode(one('ConvTranspose', { group: 2, strides: [3], pads: [1, 0], output_padding: [2] }, ['x', 'w', 'b']), x, 13, [w, b]));
    checkGradients(await oneNode(one('MaxPool', { kernel_shape: [3], strides: [2], pads: [1, 1] }), x, 12));
    checkGradients(await oneNode(one('AveragePool', { kernel_shape: [3], strides: [2], pads: [1, 1], count_include_pad: 1 }), x, 11));
  });

  it('attributes with the wrong number of entries for 1-D fail naming the node', async () => {
    await rejectsAt(single(one('Conv', { strides: [1, 1] }, ['x', 'w']), signal, 13, [w1]), /strides \[1,1\] must have 1 entries for a 1-D Conv/, '/1d/Conv');
    await rejectsAt(single(one('Conv', { pads: [0, 0, 0, 0] }, ['x', 'w']), signal, 13, [w1]), /pads \[0,0,0,0\] must have 2 entries for a 1-D Conv/, '/1d/Conv');
    await rejectsAt(single(one('MaxPool', { kernel_shape: [2, 2] }), signal, 12), /kernel_shape \[2,2\] must have 1 entries for a 1-D MaxPool/, '/1d/MaxPool');
    await rejectsAt(single(one('AveragePool', {}), signal, 11), /kernel_shape must have 1 entries for 1-D pooling/, '/1d/AveragePool');
    await rejectsAt(single(one('ConvTranspose', { output_shape: [1, 2] }, ['x', 'w']), signal, 13, [w1]), /output_shape \[1,2\] must have 1 \(or 3\) entries/, '/1d/ConvTranspose');
    await rejectsAt(single(one('Conv', {}, ['x', 'w']), signal, 13, [doubles('w', [1, 1, 1, 2], [1, 1])]), /weight of rank 4, expected 3/, '/1d/Conv');
  });
});

describe('ONNX conv operators: 3-D Conv, ConvTranspose, MaxPool, AveragePool and the global pools', function () {
  // Central differences over every entry: seconds when the machine is busy.
  this.timeout(20_000);
  // Two depth slices of a 2×2 image: 1…4 and 5…8.
  const volume: Nested = [[[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]]];
  const one = (op: string, attrs: NodeSpec['attrs'], inputs = ['x']): NodeSpec => ({ op, name: `/3d/${op}`, inputs, outputs: ['y'], attrs });
  const ones = (name: string, dims: number[]) => doubles(name, dims, new Array<number>(dims.reduce((p, d) => p * d, 1)).fill(1));

  it('values worked by hand in every opset the exporters write', async () => {
    for (const opset of [7, 11, 13, 17, 22]) {
      // A 2×2×2 box sum of everything, plus the bias.
      assert.deepStrictEqual(await single(one('Conv', {}, ['x', 'w', 'b']), volume, opset, [ones('w', [1, 1, 2, 2, 2]), doubles('b', [1], [0.5])]), [[[[[36.5]]]]], `opset ${opset}`);
      assert.deepStrictEqual(await single(one('MaxPool', { kernel_shape: [2, 1, 1] }), volume, opset), [[[[[5, 6], [7, 8]]]]], `opset ${opset}`);
    }
    // SAME_UPPER with stride 2 keeps ⌈size/2⌉ per axis and pads at the end.
    assert.deepStrictEqual(await single(one('Conv', { auto_pad: 'SAME_UPPER', strides: [2, 2, 2] }, ['x', 'w']), volume, 13, [ones('w', [1, 1, 3, 3, 3])]), [[[[[36]]]]]);
    assert.deepStrictEqual(await single(one('AveragePool', { kernel_shape: [2, 2, 1] }), volume, 11), [[[[[4, 5]]]]]);
    assert.deepStrictEqual(await single(one('ConvTranspose', { strides: [2, 1, 1] }, ['x', 'w']), [[[[[1]], [[2]]]]], 13, [ones('w', [1, 1, 2, 1, 1])]), [[[[[1]], [[1]], [[2]], [[2]]]]]);
    assert.deepStrictEqual(await single(one('GlobalAveragePool', {}), volume, 13), [[[[[4.5]]]]]);
    assert.deepStrictEqual(await single(one('GlobalMaxPool', {}), volume, 13), [[[[[8]]]]]);
  });

  it('gradients of input, weight and bias match central differences', async () => {
    const x: Nested = [[[[[0.3, -1.2, 0.8], [1.1, 0.4, -0.6]], [[-0.9, 0.2, 1.4], [0.5, -0.3, 0.7]], [[0.6, 0.1, -0.4], [-0.8, 1.3, 0.9]]],
      [[[-0.2, 0.7, 1.0], [0.35, -1.1, 0.45]], [[0.15, -0.65, 0.55], [1.2, -0.25, -0.75]], [[0.85, -0.05, 0.3], [-0.5, 0.95, -1.3]]]]];
    const w = doubles('w', [2, 1, 2, 1, 2], [0.5, -0.4, 0.9, 0.1, -0.7, 0.3, 0.2, -1.1]), b = doubles('b', [2], [0.1, -0.2]);
    checkGradients(await oneNode(one('Conv', { group: 2, strides: [2, 1, 1], pads: [1, 0, 1, 0, 1, 0], dilations: [1, 1, 2] }, ['x', 'w', 'b']), x, 13, [w, b]));
    checkGradients(await oneNode(one('ConvTranspose', { group: 2, strides: [1, 2, 2], pads: [0, 1, 1, 1, 0, 0], output_padding: [0, 1, 0] }, ['x', 'w', 'b']), x, 17, [w, b]));
    checkGradients(await oneNode(one('MaxPool', { kernel_shape: [2, 2, 2], strides: [1, 1, 2], pads: [1, 0, 1, 0, 1, 1] }), x, 12));
    checkGradients(await oneNode(one('AveragePool', { kernel_shape: [2, 1, 3], strides: [2, 1, 1], pads: [1, 0, 1, 0, 0, 1], ceil_mode: 1 }), x, 11));
    checkGradients(await oneNode(one('GlobalMaxPool', {}), x, 13));
  });

  it('attributes with the wrong number of entries for 3-D fail naming the node', async () => {
    const w = ones('w', [1, 1, 2, 2, 2]);
    await rejectsAt(single(one('Conv', { strides: [1, 1] }, ['x', 'w']), volume, 13, [w]), /strides \[1,1\] must have 3 entries for a 3-D Conv/, '/3d/Conv');
    await rejectsAt(single(one('Conv', { pads: [0, 0, 0, 0] }, ['x', 'w']), volume, 13, [w]), /pads \[0,0,0,0\] must have 6 entries for a 3-D Conv/, '/3d/Conv');
    await rejectsAt(single(one('MaxPool', { kernel_shape: [2, 2] }), volume, 12), /kernel_shape \[2,2\] must have 3 entries for a 3-D MaxPool/, '/3d/MaxPool');
    await rejectsAt(single(one('AveragePool', { kernel_shape: [3, 1, 1] }), volume, 11), /window of 3 \(dilation 1\) is larger than the padded input of 2/, '/3d/AveragePool');
    await rejectsAt(single(one('ConvTranspose', { output_shape: [1, 2] }, ['x', 'w']), volume, 13, [w]), /output_shape \[1,2\] must have 3 \(or 5\) entries/, '/3d/ConvTranspose');
    await rejectsAt(single(one('Conv', {}, ['x', 'w']), volume, 13, [ones('w', [1, 1, 2, 2])]), /weight of rank 4, expected 5/, '/3d/Conv');
    await rejectsAt(single(one('GlobalMaxPool', {}), [[1, 2]], 13), /input of rank 2, expected \(N, C, D1, …\)/, '/3d/GlobalMaxPool');
  });
});

describe('ONNX conv operators: MaxPool Indices (opset 8+)', () => {
  const pool = (attrs: NodeSpec['attrs']): NodeSpec => ({ op: 'MaxPool', name: '/pool/MaxPool', inputs: ['x'], outputs: ['y', 'indices'], attrs });
  // Two planes (N 1, C 2) of 2×3; the last window of each row overhangs into the end padding.
  const x: Nested = [[[[1, 5, 2], [4, 3, 6]], [[9, 0, 7], [8, -1, 3]]]];
  const window = { kernel_shape: [2, 2], pads: [0, 0, 0, 1] };

  it('row major (storage_order 0): flat indices over N·C·H·W, padding not counted', async () => {
    const [y, indices] = await outputsOf(pool(window), x, 12);
    assert.deepStrictEqual(y, [[[[5, 6, 6]], [[9, 7, 7]]]]);
    // 5 at (0, 1) and 6 at (1, 2) of plane 0; 9 at (0, 0) and 7 at (0, 2) of plane 1, after its 6 entries.
    assert.deepStrictEqual(indices, [[[[1, 5, 5]], [[6, 8, 8]]]]);
  });

  it('column major (storage_order 1): h + w·H within each plane, and i1 + i2·S1 + i3·S1·S2 in 3-D', async () => {
    assert.deepStrictEqual((await outputsOf(pool({ ...window, storage_order: 1 }), x, 12))[1], [[[[2, 5, 5]], [[6, 10, 10]]]]);
    const volume: Nested = [[[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]]];
    const rowMajor = await outputsOf(pool({ kernel_shape: [2, 1, 1] }), volume, 12);
    assert.deepStrictEqual(rowMajor, [[[[[[5, 6], [7, 8]]]]], [[[[[4, 5], [6, 7]]]]]]);
    assert.deepStrictEqual((await outputsOf(pool({ kernel_shape: [2, 1, 1], storage_order: 1 }), volume, 12))[1], [[[[[1, 5], [3, 7]]]]]);
  });

  it('the values keep their gradient; the indices are constants, and the import notes say so', async () => {
    const model = await oneNode(pool({ kernel_shape: [2, 2], strides: [1, 2], pads: [1, 0, 0, 1] }), [[[[0.3, -1.2, 0.8], [1.1, 0.4, -0.6], [-0.9, 0.2, 1.4]]]], 12);
    checkGradients(model);
    assert.ok(model.notes.some(note => /integer results of computed tensors .* carry no gradient: 1 MaxPool/.test(note)), JSON.stringify(model.notes));
  });

  it('an Indices output before opset 8 and an unknown storage_order fail naming the node', async () => {
    await rejectsAt(outputsOf(pool(window), x, 7), /MaxPool has an Indices output from opset 8; this model is opset 7/, '/pool/MaxPool');
    await rejectsAt(outputsOf(pool({ ...window, storage_order: 2 }), x, 12), /storage_order must be 0 \(row major\) or 1 \(column major\), got 2/, '/pool/MaxPool');
  });

  it('PyTorch exports (return_indices=True, opsets 9 and 13, 1-D and 2-D): the indices PyTorch returns', async () => {
    const exports = onnxFixtures().filter(f => f.name.startsWith('maxpool_indices_'));
    assert.strictEqual(exports.length, 3);
    for (const { name, bytes, spec } of exports) {
      const model = await importOnnx(bytes, name, { inputs: spec.inputs, loss: spec.loss });
      assert.deepStrictEqual(model.outputs.get('indices')?.toNested(), (spec.expected as { indices?: Nested }).indices, name);
    }
  });
});
