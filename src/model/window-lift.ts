// 1-D convolution and pooling run as their 2-D forms over a height of 1: exact, since a unit axis
// with kernel 1, stride 1, dilation 1 and no padding changes neither values nor gradients.
import { NodeBuilder, Value } from './values';

/** 1 or 2: the spatial axes of an N, C, … input; other ranks are refused naming the node. */
export function spatialRank(b: NodeBuilder, x: Value): 1 | 2 {
  const rank = x.tensor.rank;
  if (rank !== 3 && rank !== 4) {
    throw b.error(`only 1-D and 2-D ${b.opType} (input of rank 3 or 4) is supported; the input has rank ${rank}`, 'unsupported');
  }
  return rank === 3 ? 1 : 2;
}

/** A rank-3 tensor (N, C, L, or a 1-D weight) as rank 4 with a unit height; rank 4 unchanged. */
export function liftTo2d(b: NodeBuilder, v: Value): Value {
  if (v.tensor.rank !== 3) { return v; }
  const [n, c, l] = v.tensor.shape;
  return b.apply('reshape', [v], { shape: [n, c, 1, l] });
}

/** Undoes liftTo2d on a result when the input was 1-D. */
export function dropUnitHeight(b: NodeBuilder, y: Value, spatial: 1 | 2): Value {
  if (spatial === 2) { return y; }
  const [n, c, , l] = y.tensor.shape;
  return b.apply('reshape', [y], { shape: [n, c, l] });
}

/** A per-axis attribute (strides, dilations, kernel, output_padding) with `spatial` entries, as 2; the unit height takes the neutral fallback. */
export function spatialInts(b: NodeBuilder, name: string, spatial: 1 | 2, fallback: number): number[] {
  const v = b.ints(name) ?? new Array<number>(spatial).fill(fallback);
  if (v.length !== spatial) { throw b.error(`${name} ${JSON.stringify(v)} must have ${spatial} entries for a ${spatial}-D ${b.opType}`, 'model'); }
  return spatial === 1 ? [fallback, v[0]] : v;
}

/** pads ([begin…, end…], 2·spatial entries) as the 2-D [top, left, bottom, right]. */
export function spatialPads(b: NodeBuilder, spatial: 1 | 2): number[] {
  const v = b.ints('pads') ?? new Array<number>(2 * spatial).fill(0);
  if (v.length !== 2 * spatial) { throw b.error(`pads ${JSON.stringify(v)} must have ${2 * spatial} entries for a ${spatial}-D ${b.opType}`, 'model'); }
  return spatial === 1 ? [0, v[0], 0, v[1]] : v;
}

/** Conv and ConvTranspose operands: input and weight lifted to 2-D, the weight's rank and kernel_shape checked. */
export function convOperands(b: NodeBuilder): { spatial: 1 | 2; x: Value; w: Value } {
  const input = b.requiredInput(0), weight = b.requiredInput(1);
  const spatial = spatialRank(b, input);
  if (weight.tensor.rank !== spatial + 2) { throw b.error(`weight of rank ${weight.tensor.rank}, expected ${spatial + 2}`, 'shape'); }
  const kernel = weight.tensor.shape.slice(2);
  const declared = b.ints('kernel_shape');
  if (declared && declared.join() !== kernel.join()) {
    throw b.error(`kernel_shape (${declared.join(', ')}) does not match the weight's (${kernel.join(', ')})`, 'shape');
  }
  return { spatial, x: liftTo2d(b, input), w: liftTo2d(b, weight) };
}

/** SAME_UPPER puts the odd one of each axis's `total` padding at the end, SAME_LOWER at the beginning. */
export function samePads(autoPad: 'SAME_UPPER' | 'SAME_LOWER', totals: readonly number[]): number[] {
  const halves = totals.map(total => Math.floor(total / 2));
  const begin = totals.map((total, d) => (autoPad === 'SAME_UPPER' ? halves[d] : total - halves[d]));
  const end = totals.map((total, d) => (autoPad === 'SAME_UPPER' ? total - halves[d] : halves[d]));
  return [...begin, ...end];
}
