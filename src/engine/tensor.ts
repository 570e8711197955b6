// float64 n-dimensional arrays, always contiguous and row-major, with NumPy broadcasting.
// A 0-d tensor (shape []) is a scalar.

export type Shape = readonly number[];
export type Nested = number | Nested[];

/** Largest tensor the engine will allocate, in entries; a bigger request is an error, not an OOM. */
export const MAX_TENSOR_ENTRIES = 64 * 1024 * 1024;

/**
 * Most dimensions a tensor may have (NumPy's limit before 2.0): nested arrays deeper than this
 * are refused before they are walked, so a 100,000-deep JSON array cannot exhaust the stack.
 */
export const MAX_RANK = 32;

export class ShapeError extends Error {
  override name = 'ShapeError';
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) { n *= d; }
  return n;
}

export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) { return false; }
  for (let i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
  return true;
}

/** "scalar", or NumPy's tuple notation: (3,), (2, 3). */
export function shapeToString(shape: Shape): string {
  if (shape.length === 0) { return 'scalar'; }
  if (shape.length > MAX_RANK) { return `(${shape.slice(0, MAX_RANK).join(', ')}, … ${shape.length} dimensions)`; }
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function checkShape(shape: Shape): void {
  if (shape.length > MAX_RANK) { throw new ShapeError(`a shape of ${shape.length} dimensions, over the most a tensor may have (${MAX_RANK})`); }
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) { throw new ShapeError(`invalid dimension ${d} in shape ${shapeToString(shape)}`); }
  }
  const n = sizeOf(shape);
  if (n > MAX_TENSOR_ENTRIES) {
    throw new ShapeError(`tensor of shape ${shapeToString(shape)} has ${n} entries, over the limit of ${MAX_TENSOR_ENTRIES}`);
  }
}

export class Tensor {
  readonly shape: Shape;
  readonly data: Float64Array;

  constructor(shape: Shape, data?: Float64Array) {
    this.shape = shape;
    const n = sizeOf(shape);
    if (data === undefined) {
      checkShape(shape);
      this.data = new Float64Array(n);
    } else {
      if (data.length !== n) { throw new ShapeError(`data of length ${data.length} does not fit shape ${shapeToString(shape)}`); }
      this.data = data;
    }
  }

  get size(): number { return this.data.length; }
  get rank(): number { return this.shape.length; }
  get byteLength(): number { return this.data.byteLength; }

  static scalar(v: number): Tensor { return new Tensor([], Float64Array.of(v)); }
  static zeros(shape: Shape): Tensor { return new Tensor(shape); }
  static full(shape: Shape, v: number): Tensor {
    const t = new Tensor(shape);
    t.data.fill(v);
    return t;
  }
  static fromArray(shape: Shape, values: ArrayLike<number>): Tensor {
    return new Tensor(shape, Float64Array.from(values));
  }

  /** A number or a nested array of numbers; throws on ragged or non-numeric input. */
  static fromNested(value: unknown): Tensor {
    const shape: number[] = [];
    let probe: unknown = value;
    while (Array.isArray(probe)) {
      if (shape.length === MAX_RANK) { throw new ShapeError(`nested deeper than ${MAX_RANK} levels (the most dimensions a tensor may have)`); }
      shape.push(probe.length);
      if (probe.length === 0) { break; }
      probe = probe[0];
    }
    checkShape(shape);
    const out = new Float64Array(sizeOf(shape));
    let k = 0;
    const walk = (v: unknown, depth: number): void => {
      if (depth === shape.length) {
        if (typeof v !== 'number') { throw new ShapeError(`expected a number, found ${Array.isArray(v) ? 'a list' : JSON.stringify(v)}`); }
        out[k++] = v;
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[depth]) {
        throw new ShapeError(`ragged nested array: expected a list of ${shape[depth]} at depth ${depth}`);
      }
      for (const item of v) { walk(item, depth + 1); }
    };
    walk(value, 0);
    return new Tensor(shape, out);
  }

  toNested(): Nested {
    if (this.shape.length === 0) { return this.data[0]; }
    let k = 0;
    const build = (depth: number): Nested[] => {
      const n = this.shape[depth];
      const arr: Nested[] = new Array(n);
      if (depth === this.shape.length - 1) {
        for (let i = 0; i < n; i++) { arr[i] = this.data[k++]; }
      } else {
        for (let i = 0; i < n; i++) { arr[i] = build(depth + 1); }
      }
      return arr;
    };
    return build(0);
  }

  /** The single value of a one-entry tensor. */
  item(): number {
    if (this.data.length !== 1) { throw new ShapeError(`item() of a tensor of shape ${shapeToString(this.shape)}`); }
    return this.data[0];
  }

  map(f: (x: number) => number): Tensor {
    const out = new Float64Array(this.data.length);
    for (let i = 0; i < out.length; i++) { out[i] = f(this.data[i]); }
    return new Tensor(this.shape, out);
  }

  reshape(shape: Shape): Tensor {
    if (sizeOf(shape) !== this.size) {
      throw new ShapeError(`cannot reshape ${shapeToString(this.shape)} to ${shapeToString(shape)}`);
    }
    return new Tensor(shape, this.data);
  }

  clone(): Tensor { return new Tensor(this.shape, this.data.slice()); }
}

/** NumPy broadcasting of two shapes, or undefined when they are incompatible. */
export function tryBroadcastShapes(a: Shape, b: Shape): number[] | undefined {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) { return undefined; }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** NumPy broadcasting of two shapes; throws ShapeError when they are incompatible. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const out = tryBroadcastShapes(a, b);
  if (!out) { throw new ShapeError(`shapes ${shapeToString(a)} and ${shapeToString(b)} cannot be broadcast together`); }
  return out;
}

/** For each flat index of `target`, the flat index into a tensor of `shape` broadcast to it. */
function broadcastIndex(shape: Shape, target: Shape): Int32Array {
  const offset = target.length - shape.length;
  const srcStrides = stridesOf(shape);
  const effStrides = target.map((_, i) => {
    const j = i - offset;
    return j < 0 || shape[j] === 1 ? 0 : srcStrides[j];
  });
  return stridedOffsets(target, effStrides);
}

/**
 * offsets[k] = base + Σ_d index_d(k) · strides[d], where index(k) is the k-th multi-index of
 * `shape` in row-major order. A stride of 0 maps a whole dimension onto one offset.
 */
export function stridedOffsets(shape: Shape, strides: readonly number[], base = 0): Int32Array {
  const n = sizeOf(shape);
  const offsets = new Int32Array(n);
  const rank = shape.length;
  const counter = new Array<number>(rank).fill(0);
  let pos = base;
  for (let k = 0; k < n; k++) {
    offsets[k] = pos;
    for (let d = rank - 1; d >= 0; d--) {
      counter[d]++;
      pos += strides[d];
      if (counter[d] < shape[d]) { break; }
      pos -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
  return offsets;
}

export function broadcastTo(t: Tensor, shape: Shape): Tensor {
  if (sameShape(t.shape, shape)) { return t; }
  const target = broadcastShapes(t.shape, shape);
  if (!sameShape(target, shape)) {
    throw new ShapeError(`cannot broadcast ${shapeToString(t.shape)} to ${shapeToString(shape)}`);
  }
  checkShape(shape);
  const out = new Float64Array(sizeOf(shape));
  if (t.size === 1) {
    out.fill(t.data[0]);
  } else {
    const idx = broadcastIndex(t.shape, shape);
    for (let k = 0; k < out.length; k++) { out[k] = t.data[idx[k]]; }
  }
  return new Tensor(shape, out);
}

/** Elementwise f(a, b) with NumPy broadcasting. */
export function zipBroadcast(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const ad = a.data, bd = b.data;
  if (sameShape(a.shape, b.shape)) {
    const out = new Float64Array(ad.length);
    for (let i = 0; i < out.length; i++) { out[i] = f(ad[i], bd[i]); }
    return new Tensor(a.shape, out);
  }
  const shape = broadcastShapes(a.shape, b.shape);
  checkShape(shape);
  const n = sizeOf(shape);
  const out = new Float64Array(n);
  if (b.size === 1 && sameShape(shape, a.shape)) {
    const y = bd[0];
    for (let i = 0; i < n; i++) { out[i] = f(ad[i], y); }
  } else if (a.size === 1 && sameShape(shape, b.shape)) {
    const x = ad[0];
    for (let i = 0; i < n; i++) { out[i] = f(x, bd[i]); }
  } else if (isTrailingBlock(b.shape, shape) && sameShape(a.shape, shape)) {
    // A bias row added to every row of a batch: repeat b block by block, no index arrays.
    const m = bd.length;
    for (let i = 0; i < n; i++) { out[i] = f(ad[i], bd[i % m]); }
  } else if (isTrailingBlock(a.shape, shape) && sameShape(b.shape, shape)) {
    const m = ad.length;
    for (let i = 0; i < n; i++) { out[i] = f(ad[i % m], bd[i]); }
  } else if (sameShape(a.shape, shape) && runLength(b.shape, shape) > 0) {
    // A per-row statistic (LayerNorm's mean, its std) against every entry of its row: no index arrays.
    const r = runLength(b.shape, shape);
    for (let i = 0; i < n; i++) { out[i] = f(ad[i], bd[Math.floor(i / r)]); }
  } else {
    const ia = broadcastIndex(a.shape, shape);
    const ib = broadcastIndex(b.shape, shape);
    for (let i = 0; i < n; i++) { out[i] = f(ad[ia[i]], bd[ib[i]]); }
  }
  return new Tensor(shape, out);
}

/**
 * When `inner` (aligned right) equals `outer` on its leading dimensions and is 1 on the trailing ones,
 * as a keepdims reduction over the last axes is, each entry of `inner` covers a run of consecutive
 * entries of `outer`: the length of that run. Otherwise 0.
 */
function runLength(inner: Shape, outer: Shape): number {
  const offset = outer.length - inner.length;
  if (offset < 0) { return 0; }
  let run = 1, d = outer.length - 1;
  for (; d >= offset && inner[d - offset] === 1; d--) { run *= outer[d]; }
  for (; d >= 0; d--) {
    const dim = d >= offset ? inner[d - offset] : 1;
    if (dim !== outer[d]) { return 0; }
  }
  return run;
}

/** True when `inner` equals the last dimensions of `outer` (leading 1s aside): a contiguous block. */
function isTrailingBlock(inner: Shape, outer: Shape): boolean {
  let i = inner.length - 1, j = outer.length - 1;
  for (; i >= 0; i--, j--) {
    if (j < 0 || inner[i] !== outer[j]) { break; }
  }
  for (; i >= 0; i--) { if (inner[i] !== 1) { return false; } }
  return true;
}

/**
 * Sums `t` down to `shape`, undoing a broadcast: the VJP of broadcasting `shape` up to `t.shape`.
 */
export function sumToShape(t: Tensor, shape: Shape): Tensor {
  if (sameShape(t.shape, shape)) { return t; }
  const out = new Float64Array(sizeOf(shape));
  if (out.length === 1) {
    let s = 0;
    for (let i = 0; i < t.data.length; i++) { s += t.data[i]; }
    out[0] = s;
  } else if (isTrailingBlock(shape, t.shape)) {
    const m = out.length;
    for (let k = 0; k < t.data.length; k++) { out[k % m] += t.data[k]; }
  } else if (runLength(shape, t.shape) > 0) {
    const r = runLength(shape, t.shape);
    for (let k = 0; k < t.data.length; k++) { out[Math.floor(k / r)] += t.data[k]; }
  } else {
    const idx = broadcastIndex(shape, t.shape);
    for (let k = 0; k < t.data.length; k++) { out[idx[k]] += t.data[k]; }
  }
  return new Tensor(shape, out);
}

/** a += b in place (same shape). */
export function addInto(a: Tensor, b: Tensor): void {
  const ad = a.data, bd = b.data;
  for (let i = 0; i < ad.length; i++) { ad[i] += bd[i]; }
}

/** Flat index → multi-index for a shape. */
export function unravelIndex(flat: number, shape: Shape): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return idx;
}
