// Index arithmetic for ops that rearrange or reduce entries: walk a shape in row-major order and
// produce, for every position, an offset computed from per-dimension strides.
import { Shape, sizeOf } from '../tensor';

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
