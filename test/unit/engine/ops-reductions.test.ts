import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { Tensor } from '../../../src/engine/tensor';
import { assertAllClose, checkVjp, randomTensor, run, t, vjp } from './ops-testing';

const m = t([[1, 5, 3], [4, 2, 6]]);
const reductions = ['sum', 'mean', 'prod', 'max', 'min', 'logsumexp'];

describe('ops: reductions', () => {
  it('sum and mean over all, an axis, a negative axis, several axes, keepdims', () => {
    assertAllClose(run('sum', [m]), 21, 'sum');
    assertAllClose(run('sum', [m], { axis: null }), 21, 'sum axis=None');
    assertAllClose(run('sum', [m], { axis: 0 }), [5, 7, 9], 'sum axis=0');
    assertAllClose(run('sum', [m], { axis: -1 }), [9, 12], 'sum axis=-1');
    assertAllClose(run('sum', [m], { axis: 1, keepdims: true }), [[9], [12]], 'sum keepdims');
    assertAllClose(run('sum', [m], { axis: [0, 1], keepdims: true }), [[21]], 'sum both keepdims');
    assertAllClose(run('mean', [m]), 3.5, 'mean');
    assertAllClose(run('mean', [m], { axis: 0 }), [2.5, 3.5, 4.5], 'mean axis=0');
    assertAllClose(run('mean', [m], { axis: [-1], keepdims: true }), [[3], [4]], 'mean keepdims');
  });

  it('an empty axis list reduces nothing (NumPy)', () => {
    assertAllClose(run('sum', [m], { axis: [] }), m, 'sum axis=()');
  });

  it('max and min along axes', () => {
    assertAllClose(run('max', [m]), 6, 'max');
    assertAllClose(run('max', [m], { axis: 0 }), [4, 5, 6], 'max axis=0');
    assertAllClose(run('min', [m], { axis: 1, keepdims: true }), [[1], [2]], 'min keepdims');
    assertAllClose(run('min', [m], { axis: -2 }), [1, 2, 3], 'min axis=-2');
  });

  it('logsumexp matches log Σ e^x and is stable for large inputs', () => {
    assertAllClose(run('logsumexp', [m], { axis: 1 }), [Math.log(Math.exp(1) + Math.exp(5) + Math.exp(3)), Math.log(Math.exp(4) + Math.exp(2) + Math.exp(6))], 'lse', 0, 1e-15);
    assertAllClose(run('logsumexp', [t([1000, 1000])]), 1000 + Math.log(2), 'stable', 0, 1e-15);
    assertAllClose(run('logsumexp', [t([-Infinity, -Infinity])]), -Infinity, 'all -inf');
  });

  it('VJPs match central differences: all axes, each axis, keepdims, 3-D', () => {
    const x = randomTensor([2, 3, 4], 21);
    for (const name of reductions) {
      checkVjp(name, [x]);
      checkVjp(name, [x], { axis: 1 });
      checkVjp(name, [x], { axis: -1, keepdims: true });
      checkVjp(name, [x], { axis: [0, 2] });
      checkVjp(name, [x], { axis: [2, 0], keepdims: true });
    }
  });

  it('prod over axes, 1 over an empty axis', () => {
    assertAllClose(run('prod', [m]), 720, 'prod');
    assertAllClose(run('prod', [m], { axis: 0 }), [4, 10, 18], 'prod axis=0');
    assertAllClose(run('prod', [m], { axis: 1, keepdims: true }), [[15], [48]], 'prod keepdims');
    assertAllClose(run('prod', [new Tensor([0, 3])], { axis: 0 }), [1, 1, 1], 'empty prod');
  });

  it('prod gradient is the product of the others, also at one zero and at two', () => {
    assertAllClose(vjp('prod', [t([2, 3, 4])])[0] as Tensor, [12, 8, 6], 'no zero');
    assertAllClose(vjp('prod', [t([2, 0, 4])])[0] as Tensor, [0, 8, 0], 'one zero');
    assertAllClose(vjp('prod', [t([0, 3, 0])])[0] as Tensor, [0, 0, 0], 'two zeros');
    checkVjp('prod', [t([[0, 1.5, -2], [0.5, 0, 0]])], { axis: 1 });
  });

  it('sum and mean gradients spread the adjoint (1 and 1/n)', () => {
    assertAllClose(vjp('sum', [m], { axis: 0 }, t([1, 2, 3]))[0] as Tensor, [[1, 2, 3], [1, 2, 3]], 'sum');
    assertAllClose(vjp('mean', [m], { axis: 1 }, t([3, 6]))[0] as Tensor, [[1, 1, 1], [2, 2, 2]], 'mean');
  });

  it('max / min send the adjoint to the extreme entry and split it evenly on ties (torch.amax)', () => {
    assertAllClose(vjp('max', [m], { axis: 1 })[0] as Tensor, [[0, 1, 0], [0, 0, 1]], 'max');
    assertAllClose(vjp('max', [t([3, 1, 3, 3])])[0] as Tensor, [1 / 3, 0, 1 / 3, 1 / 3], 'max ties');
    assertAllClose(vjp('min', [t([[2, 3], [2, 4]])], { axis: 0 })[0] as Tensor, [[0.5, 1], [0.5, 0]], 'min');
  });

  it('bad axes and empty max are shape errors', () => {
    const isShape = (e: unknown): boolean => e instanceof InspectError && e.kind === 'shape';
    assert.throws(() => run('sum', [m], { axis: 2 }), isShape);
    assert.throws(() => run('sum', [m], { axis: [0, -2] }), isShape);
    assert.throws(() => run('max', [new Tensor([0, 3])], { axis: 0 }), isShape);
    assertAllClose(run('sum', [new Tensor([0, 3])], { axis: 0 }), [0, 0, 0], 'empty sum');
  });
});

describe('ops: softmax and log_softmax', () => {
  const rowSoftmax = (row: number[]): number[] => {
    const e = row.map(Math.exp), s = e.reduce((a, b) => a + b, 0);
    return e.map(v => v / s);
  };

  it('softmax along the last axis (default), axis 1 and axis 0', () => {
    const x = t([[1, 2, 3], [0, 0, 1]]);
    const expected = [rowSoftmax([1, 2, 3]), rowSoftmax([0, 0, 1])];
    assertAllClose(run('softmax', [x]), expected, 'default', 0, 1e-15);
    assertAllClose(run('softmax', [x], { axis: 1 }), expected, 'axis=1', 0, 1e-15);
    const columns = [rowSoftmax([1, 0]), rowSoftmax([2, 0]), rowSoftmax([3, 1])];
    assertAllClose(run('softmax', [x], { axis: 0 }), [columns.map(c => c[0]), columns.map(c => c[1])], 'axis=0', 0, 1e-15);
  });

  it('log_softmax is log of softmax, stable for large inputs', () => {
    const x = t([[1, 2, 3], [0, 0, 1]]);
    assertAllClose(run('log_softmax', [x], { axis: 0 }), run('softmax', [x], { axis: 0 }).map(Math.log), 'log', 1e-15, 1e-14);
    assertAllClose(run('log_softmax', [t([1000, 0])]), [0, -1000], 'stable', 1e-12, 0);
    assertAllClose(run('softmax', [t([1000, 1000])]), [0.5, 0.5], 'stable softmax');
  });

  it('VJPs match central differences along every axis', () => {
    const x = randomTensor([2, 3, 4], 31);
    for (const name of ['softmax', 'log_softmax']) {
      checkVjp(name, [x]);
      checkVjp(name, [x], { axis: 0 });
      checkVjp(name, [x], { axis: 1 });
      checkVjp(name, [x], { axis: -2 });
    }
  });
});
