import * as assert from 'assert';
import { gemmAccumulate } from '../../../src/engine/ops/gemm';
import { uniformGenerator } from '../../../src/engine/random';

/**
 * The product the kernel promises, one entry at a time: c += Σ a·b taken four products at a time
 * (summed left to right, then added to c), then the leftover products one by one.
 */
function referenceGemm(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = c[i * n + j];
      let p = 0;
      for (; p + 3 < k; p += 4) {
        acc += a[i * k + p] * b[p * n + j] + a[i * k + p + 1] * b[(p + 1) * n + j] + a[i * k + p + 2] * b[(p + 2) * n + j] + a[i * k + p + 3] * b[(p + 3) * n + j];
      }
      for (; p < k; p++) { acc += a[i * k + p] * b[p * n + j]; }
      c[i * n + j] = acc;
    }
  }
}

function randomArray(size: number, seed: number): Float64Array {
  const uniform = uniformGenerator(seed);
  return Float64Array.from({ length: size }, () => uniform() * 2 - 1);
}

describe('gemmAccumulate (the blocked matrix-product kernel)', () => {
  it('accumulates A·B into C bit for bit as the four-products-at-a-time sum, for every row blocking (4, 2, 1 rows) and k remainder', () => {
    let seed = 1;
    for (let m = 1; m <= 9; m++) {
      for (const k of [1, 3, 4, 5, 8, 11]) {
        for (const n of [1, 2, 7]) {
          const a = randomArray(m * k, seed++), b = randomArray(k * n, seed++), c = randomArray(m * n, seed++);
          const expected = Float64Array.from(c);
          referenceGemm(a, b, expected, m, k, n);
          gemmAccumulate(a, 0, b, 0, c, 0, m, k, n);
          assert.deepStrictEqual(Array.from(c), Array.from(expected), `m=${m} k=${k} n=${n}`);
        }
      }
    }
  });

  it('reads and writes only the blocks at the given offsets', () => {
    const m = 5, k = 6, n = 3;
    const a = randomArray(2 + m * k, 50), b = randomArray(4 + k * n, 51);
    const c = new Float64Array(1 + m * n + 2).fill(7);
    const expected = new Float64Array(m * n).fill(7);
    referenceGemm(a.subarray(2), b.subarray(4), expected, m, k, n);
    gemmAccumulate(a, 2, b, 4, c, 1, m, k, n);
    assert.deepStrictEqual(Array.from(c), [7, ...expected, 7, 7]);
  });
});
