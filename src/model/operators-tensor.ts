// ONNX operators that move or select entries, or produce constants: Identity, Dropout, Constant,
// Flatten, Reshape, Transpose, Squeeze, Unsqueeze, Concat, Slice, Gather, Shape, Cast, Pad.
import { quoted } from '../engine/excerpt';
import { Tensor, shapeToString, sizeOf } from '../engine/tensor';
import { Converter } from './operators';
import { DataType } from './onnx';
import { castToInteger } from './operators-shape';
import { NodeBuilder, Value, constant, float32Decimal } from './values';

const passThrough: Converter = b => [b.requiredInput(0)];

/** Dropout at inference is the identity; training mode (random masks) is refused. */
const dropout: Converter = b => {
  const training = b.input(2);
  if (training && b.constNumber(training, 'Dropout training_mode') !== 0) {
    throw b.error('Dropout in training mode is not supported (inference only)', 'unsupported');
  }
  return [b.requiredInput(0)];
};

/**
 * A float32 scalar constant is read as the decimal it was written as (like float attributes): the
 * exporter stores Python's `x * 0.1` as float32, the float64 reference multiplies by 0.1.
 */
const constantOp: Converter = b => {
  const t = b.tensorAttribute('value');
  if (t) {
    const scalarFloat32 = t.dataType === DataType.Float && t.tensor.size === 1;
    return [constant(scalarFloat32 ? t.tensor.map(float32Decimal) : t.tensor, t.integer)];
  }
  const f = b.attribute('value_float'), fs = b.attribute('value_floats');
  const i = b.attribute('value_int'), is = b.attribute('value_ints');
  if (f) { return [constant(Tensor.scalar(b.float('value_float', 0)), false)]; }
  if (fs) { const v = b.floats('value_floats') ?? []; return [constant(Tensor.fromArray([v.length], v), false)]; }
  if (i) { return [constant(Tensor.scalar(b.int('value_int', 0)), true)]; }
  if (is) { const v = b.ints('value_ints') ?? []; return [constant(Tensor.fromArray([v.length], v), true)]; }
  throw b.error('Constant needs a value, value_float(s) or value_int(s) attribute', 'unsupported');
};

function reshapeTo(b: NodeBuilder, x: Value, shape: readonly number[]): Value {
  return b.apply('reshape', [x], { shape: [...shape] });
}

/** An axis in [−rank, rank) made non-negative. */
function axisIn(b: NodeBuilder, axis: number, rank: number): number {
  if (axis < -rank || axis >= rank) { throw b.error(`axis ${axis} out of range for rank ${rank}`, 'shape'); }
  return axis < 0 ? axis + rank : axis;
}

const flatten: Converter = b => {
  const x = b.requiredInput(0);
  const shape = x.tensor.shape;
  const axis = b.int('axis', 1) === shape.length ? shape.length : axisIn(b, b.int('axis', 1), shape.length);
  const rows = sizeOf(shape.slice(0, axis));
  const cols = sizeOf(shape.slice(axis));
  return [reshapeTo(b, x, [rows, cols])];
};

/** Reshape's target: 0 copies the input's dimension (unless allowzero), −1 is inferred by the op. */
const reshape: Converter = b => {
  const x = b.requiredInput(0);
  const requested = b.opset >= 5 ? b.constInts(b.requiredInput(1), 'shape') : (b.ints('shape') ?? []);
  const allowZero = b.int('allowzero', 0) !== 0;
  const shape = requested.map((d, i) => {
    if (d === 0 && !allowZero) {
      if (i >= x.tensor.rank) { throw b.error(`shape entry ${i} is 0 but the input has rank ${x.tensor.rank}`, 'shape'); }
      return x.tensor.shape[i];
    }
    return d;
  });
  return [reshapeTo(b, x, shape)];
};

const transpose: Converter = b => {
  const x = b.requiredInput(0);
  const perm = b.ints('perm');
  return [b.apply('transpose', [x], perm ? { axes: perm } : {})];
};

/** Squeeze/Unsqueeze axes: an attribute before opset 13, an input from 13. */
function axesOf(b: NodeBuilder): number[] | undefined {
  if (b.opset >= 13) {
    const given = b.input(1);
    return given ? b.constInts(given, 'axes') : undefined;
  }
  return b.ints('axes');
}

const squeeze: Converter = b => {
  const x = b.requiredInput(0);
  const shape = x.tensor.shape;
  const axes = axesOf(b)?.map(a => axisIn(b, a, shape.length));
  for (const a of axes ?? []) {
    if (shape[a] !== 1) { throw b.error(`cannot squeeze axis ${a} of shape ${shapeToString(shape)}`, 'shape'); }
  }
  return [reshapeTo(b, x, shape.filter((d, i) => axes ? !axes.includes(i) : d !== 1))];
};

const unsqueeze: Converter = b => {
  const x = b.requiredInput(0);
  const given = axesOf(b);
  if (!given) { throw b.error('Unsqueeze needs axes', 'model'); }
  const rank = x.tensor.rank + given.length;
  const axes = given.map(a => axisIn(b, a, rank));
  if (new Set(axes).size !== axes.length) { throw b.error(`invalid axes ${JSON.stringify(given)}`, 'shape'); }
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) { shape.push(axes.includes(i) ? 1 : x.tensor.shape[k++]); }
  return [reshapeTo(b, x, shape)];
};

const concat: Converter = b => {
  const inputs: Value[] = [];
  for (let i = 0; i < b.inputCount; i++) {
    const v = b.input(i);
    if (v) { inputs.push(v); }
  }
  if (inputs.length === 0) { throw b.error('Concat needs at least one input', 'model'); }
  return [b.apply('concat', inputs, { axis: b.int('axis', 0) })];
};

/** The indices start, start+step, … before end, after ONNX's clamping of start and end. */
function sliceIndices(dim: number, start: number, end: number, step: number): number[] {
  const clampTo = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);
  const resolve = (v: number): number => (v < 0 ? v + dim : v);
  const s = step > 0 ? clampTo(resolve(start), 0, dim) : clampTo(resolve(start), 0, dim - 1);
  const e = step > 0 ? clampTo(resolve(end), 0, dim) : clampTo(resolve(end), -1, dim - 1);
  const out: number[] = [];
  for (let i = s; step > 0 ? i < e : i > e; i += step) { out.push(i); }
  return out;
}

const slice: Converter = b => {
  let x = b.requiredInput(0);
  const rank = x.tensor.rank;
  const read = (i: number, attr: string): number[] | undefined => {
    if (b.opset < 10) { return b.ints(attr); }
    const v = b.input(i);
    return v ? b.constInts(v, attr) : undefined;
  };
  const starts = read(1, 'starts'), ends = read(2, 'ends');
  if (!starts || !ends || starts.length !== ends.length) { throw b.error('Slice needs starts and ends of equal length', 'model'); }
  const axes = (read(3, 'axes') ?? starts.map((_, i) => i)).map(a => axisIn(b, a, rank));
  const steps = read(4, 'steps') ?? starts.map(() => 1);
  if (axes.length !== starts.length || steps.length !== starts.length || steps.some(s => s === 0)) {
    throw b.error('Slice axes and steps must match starts, with no zero step', 'model');
  }
  axes.forEach((axis, i) => {
    const dim = x.tensor.shape[axis];
    const indices = sliceIndices(dim, starts[i], ends[i], steps[i]);
    if (indices.length !== dim || indices.some((v, k) => v !== k)) {
      x = b.apply('gather', [x], { axis, indices, indicesShape: [indices.length] });
    }
  });
  return [x];
};

const gather: Converter = b => {
  const x = b.requiredInput(0);
  const indexValue = b.requiredInput(1);
  const indices = b.constInts(indexValue, 'Gather indices');
  return [b.apply('gather', [x], { axis: b.int('axis', 0), indices, indicesShape: [...indexValue.tensor.shape] })];
};

const shapeOp: Converter = b => {
  const shape = b.requiredInput(0).tensor.shape;
  const rank = shape.length;
  const bound = (v: number): number => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
  const dims = shape.slice(bound(b.int('start', 0)), bound(b.int('end', rank)));
  return [constant(Tensor.fromArray([dims.length], dims), true)];
};

const FLOAT_TYPES: readonly number[] = [DataType.Float, DataType.Double, DataType.Float16, DataType.Bfloat16];
const INTEGER_TYPES: readonly number[] = [DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64, DataType.Uint8, DataType.Uint16, DataType.Uint32, DataType.Uint64];

/** Cast to a float type keeps float64 values; to an integer or bool type the result is a constant. */
const cast: Converter = b => {
  const x = b.requiredInput(0);
  const to = b.int('to', DataType.Float);
  if (FLOAT_TYPES.includes(to)) { return [x.kind === 'const' ? constant(x.tensor, false) : x]; }
  if (INTEGER_TYPES.includes(to) || to === DataType.Bool) { return [castToInteger(x, to)]; }
  throw b.error(`Cast to data type ${to} is not supported (only to float, integer and bool types)`, 'unsupported');
};

/** Pad (constant mode): pads and value are attributes before opset 11, inputs from 11 (axes from 18). */
const pad: Converter = b => {
  const x = b.requiredInput(0);
  const mode = b.string('mode', 'constant');
  if (mode !== 'constant') { throw b.error(`Pad mode ${quoted(mode)} is not supported (only 'constant')`, 'unsupported'); }
  const rank = x.tensor.rank;
  let pads: number[];
  let value: number;
  if (b.opset >= 11) {
    const given = b.constInts(b.requiredInput(1), 'pads');
    const valueInput = b.input(2);
    value = valueInput ? b.constNumber(valueInput, 'Pad constant_value') : 0;
    const axesInput = b.input(3);
    const axes = axesInput ? b.constInts(axesInput, 'axes').map(a => axisIn(b, a, rank)) : undefined;
    pads = axes ? expandPads(given, axes, rank) : given;
  } else {
    pads = b.ints('pads') ?? b.ints('paddings') ?? [];
    value = b.float('value', 0);
  }
  if (pads.length !== 2 * rank) { throw b.error(`${pads.length} pads for a tensor of rank ${rank}`, 'shape'); }
  return [b.apply('pad', [x], { pads, value })];
};

function expandPads(given: readonly number[], axes: readonly number[], rank: number): number[] {
  const pads = new Array<number>(2 * rank).fill(0);
  axes.forEach((a, i) => {
    pads[a] = given[i] ?? 0;
    pads[a + rank] = given[i + axes.length] ?? 0;
  });
  return pads;
}

export const tensorConverters: Readonly<Record<string, Converter>> = {
  Identity: passThrough,
  Dropout: dropout,
  Constant: constantOp,
  Flatten: flatten,
  Reshape: reshape,
  Transpose: transpose,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Concat: concat,
  Slice: slice,
  Gather: gather,
  Shape: shapeOp,
  Cast: cast,
  Pad: pad,
};
