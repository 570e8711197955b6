// The matrix-product kernel behind matmul, dot and the convolutions: C += op(A)·op(B), where either
// operand may be stored transposed, so backward passes (Aᵀ·G, G·Bᵀ) need no transposed copies of A.
//
// The loops are plain Float64Array loops in i-k-j order: the innermost loop streams a contiguous row
// of B and of C. Four rows of A and four rows of B are taken per pass: each entry of B loaded feeds
// four rows of C, and each entry of C is loaded and stored a quarter as often. Measured in CPU time
// on the benchmarks' shapes (64×256·256×1024, 512×4608·4608×4 and the like), this runs at 8–9
// GFLOP/s on the 2.6 GHz machine, near the two multiplies and two additions per cycle that scalar
// float64 code can issue; register tiles with packed panels of both operands (4×4, 3×4, 2×4, 4×2
// accumulators) ran at 2–3 GFLOP/s in V8, which spills them. An A stored transposed is read in place
// (its four entries per row step are then adjacent); a B stored transposed is copied once into
// row-major order by a cache-blocked transpose, the only layout the inner loop can stream.
//
// Every entry sums its products in one order whatever the layout and the row blocking: c + (four
// products summed left to right), four at a time along k, then the leftover products one by one.

import { scratch } from './scratch';

/** How the two operands are stored: 'nn' both as themselves, 'tn' A as its transpose, 'nt' B as its transpose. */
export type GemmLayout = 'nn' | 'tn' | 'nt';

/**
 * c[cOff + i·n + j] += Σ_p A[i, p] · B[p, j] for an m×k A and a k×n B. A is row-major at aOff, or
 * with 'tn' stored as its k×m transpose (A[i, p] at aOff + p·m + i); B is row-major at bOff, or with
 * 'nt' stored as its n×k transpose. Accumulates, so broadcast batches can sum their gradients into
 * one block.
 */
export function gemmAccumulate(
  a: Float64Array, aOff: number, b: Float64Array, bOff: number, c: Float64Array, cOff: number,
  m: number, k: number, n: number, layout: GemmLayout = 'nn',
): void {
  if (m === 0 || n === 0 || k === 0) { return; }
  // Small integers from here on, whatever their callers' representation: a dimension read from a
  // shape array of doubles arrives boxed, and once the inner loops have seen one boxed number V8
  // recompiles them with every index in float64, at about half the speed.
  aOff |= 0; bOff |= 0; cOff |= 0; m |= 0; k |= 0; n |= 0;
  let rows = b, rowsOff = bOff;
  if (layout === 'nt') {
    rows = transposeBlock(b, bOff, n, k, scratch('packed-rows', k * n));
    rowsOff = 0;
  }
  const rowStride = layout === 'tn' ? 1 : k, colStride = layout === 'tn' ? m : 1;
  let i = 0;
  for (; i + 3 < m; i += 4) { rowQuad(a, aOff + i * rowStride, rowStride, colStride, rows, rowsOff, c, cOff + i * n, k, n); }
  for (; i < m; i++) { singleRow(a, aOff + i * rowStride, colStride, rows, rowsOff, c, cOff + i * n, k, n); }
}

/**
 * Rows i … i+3 of C (starting at c0) from the rows of A whose first entries are at r0, r0 + rs, …;
 * A's entries along a row are cs apart.
 */
function rowQuad(a: Float64Array, r0: number, rs: number, cs: number, b: Float64Array, bOff: number, c: Float64Array, c0: number, k: number, n: number): void {
  const r1 = r0 + rs, r2 = r1 + rs, r3 = r2 + rs, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
  const k4 = k - (k % 4);
  let p = 0;
  for (; p < k4; p += 4) {
    const q0 = p * cs, q1 = q0 + cs, q2 = q1 + cs, q3 = q2 + cs;
    const a00 = a[r0 + q0], a01 = a[r0 + q1], a02 = a[r0 + q2], a03 = a[r0 + q3];
    const a10 = a[r1 + q0], a11 = a[r1 + q1], a12 = a[r1 + q2], a13 = a[r1 + q3];
    const a20 = a[r2 + q0], a21 = a[r2 + q1], a22 = a[r2 + q2], a23 = a[r2 + q3];
    const a30 = a[r3 + q0], a31 = a[r3 + q1], a32 = a[r3 + q2], a33 = a[r3 + q3];
    const b0 = bOff + p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
    for (let j = 0; j < n; j++) {
      const u0 = b[b0 + j], u1 = b[b1 + j], u2 = b[b2 + j], u3 = b[b3 + j];
      c[c0 + j] += a00 * u0 + a01 * u1 + a02 * u2 + a03 * u3;
      c[c1 + j] += a10 * u0 + a11 * u1 + a12 * u2 + a13 * u3;
      c[c2 + j] += a20 * u0 + a21 * u1 + a22 * u2 + a23 * u3;
      c[c3 + j] += a30 * u0 + a31 * u1 + a32 * u2 + a33 * u3;
    }
  }
  for (; p < k; p++) {
    const q = p * cs, x0 = a[r0 + q], x1 = a[r1 + q], x2 = a[r2 + q], x3 = a[r3 + q], bRow = bOff + p * n;
    for (let j = 0; j < n; j++) {
      const u = b[bRow + j];
      c[c0 + j] += x0 * u;
      c[c1 + j] += x1 * u;
      c[c2 + j] += x2 * u;
      c[c3 + j] += x3 * u;
    }
  }
}

function singleRow(a: Float64Array, r0: number, cs: number, b: Float64Array, bOff: number, c: Float64Array, c0: number, k: number, n: number): void {
  const k4 = k - (k % 4);
  let p = 0;
  for (; p < k4; p += 4) {
    const q0 = r0 + p * cs;
    const x0 = a[q0], x1 = a[q0 + cs], x2 = a[q0 + 2 * cs], x3 = a[q0 + 3 * cs];
    const b0 = bOff + p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
    for (let j = 0; j < n; j++) { c[c0 + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j]; }
  }
  for (; p < k; p++) {
    const x = a[r0 + p * cs], bRow = bOff + p * n;
    for (let j = 0; j < n; j++) { c[c0 + j] += x * b[bRow + j]; }
  }
}

/** Side of the square tiles the transpose walks: two 16×16 tiles of doubles (4 KiB) stay in L1. */
const TILE = 16;

/**
 * The transpose of the rows×cols block of `src` starting at `offset`, as a cols×rows array: `out`
 * when given, else a new one. Tile by tile, so both the reads and the strided writes stay in cache.
 */
export function transposeBlock(src: Float64Array, offset: number, rows: number, cols: number, out: Float64Array = new Float64Array(rows * cols)): Float64Array {
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, cols);
      for (let i = i0; i < i1; i++) {
        const row = offset + i * cols;
        for (let j = j0; j < j1; j++) { out[j * rows + i] = src[row + j]; }
      }
    }
  }
  return out;
}
