// Which entries of the input fold into which entry of a reduction's output, from the attributes
// {axis: number | number[] | null, keepdims: boolean} shared by sum, mean, max, min and logsumexp.
import { Attrs } from '../op';
import { Shape, shapeToString, sizeOf, stridedOffsets, stridesOf } from '../tensor';
import { MEMO_MAX_INDEX_ENTRIES, ShapeMemo } from '../shape-memo';
import { normalizeAxis, shapeError } from './checks';

export interface ReductionPlan {
  /** Output shape as the op returns it (reduced axes dropped unless keepdims). */
  readonly outShape: Shape;
  /** Number of input entries folded into each output entry. */
  readonly count: number;
  /** For each input entry (row-major), the flat index of its output entry. */
  readonly target: Int32Array;
}

/** The reduced axes, sorted; null (or absent) means all. An empty list reduces nothing, as in NumPy. */
export function reducedAxes(attrs: Attrs, rank: number, what: string): number[] {
  const axis = attrs.axis;
  if (axis === undefined || axis === null) { return Array.from({ length: rank }, (_, i) => i); }
  const list = typeof axis === 'number' ? [axis] : Array.isArray(axis) ? axis : null;
  if (list === null || !list.every(a => typeof a === 'number')) {
    throw shapeError(`${what}: axis must be an integer, a list of integers or None`);
  }
  const axes = (list as number[]).map(a => normalizeAxis(a, rank, what));
  if (new Set(axes).size !== axes.length) { throw shapeError(`${what}: repeated axis in ${JSON.stringify(list)}`); }
  return axes.sort((p, q) => p - q);
}

export function keepdimsOf(attrs: Attrs): boolean {
  return attrs.keepdims === true;
}

/** Entries of the reduction's output, without building the plan's per-entry index. */
export function reducedEntries(shape: Shape, attrs: Attrs, what: string): number {
  const axes = reducedAxes(attrs, shape.length, what);
  return shape.reduce((n, d, i) => (axes.includes(i) ? n : n * d), 1);
}

/** Plans by input shape, axes and keepdims: a re-evaluation reduces the same shapes every time. */
const reductionMemo = new ShapeMemo<ReductionPlan>(1024);

/** The plan's index is read only, by every op that shares it. */
export function planReduction(shape: Shape, attrs: Attrs, what: string): ReductionPlan {
  const key = `${shape.join(',')};${JSON.stringify(attrs.axis ?? null)};${keepdimsOf(attrs)}`;
  const known = reductionMemo.get(key);
  if (known) { return known; }
  const plan = buildReductionPlan(shape, attrs, what);
  if (plan.target.length <= MEMO_MAX_INDEX_ENTRIES) { reductionMemo.set(key, plan); }
  return plan;
}

function buildReductionPlan(shape: Shape, attrs: Attrs, what: string): ReductionPlan {
  const axes = reducedAxes(attrs, shape.length, what);
  const reduced = shape.map((_, d) => axes.includes(d));
  const keptShape = shape.map((n, d) => (reduced[d] ? 1 : n));
  const keptStrides = stridesOf(keptShape).map((s, d) => (reduced[d] ? 0 : s));
  const outShape = keepdimsOf(attrs) ? keptShape : shape.filter((_, d) => !reduced[d]);
  const count = axes.reduce((product, d) => product * shape[d], 1);
  return { outShape, count, target: stridedOffsets(shape, keptStrides) };
}

/** Max and min have no identity: reducing an empty axis is an error, as in NumPy. */
export function requireNonEmpty(plan: ReductionPlan, shape: Shape, what: string): void {
  if (plan.count === 0 && sizeOf(plan.outShape) > 0) {
    throw shapeError(`${what}: cannot reduce an empty axis of a tensor of shape ${shapeToString(shape)}`);
  }
}

/** `sum`, `sum(axis=0)`, `max(axis=(0, 2), keepdims)`. */
export function reductionLabel(name: string, attrs: Attrs): string {
  const parts: string[] = [];
  const axis = attrs.axis;
  if (typeof axis === 'number') { parts.push(`axis=${axis}`); }
  if (Array.isArray(axis)) { parts.push(`axis=(${axis.join(', ')}${axis.length === 1 ? ',' : ''})`); }
  if (keepdimsOf(attrs)) { parts.push('keepdims'); }
  return parts.length === 0 ? name : `${name}(${parts.join(', ')})`;
}
