// Resize and Upsample (src/model/operators-resize.ts, engine op resize_axis): values from the
// examples of the ONNX operator documentation and worked by hand for every coordinate
// transformation and rounding, the opset forms (10: scales; 11: roi, scales, sizes; 13: optional
// inputs; 18: axes and keep_aspect_ratio_policy; 19: half_pixel_symmetric; Upsample 7 and 9),
// gradients against central differences, and refusals naming the node.
import * as assert from 'assert';
import { Nested, Tensor } from '../../../src/engine/tensor';
import { assertAllClose, checkVjp, randomTensor } from '../engine/ops-testing';
import { FLOAT, NodeSpec, TensorSpec } from './onnx-writer';
import { checkGradients, ints, oneNode, rejectsAt, single } from './onnx-testing';

const floats = (name: string, values: number[]): TensorSpec => ({ name, dims: [values.length], dataType: FLOAT, values });
const empty = (name: string): TensorSpec => ({ name, dims: [0], dataType: FLOAT, values: [] });
const resize = (attrs: NodeSpec['attrs'], inputs: string[]): NodeSpec => ({ op: 'Resize', name: '/up/Resize', inputs: ['x', ...inputs], outputs: ['y'], attrs });
const square: Nested = [[[[1, 2], [3, 4]]]];
const wide: Nested = [[[[1, 2, 3, 4], [5, 6, 7, 8]]]];

const close = (actual: Nested, expected: Nested, what: string): void => assertAllClose(Tensor.fromNested(actual), expected, what, 1e-12, 1e-12);

/** Resize (opset 13) by scales: the output of x. */
const byScales = (x: Nested, scales: number[], attrs: NodeSpec['attrs'] = {}, opset = 13) =>
  single(resize(attrs, ['', 'scales']), x, opset, [floats('scales', scales)]);
const bySizes = (x: Nested, sizes: number[], attrs: NodeSpec['attrs'] = {}, opset = 13) =>
  single(resize(attrs, ['', '', 'sizes']), x, opset, [ints('sizes', sizes)]);

describe('ONNX Resize and Upsample', function () {
  // Central differences over every entry: seconds when the machine is busy.
  this.timeout(20_000);
  it('the ONNX documentation examples: nearest and linear, up and down, half_pixel and align_corners', async () => {
    assert.deepStrictEqual(await byScales(square, [1, 1, 2, 3], { mode: 'nearest' }), [[[[1, 1, 1, 2, 2, 2], [1, 1, 1, 2, 2, 2], [3, 3, 3, 4, 4, 4], [3, 3, 3, 4, 4, 4]]]]);
    assert.deepStrictEqual(await byScales(wide, [1, 1, 0.6, 0.6], { mode: 'nearest' }), [[[[1, 3]]]]);
    close(await byScales(square, [1, 1, 2, 2], { mode: 'linear' }), [[[[1, 1.25, 1.75, 2], [1.5, 1.75, 2.25, 2.5], [2.5, 2.75, 3.25, 3.5], [3, 3.25, 3.75, 4]]]], 'linear');
    const third = 1 / 3;
    close(await byScales(square, [1, 1, 2, 2], { mode: 'linear', coordinate_transformation_mode: 'align_corners' }),
      [[[[1, 1 + third, 2 - third, 2], [1 + 2 * third, 2, 2 + third, 3 - third], [2 + third, 3 - third, 3, 3 + third], [3, 3 + third, 4 - third, 4]]]], 'align_corners');
    close(await byScales(wide, [1, 1, 0.6, 0.6], { mode: 'linear' }), [[[[8 / 3, 13 / 3]]]], 'linear downsampling');
  });

  it('each rounding of nearest, and each coordinate transformation, worked by hand', async () => {
    // 4 → 8 entries: asymmetric maps output o to o/2, tf_half_pixel_for_nn to (o + ½)/2.
    const signal: Nested = [[[[10, 11, 12, 13]]]];
    const picks = async (attrs: NodeSpec['attrs']) => ((await bySizes(signal, [1, 1, 1, 8], { mode: 'nearest', ...attrs })) as number[][][][])[0][0][0].map(v => v - 10);
    assert.deepStrictEqual(await picks({ coordinate_transformation_mode: 'asymmetric', nearest_mode: 'round_prefer_floor' }), [0, 0, 1, 1, 2, 2, 3, 3]);
    assert.deepStrictEqual(await picks({ coordinate_transformation_mode: 'asymmetric', nearest_mode: 'round_prefer_ceil' }), [0, 1, 1, 2, 2, 3, 3, 3]);
    assert.deepStrictEqual(await picks({ coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' }), [0, 0, 1, 1, 2, 2, 3, 3]);
    assert.deepStrictEqual(await picks({ coordinate_transformation_mode: 'asymmetric', nearest_mode: 'ceil' }), [0, 1, 1, 2, 2, 3, 3, 3]);
    assert.deepStrictEqual(await picks({ coordinate_transformation_mode: 'tf_half_pixel_for_nn' }), [0, 1, 1, 2, 2, 3, 3, 3]);
    assert.deepStrictEqual(await picks({ coordinate_transformation_mode: 'half_pixel', nearest_mode: 'floor' }), [0, 0, 0, 1, 1, 2, 2, 3]);
    // To one entry: half_pixel samples the middle (1.5), pytorch_half_pixel and align_corners the first.
    const one = (mode: string) => bySizes(signal, [1, 1, 1, 1], { mode: 'linear', coordinate_transformation_mode: mode });
    assert.deepStrictEqual(await one('half_pixel'), [[[[11.5]]]]);
    assert.deepStrictEqual(await one('pytorch_half_pixel'), [[[[10]]]]);
    assert.deepStrictEqual(await one('align_corners'), [[[[10]]]]);
    // Beyond the ends, linear takes the edge entry: asymmetric 4 → 8 ends at 3.5.
    close(await bySizes(signal, [1, 1, 1, 8], { mode: 'linear', coordinate_transformation_mode: 'asymmetric' }), [[[[10, 10.5, 11, 11.5, 12, 12.5, 13, 13]]]], 'asymmetric linear');
  });

  it('opset 19: half_pixel_symmetric (the ONNX example)', async () => {
    close(await byScales([[[[1, 2, 3, 4]]]], [1, 1, 1, 0.6], { mode: 'linear', coordinate_transformation_mode: 'half_pixel_symmetric' }, 19), [[[[5 / 3, 10 / 3]]]], 'half_pixel_symmetric');
  });

  it('opset forms: Resize-10 scales, Resize-11 roi and an empty scales beside sizes, Upsample-7 and -9', async () => {
    const nearestTwice = [[[[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]]];
    assert.deepStrictEqual(await single(resize({ mode: 'nearest' }, ['scales']), square, 10, [floats('scales', [1, 1, 2, 2])]), nearestTwice);
    close(await single(resize({ mode: 'linear' }, ['scales']), square, 10, [floats('scales', [1, 1, 2, 2])]), [[[[1, 1.5, 2, 2], [2, 2.5, 3, 3], [3, 3.5, 4, 4], [3, 3.5, 4, 4]]]], 'Resize-10 linear (asymmetric)');
    const sized = await single(resize({ mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' }, ['roi', 'scales', 'sizes']), square, 11,
      [floats('roi', [0, 0, 0, 0, 1, 1, 1, 1]), empty('scales'), ints('sizes', [1, 1, 4, 4])]);
    assert.deepStrictEqual(sized, nearestTwice);
    assert.deepStrictEqual(await single({ op: 'Upsample', inputs: ['x'], outputs: ['y'], attrs: { scales: { floats: [1, 1, 2, 3] } } }, square, 7),
      [[[[1, 1, 1, 2, 2, 2], [1, 1, 1, 2, 2, 2], [3, 3, 3, 4, 4, 4], [3, 3, 3, 4, 4, 4]]]]);
    assert.deepStrictEqual(await single({ op: 'Upsample', inputs: ['x', 's'], outputs: ['y'] }, square, 9, [floats('s', [1, 1, 2, 2])]), nearestTwice);
  });

  it('opset 18: axes, and keep_aspect_ratio_policy with sizes', async () => {
    const shapeOf = async (sizes: number[], attrs: NodeSpec['attrs']) => {
      const y = await bySizes(square, sizes, { mode: 'nearest', ...attrs }, 18);
      return [(y as number[][][][])[0][0].length, (y as number[][][][])[0][0][0].length];
    };
    assert.deepStrictEqual(await shapeOf([7, 8], { axes: [2, 3] }), [7, 8]);
    assert.deepStrictEqual(await shapeOf([7, 8], { axes: [2, 3], keep_aspect_ratio_policy: 'not_larger' }), [7, 7]);
    assert.deepStrictEqual(await shapeOf([7, 8], { axes: [-2, -1], keep_aspect_ratio_policy: 'not_smaller' }), [8, 8]);
    assert.deepStrictEqual(await byScales(square, [3], { mode: 'nearest', axes: [3], coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' }, 18), [[[[1, 1, 1, 2, 2, 2], [3, 3, 3, 4, 4, 4]]]]);
  });

  it('gradients scatter back with the interpolation weights (central differences)', async () => {
    const x: Nested = [[[[0.3, -1.2, 0.8], [1.1, 0.4, -0.6]], [[-0.9, 0.2, 1.4], [0.5, -0.3, 0.7]]]];
    const interpolations: NodeSpec['attrs'][] = [
      { mode: 'linear' }, { mode: 'linear', coordinate_transformation_mode: 'align_corners' },
      { mode: 'linear', coordinate_transformation_mode: 'pytorch_half_pixel' }, { mode: 'nearest', nearest_mode: 'round_prefer_ceil' },
    ];
    for (const attrs of interpolations) {
      checkGradients(await oneNode(resize(attrs, ['', 'scales']), x, 13, [floats('scales', [1, 1, 2.5, 1.5])]));
      checkGradients(await oneNode(resize(attrs, ['', '', 'sizes']), x, 13, [ints('sizes', [1, 2, 1, 5])]));
    }
    for (const mode of ['nearest', 'linear']) {
      for (const coordinate of ['half_pixel', 'asymmetric', 'align_corners', 'tf_half_pixel_for_nn', 'half_pixel_symmetric']) {
        checkVjp('resize_axis', [randomTensor([2, 5, 3], 3)], { axis: 1, size: 8, scale: 1.6, mode, coordinate, nearest: 'round_prefer_floor' });
        checkVjp('resize_axis', [randomTensor([2, 5, 3], 4)], { axis: -1, size: 2, scale: 2 / 3, mode, coordinate, nearest: 'ceil' });
      }
    }
  });

  it('what it cannot do or read fails naming the node', async () => {
    const scales = [floats('scales', [1, 1, 2, 2])];
    const at = (attrs: NodeSpec['attrs'], pattern: RegExp, inputs = ['', 'scales'], initializers = scales, opset = 13) =>
      rejectsAt(single(resize(attrs, inputs), square, opset, initializers), pattern, '/up/Resize');
    await at({ mode: 'cubic' }, /mode 'cubic' is not supported \(nearest and linear are\)/);
    await at({ mode: 'area' }, /unknown mode 'area'; expected nearest, linear or cubic/);
    await at({ coordinate_transformation_mode: 'tf_crop_and_resize' }, /'tf_crop_and_resize' \(a crop by roi\) is not supported/);
    await at({ coordinate_transformation_mode: 'stretch' }, /unknown coordinate_transformation_mode 'stretch'/);
    await at({ nearest_mode: 'nearest' }, /unknown nearest_mode 'nearest'/);
    await at({ antialias: 1 }, /antialias is not supported/, ['', 'scales'], scales, 18);
    await at({}, /exactly one of scales and sizes must be given/, ['', 'scales', 'sizes'], [...scales, ints('sizes', [1, 1, 4, 4])]);
    await at({}, /exactly one of scales and sizes must be given/, []);
    await at({}, /scales has 2 entries, expected 4/, ['', 'scales'], [floats('scales', [2, 2])]);
    await at({}, /scale 0 for axis 2 must be positive/, ['', 'scales'], [floats('scales', [1, 1, 0, 1])]);
    await at({}, /scale 0.1 leaves no output along axis 2 of length 2/, ['', 'scales'], [floats('scales', [1, 1, 0.1, 1])]);
    await at({}, /size 0 for axis 3 must be a positive integer/, ['', '', 'sizes'], [ints('sizes', [1, 1, 2, 0])]);
    await at({ axes: [2, 2] }, /repeat an axis/, ['', 'scales'], [floats('scales', [2, 2])], 18);
    await at({ axes: [4] }, /axis 4 out of range for rank 4/, ['', 'scales'], [floats('scales', [2])], 18);
    await rejectsAt(single({ op: 'Upsample', name: '/up/Resize', inputs: ['x', 's'], outputs: ['y'] }, square, 9, [floats('s', [1, 1, 0.5, 1])]), /must be at least 1/, '/up/Resize');
    await rejectsAt(single({ op: 'Resize', name: '/up/Resize', inputs: ['x', '', 'x'], outputs: ['y'] }, [2, 2, 2, 2], 13), /scales must be known at import time/, '/up/Resize');
  });
});
