import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { Tensor } from '../../../src/engine/tensor';
import { assertAllClose, checkVjp, randomTensor, run, t, vjp } from './ops-testing';

const binary = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'prelu'];

describe('ops: binary elementwise', () => {
  it('add broadcasts (2,3) + (3,)', () => {
    assertAllClose(run('add', [t([[1, 2, 3], [4, 5, 6]]), t([10, 20, 30])]), [[11, 22, 33], [14, 25, 36]], 'add');
  });

  it('mul broadcasts (2,1) * (1,3) to an outer product', () => {
    assertAllClose(run('mul', [t([[2], [3]]), t([[1, 10, 100]])]), [[2, 20, 200], [3, 30, 300]], 'mul');
  });

  it('sub, div and pow on a scalar and a matrix', () => {
    const m = t([[1, 2], [4, 8]]);
    assertAllClose(run('sub', [Tensor.scalar(1), m]), [[0, -1], [-3, -7]], 'sub');
    assertAllClose(run('div', [m, Tensor.scalar(4)]), [[0.25, 0.5], [1, 2]], 'div');
    assertAllClose(run('pow', [m, Tensor.scalar(2)]), [[1, 4], [16, 64]], 'x^c');
    assertAllClose(run('pow', [Tensor.scalar(2), m]), [[2, 4], [16, 256]], 'c^x');
    assertAllClose(run('pow', [t([4, 9]), t([0.5, -0.5])]), [2, 1 / 3], 'x^y', 0, 1e-15);
  });

  it('maximum and minimum broadcast', () => {
    assertAllClose(run('maximum', [t([[-1, 2], [3, -4]]), Tensor.scalar(0)]), [[0, 2], [3, 0]], 'maximum');
    assertAllClose(run('minimum', [t([1, 5]), t([[3], [0]])]), [[1, 3], [0, 0]], 'minimum');
  });

  it('every binary op has a VJP matching central differences, same shapes', () => {
    for (const name of binary) {
      const a = randomTensor([2, 3], 1, 0.5, 2), b = randomTensor([2, 3], 2, 0.5, 2);
      checkVjp(name, [a, b]);
    }
  });

  it('VJPs reduce broadcast dimensions: (2,3)+(3,), (2,1)*(1,3), scalar·matrix', () => {
    for (const name of binary) {
      checkVjp(name, [randomTensor([2, 3], 3, 0.5, 2), randomTensor([3], 4, 0.5, 2)]);
      checkVjp(name, [randomTensor([2, 1], 5, 0.5, 2), randomTensor([1, 3], 6, 0.5, 2)]);
      checkVjp(name, [randomTensor([], 7, 0.5, 2), randomTensor([3, 2], 8, 0.5, 2)]);
      checkVjp(name, [randomTensor([4, 1, 3], 9, 0.5, 2), randomTensor([2, 1], 10, 0.5, 2)]);
    }
  });

  it('prelu: a per-channel slope broadcast, its gradient Σ x over the negative entries, the slope at 0 (torch)', () => {
    const x = t([[[-2], [3]], [[0], [-1]]]); // (2, 2, 1)
    const slope = t([[0.5], [-0.25]]); // (2, 1): one per channel
    assertAllClose(run('prelu', [x, slope]), [[[-1], [3]], [[0], [0.25]]], 'prelu');
    const [dx, dslope] = vjp('prelu', [x, slope]) as Tensor[];
    assertAllClose(dx, [[[0.5], [1]], [[0.5], [-0.25]]], 'd/dx');
    assertAllClose(dslope, [[-2], [-1]], 'd/dslope');
    checkVjp('prelu', [randomTensor([2, 3, 4], 15, -2, 2), randomTensor([3, 1], 16, -1, 1)]);
  });

  it('sub and div gradients have the closed forms', () => {
    const [da, db] = vjp('sub', [t([1, 2]), Tensor.scalar(5)]);
    assertAllClose(da as Tensor, [1, 1], 'dsub/da');
    assertAllClose(db as Tensor, -2, 'dsub/db');
    const [dx, dy] = vjp('div', [Tensor.scalar(3), Tensor.scalar(2)]);
    assertAllClose(dx as Tensor, 0.5, 'ddiv/dx');
    assertAllClose(dy as Tensor, -0.75, 'ddiv/dy');
  });

  it('pow: x^y gradients y·x^(y−1) and x^y·ln x', () => {
    const [dx, dy] = vjp('pow', [Tensor.scalar(1.8), Tensor.scalar(2.3)]);
    assertAllClose(dx as Tensor, 2.3 * Math.pow(1.8, 1.3), 'd/dx', 0, 1e-15);
    assertAllClose(dy as Tensor, Math.pow(1.8, 2.3) * Math.log(1.8), 'd/dy', 0, 1e-15);
  });

  it('pow at x = 0 follows PyTorch: finite d/dx for y ≥ 1, d/dy = 0 for y ≥ 0', () => {
    const x = t([0, 0, 0, 0, 0]), y = t([0, 1, 2, 3.5, 0.5]);
    const [dx, dy] = vjp('pow', [x, y]);
    assertAllClose(dx as Tensor, [0, 1, 0, 0, Infinity], 'd/dx at 0');
    assertAllClose(dy as Tensor, [0, 0, 0, 0, 0], 'd/dy at 0');
    assertAllClose(run('pow', [x, y]), [1, 0, 0, 0, 0], '0^y');
  });

  it('pow with a negative base: integer powers work, d/dy is NaN (log of a negative), as in PyTorch', () => {
    const [dx, dy] = vjp('pow', [Tensor.scalar(-2), Tensor.scalar(3)]);
    assertAllClose(run('pow', [Tensor.scalar(-2), Tensor.scalar(3)]), -8, 'value');
    assertAllClose(dx as Tensor, 12, 'd/dx');
    assert.ok(Number.isNaN((dy as Tensor).item()));
    assert.strictEqual(run('pow', [Tensor.scalar(1), Tensor.scalar(Infinity)]).item(), 1, "C's 1^inf = 1");
  });

  it('maximum / minimum split the adjoint half and half on ties (torch.maximum)', () => {
    const a = t([1, 2, 3]), b = t([3, 2, 1]);
    const [da, db] = vjp('maximum', [a, b]);
    assertAllClose(da as Tensor, [0, 0.5, 1], 'dmax/da');
    assertAllClose(db as Tensor, [1, 0.5, 0], 'dmax/db');
    const [ma, mb] = vjp('minimum', [a, b]);
    assertAllClose(ma as Tensor, [1, 0.5, 0], 'dmin/da');
    assertAllClose(mb as Tensor, [0, 0.5, 1], 'dmin/db');
  });

  it('maximum propagates NaN', () => {
    const out = run('maximum', [t([NaN, 1]), t([0, NaN])]);
    assert.ok(Number.isNaN(out.data[0]) && Number.isNaN(out.data[1]));
  });

  it('incompatible shapes throw a shape InspectError naming both', () => {
    for (const name of binary) {
      assert.throws(() => run(name, [randomTensor([2, 3], 1), randomTensor([2], 2)]), (e: unknown) =>
        e instanceof InspectError && e.kind === 'shape' && e.message.includes('(2, 3)') && e.message.includes('(2,)'));
    }
  });
});
