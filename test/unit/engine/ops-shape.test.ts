import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { AttrValue } from '../../../src/engine/op';
import { Tensor } from '../../../src/engine/tensor';
import { assertAllClose, checkVjp, randomTensor, run, t } from './ops-testing';

const isShape = (e: unknown): boolean => e instanceof InspectError && e.kind === 'shape';
const int = (value: number) => ({ kind: 'int', value });
const slice = (start: number | null, stop: number | null, step: number | null = null) => ({ kind: 'slice', start, stop, step });
const newaxis = { kind: 'newaxis' };
const ellipsis = { kind: 'ellipsis' };
const index = (x: Tensor, ...items: AttrValue[]) => run('index', [x], { items });

describe('ops: transpose, reshape, broadcast_to, concat, stack', () => {
  const m = t([[1, 2, 3], [4, 5, 6]]);

  it('transpose reverses the axes by default, or permutes them', () => {
    assertAllClose(run('transpose', [m]), [[1, 4], [2, 5], [3, 6]], 'T');
    const x = randomTensor([2, 3, 4], 81);
    const y = run('transpose', [x], { axes: [1, -1, 0] });
    assert.deepStrictEqual([...y.shape], [3, 4, 2]);
    assert.strictEqual(y.data[(2 * 4 + 1) * 2 + 1], x.data[(1 * 3 + 2) * 4 + 1], 'y[2,1,1] = x[1,2,1]');
    assertAllClose(run('transpose', [t([1, 2])]), [1, 2], '1-D');
    checkVjp('transpose', [x]);
    checkVjp('transpose', [x], { axes: [1, 2, 0] });
    assert.throws(() => run('transpose', [x], { axes: [0, 0, 1] }), isShape);
  });

  it('reshape with one inferred -1', () => {
    assertAllClose(run('reshape', [m], { shape: [3, 2] }), [[1, 2], [3, 4], [5, 6]], 'reshape');
    assertAllClose(run('reshape', [m], { shape: [-1] }), [1, 2, 3, 4, 5, 6], 'flatten');
    assertAllClose(run('reshape', [m], { shape: [-1, 1, 2] }), [[[1, 2]], [[3, 4]], [[5, 6]]], 'inferred');
    assertAllClose(run('reshape', [t([7])], { shape: [] }), 7, 'to scalar');
    checkVjp('reshape', [m], { shape: [6, -1] });
    assert.throws(() => run('reshape', [m], { shape: [4, -1] }), (e: unknown) => isShape(e) && (e as Error).message.includes('(2, 3)'));
    assert.throws(() => run('reshape', [m], { shape: [-1, -1] }), isShape);
  });

  it('reshape copies: the output never aliases the input', () => {
    const y = run('reshape', [m], { shape: [6] });
    y.data[0] = 99;
    assert.strictEqual(m.data[0], 1);
  });

  it('broadcast_to, with a summing VJP', () => {
    assertAllClose(run('broadcast_to', [t([1, 2])], { shape: [2, 2] }), [[1, 2], [1, 2]], 'broadcast_to');
    checkVjp('broadcast_to', [randomTensor([3, 1], 82)], { shape: [2, 3, 4] });
    assert.throws(() => run('broadcast_to', [t([1, 2])], { shape: [3] }), isShape);
  });

  it('concat along an axis, naming mismatched shapes', () => {
    const a = t([[1, 2]]), b = t([[3, 4], [5, 6]]);
    assertAllClose(run('concat', [a, b], { axis: 0 }), [[1, 2], [3, 4], [5, 6]], 'axis 0');
    assertAllClose(run('concat', [b, b], { axis: -1 }), [[3, 4, 3, 4], [5, 6, 5, 6]], 'axis -1');
    checkVjp('concat', [randomTensor([2, 1, 3], 83), randomTensor([2, 2, 3], 84), randomTensor([2, 3, 3], 85)], { axis: 1 });
    assert.throws(() => run('concat', [a, b], { axis: 1 }), (e: unknown) => isShape(e) && (e as Error).message.includes('(1, 2)'));
  });

  it('stack inserts a new axis', () => {
    const a = t([1, 2]), b = t([3, 4]);
    assertAllClose(run('stack', [a, b]), [[1, 2], [3, 4]], 'axis 0');
    assertAllClose(run('stack', [a, b], { axis: 1 }), [[1, 3], [2, 4]], 'axis 1');
    assertAllClose(run('stack', [Tensor.scalar(1), Tensor.scalar(2)]), [1, 2], 'scalars');
    checkVjp('stack', [randomTensor([2, 3], 86), randomTensor([2, 3], 87)], { axis: -1 });
  });
});

describe('ops: index (NumPy basic indexing)', () => {
  const x = t([[0, 1, 2, 3], [10, 11, 12, 13], [20, 21, 22, 23]]);

  it('integers, negative integers, trailing axes kept', () => {
    assertAllClose(index(x, int(1)), [10, 11, 12, 13], 'x[1]');
    assertAllClose(index(x, int(-1), int(-2)), 22, 'x[-1, -2]');
    assertAllClose(index(x, int(0), int(3)), 3, 'x[0, 3]');
  });

  it('slices with defaults, steps, negative steps and out-of-range bounds', () => {
    assertAllClose(index(x, slice(1, null)), [[10, 11, 12, 13], [20, 21, 22, 23]], 'x[1:]');
    assertAllClose(index(x, slice(null, null), slice(null, null, 2)), [[0, 2], [10, 12], [20, 22]], 'x[:, ::2]');
    assertAllClose(index(x, int(0), slice(null, null, -1)), [3, 2, 1, 0], 'x[0, ::-1]');
    assertAllClose(index(x, int(1), slice(-1, 0, -2)), [13, 11], 'x[1, -1:0:-2]');
    assertAllClose(index(x, slice(-10, 10), int(0)), [0, 10, 20], 'x[-10:10, 0]');
    assertAllClose(index(x, slice(2, 1)), new Tensor([0, 4]), 'x[2:1] is empty');
    assertAllClose(index(x, slice(null, -5, -1), int(0)), [20, 10, 0], 'x[:-5:-1, 0]');
  });

  it('newaxis adds a length-1 axis anywhere', () => {
    assertAllClose(index(x, newaxis, int(0), slice(0, 2)), [[0, 1]], 'x[None, 0, 0:2]');
    assertAllClose(index(x, int(2), newaxis), [[20, 21, 22, 23]], 'x[2, None]');
    assertAllClose(index(t([1, 2]), slice(null, null), newaxis), [[1], [2]], 'v[:, None]');
    assertAllClose(index(Tensor.scalar(5), newaxis), [5], 'scalar[None]');
  });

  it('an ellipsis stands for every axis not otherwise indexed', () => {
    const y = randomTensor([2, 3, 4], 94);
    assertAllClose(index(y, ellipsis, int(1)), index(y, slice(null, null), slice(null, null), int(1)), 'y[..., 1]');
    assertAllClose(index(y, int(1), ellipsis), index(y, int(1)), 'y[1, ...]');
    assertAllClose(index(y, int(0), ellipsis, int(2), int(3)), y.data[2 * 4 + 3], 'y[0, ..., 2, 3]');
    assertAllClose(index(x, ellipsis, newaxis), index(x, slice(null, null), slice(null, null), newaxis), 'x[..., None]');
    checkVjp('index', [y], { items: [ellipsis, slice(null, null, -1)] });
    assert.throws(() => index(y, ellipsis, int(0), ellipsis), isShape);
  });

  it('the VJP scatters the adjoint into zeros', () => {
    checkVjp('index', [randomTensor([3, 4], 91)], { items: [int(1)] });
    checkVjp('index', [randomTensor([3, 4], 92)], { items: [slice(null, null, -1), slice(1, null, 2)] });
    checkVjp('index', [randomTensor([3, 4, 2], 93)], { items: [newaxis, int(-1), slice(3, 0, -2), newaxis] });
  });

  it('out-of-range integers, too many indices and a zero step are errors', () => {
    assert.throws(() => index(x, int(3)), (e: unknown) => isShape(e) && (e as Error).message.includes('out of bounds'));
    assert.throws(() => index(x, int(-4)), isShape);
    assert.throws(() => index(x, int(0), int(0), int(0)), isShape);
    assert.throws(() => index(x, slice(null, null, 0)), isShape);
    assert.throws(() => index(x, { kind: 'ellipse' }), (e: unknown) => e instanceof InspectError);
  });
});
