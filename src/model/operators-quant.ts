// ONNX linear quantization: DequantizeLinear (integer → float, per tensor or per axis) and
// QuantizeLinear (float → integer, forward only). Integer tensors are constants here, so a
// dequantized weight is y = (q − zero_point)·scale with the gradient reaching `scale` when it is a
// weight. Blocked quantization (opset 21 block_size) is refused.
import { DataType } from './onnx';
import { Converter } from './operators';
import { dataTypeName, elementType } from './element-types';
import { NodeBuilder, Value, constant } from './values';

/** Integer types whose values quantized tensors hold. */
const QUANTIZED_TYPES: readonly number[] = [DataType.Int8, DataType.Uint8, DataType.Int16, DataType.Uint16, DataType.Int32];

/**
 * The shape scale and zero point take to broadcast against x: a scalar for per-tensor, else the
 * 1-D parameter of length x.shape[axis] placed on that axis (the `axis` attribute from opset 13).
 */
function parameterShape(b: NodeBuilder, x: Value, scale: Value): number[] {
  if (b.int('block_size', 0) !== 0) { throw b.error('blocked quantization (block_size) is not supported', 'unsupported'); }
  const scaleShape = scale.tensor.shape;
  if (scale.tensor.size === 1 && scaleShape.length <= 1) { return []; }
  if (b.opset < 13 || scaleShape.length !== 1) {
    throw b.error(`scale must be a scalar${b.opset >= 13 ? ' or 1-D (per axis)' : ''}, found shape (${scaleShape.join(', ')})`, 'shape');
  }
  const rank = x.tensor.rank;
  const given = b.int('axis', 1);
  if (given < -rank || given >= rank) { throw b.error(`axis ${given} out of range for rank ${rank}`, 'shape'); }
  const axis = given < 0 ? given + rank : given;
  if (scaleShape[0] !== x.tensor.shape[axis]) {
    throw b.error(`per-axis scale has ${scaleShape[0]} entries, but axis ${axis} of x has ${x.tensor.shape[axis]}`, 'shape');
  }
  return x.tensor.shape.map((d, i) => (i === axis ? d : 1));
}

function broadcastTo(b: NodeBuilder, v: Value, shape: readonly number[]): Value {
  return b.apply('reshape', [v], { shape: [...shape] });
}

/** The zero point as a known integer constant of the parameter shape, or undefined when omitted. */
function zeroPoint(b: NodeBuilder, scale: Value, shape: readonly number[]): Value | undefined {
  const given = b.input(2);
  if (!given) { return undefined; }
  const values = b.constInts(given, 'zero_point');
  if (values.length !== scale.tensor.size) {
    throw b.error(`zero_point has ${values.length} entries, scale has ${scale.tensor.size}`, 'shape');
  }
  return broadcastTo(b, constant(given.tensor.map(Math.trunc), true), shape);
}

const dequantizeLinear: Converter = b => {
  const x = b.requiredInput(0);
  if (x.kind !== 'const' || !x.integer) {
    throw b.error('DequantizeLinear needs an integer x (an INT8/UINT8/INT32 initializer or a QuantizeLinear result)', 'unsupported');
  }
  const scale = b.requiredInput(1);
  const shape = parameterShape(b, x, scale);
  const zero = zeroPoint(b, scale, shape);
  const shifted = zero ? b.apply('sub', [x, zero]) : x;
  const real = constant(shifted.tensor, false);
  return [b.apply('mul', [real, broadcastTo(b, scale, shape)])];
};

/** Round half to even, as QuantizeLinear specifies. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The integer type of QuantizeLinear's output: the zero point's, else output_dtype (opset 21), else UINT8. */
function outputType(b: NodeBuilder): number {
  const type = b.input(2) ? b.storedType(2) : b.int('output_dtype', 0) || DataType.Uint8;
  if (type === undefined) { throw b.error('zero_point must be an initializer or Constant, whose type gives the output type', 'unsupported'); }
  if (!QUANTIZED_TYPES.includes(type) || type === DataType.Int32) {
    throw b.error(`QuantizeLinear to ${dataTypeName(type)} is not supported (INT8, UINT8, INT16, UINT16)`, 'unsupported');
  }
  return type;
}

/**
 * Forward only: the result is an integer constant computed from x's value. Rounding has no useful
 * gradient (zero almost everywhere) and ONNX defines none, so no gradient flows back through it;
 * a note says so rather than pretending a straight-through estimate.
 */
const quantizeLinear: Converter = b => {
  const x = b.requiredInput(0);
  const scale = b.requiredInput(1);
  const shape = parameterShape(b, x, scale);
  const type = outputType(b);
  const [lo, hi] = elementType(type)?.range ?? [0, 255];
  const bad = scale.tensor.data.findIndex(v => !(v > 0 && Number.isFinite(v)));
  if (bad >= 0) { throw b.error(`scale must be positive and finite, found ${scale.tensor.data[bad]} at entry ${bad}`, 'value'); }
  const scaled = b.apply('div', [constant(x.tensor, false), broadcastTo(b, constant(scale.tensor, false), shape)]);
  const zero = zeroPoint(b, scale, shape);
  const offset = zero ? zero.tensor : undefined;
  const rounded = scaled.tensor.map(roundHalfEven);
  const sum = offset ? b.apply('add', [constant(rounded, false), constant(offset, false)]).tensor : rounded;
  if (x.kind === 'node') {
    b.note('QuantizeLinear output is treated as a constant: rounding has no gradient in ONNX, so none flows back to its input');
  }
  return [constant(sum.map(v => Math.min(hi, Math.max(lo, v))), true)];
};

export const quantConverters: Readonly<Record<string, Converter>> = {
  DequantizeLinear: dequantizeLinear,
  QuantizeLinear: quantizeLinear,
};
