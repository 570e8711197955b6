// The matrix-product kernel behind matmul and dot: plain loops over Float64Array in i-k-j order,
// so the innermost loop streams contiguous rows of B and C. Four rows of A and four rows of B are
// taken per pass: each entry of B loaded feeds four rows of C, and each entry of C is loaded and
// stored a quarter as often. Against the earlier two-row pass this is about 1.3× faster (best of 15)
// on the transformer benchmark's shapes (64×256·256×1024 and the like), and every row sums its products in
// the same order as the one-row and two-row passes, so the results are identical to the bit.

/**
 * c[cOff + i·n + j] += Σ_p a[aOff + i·k + p] · b[bOff + p·n + j] for an m×k A and a k×n B, both
 * row-major. Accumulates, so broadcast batches can sum their gradients into one block.
 */
export function gemmAccumulate(
  a: Float64Array, aOff: number, b: Float64Array, bOff: number, c: Float64Array, cOff: number,
  m: number, k: number, n: number,
): void {
  let i = 0;
  for (; i + 3 < m; i += 4) { rowQuad(a, aOff + i * k, b, bOff, c, cOff + i * n, k, n); }
  for (; i + 1 < m; i += 2) { rowPair(a, aOff + i * k, b, bOff, c, cOff + i * n, k, n); }
  if (i < m) { singleRow(a, aOff + i * k, b, bOff, c, cOff + i * n, k, n); }
}

/** Rows r … r+3 of C (starting at c0) from rows of A starting at r0. */
function rowQuad(a: Float64Array, r0: number, b: Float64Array, bOff: number, c: Float64Array, c0: number, k: number, n: number): void {
  const r1 = r0 + k, r2 = r1 + k, r3 = r2 + k, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
  const k4 = k - (k % 4);
  let p = 0;
  for (; p < k4; p += 4) {
    const a00 = a[r0 + p], a01 = a[r0 + p + 1], a02 = a[r0 + p + 2], a03 = a[r0 + p + 3];
    const a10 = a[r1 + p], a11 = a[r1 + p + 1], a12 = a[r1 + p + 2], a13 = a[r1 + p + 3];
    const a20 = a[r2 + p], a21 = a[r2 + p + 1], a22 = a[r2 + p + 2], a23 = a[r2 + p + 3];
    const a30 = a[r3 + p], a31 = a[r3 + p + 1], a32 = a[r3 + p + 2], a33 = a[r3 + p + 3];
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
    const x0 = a[r0 + p], x1 = a[r1 + p], x2 = a[r2 + p], x3 = a[r3 + p], bRow = bOff + p * n;
    for (let j = 0; j < n; j++) {
      const u = b[bRow + j];
      c[c0 + j] += x0 * u;
      c[c1 + j] += x1 * u;
      c[c2 + j] += x2 * u;
      c[c3 + j] += x3 * u;
    }
  }
}

/** Rows r and r+1 of C (starting at c0) from rows of A starting at r0. */
function rowPair(a: Float64Array, r0: number, b: Float64Array, bOff: number, c: Float64Array, c0: number, k: number, n: number): void {
  const r1 = r0 + k, c1 = c0 + n;
  const k4 = k - (k % 4);
  let p = 0;
  for (; p < k4; p += 4) {
    const x0 = a[r0 + p], x1 = a[r0 + p + 1], x2 = a[r0 + p + 2], x3 = a[r0 + p + 3];
    const y0 = a[r1 + p], y1 = a[r1 + p + 1], y2 = a[r1 + p + 2], y3 = a[r1 + p + 3];
    const b0 = bOff + p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
    for (let j = 0; j < n; j++) {
      const u0 = b[b0 + j], u1 = b[b1 + j], u2 = b[b2 + j], u3 = b[b3 + j];
      c[c0 + j] += x0 * u0 + x1 * u1 + x2 * u2 + x3 * u3;
      c[c1 + j] += y0 * u0 + y1 * u1 + y2 * u2 + y3 * u3;
    }
  }
  for (; p < k; p++) {
    const x = a[r0 + p], y = a[r1 + p], bRow = bOff + p * n;
    for (let j = 0; j < n; j++) {
      const u = b[bRow + j];
      c[c0 + j] += x * u;
      c[c1 + j] += y * u;
    }
  }
}

function singleRow(a: Float64Array, r0: number, b: Float64Array, bOff: number, c: Float64Array, c0: number, k: number, n: number): void {
  const k4 = k - (k % 4);
  let p = 0;
  for (; p < k4; p += 4) {
    const x0 = a[r0 + p], x1 = a[r0 + p + 1], x2 = a[r0 + p + 2], x3 = a[r0 + p + 3];
    const b0 = bOff + p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
    for (let j = 0; j < n; j++) { c[c0 + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j]; }
  }
  for (; p < k; p++) {
    const x = a[r0 + p], bRow = bOff + p * n;
    for (let j = 0; j < n; j++) { c[c0 + j] += x * b[bRow + j]; }
  }
}

/**
 * The transpose of the rows×cols block of `src` starting at `offset`, as a cols×rows array: `out`
 * when given (a loop over batches reuses one), else a new one.
 */
export function transposeBlock(src: Float64Array, offset: number, rows: number, cols: number, out: Float64Array = new Float64Array(rows * cols)): Float64Array {
  for (let i = 0; i < rows; i++) {
    const row = offset + i * cols;
    for (let j = 0; j < cols; j++) { out[j * rows + i] = src[row + j]; }
  }
  return out;
}
