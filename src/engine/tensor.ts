// float64 n-dimensional arrays, always contiguous and row-major, with NumPy broadcasting.
// A 0-d tensor (shape []) is a scalar.
import { allocateEntries, copyEntries } from './buffers';
import { MEMO_MAX_INDEX_ENTRIES, ShapeMemo, shapesKey } from './shape-memo';

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
      this.data = allocateEntries(n);
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
    const out = allocateEntries(this.data.length);
    for (let i = 0; i < out.length; i++) { out[i] = f(this.data[i]); }
    return new Tensor(this.shape, out);
  }

  reshape(shape: Shape): Tensor {
    if (sizeOf(shape) !== this.size) {
      throw new ShapeError(`cannot reshape ${shapeToString(this.shape)} to ${shapeToString(shape)}`);
    }
    return new Tensor(shape, this.data);
  }

  clone(): Tensor { return new Tensor(this.shape, copyEntries(this.data)); }
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
  const out = allocateEntries(sizeOf(shape));
  if (t.size === 1) {
    out.fill(t.data[0]);
  } else {
    const idx = broadcastIndex(t.shape, shape);
    for (let k = 0; k < out.length; k++) { out[k] = t.data[idx[k]]; }
  }
  return new Tensor(shape, out);
}

/**
 * Two operands broadcast to their common `shape`, walked as `runs` runs of `length` consecutive result
 * entries: in run r, a's entries start at aStarts[r] and advance by aStep (1 along a's own entries, 0
 * where a is broadcast over the whole run); b's likewise. A run spans every trailing axis along which
 * each operand is either whole or broadcast, so the common cases (same shapes, a scalar, a bias row, a
 * per-row statistic) are one loop over long runs, with no index per entry.
 */
export interface PairRuns {
  readonly shape: Shape;
  readonly runs: number;
  readonly length: number;
  readonly aStarts: Int32Array;
  readonly aStep: number;
  readonly bStarts: Int32Array;
  readonly bStep: number;
}

/**
 * The start of the one run of a pair walked whole (same shapes, or a single-entry operand), and of
 * the one block of an unbatched matmul: shared, since every caller only reads starts; a fresh typed
 * array per op call was most of the per-node allocation on a graph of 10⁵ tiny tensors.
 */
export const SINGLE_START: Int32Array = new Int32Array(1);

/** Same shapes, or one operand a single entry of rank ≤ the other's: one run over the other's shape. */
function wholeRuns(a: Shape, b: Shape): PairRuns | undefined {
  let aStep: number, bStep: number, shape: Shape;
  if (sameShape(a, b)) {
    shape = a; aStep = 1; bStep = 1;
  } else if (b.length <= a.length && sizeOf(b) === 1) {
    shape = a; aStep = 1; bStep = 0;
  } else if (a.length <= b.length && sizeOf(a) === 1) {
    shape = b; aStep = 0; bStep = 1;
  } else {
    return undefined;
  }
  checkShape(shape);
  return { shape, runs: 1, length: sizeOf(shape), aStarts: SINGLE_START, aStep, bStarts: SINGLE_START, bStep };
}

/** Broadcast runs of other shape pairs (a bias row, a per-row statistic), shared by their shapes. */
const runsMemo = new ShapeMemo<PairRuns>(1024);

export function pairRuns(a: Shape, b: Shape): PairRuns {
  const whole = wholeRuns(a, b);
  if (whole) { return whole; }
  const key = shapesKey(a, b);
  const known = runsMemo.get(key);
  if (known) { return known; }
  const runs = buildPairRuns(a, b);
  if (runs.runs <= MEMO_MAX_INDEX_ENTRIES) { runsMemo.set(key, runs); }
  return runs;
}

function buildPairRuns(a: Shape, b: Shape): PairRuns {
  const shape = broadcastShapes(a, b);
  checkShape(shape);
  const rank = shape.length;
  const aligned = (s: Shape): number[] => [...new Array<number>(rank - s.length).fill(1), ...s];
  const aDims = aligned(a), bDims = aligned(b);
  // Walk trailing axes while each operand keeps one behaviour (whole: 1, broadcast: 0) along them;
  // −1 until an axis longer than 1 says which.
  let aStep = -1, bStep = -1, axis = rank - 1, length = 1;
  for (; axis >= 0; axis--) {
    if (shape[axis] === 1) { continue; }
    const aWhole = aDims[axis] === 1 ? 0 : 1, bWhole = bDims[axis] === 1 ? 0 : 1;
    if ((aStep >= 0 && aStep !== aWhole) || (bStep >= 0 && bStep !== bWhole)) { break; }
    aStep = aWhole;
    bStep = bWhole;
    length *= shape[axis];
  }
  const outer = shape.slice(0, axis + 1);
  const startsOf = (dims: number[]): Int32Array => {
    const strides = stridesOf(dims);
    return stridedOffsets(outer, outer.map((_, d) => (dims[d] === 1 ? 0 : strides[d])));
  };
  return { shape, runs: sizeOf(outer), length, aStarts: startsOf(aDims), aStep: Math.max(aStep, 0), bStarts: startsOf(bDims), bStep: Math.max(bStep, 0) };
}

/** Elementwise f(a, b) with NumPy broadcasting. */
export function zipBroadcast(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const ad = a.data, bd = b.data;
  if (sameShape(a.shape, b.shape)) {
    const out = allocateEntries(ad.length);
    for (let i = 0; i < out.length; i++) { out[i] = f(ad[i], bd[i]); }
    return new Tensor(a.shape, out);
  }
  const { shape, runs, length, aStarts, aStep, bStarts, bStep } = pairRuns(a.shape, b.shape);
  const out = allocateEntries(sizeOf(shape));
  for (let r = 0, k = 0; r < runs; r++) {
    for (let j = 0, i = aStarts[r], m = bStarts[r]; j < length; j++, i += aStep, m += bStep) { out[k++] = f(ad[i], bd[m]); }
  }
  return new Tensor(shape, out);
}

/**
 * Sums `t` down to `shape`, undoing a broadcast: the VJP of broadcasting `shape` up to `t.shape`.
 * Entries are added in t's order, run by run.
 */
export function sumToShape(t: Tensor, shape: Shape): Tensor {
  if (sameShape(t.shape, shape)) { return t; }
  const { runs, length, aStarts, aStep } = pairRuns(shape, t.shape);
  const out = allocateEntries(sizeOf(shape));
  const td = t.data;
  for (let r = 0, k = 0; r < runs; r++) {
    if (aStep === 0) {
      const at = aStarts[r];
      let s = out[at];
      for (let j = 0; j < length; j++) { s += td[k++]; }
      out[at] = s;
    } else {
      for (let j = 0, i = aStarts[r]; j < length; j++, i++) { out[i] += td[k++]; }
    }
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
