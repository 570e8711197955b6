import * as assert from 'assert';
import { GemmLayout, gemmAccumulate, transposeBlock } from '../../../src/engine/ops/gemm';
import { uniformGenerator } from '../../../src/engine/random';

/** Where A[i, p] and B[p, j] are stored for each layout, A m×k and B k×n. */
function indexers(layout: GemmLayout, m: number, k: number, n: number): { a: (i: number, p: number) => number; b: (p: number, j: number) => number } {
  return {
    a: layout === 'tn' ? (i, p) => p * m + i : (i, p) => i * k + p,
    b: layout === 'nt' ? (p, j) => j * k + p : (p, j) => p * n + j,
  };
}

/**
 * The product the kernel promises, one entry at a time: c += Σ a·b taken four products at a time
 * (summed left to right, then added to c), then the leftover products one by one.
 */
function referenceGemm(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number, layout: GemmLayout = 'nn'): void {
  const at = indexers(layout, m, k, n);
  const A = (i: number, p: number): number => a[at.a(i, p)], B = (p: number, j: number): number => b[at.b(p, j)];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = c[i * n + j];
      let p = 0;
      for (; p + 3 < k; p += 4) {
        acc += A(i, p) * B(p, j) + A(i, p + 1) * B(p + 1, j) + A(i, p + 2) * B(p + 2, j) + A(i, p + 3) * B(p + 3, j);
      }
      for (; p < k; p++) { acc += A(i, p) * B(p, j); }
      c[i * n + j] = acc;
    }
  }
}

/** The textbook triple loop: Σ_p A[i, p]·B[p, j] one product at a time. */
function naiveProduct(a: Float64Array, b: Float64Array, m: number, k: number, n: number, layout: GemmLayout): Float64Array {
  const at = indexers(layout, m, k, n);
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) { s += a[at.a(i, p)] * b[at.b(p, j)]; }
      c[i * n + j] = s;
    }
  }
  return c;
}

function randomArray(size: number, seed: number): Float64Array {
  const uniform = uniformGenerator(seed);
  return Float64Array.from({ length: size }, () => uniform() * 2 - 1);
}

const LAYOUTS: GemmLayout[] = ['nn', 'tn', 'nt'];

describe('gemmAccumulate (the blocked matrix-product kernel)', () => {
  it('accumulates A·B into C bit for bit as the four-products-at-a-time sum, for every row blocking (4, 1 rows) and k remainder', () => {
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

  it('reads A or B stored transposed (Aᵀ·B and A·Bᵀ of the backward pass) with the same sums, bit for bit, on odd shapes', () => {
    let seed = 500;
    for (const layout of LAYOUTS) {
      for (const [m, k, n] of [[1, 1, 1], [3, 17, 5], [17, 3, 65], [65, 65, 1], [4, 64, 3], [2, 1, 17], [33, 20, 18]]) {
        const a = randomArray(m * k, seed++), b = randomArray(k * n, seed++), c = randomArray(m * n, seed++);
        const expected = Float64Array.from(c);
        referenceGemm(a, b, expected, m, k, n, layout);
        gemmAccumulate(a, 0, b, 0, c, 0, m, k, n, layout);
        assert.deepStrictEqual(Array.from(c), Array.from(expected), `${layout} m=${m} k=${k} n=${n}`);
      }
    }
  });

  it('agrees with the one-product-at-a-time triple loop within 1e-14 relative on a 65×130·130×67 product, each layout', () => {
    const m = 65, k = 130, n = 67;
    LAYOUTS.forEach((layout, s) => {
      const a = randomArray(m * k, 900 + s), b = randomArray(k * n, 910 + s);
      const c = new Float64Array(m * n);
      gemmAccumulate(a, 0, b, 0, c, 0, m, k, n, layout);
      const naive = naiveProduct(a, b, m, k, n, layout);
      const scale = Math.max(...naive.map(Math.abs));
      naive.forEach((v, i) => assert.ok(Math.abs(c[i] - v) <= 1e-14 * scale, `${layout} entry ${i}: ${c[i]} vs ${v}`));
    });
  });

  it('reads and writes only the blocks at the given offsets, in every layout', () => {
    const m = 5, k = 6, n = 3;
    for (const layout of LAYOUTS) {
      const a = randomArray(2 + m * k, 50), b = randomArray(4 + k * n, 51);
      const c = new Float64Array(1 + m * n + 2).fill(7);
      const expected = new Float64Array(m * n).fill(7);
      referenceGemm(a.subarray(2), b.subarray(4), expected, m, k, n, layout);
      gemmAccumulate(a, 2, b, 4, c, 1, m, k, n, layout);
      assert.deepStrictEqual(Array.from(c), [7, ...expected, 7, 7], layout);
    }
  });

  it('gives the same sums when offsets and sizes arrive as float64 numbers (read from a Float64Array, as shapes of doubles give them)', () => {
    const [m, k, n, aOff, bOff, cOff] = Float64Array.of(6, 9, 5, 1, 2, 3);
    for (const layout of LAYOUTS) {
      const a = randomArray(aOff + m * k, 70), b = randomArray(bOff + k * n, 71), c = randomArray(cOff + m * n, 72);
      const expected = Float64Array.from(c.subarray(cOff));
      referenceGemm(a.subarray(aOff), b.subarray(bOff), expected, m, k, n, layout);
      gemmAccumulate(a, aOff, b, bOff, c, cOff, m, k, n, layout);
      assert.deepStrictEqual(Array.from(c.subarray(cOff)), Array.from(expected), layout);
    }
  });

  it('leaves C alone when a dimension is 0', () => {
    const c = Float64Array.of(1, 2, 3, 4);
    gemmAccumulate(new Float64Array(0), 0, new Float64Array(0), 0, c, 0, 2, 0, 2, 'nt');
    assert.deepStrictEqual(Array.from(c), [1, 2, 3, 4]);
  });
});

describe('transposeBlock (tile by tile)', () => {
  it('transposes blocks that are not multiples of the tile, from an offset', () => {
    for (const [rows, cols] of [[1, 1], [1, 40], [40, 1], [17, 33], [64, 16], [65, 3]]) {
      const src = randomArray(3 + rows * cols, rows * 100 + cols);
      const out = transposeBlock(src, 3, rows, cols);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) { assert.strictEqual(out[j * rows + i], src[3 + i * cols + j], `${rows}×${cols} at (${i}, ${j})`); }
      }
    }
  });
});
