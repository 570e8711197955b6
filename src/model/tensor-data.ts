// TensorProto → engine Tensor (float64). Data comes from raw_data (little-endian), the typed fields
// or an external file; every size is checked against the declared dims and the engine's tensor limit
// before anything is allocated.
import { quoted } from '../engine/excerpt';
import { InspectError } from '../engine/errors';
import { Budget, entriesOf } from '../engine/limits';
import { MAX_TENSOR_ENTRIES, Tensor, shapeToString } from '../engine/tensor';
import { printableLocation, SideFileError, SideFileReader, SideFileRequest, sideFileMessage } from '../io/side-files';
import { TensorProto } from './onnx';
import { dataTypeName, ElementType, elementType, supportedTypeNames, TypedField } from './element-types';

export interface DecodedTensor {
  readonly tensor: Tensor;
  /** An integer tensor (shapes, indices): never a leaf, never differentiated. */
  readonly integer: boolean;
  /** The TensorProto data type it was stored as. */
  readonly dataType: number;
}

export { dataTypeName, isIntegerType } from './element-types';

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
  const type = elementType(p.dataType);
  if (type === undefined) {
    throw new InspectError(`${what} has data type ${dataTypeName(p.dataType)}; supported: ${supportedTypeNames().join(', ')}`, 'model');
  }
  budget.requireEntries(entriesOf(p.dims), `dims ${shapeToString(p.dims)}`, { node: what });
  const shape = checkedDims(p.dims, what);
  const count = shape.reduce((a, b) => a * b, 1);
  const raw = p.dataLocation === 1 ? await externalBytes(p, count, type.width, readExternal) : p.rawData;
  const data = raw !== undefined ? fromRawData(raw, type, count, what) : fromTypedField(p, type, count, what);
  return { tensor: new Tensor(shape, data), integer: type.integer, dataType: p.dataType };
}

function fromRawData(raw: Uint8Array, type: ElementType, count: number, what: string): Float64Array {
  if (raw.length !== count * type.width) {
    throw new InspectError(`${what}: ${raw.length} bytes of data for ${count} entries of ${type.name} (expected ${count * type.width})`, 'model');
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) { out[i] = type.fromRaw(view, i * type.width); }
  return out;
}

/** A varint in int32_data can hold any int64: an entry outside the type's range is a broken file. */
function fromTypedField(p: TensorProto, type: ElementType, count: number, what: string): Float64Array {
  const stored = typedField(p, type.field);
  if (stored.length !== count) {
    throw new InspectError(`${what}: ${stored.length} values for ${count} entries (in ${type.field})`, 'model');
  }
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = type.fromTyped(stored[i]);
    if (type.range && (v < type.range[0] || v > type.range[1])) {
      throw new InspectError(`${what}: entry ${i} of ${type.field} is ${v}, outside the range of ${type.name} [${type.range[0]}, ${type.range[1]}]`, 'model');
    }
    out[i] = v;
  }
  return out;
}

function typedField(p: TensorProto, field: TypedField): readonly number[] {
  switch (field) {
    case 'float_data': return p.floatData;
    case 'double_data': return p.doubleData;
    case 'int64_data': return p.int64Data;
    case 'uint64_data': return p.uint64Data;
    default: return p.int32Data;
  }
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
