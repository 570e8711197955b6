// Shape validation shared by the op families. Ops report bad shapes as InspectError values (kind
// 'shape', or 'limit' for tensors too big to allocate); the lowering adds the source range.
import { InspectError } from '../errors';
import { AttrValue } from '../op';
import { MAX_TENSOR_ENTRIES, Shape, shapeToString, sizeOf, tryBroadcastShapes } from '../tensor';

export function shapeError(message: string): InspectError {
  return new InspectError(message, 'shape');
}

/** Throws before allocating a tensor the engine refuses to hold. */
export function checkSize(shape: Shape): void {
  const n = sizeOf(shape);
  if (n > MAX_TENSOR_ENTRIES) {
    throw new InspectError(`a tensor of shape ${shapeToString(shape)} would have ${n} entries, over the limit of ${MAX_TENSOR_ENTRIES}`, 'limit');
  }
}

/** NumPy broadcasting of two shapes, naming both when they do not fit. */
export function broadcastPair(a: Shape, b: Shape, what: string): number[] {
  const out = tryBroadcastShapes(a, b);
  if (!out) { throw shapeError(`${what}: shapes ${shapeToString(a)} and ${shapeToString(b)} cannot be broadcast together`); }
  checkSize(out);
  return out;
}

/** An axis in [-rank, rank) made non-negative. */
export function normalizeAxis(axis: number, rank: number, what: string): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw shapeError(`${what}: axis ${axis} is out of bounds for a tensor of rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

export function numberAttr(value: AttrValue | undefined, fallback: number, what: string): number {
  if (value === undefined) { return fallback; }
  if (typeof value !== 'number') { throw new InspectError(`${what} must be a number`, 'value'); }
  return value;
}

export function optionalNumberAttr(value: AttrValue | undefined, what: string): number | null {
  if (value === undefined || value === null) { return null; }
  if (typeof value !== 'number') { throw new InspectError(`${what} must be a number or None`, 'value'); }
  return value;
}

export function integerListAttr(value: AttrValue | undefined, what: string): number[] {
  if (!Array.isArray(value) || !value.every(v => typeof v === 'number' && Number.isInteger(v))) {
    throw new InspectError(`${what} must be a list of integers`, 'value');
  }
  return value as number[];
}
