// ONNX tensor element types (TensorProto.DataType) as this importer reads them: each type's name,
// width in raw_data, whether it is an integer type (never differentiated), the typed field the ONNX
// spec stores it in, and the exact decoding of one entry to float64.
import { DataType } from './onnx';

/** The TensorProto field that holds a type's values when raw_data is absent (onnx.proto comments). */
export type TypedField = 'float_data' | 'double_data' | 'int32_data' | 'int64_data' | 'uint64_data';

export interface ElementType {
  readonly name: string;
  /** The name PyTorch and NumPy users know it by (float32, bfloat16, int8), shown with the values. */
  readonly dtype: string;
  /** Bytes per entry in raw_data (little-endian). */
  readonly width: number;
  readonly integer: boolean;
  readonly field: TypedField;
  /** Inclusive range of an integer type's values (checked in the typed fields, where a varint can hold more). */
  readonly range?: readonly [number, number];
  /** One entry from raw_data at byte offset `at`. */
  readonly fromRaw: (view: DataView, at: number) => number;
  /** One entry from its typed field (float16/bfloat16 are stored there as bit patterns). */
  readonly fromTyped: (stored: number) => number;
}

const TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'UNDEFINED', 1: 'FLOAT', 2: 'UINT8', 3: 'INT8', 4: 'UINT16', 5: 'INT16', 6: 'INT32', 7: 'INT64',
  8: 'STRING', 9: 'BOOL', 10: 'FLOAT16', 11: 'DOUBLE', 12: 'UINT32', 13: 'UINT64', 14: 'COMPLEX64',
  15: 'COMPLEX128', 16: 'BFLOAT16',
};

export function dataTypeName(t: number): string {
  return TYPE_NAMES[t] ?? `data type ${t}`;
}

/** IEEE 754 binary16 bit pattern → its exact value (subnormals, ±0, ±inf and NaN included). */
export function float16FromBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) { return sign * fraction * 2 ** -24; }
  if (exponent === 0x1f) { return fraction === 0 ? sign * Infinity : NaN; }
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

const bfloat16Scratch = new DataView(new ArrayBuffer(4));

/** bfloat16 bit pattern (the upper half of a float32) → its exact value. */
export function bfloat16FromBits(bits: number): number {
  bfloat16Scratch.setUint32(0, (bits & 0xffff) << 16 >>> 0);
  return bfloat16Scratch.getFloat32(0);
}

/** uint64_data varints are read as signed int64: values of 2^63 and above come back negative. */
function unsigned64(stored: number): number {
  return stored < 0 ? stored + 2 ** 64 : stored;
}

const same = (stored: number): number => stored;

function integerType(name: string, dtype: string, width: number, range: readonly [number, number], fromRaw: ElementType['fromRaw'], field: TypedField = 'int32_data', fromTyped = same): ElementType {
  return { name, dtype, width, integer: true, field, range, fromRaw, fromTyped };
}

const ELEMENT_TYPES: ReadonlyMap<number, ElementType> = new Map<number, ElementType>([
  [DataType.Float, { name: 'FLOAT', dtype: 'float32', width: 4, integer: false, field: 'float_data', fromRaw: (v, at) => v.getFloat32(at, true), fromTyped: same }],
  [DataType.Double, { name: 'DOUBLE', dtype: 'float64', width: 8, integer: false, field: 'double_data', fromRaw: (v, at) => v.getFloat64(at, true), fromTyped: same }],
  [DataType.Float16, {
    name: 'FLOAT16', dtype: 'float16', width: 2, integer: false, field: 'int32_data',
    fromRaw: (v, at) => float16FromBits(v.getUint16(at, true)), fromTyped: stored => float16FromBits(stored & 0xffff),
  }],
  [DataType.Bfloat16, {
    name: 'BFLOAT16', dtype: 'bfloat16', width: 2, integer: false, field: 'int32_data',
    fromRaw: (v, at) => bfloat16FromBits(v.getUint16(at, true)), fromTyped: stored => bfloat16FromBits(stored & 0xffff),
  }],
  [DataType.Int8, integerType('INT8', 'int8', 1, [-128, 127], (v, at) => v.getInt8(at))],
  [DataType.Uint8, integerType('UINT8', 'uint8', 1, [0, 255], (v, at) => v.getUint8(at))],
  [DataType.Int16, integerType('INT16', 'int16', 2, [-32768, 32767], (v, at) => v.getInt16(at, true))],
  [DataType.Uint16, integerType('UINT16', 'uint16', 2, [0, 65535], (v, at) => v.getUint16(at, true))],
  [DataType.Int32, integerType('INT32', 'int32', 4, [-(2 ** 31), 2 ** 31 - 1], (v, at) => v.getInt32(at, true))],
  [DataType.Uint32, integerType('UINT32', 'uint32', 4, [0, 2 ** 32 - 1], (v, at) => v.getUint32(at, true), 'uint64_data')],
  // 64-bit integers as hi·2^32 + lo: exact within ±2^53, the nearest double beyond (e.g. INT64_MAX
  // as a Slice end, which is clamped anyway).
  [DataType.Int64, integerType('INT64', 'int64', 8, [-(2 ** 63), 2 ** 63], (v, at) => v.getInt32(at + 4, true) * 2 ** 32 + v.getUint32(at, true), 'int64_data')],
  [DataType.Uint64, integerType('UINT64', 'uint64', 8, [0, 2 ** 64], (v, at) => v.getUint32(at + 4, true) * 2 ** 32 + v.getUint32(at, true), 'uint64_data', unsigned64)],
  [DataType.Bool, integerType('BOOL', 'bool', 1, [0, 1], (v, at) => (v.getUint8(at) !== 0 ? 1 : 0))],
]);

/** The element type of a TensorProto data type, or undefined for the ones not read (strings, complex, float8). */
export function elementType(t: number): ElementType | undefined {
  return ELEMENT_TYPES.get(t);
}

/** The names of the types `elementType` reads, for errors. */
export function supportedTypeNames(): string[] {
  return [...ELEMENT_TYPES.values()].map(t => t.name);
}

/** The PyTorch-style name of a data type (float16), or the ONNX name of one not read (STRING). */
export function dtypeName(t: number): string {
  return ELEMENT_TYPES.get(t)?.dtype ?? dataTypeName(t);
}

export function isIntegerType(t: number): boolean {
  return ELEMENT_TYPES.get(t)?.integer ?? false;
}
