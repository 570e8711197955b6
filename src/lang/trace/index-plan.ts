// NumPy indexing of a tensor whose index values the tracer knows: integers, slices, None, integer
// arrays and boolean masks, combined as NumPy combines them. The plan is the selection's shape and,
// for each selected entry, its flat offset in the indexed tensor (the `take` and `put` ops' attrs).
import { sliceIndices } from '../../engine/ops/indexing';
import { Shape, Tensor, broadcastShapes, broadcastTo, shapeToString, stridesOf, unravelIndex } from '../../engine/tensor';

export type IndexPart =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number | null }
  | { kind: 'newaxis' }
  /** An integer array (`np.arange(N)`, `y`) or a boolean mask (`x > 0`). */
  | { kind: 'array'; value: Tensor; mask: boolean };

export interface IndexPlan {
  shape: number[];
  offsets: Float64Array;
}

/** An axis of the selection that comes from one slice or None. */
interface BasicAxis { count: number; start: number; step: number; stride: number }
/** An integer array applied to one axis of the indexed tensor. */
interface ArrayAxis { indices: Tensor; stride: number }

export class IndexError extends Error {}

export function planIndex(shape: Shape, parts: readonly IndexPart[]): IndexPlan {
  const expanded = parts.flatMap(p => (p.kind === 'array' && p.mask ? maskToArrays(p.value) : [p]));
  const consumed = expanded.filter(p => p.kind !== 'newaxis').length;
  if (consumed > shape.length) { throw new IndexError(`too many indices (${consumed}) for a tensor of shape ${shapeToString(shape)}`); }
  const advanced = expanded.some(p => p.kind === 'array');
  const strides = stridesOf(shape);
  const basics: (BasicAxis | 'arrays')[] = [];
  const arrays: ArrayAxis[] = [];
  let base = 0;
  let d = 0;
  for (const part of expanded) {
    if (part.kind === 'newaxis') { basics.push({ count: 1, start: 0, step: 0, stride: 0 }); continue; }
    if (part.kind === 'int' && !advanced) {
      base += wrap(part.value, shape[d], d) * strides[d];
    } else if (part.kind === 'int' || part.kind === 'array') {
      const indices = part.kind === 'int' ? Tensor.scalar(part.value) : part.value;
      arrays.push({ indices: indices.map(v => wrap(v, shape[d], d)), stride: strides[d] });
      if (basics[basics.length - 1] !== 'arrays') { basics.push('arrays'); }
    } else {
      const slice = sliceIndices(part, shape[d]);
      if (slice === undefined) { throw new IndexError('slice step cannot be zero'); }
      basics.push({ ...slice, stride: strides[d] });
    }
    d++;
  }
  for (; d < shape.length; d++) { basics.push({ count: shape[d], start: 0, step: 1, stride: strides[d] }); }
  return gather(basics, arrays, base);
}

/** A boolean mask over k axes is k integer arrays: the coordinates of its true entries. */
function maskToArrays(mask: Tensor): IndexPart[] {
  const coordinates: number[][] = mask.shape.map(() => []);
  mask.data.forEach((v, flat) => {
    if (v !== 0) { unravelIndex(flat, mask.shape).forEach((c, axis) => coordinates[axis].push(c)); }
  });
  return coordinates.map(c => ({ kind: 'array', value: new Tensor([c.length], Float64Array.from(c)), mask: false }));
}

function wrap(index: number, length: number, axis: number): number {
  if (!Number.isInteger(index)) { throw new IndexError(`index ${index} is not an integer`); }
  const i = index < 0 ? index + length : index;
  if (i < 0 || i >= length) { throw new IndexError(`index ${index} is out of bounds for axis ${axis} with size ${length}`); }
  return i;
}

/**
 * The selection's axes: slices in order, with the broadcast shape of the index arrays where they
 * stand when they are adjacent, or first when they are not (NumPy's rule).
 */
function gather(basics: readonly (BasicAxis | 'arrays')[], arrays: readonly ArrayAxis[], base: number): IndexPlan {
  const arrayShape = arrays.reduce<number[]>((s, a) => broadcastShapes(s, a.indices.shape), []);
  const adjacent = basics.filter(b => b === 'arrays').length <= 1;
  const slots = adjacent ? basics : ['arrays' as const, ...basics.filter(b => b !== 'arrays')];
  const axes = arrays.length === 0 ? slots.filter(b => b !== 'arrays') : slots;
  const shape = axes.flatMap(b => (b === 'arrays' ? arrayShape : [b.count]));
  const broadcastArrays = arrays.map(a => ({ data: broadcastTo(a.indices, arrayShape).data, stride: a.stride }));
  const total = shape.reduce((n, s) => n * s, 1);
  const offsets = new Float64Array(total);
  for (let flat = 0; flat < total; flat++) {
    const coordinates = unravelIndex(flat, shape);
    let offset = base;
    let c = 0;
    for (const axis of axes) {
      if (axis === 'arrays') {
        const arrayFlat = flatIndex(coordinates.slice(c, c + arrayShape.length), arrayShape);
        for (const a of broadcastArrays) { offset += a.data[arrayFlat] * a.stride; }
        c += arrayShape.length;
      } else {
        offset += (axis.start + coordinates[c] * axis.step) * axis.stride;
        c++;
      }
    }
    offsets[flat] = offset;
  }
  return { shape, offsets };
}

function flatIndex(coordinates: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  for (let k = 0; k < shape.length; k++) { flat = flat * shape[k] + coordinates[k]; }
  return flat;
}
