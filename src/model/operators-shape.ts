// ONNX operators of shape arithmetic, logic and index selection, as exports of transformers use
// them: Range, Size, ConstantOfShape, Expand, Tile, Trilu, comparisons and logic, Where, CumSum,
// ArgMax, TopK, GatherElements and ScatterND. Integer and boolean results are constants: on
// constants they fold; of a computed tensor (a comparison, ArgMax, TopK's indices) they are taken
// from its value at import, which has no gradient (they are piecewise constant).
import { quoted } from '../engine/excerpt';
import { splitAtAxis } from '../engine/ops/strided';
import { Tensor, broadcastShapes, sizeOf, zipBroadcast } from '../engine/tensor';
import { Converter } from './operators';
import { DataType } from './onnx';
import { NodeBuilder, Value, constant } from './values';

/** The largest number of entries Range may produce, checked before the list is built. */
const MAX_RANGE_ENTRIES = 1 << 24;

function axisIn(b: NodeBuilder, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) { throw b.error(`axis ${axis} out of range for rank ${rank}`, 'shape'); }
  return axis < 0 ? axis + rank : axis;
}

function shapeOfBroadcast(b: NodeBuilder, a: readonly number[], c: readonly number[]): number[] {
  try {
    return broadcastShapes(a, c);
  } catch {
    throw b.error(`shapes (${a.join(', ')}) and (${c.join(', ')}) cannot be broadcast together`, 'shape');
  }
}

/** Elementwise f over broadcast tensors, as an integer (boolean) constant. */
function zipConstant(b: NodeBuilder, x: Tensor, y: Tensor, f: (p: number, q: number) => boolean): Value {
  const shape = shapeOfBroadcast(b, x.shape, y.shape);
  b.graph.budget.chargeEntries(sizeOf(shape), `the result of ${b.opType}`, { node: b.where });
  return constant(zipBroadcast(x, y, (p, q) => (f(p, q) ? 1 : 0)), true);
}

const compare = (f: (p: number, q: number) => boolean): Converter => b => [zipConstant(b, b.requiredInput(0).tensor, b.requiredInput(1).tensor, f)];

const not: Converter = b => [constant(b.requiredInput(0).tensor.map(v => (v === 0 ? 1 : 0)), true)];

const where: Converter = b => {
  const condition = b.requiredInput(0);
  if (condition.kind !== 'const') { throw b.error('the condition of Where must be a boolean tensor, not a float one', 'model'); }
  return [b.apply('where', [condition, b.requiredInput(1), b.requiredInput(2)])];
};

const range: Converter = b => {
  const [start, limit, delta] = [0, 1, 2].map(i => b.requiredInput(i));
  const [s, l, d] = [start, limit, delta].map((v, i) => b.constNumber(v, `Range ${['start', 'limit', 'delta'][i]}`));
  if (d === 0 || !Number.isFinite(s + l + d)) { throw b.error(`Range(${s}, ${l}, ${d}) needs a finite non-zero delta`, 'value'); }
  const count = Math.max(Math.ceil((l - s) / d), 0);
  if (count > MAX_RANGE_ENTRIES) { throw b.error(`Range(${s}, ${l}, ${d}) has ${count} entries, over the limit of ${MAX_RANGE_ENTRIES}`, 'shape'); }
  b.graph.budget.chargeEntries(count, 'the result of Range', { node: b.where });
  const values = Array.from({ length: count }, (_, i) => s + i * d);
  return [constant(Tensor.fromArray([count], values), start.kind === 'const' && start.integer)];
};

const size: Converter = b => [constant(Tensor.scalar(b.requiredInput(0).tensor.size), true)];

const constantOfShape: Converter = b => {
  const shape = b.constInts(b.requiredInput(0), 'ConstantOfShape shape');
  if (shape.some(d => d < 0)) { throw b.error(`ConstantOfShape shape (${shape.join(', ')}) has a negative dimension`, 'shape'); }
  b.graph.budget.chargeEntries(sizeOf(shape), 'the result of ConstantOfShape', { node: b.where });
  const value = b.tensorAttribute('value');
  if (value && value.tensor.size !== 1) { throw b.error(`ConstantOfShape value must have one entry, found ${value.tensor.size}`, 'model'); }
  const out = new Tensor(shape);
  out.data.fill(value ? value.tensor.data[0] : 0);
  return [constant(out, value ? value.integer : false)];
};

/** Expand broadcasts both ways: the result has the broadcast of the input's shape and the given one. */
const expand: Converter = b => {
  const x = b.requiredInput(0);
  const requested = b.constInts(b.requiredInput(1), 'Expand shape');
  if (requested.some(d => d < 0)) { throw b.error(`Expand shape (${requested.join(', ')}) has a negative dimension`, 'shape'); }
  const shape = shapeOfBroadcast(b, x.tensor.shape, requested);
  return [b.apply('broadcast_to', [x], { shape })];
};

/** Tile as reshape → broadcast → reshape: (a, b) tiled (r, s) is (1, a, 1, b) broadcast to (r, a, s, b). */
const tile: Converter = b => {
  const x = b.requiredInput(0);
  const repeats = b.constInts(b.requiredInput(1), 'Tile repeats');
  const shape = x.tensor.shape;
  if (repeats.length !== shape.length || repeats.some(r => r < 0)) {
    throw b.error(`Tile repeats (${repeats.join(', ')}) must be ${shape.length} non-negative integers`, 'shape');
  }
  const interleaved = shape.flatMap(d => [1, d]);
  const broadcast = shape.flatMap((d, i) => [repeats[i], d]);
  const spread = b.apply('broadcast_to', [b.apply('reshape', [x], { shape: interleaved })], { shape: broadcast });
  return [b.apply('reshape', [spread], { shape: shape.map((d, i) => d * repeats[i]) })];
};

/** Trilu keeps the lower (upper=0) or upper triangle of the last two axes, shifted by k. */
const trilu: Converter = b => {
  const x = b.requiredInput(0);
  if (x.tensor.rank < 2) { throw b.error(`Trilu needs a tensor of rank ≥ 2, found rank ${x.tensor.rank}`, 'shape'); }
  const kInput = b.input(1);
  const k = kInput ? b.constNumber(kInput, 'Trilu k') : 0;
  const upper = b.int('upper', 1) !== 0;
  const [rows, cols] = x.tensor.shape.slice(-2);
  const keep = new Tensor([rows, cols]);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) { keep.data[i * cols + j] = (upper ? j - i >= k : j - i <= k) ? 1 : 0; }
  }
  const zero = constant(Tensor.scalar(0), x.kind === 'const' && x.integer);
  return [b.apply('where', [constant(keep, true), x, zero])];
};

const cumSum: Converter = b => {
  const x = b.requiredInput(0);
  const axis = axisIn(b, b.constNumber(b.requiredInput(1), 'CumSum axis'), x.tensor.rank);
  return [b.apply('cumsum', [x], { axis, exclusive: b.int('exclusive', 0) !== 0, reverse: b.int('reverse', 0) !== 0 })];
};

const argExtreme = (sign: 1 | -1): Converter => b => {
  const x = b.requiredInput(0).tensor;
  const axis = axisIn(b, b.int('axis', 0), x.rank);
  const last = b.int('select_last_index', 0) !== 0;
  const { outer, length, inner } = splitAtAxis(x.shape, axis);
  if (length === 0) { throw b.error(`${b.opType} over an empty axis ${axis}`, 'shape'); }
  const out = new Tensor(x.shape.map((d, i) => (i === axis ? 1 : d)));
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let best = 0;
      for (let i = 1; i < length; i++) {
        const v = sign * x.data[(o * length + i) * inner + j], top = sign * x.data[(o * length + best) * inner + j];
        if (v > top || (last && v === top)) { best = i; }
      }
      out.data[o * inner + j] = best;
    }
  }
  const keep = b.int('keepdims', 1) !== 0;
  return [constant(keep ? out : new Tensor(x.shape.filter((_, i) => i !== axis), out.data), true)];
};

/** TopK: the indices come from the values at import (constants); the values gather them, differentiably. */
const topK: Converter = b => {
  const x = b.requiredInput(0);
  const axis = axisIn(b, b.int('axis', -1), x.tensor.rank);
  const k = b.opset >= 10 ? b.constNumber(b.requiredInput(1), 'TopK k') : b.int('k', 1);
  const { outer, length, inner } = splitAtAxis(x.tensor.shape, axis);
  if (!Number.isInteger(k) || k < 0 || k > length) { throw b.error(`TopK k = ${k} must be an integer in [0, ${length}]`, 'value'); }
  const largest = b.int('largest', 1) !== 0;
  const shape = x.tensor.shape.map((d, i) => (i === axis ? k : d));
  const indices = new Tensor(shape);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const at = (i: number): number => x.tensor.data[(o * length + i) * inner + j];
      // Ties keep the lower index first, as ONNX and PyTorch do.
      const order = Array.from({ length }, (_, i) => i).sort((p, q) => (largest ? at(q) - at(p) : at(p) - at(q)) || p - q);
      for (let r = 0; r < k; r++) { indices.data[(o * k + r) * inner + j] = order[r]; }
    }
  }
  const values = b.apply('gather_elements', [x], { axis, indices: Array.from(indices.data), indicesShape: shape });
  return [values, constant(indices, true)];
};

const gatherElements: Converter = b => {
  const x = b.requiredInput(0);
  const indexValue = b.requiredInput(1);
  const indices = b.constInts(indexValue, 'GatherElements indices');
  const axis = axisIn(b, b.int('axis', 0), x.tensor.rank);
  return [b.apply('gather_elements', [x], { axis, indices, indicesShape: [...indexValue.tensor.shape] })];
};

const scatterNd: Converter = b => {
  const reduction = b.string('reduction', 'none');
  if (reduction !== 'none') { throw b.error(`ScatterND reduction ${quoted(reduction)} is not supported (only 'none')`, 'unsupported'); }
  const indexValue = b.requiredInput(1);
  const indices = b.constInts(indexValue, 'ScatterND indices');
  return [b.apply('scatter_nd', [b.requiredInput(0), b.requiredInput(2)], { indices, indicesShape: [...indexValue.tensor.shape] })];
};

/** Cast to an integer or boolean type: of a constant it folds, of a computed tensor it is taken from its value (no gradient). */
export function castToInteger(x: Value, to: number): Value {
  return constant(x.tensor.map(v => (to === DataType.Bool ? (v !== 0 ? 1 : 0) : Math.trunc(v))), true);
}

export const shapeConverters: Readonly<Record<string, Converter>> = {
  Range: range,
  Size: size,
  ConstantOfShape: constantOfShape,
  Expand: expand,
  Tile: tile,
  Trilu: trilu,
  Not: not,
  And: compare((p, q) => p !== 0 && q !== 0),
  Or: compare((p, q) => p !== 0 || q !== 0),
  Xor: compare((p, q) => (p !== 0) !== (q !== 0)),
  Equal: compare((p, q) => p === q),
  Less: compare((p, q) => p < q),
  LessOrEqual: compare((p, q) => p <= q),
  Greater: compare((p, q) => p > q),
  GreaterOrEqual: compare((p, q) => p >= q),
  Where: where,
  CumSum: cumSum,
  ArgMax: argExtreme(1),
  ArgMin: argExtreme(-1),
  TopK: topK,
  GatherElements: gatherElements,
  ScatterND: scatterNd,
};
