// TensorProto → engine Tensor (float64). Data comes from raw_data (little-endian), the typed fields
// or an external file; every size is checked against the declared dims and the engine's tensor limit
// before anything is allocated.
import { quoted } from '../engine/excerpt';
import { InspectError } from '../engine/errors';
import { Budget, entriesOf } from '../engine/limits';
import { MAX_TENSOR_ENTRIES, Tensor, shapeToString } from '../engine/tensor';
import { printableLocation, SideFileError, SideFileReader, SideFileRequest, sideFileMessage } from '../io/side-files';
import { DataType, TensorProto } from './onnx';

export interface DecodedTensor {
  readonly tensor: Tensor;
  /** An integer tensor (shapes, indices): never a leaf, never differentiated. */
  readonly integer: boolean;
  /** The TensorProto data type it was stored as. */
  readonly dataType: number;
}

const BYTES_PER_ENTRY: Readonly<Record<number, number>> = {
  [DataType.Float]: 4, [DataType.Double]: 8, [DataType.Int32]: 4, [DataType.Int64]: 8, [DataType.Bool]: 1,
};

const TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'UNDEFINED', 1: 'FLOAT', 2: 'UINT8', 3: 'INT8', 4: 'UINT16', 5: 'INT16', 6: 'INT32', 7: 'INT64',
  8: 'STRING', 9: 'BOOL', 10: 'FLOAT16', 11: 'DOUBLE', 12: 'UINT32', 13: 'UINT64', 14: 'COMPLEX64',
  15: 'COMPLEX128', 16: 'BFLOAT16',
};

export function dataTypeName(t: number): string {
  return TYPE_NAMES[t] ?? `data type ${t}`;
}

export function isIntegerType(t: number): boolean {
  return t === DataType.Int32 || t === DataType.Int64 || t === DataType.Bool;
}

/** Validated dims of a tensor: non-negative integers whose product is within the engine limit. */
export function checkedDims(dims: readonly number[], what: string): number[] {
  let n = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new InspectError(`${what} has an invalid dimension ${d}`, 'model');
    }
    n *= d;
    if (n > MAX_TENSOR_ENTRIES) {
      throw new InspectError(`${what} of dims ${shapeToString(dims)} has more than ${MAX_TENSOR_ENTRIES} entries`, 'limit');
    }
  }
  return [...dims];
}

/** Refused by `budget` (before reading or allocating) when the dims cannot be held. */
export async function decodeTensor(p: TensorProto, readExternal?: SideFileReader, budget: Budget = Budget.unlimited()): Promise<DecodedTensor> {
  const what = `tensor ${quoted(p.name)}`;
  const width = BYTES_PER_ENTRY[p.dataType];
  if (width === undefined) {
    throw new InspectError(`${what} has data type ${dataTypeName(p.dataType)}; supported: FLOAT, DOUBLE, INT32, INT64, BOOL`, 'model');
  }
  budget.requireEntries(entriesOf(p.dims), `dims ${shapeToString(p.dims)}`, { node: what });
  const shape = checkedDims(p.dims, what);
  const count = shape.reduce((a, b) => a * b, 1);
  const integer = isIntegerType(p.dataType);
  const raw = p.dataLocation === 1 ? await externalBytes(p, count, width, readExternal) : p.rawData;
  if (raw !== undefined) {
    if (raw.length !== count * width) {
      throw new InspectError(`${what}: ${raw.length} bytes of data for ${count} entries of ${dataTypeName(p.dataType)} (expected ${count * width})`, 'model');
    }
    return { tensor: new Tensor(shape, fromLittleEndian(raw, p.dataType, count)), integer, dataType: p.dataType };
  }
  const typed = typedField(p);
  if (typed.length !== count) {
    throw new InspectError(`${what}: ${typed.length} values for ${count} entries`, 'model');
  }
  return { tensor: new Tensor(shape, Float64Array.from(typed)), integer, dataType: p.dataType };
}

function typedField(p: TensorProto): readonly number[] {
  switch (p.dataType) {
    case DataType.Float: return p.floatData;
    case DataType.Double: return p.doubleData;
    case DataType.Int64: return p.int64Data;
    default: return p.int32Data;
  }
}

function fromLittleEndian(raw: Uint8Array, dataType: number, count: number): Float64Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = new Float64Array(count);
  switch (dataType) {
    case DataType.Float: for (let i = 0; i < count; i++) { out[i] = view.getFloat32(4 * i, true); } break;
    case DataType.Double: for (let i = 0; i < count; i++) { out[i] = view.getFloat64(8 * i, true); } break;
    case DataType.Int32: for (let i = 0; i < count; i++) { out[i] = view.getInt32(4 * i, true); } break;
    case DataType.Bool: for (let i = 0; i < count; i++) { out[i] = raw[i] !== 0 ? 1 : 0; } break;
    default:
      // int64 as hi·2^32 + lo: exact within ±2^53, the nearest double beyond (e.g. INT64_MAX as a
      // Slice end, which is clamped anyway).
      for (let i = 0; i < count; i++) { out[i] = view.getInt32(8 * i + 4, true) * 4294967296 + view.getUint32(8 * i, true); }
  }
  return out;
}

/**
 * The bytes of an externally stored tensor: exactly `needed` bytes (its dims × its type's width),
 * checked against the model's own offset and length before the reader touches any file.
 */
async function externalBytes(p: TensorProto, count: number, width: number, readExternal?: SideFileReader): Promise<Uint8Array> {
  const needed = count * width;
  const location = p.externalData.get('location');
  if (location === undefined || location === '') {
    throw new InspectError(`tensor ${quoted(p.name)} is stored externally but names no location`, 'model');
  }
  if (!readExternal) {
    throw new InspectError(`tensor ${quoted(p.name)} is stored in the external file '${printableLocation(location)}', which cannot be read here`, 'model');
  }
  const offset = externalNumber(p, 'offset', 0);
  const length = p.externalData.get('length') === undefined ? undefined : externalNumber(p, 'length', 0);
  if (length !== undefined && length !== needed) {
    throw new InspectError(`tensor ${quoted(p.name)}: external data length ${length} for ${count} entries of ${dataTypeName(p.dataType)} (expected ${needed})`, 'model');
  }
  const request: SideFileRequest = { tensor: p.name, location, offset, length: needed, toEndOfFile: length === undefined };
  let bytes: Uint8Array;
  try {
    bytes = await readExternal(request);
  } catch (e) {
    // Whatever else went wrong is worded as a refusal: a reader's own message could name an outside path.
    const problem = e instanceof SideFileError ? e.problem : 'refused';
    throw new InspectError(sideFileMessage(problem, request), 'model');
  }
  if (bytes.length !== needed) { throw new InspectError(sideFileMessage('size', request), 'model'); }
  return bytes;
}

function externalNumber(p: TensorProto, key: string, fallback: number): number {
  const text = p.externalData.get(key);
  if (text === undefined) { return fallback; }
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InspectError(`tensor ${quoted(p.name)}: external data ${key} ${quoted(text)} is not a byte count`, 'model');
  }
  return n;
}
