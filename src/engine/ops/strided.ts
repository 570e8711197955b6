// A shape seen as [outer, axis, inner]: the layout that ops along one axis walk.
import { Shape, sizeOf } from '../tensor';

/** A shape viewed as [outer, length of axis, inner]: the layout softmax, concat and stack walk. */
export interface AxisSplit {
  readonly outer: number;
  readonly length: number;
  readonly inner: number;
}

export function splitAtAxis(shape: Shape, axis: number): AxisSplit {
  return {
    outer: sizeOf(shape.slice(0, axis)),
    length: shape[axis],
    inner: sizeOf(shape.slice(axis + 1)),
  };
}
