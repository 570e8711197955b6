import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { Tensor } from '../../../src/engine/tensor';
import { assertAllClose, checkVjp, randomTensor, run, t } from './ops-testing';

/** Textbook triple loop, the reference for the kernel. */
function naiveMatmul(a: Tensor, b: Tensor): number[][] {
  const [m, k] = a.shape, n = b.shape[1];
  const out: number[][] = [];
  for (let i = 0; i < m; i++) {
    out.push([]);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) { s += a.data[i * k + p] * b.data[p * n + j]; }
      out[i].push(s);
    }
  }
  return out;
}

describe('ops: matmul and dot', () => {
  it('2-D · 2-D, 2-D · 1-D, 1-D · 2-D, 1-D · 1-D as NumPy defines them', () => {
    const a = t([[1, 2, 3], [4, 5, 6]]);
    const b = t([[1, 0], [0, 1], [2, -1]]);
    assertAllClose(run('matmul', [a, b]), [[7, -1], [16, -1]], '2-D·2-D');
    assertAllClose(run('matmul', [a, t([1, 1, 1])]), [6, 15], '2-D·1-D');
    assertAllClose(run('matmul', [t([1, -1]), a]), [-3, -3, -3], '1-D·2-D');
    assertAllClose(run('matmul', [t([1, 2, 3]), t([4, 5, 6])]), 32, '1-D·1-D is a scalar');
  });

  it('agrees with the naive product on odd sizes (kernel remainder paths)', () => {
    for (const [m, k, n] of [[1, 1, 1], [3, 7, 5], [5, 4, 2], [2, 9, 3]]) {
      const a = randomTensor([m, k], m * 100 + k), b = randomTensor([k, n], n);
      assertAllClose(run('matmul', [a, b]), naiveMatmul(a, b), `${m}x${k}·${k}x${n}`, 1e-13, 1e-13);
    }
  });

  it('batched N-D with broadcast batch dimensions', () => {
    const a = randomTensor([2, 1, 3, 4], 41), b = randomTensor([5, 4, 2], 42);
    const out = run('matmul', [a, b]);
    assert.deepStrictEqual([...out.shape], [2, 5, 3, 2]);
    const aBlock = new Tensor([3, 4], a.data.slice(12, 24));
    const bBlock = new Tensor([4, 2], b.data.slice(3 * 8, 4 * 8));
    const block = new Tensor([3, 2], out.data.slice((1 * 5 + 3) * 6, (1 * 5 + 4) * 6));
    assertAllClose(block, naiveMatmul(aBlock, bBlock), 'batch (1, 3)', 1e-13, 1e-13);
    const v = run('matmul', [randomTensor([3, 2, 4], 43), randomTensor([4], 44)]);
    assert.deepStrictEqual([...v.shape], [3, 2]);
  });

  it('VJPs match central differences in every NumPy case', () => {
    const pairs: [number[], number[]][] = [
      [[3, 4], [4, 2]], [[3, 4], [4]], [[4], [4, 2]], [[4], [4]],
      [[2, 3, 4], [4, 2]], [[2, 1, 3, 4], [5, 4, 2]], [[4], [2, 4, 3]], [[2, 3, 4], [4]],
    ];
    pairs.forEach(([sa, sb], i) => checkVjp('matmul', [randomTensor(sa, 50 + i), randomTensor(sb, 60 + i)]));
  });

  it('dot: like matmul for rank ≤ 2, a product with a scalar', () => {
    assertAllClose(run('dot', [t([1, 2, 3]), t([4, 5, 6])]), 32, 'inner');
    assertAllClose(run('dot', [t([[1, 2], [3, 4]]), t([1, 1])]), [3, 7], 'matrix·vector');
    assertAllClose(run('dot', [Tensor.scalar(2), t([1, 2])]), [2, 4], 'scalar');
    checkVjp('dot', [randomTensor([3, 4], 71), randomTensor([4, 2], 72)]);
    checkVjp('dot', [randomTensor([4], 73), randomTensor([4], 74)]);
    checkVjp('dot', [randomTensor([], 75), randomTensor([2, 2], 76)]);
  });

  it('misaligned shapes, scalars and N-D dot are errors naming the shapes', () => {
    const names = (a: string, b: string) => (e: unknown): boolean =>
      e instanceof InspectError && e.message.includes(a) && e.message.includes(b);
    assert.throws(() => run('matmul', [randomTensor([2, 3], 1), randomTensor([4, 2], 2)]), names('(2, 3)', '(4, 2)'));
    assert.throws(() => run('matmul', [randomTensor([3], 1), randomTensor([4], 2)]), names('(3,)', '(4,)'));
    assert.throws(() => run('matmul', [Tensor.scalar(2), randomTensor([2], 2)]), names('scalar', '(2,)'));
    assert.throws(() => run('matmul', [randomTensor([2, 2, 3], 1), randomTensor([3, 3, 1], 2)]), names('(2, 2, 3)', '(3, 3, 1)'));
    assert.throws(() => run('dot', [randomTensor([2, 2, 2], 1), randomTensor([2, 2], 2)]), (e: unknown) =>
      e instanceof InspectError && e.kind === 'unsupported' && e.message.includes('(2, 2, 2)'));
  });
});
