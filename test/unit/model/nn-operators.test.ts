// The converters of src/model/operators-nn.ts: values against PyTorch float64 (torch.nn.functional,
// numbers pasted from it), opset variants, loss gradients of input and weights against central
// differences, and bad attributes failing with an error naming the node.
import * as assert from 'assert';
import { Nested } from '../../../src/engine/tensor';
import { assertClose } from '../fixtures';
import { checkGradients, doubles, ints, oneNode, outputsOf, rejectsAt, single } from './onnx-testing';

const x = [-2.5, -0.5, 0.25, 1.5];

describe('ONNX nn operators: Split', () => {
  const m = [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]];
  const node = (inputs: string[], outputs: string[], attrs = {}) => ({ op: 'Split', name: '/Split', inputs, outputs, attrs });

  it('sizes as an input from opset 13, as an attribute before', async () => {
    assert.deepStrictEqual(await outputsOf(node(['x', 's'], ['a', 'b'], { axis: 1 }), m, 13, [ints('s', [2, 3])]), [[[1, 2], [6, 7]], [[3, 4, 5], [8, 9, 10]]]);
    assert.deepStrictEqual(await outputsOf(node(['x'], ['a', 'b'], { axis: -1, split: [4, 1] }), m, 11), [[[1, 2, 3, 4], [6, 7, 8, 9]], [[5], [10]]]);
  });

  it('equal parts by default (axis 0), num_outputs with a smaller last part from opset 18', async () => {
    assert.deepStrictEqual(await outputsOf(node(['x'], ['a', 'b']), m, 13), [[[1, 2, 3, 4, 5]], [[6, 7, 8, 9, 10]]]);
    assert.deepStrictEqual(await outputsOf(node(['x'], ['a', 'b'], { axis: 1, num_outputs: 2 }), m, 18), [[[1, 2, 3], [6, 7, 8]], [[4, 5], [9, 10]]]);
  });

  it('gradients reach the input through every part', async () => {
    const model = await oneNode({ op: 'Split', inputs: ['x', 's'], outputs: ['a', 'b', 'c'], attrs: { axis: 1 } }, m, 13, [ints('s', [1, 3, 1])]);
    checkGradients(model);
  });

  it('sizes that do not add up, or an uneven equal split, fail naming the node', async () => {
    await rejectsAt(outputsOf(node(['x', 's'], ['a', 'b'], { axis: 1 }), m, 13, [ints('s', [2, 2])]), /adding up to 5/, '/Split');
    await rejectsAt(outputsOf(node(['x'], ['a', 'b'], { axis: 1 }), m, 13), /cannot split a dimension of 5 into 2/, '/Split');
    await rejectsAt(outputsOf(node(['x'], ['a', 'b'], { axis: 2 }), m, 13), /axis 2 out of range/, '/Split');
    await rejectsAt(outputsOf(node(['x'], ['a', 'b', 'c'], { axis: 1, num_outputs: 3 }), [[1, 2, 3, 4]], 18), /cannot split a dimension of 4 into 3 parts of 2/, '/Split');
    await rejectsAt(outputsOf(node(['x'], ['a', 'b'], { axis: 1, num_outputs: 3 }), m, 18), /num_outputs 3 does not match the node's 2 outputs/, '/Split');
  });
});

describe('ONNX nn operators: Erf, Gelu and activations', () => {
  const cases: [string, Record<string, unknown>, number, Nested][] = [
    ['Erf', {}, 13, [-0.999593047982555, -0.5204998778130465, 0.27632639016823696, 0.9661051464753108]],
    ['Gelu', {}, 20, [-0.015524163314440398, -0.15426876936299344, 0.14967658142073093, 1.399789198096713]],
    ['Gelu', { approximate: 'tanh' }, 20, [-0.015084266089998577, -0.15428599017485606, 0.149675350701685, 1.3995715769802328]],
    ['Elu', { alpha: { f: 0.7 } }, 13, [-0.6425405009632708, -0.2754285382011566, 0.25, 1.5]],
    ['Celu', { alpha: { f: 1.5 } }, 13, [-1.2166865957436572, -0.4252030341393161, 0.25, 1.5]],
    ['Selu', {}, 13, [-1.6137857588732423, -0.6917581878028713, 0.2626752468388701, 1.5760514810332207]],
    ['Selu', { alpha: { f: 1.6732632423543772 }, gamma: { f: 1.0507009873554805 } }, 13, [-1.6137857588732423, -0.6917581878028713, 0.2626752468388701, 1.5760514810332207]],
    ['HardSigmoid', {}, 13, [0, 0.4, 0.55, 0.8]],
    ['HardSigmoid', { alpha: { f: 1 / 6 }, beta: { f: 0.5 } }, 13, [0.08333333333333333, 0.4166666666666667, 0.5416666666666666, 0.75]],
    ['HardSwish', {}, 14, [-0.20833333333333334, -0.20833333333333334, 0.13541666666666666, 1.125]],
    ['Mish', {}, 18, [-0.19681620390653337, -0.22074377465173, 0.1695724096638176, 1.4033782663958028]],
  ];

  it('values match torch.nn.functional in float64', async () => {
    for (const [op, attrs, opset, expected] of cases) {
      assertClose(await single({ op, inputs: ['x'], outputs: ['y'], attrs: attrs as never }, x, opset), expected, `${op} ${JSON.stringify(attrs)}`, 1e-12, 1e-15);
    }
  });

  it('gradients match central differences away from the kinks', async () => {
    for (const [op, attrs, opset] of cases) {
      checkGradients(await oneNode({ op, inputs: ['x'], outputs: ['y'], attrs: attrs as never }, [[-1.7, -0.3], [0.6, 2.2]], opset));
    }
  });

  it('PRelu: a per-channel slope (C, 1, 1) gets its gradient', async () => {
    const v = [[[[-1, 2]], [[3, -4]]]]; // (1, 2, 1, 2)
    const slope = doubles('slope', [2, 1, 1], [0.25, -0.5]);
    assert.deepStrictEqual(await single({ op: 'PRelu', inputs: ['x', 'slope'], outputs: ['y'] }, v, 9, [slope]), [[[[-0.25, 2]], [[3, 2]]]]);
    checkGradients(await oneNode({ op: 'PRelu', inputs: ['x', 'slope'], outputs: ['y'] }, [[[[-1.5, 2]], [[3, -0.4]]]], 9, [slope]));
  });

  it('bad attributes fail naming the node', async () => {
    await rejectsAt(single({ op: 'Gelu', name: '/act', inputs: ['x'], outputs: ['y'], attrs: { approximate: 'fast' } }, x, 20), /approximate must be 'none' or 'tanh'/, '/act');
    await rejectsAt(single({ op: 'Celu', name: '/celu', inputs: ['x'], outputs: ['y'], attrs: { alpha: { f: 0 } } }, x, 13), /alpha must be positive/, '/celu');
  });
});

describe('ONNX nn operators: normalization', () => {
  const v = [[[1, 2, 4], [0, -1, 3]], [[2, 2, 5], [1, 0.5, -2]]]; // (2, 2, 3)
  const image = [[[[1, 2], [4, 0]], [[-1, 3], [2, 2]], [[5, 1], [0.5, -2]], [[3, 3], [1, 0]]]]; // (1, 4, 2, 2)

  it('LayerNormalization (opset 17) over the last axis, with Mean and InvStdDev outputs', async () => {
    const node = { op: 'LayerNormalization', inputs: ['x', 'w', 'b'], outputs: ['y', 'mean', 'inv'] };
    const weights = [doubles('w', [3], [1.5, -1, 0.5]), doubles('b', [3], [0.1, 0.2, -0.3])];
    const [y, mean, inv] = await outputsOf(node, v, 17, weights);
    assertClose(y, [[[-1.5035622971754468, 0.4672603828625746, 0.3681509571564359], [-0.4883473871218787, 1.1805789785364644, 0.386405284975525]],
      [[-0.9606575201393357, 0.9071050134262237, 0.40710501342622357], [1.4334974620633754, -0.3079990331670001, -0.9984986706046253]]], 'LayerNormalization');
    assertClose(mean, [[[7 / 3], [2 / 3]], [[3], [-0.5 / 3]]], 'Mean');
    const variance = (row: number[]): number => { const m = row.reduce((s, e) => s + e, 0) / row.length; return row.reduce((s, e) => s + (e - m) ** 2, 0) / row.length; };
    assertClose(inv, v.map(rows => rows.map(row => [1 / Math.sqrt(variance(row) + 1e-5)])), 'InvStdDev');
    checkGradients(await oneNode(node, v, 17, weights));
  });

  it('LayerNormalization over the last two axes (axis 1), without bias', async () => {
    const node = { op: 'LayerNormalization', inputs: ['x', 'w'], outputs: ['y'], attrs: { axis: 1, epsilon: { f: 1e-5 } } };
    const w = doubles('w', [2, 3], [1.5, -1, 0.5, 2, 1, 1]);
    const b = [[0.1, 0.2, -0.3], [0, 0, 1]];
    const withBias = [[[-0.33915427999157655, -0.09276951999438449, 0.43192379998596114], [-1.7566171199663065, -1.4638475999719223, 1.8783085599831533]],
      [[0.5186619377539758, -0.07910795850265057, 0.5572601582581411], [-0.39872565500378676, -0.43859822050416536, -0.6347751855155253]]];
    assertClose(await single(node, v, 17, [w]), withBias.map(m => m.map((row, i) => row.map((e, j) => e - b[i][j]))), 'LayerNormalization axis 1');
    checkGradients(await oneNode(node, v, 17, [w]));
  });

  it('InstanceNormalization per channel', async () => {
    const node = { op: 'InstanceNormalization', inputs: ['x', 's', 'b'], outputs: ['y'] };
    const weights = [doubles('s', [4], [1, 2, -1, 0.5]), doubles('b', [4], [0, 0.1, 0.2, 0.3])];
    assertClose(await single(node, image, 13, weights), [[[[-0.5070913937723917, 0.16903046459079718], [1.5212741813171748, -1.1832132521355805]],
      [[-3.2333259259506173, 2.09999555557037], [0.7666651851901234, 0.7666651851901234]], [[-1.3442187661206395, 0.24981350858453677], [0.4490675429226838, 1.445337714613419]],
      [[0.7811237987748036, 0.7811237987748036], [0.011325720735117784, -0.3735733182847252]]]], 'InstanceNormalization');
    checkGradients(await oneNode(node, image, 13, weights));
  });

  it('GroupNormalization: scale per group at opset 18, per channel at 21', async () => {
    const node = { op: 'GroupNormalization', name: '/gn', inputs: ['x', 's', 'b'], outputs: ['y'], attrs: { num_groups: 2 } };
    const perGroup = [doubles('s', [2], [1, -1]), doubles('b', [2], [0, 0.2])];
    assertClose(await single(node, image, 18, perGroup), [[[[-0.4181200693512902, 0.25087204161077414], [1.5888562635349028, -1.0871121803133545]],
      [[-1.756104291275419, 0.9198641525728385], [0.25087204161077414, 0.25087204161077414]], [[-1.5615743739690655, 0.4163336950488326], [0.6635722036760698, 1.8997647468122563]],
      [[-0.5726203394601164, -0.5726203394601164], [0.4163336950488326, 0.9108107123033071]]]], 'GroupNormalization-18');
    const perChannel = [doubles('s', [4], [1, 2, -1, 0.5]), doubles('b', [4], [0, 0.1, 0.2, 0.3])];
    assertClose(await single(node, image, 21, perChannel), [[[[-0.4181200693512902, 0.25087204161077414], [1.5888562635349028, -1.0871121803133545]],
      [[-3.4122085825508375, 1.939728305145677], [0.6017440832215484, 0.6017440832215484]], [[-1.5615743739690655, 0.4163336950488326], [0.6635722036760698, 1.8997647468122563]],
      [[0.6863101697300582, 0.6863101697300582], [0.19183315247558366, -0.055405356151653595]]]], 'GroupNormalization-21');
    checkGradients(await oneNode(node, image, 18, perGroup));
    checkGradients(await oneNode(node, image, 21, perChannel));
    await rejectsAt(single(node, image, 21, perGroup), /scale has 2 entries, expected 4/, '/gn');
    await rejectsAt(single({ ...node, attrs: { num_groups: 3 } }, image, 21, perChannel), /num_groups 3 must divide the 4 channels/, '/gn');
  });

  it('a negative epsilon fails naming the node', async () => {
    await rejectsAt(single({ op: 'LayerNormalization', name: '/ln', inputs: ['x', 'w'], outputs: ['y'], attrs: { epsilon: { f: -1 } } }, v, 17, [doubles('w', [3], [1, 1, 1])]), /epsilon must be non-negative/, '/ln');
  });
});

describe('ONNX nn operators: reductions', () => {
  const m = [[1, -2, 3], [4, 0.5, -6]];

  it('values over an axis and over all', async () => {
    const over1 = (op: string, opset = 13): Promise<Nested> => single({ op, inputs: ['x'], outputs: ['y'], attrs: { axes: [1], keepdims: 0 } }, m, opset);
    assert.deepStrictEqual(await over1('ReduceMax'), [3, 4]);
    assert.deepStrictEqual(await over1('ReduceMin'), [-2, -6]);
    assert.deepStrictEqual(await over1('ReduceProd'), [-6, -12]);
    assert.deepStrictEqual(await over1('ReduceL1'), [6, 10.5]);
    assert.deepStrictEqual(await over1('ReduceSumSquare'), [14, 52.25]);
    assertClose(await over1('ReduceL2'), [Math.sqrt(14), Math.sqrt(52.25)], 'ReduceL2');
    assertClose(await single({ op: 'ReduceLogSum', inputs: ['x'], outputs: ['y'], attrs: { axes: [0] } }, [[1, 2], [3, 4]], 13), [[Math.log(4), Math.log(6)]], 'ReduceLogSum');
    assertClose(await over1('ReduceLogSumExp'), [Math.log(Math.exp(1) + Math.exp(-2) + Math.exp(3)), Math.log(Math.exp(4) + Math.exp(0.5) + Math.exp(-6))], 'ReduceLogSumExp');
    assert.deepStrictEqual(await single({ op: 'ReduceMax', inputs: ['x'], outputs: ['y'] }, m, 13), [[4]]);
  });

  it('axes as an input from opset 18 (ReduceMax); empty axes with noop_with_empty_axes is the identity', async () => {
    assert.deepStrictEqual(await single({ op: 'ReduceMax', inputs: ['x', 'a'], outputs: ['y'] }, m, 18, [ints('a', [0])]), [[4, 0.5, 3]]);
    assert.deepStrictEqual(await single({ op: 'ReduceProd', inputs: ['x', 'a'], outputs: ['y'], attrs: { keepdims: 0 } }, m, 18, [ints('a', [-1])]), [-6, -12]);
    assert.deepStrictEqual(await single({ op: 'ReduceMin', inputs: ['x'], outputs: ['y'], attrs: { noop_with_empty_axes: 1 } }, m, 18), m);
    assert.deepStrictEqual(await single({ op: 'ReduceMin', inputs: ['x'], outputs: ['y'], attrs: { keepdims: 0 } }, m, 18), -6);
  });

  it('gradients match central differences', async () => {
    for (const op of ['ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL1', 'ReduceL2', 'ReduceSumSquare', 'ReduceLogSumExp']) {
      checkGradients(await oneNode({ op, inputs: ['x'], outputs: ['y'], attrs: { axes: [1] } }, m, 13));
    }
    checkGradients(await oneNode({ op: 'ReduceLogSum', inputs: ['x'], outputs: ['y'] }, [[1, 2], [3, 4]], 13));
  });

  it('an axis out of range fails naming the node', async () => {
    await rejectsAt(single({ op: 'ReduceL2', name: '/norm', inputs: ['x'], outputs: ['y'], attrs: { axes: [2] } }, m, 13), /axis 2 out of range for rank 2/, '/norm');
  });
});
