// The attributes of windowed ONNX operators (Conv, ConvTranspose, MaxPool, AveragePool) over 1, 2
// or 3 spatial axes, read and checked against the node: the engine ops take them as ONNX lays them
// out (pads [begins…, ends…]).
import { NodeBuilder, Value } from './values';

/** 1, 2 or 3: the spatial axes of an N, C, … input; other ranks are refused naming the node. */
export function spatialRank(b: NodeBuilder, x: Value): number {
  const rank = x.tensor.rank;
  if (rank < 3 || rank > 5) {
    throw b.error(`only 1-D, 2-D and 3-D ${b.opType} (input of rank 3, 4 or 5) is supported; the input has rank ${rank}`, 'unsupported');
  }
  return rank - 2;
}

/** A per-axis attribute (strides, dilations, kernel_shape, output_padding) with `spatial` entries. */
export function spatialInts(b: NodeBuilder, name: string, spatial: number, fallback: number): number[] {
  const v = b.ints(name) ?? new Array<number>(spatial).fill(fallback);
  if (v.length !== spatial) { throw b.error(`${name} ${JSON.stringify(v)} must have ${spatial} entries for a ${spatial}-D ${b.opType}`, 'model'); }
  return v;
}

/** pads ([begins…, ends…], 2·spatial entries). */
export function spatialPads(b: NodeBuilder, spatial: number): number[] {
  const v = b.ints('pads') ?? new Array<number>(2 * spatial).fill(0);
  if (v.length !== 2 * spatial) { throw b.error(`pads ${JSON.stringify(v)} must have ${2 * spatial} entries for a ${spatial}-D ${b.opType}`, 'model'); }
  return v;
}

/** Conv and ConvTranspose operands: input and weight, the weight's rank and kernel_shape checked. */
export function convOperands(b: NodeBuilder): { spatial: number; x: Value; w: Value } {
  const x = b.requiredInput(0), w = b.requiredInput(1);
  const spatial = spatialRank(b, x);
  if (w.tensor.rank !== spatial + 2) { throw b.error(`weight of rank ${w.tensor.rank}, expected ${spatial + 2}`, 'shape'); }
  const kernel = w.tensor.shape.slice(2);
  const declared = b.ints('kernel_shape');
  if (declared && declared.join() !== kernel.join()) {
    throw b.error(`kernel_shape (${declared.join(', ')}) does not match the weight's (${kernel.join(', ')})`, 'shape');
  }
  return { spatial, x, w };
}

/** SAME_UPPER puts the odd one of each axis's `total` padding at the end, SAME_LOWER at the beginning. */
export function samePads(autoPad: 'SAME_UPPER' | 'SAME_LOWER', totals: readonly number[]): number[] {
  const halves = totals.map(total => Math.floor(total / 2));
  const begin = totals.map((total, d) => (autoPad === 'SAME_UPPER' ? halves[d] : total - halves[d]));
  const end = totals.map((total, d) => (autoPad === 'SAME_UPPER' ? total - halves[d] : halves[d]));
  return [...begin, ...end];
}

/** Bias (M) added per output channel of an (N, M, o1, …) result. */
export function addChannelBias(b: NodeBuilder, y: Value, spatial: number): Value {
  const bias = b.input(2);
  if (!bias) { return y; }
  return b.apply('add', [y, b.apply('reshape', [bias], { shape: [-1, ...new Array<number>(spatial).fill(1)] })]);
}
