// Damaged ONNX files: the fixture models cut, bit-flipped and with their protobuf structure bent
// (varints made huge or overlong, length fields changed, fields repeated, messages nested deep),
// small models written with hostile shapes (huge, negative, zero, mismatched dims), quantization
// models with fuzzed data types and attributes, and random
// bytes bare or behind a ModelProto header.
import { Nested } from '../../src/engine/tensor';
import { FLOAT, INT64, modelBytes, ModelSpec } from '../unit/model/onnx-writer';
import { Random } from './random';
import { GenerationLimits } from './text-inputs';

export interface OnnxFixtureInput {
  bytes: Uint8Array;
  inputs: Record<string, Nested>;
}

export interface OnnxInput {
  bytes: Uint8Array;
  inputs?: Record<string, Nested>;
}

/** A length-delimited field found by walking the wire format: where its length varint sits. */
interface LengthField { tagStart: number; lengthStart: number; lengthEnd: number; length: number }

export function onnxInput(r: Random, fixtures: readonly OnnxFixtureInput[], limits: GenerationLimits): OnnxInput {
  const kind = r.below(10);
  if (kind === 0) { return { bytes: hostileShapeModel(r, limits) }; }
  if (kind === 1) { return { bytes: randomBytes(r) }; }
  if (kind === 2) { return { bytes: quantizedModel(r) }; }
  const fixture = r.pick(fixtures);
  let bytes = fixture.bytes;
  for (let edits = r.chance(0.7) ? 1 : r.between(2, 3); edits > 0; edits--) { bytes = mutate(r, bytes); }
  return { bytes, inputs: r.chance(0.5) ? fixture.inputs : undefined };
}

function mutate(r: Random, bytes: Uint8Array): Uint8Array {
  const fields = lengthFields(bytes);
  switch (r.below(6)) {
    case 0: return bytes.subarray(0, r.below(bytes.length));
    case 1: return flipBits(r, bytes);
    case 2: return fields.length ? repeatField(bytes, r.pick(fields)) : flipBits(r, bytes);
    case 3: return corruptVarint(r, bytes);
    case 4: return splice(bytes, r.below(bytes.length + 1), 0, nestedMessages(r.size(5000)));
    default: return fields.length ? changeLength(r, bytes, r.pick(fields)) : flipBits(r, bytes);
  }
}

function flipBits(r: Random, bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  for (let n = r.between(1, 8); n > 0; n--) { out[r.below(out.length)] ^= 1 << r.below(8); }
  return out;
}

/** A length field set to a near miss, zero, or a huge value (2^31, 2^32 − 1, 2^53). */
function changeLength(r: Random, bytes: Uint8Array, field: LengthField): Uint8Array {
  const length = r.pick([field.length + 1, field.length - 1, field.length * 2, 0, 2 ** 31, 2 ** 32 - 1, 2 ** 53, bytes.length]);
  return splice(bytes, field.lengthStart, field.lengthEnd - field.lengthStart, varint(Math.max(0, length)));
}

/** The whole field (tag, length, body) written twice in a row. */
function repeatField(bytes: Uint8Array, field: LengthField): Uint8Array {
  const end = field.lengthEnd + field.length;
  return splice(bytes, end, 0, bytes.subarray(field.tagStart, end));
}

/** At a random varint-looking byte: ten continuation bytes (overlong) or the largest 64-bit value. */
function corruptVarint(r: Random, bytes: Uint8Array): Uint8Array {
  const at = r.below(bytes.length);
  const replacement = r.chance(0.5) ? new Uint8Array(11).fill(0xff) : Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
  return splice(bytes, at, 1, replacement);
}

/** Field 1 holding field 1 holding … `depth` levels: a stack test for the reader. */
function nestedMessages(depth: number): Uint8Array {
  let body: number[] = [];
  for (let i = 0; i < depth; i++) { body = [0x0a, ...varint(body.length), ...body]; }
  return Uint8Array.from(body);
}

/** The length-delimited fields of the message tree, found by a forgiving walk (stops at damage). */
function lengthFields(bytes: Uint8Array): LengthField[] {
  const found: LengthField[] = [];
  const walk = (start: number, end: number, depth: number): void => {
    let p = start;
    while (p < end && depth < 8) {
      const tagStart = p;
      const key = readVarint(bytes, p, end);
      if (!key) { return; }
      p = key.end;
      const wire = key.value % 8;
      if (wire === 0) { const v = readVarint(bytes, p, end); if (!v) { return; } p = v.end; continue; }
      if (wire === 1) { p += 8; continue; }
      if (wire === 5) { p += 4; continue; }
      if (wire !== 2) { return; }
      const length = readVarint(bytes, p, end);
      if (!length || length.end + length.value > end) { return; }
      found.push({ tagStart, lengthStart: p, lengthEnd: length.end, length: length.value });
      walk(length.end, length.end + length.value, depth + 1);
      p = length.end + length.value;
    }
  };
  walk(0, bytes.length, 0);
  return found;
}

function readVarint(bytes: Uint8Array, start: number, end: number): { value: number; end: number } | undefined {
  let value = 0;
  for (let p = start, shift = 1; p < end && p < start + 8; p++, shift *= 128) {
    value += (bytes[p] & 0x7f) * shift;
    if (bytes[p] < 0x80) { return { value, end: p + 1 }; }
  }
  return undefined;
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    const low = v % 128;
    v = Math.floor(v / 128);
    out.push(v > 0 ? low | 0x80 : low);
  } while (v > 0);
  return out;
}

/** `bytes` with `remove` bytes at `at` replaced by `insert`; a removal past the end (an empty input) removes what is there. */
function splice(bytes: Uint8Array, at: number, remove: number, insert: ArrayLike<number>): Uint8Array {
  at = Math.min(at, bytes.length);
  remove = Math.min(remove, bytes.length - at);
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(Array.from(insert), at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

// ---- models written with hostile shapes -------------------------------------------------------

const HOSTILE_DIMS = [0, 1, 3, -1, -3];
/** Dims whose product needs gigabytes: refused before allocating, once the memory budget is in. */
const HUGE_DIMS = [2 ** 31, 2 ** 40, 2 ** 53, 8192, 65_536, 100_000];

/** A small Gemm/Relu/Reshape model whose input shape or initializer dims are hostile. */
function hostileShapeModel(r: Random, limits: GenerationLimits): Uint8Array {
  const hostile = limits.hugeShapes ? [...HOSTILE_DIMS, ...HUGE_DIMS] : HOSTILE_DIMS;
  const dims = (): number[] => Array.from({ length: r.between(0, 4) }, () => (r.chance(0.5) ? r.pick(hostile) : r.between(1, 4)));
  const weightDims = r.chance(0.5) ? [3, 2] : dims();
  const weightCount = r.chance(0.7) ? 6 : r.between(0, 12);
  const spec: ModelSpec = {
    opset: r.pick([13, 13, 1, 99, 0]),
    nodes: [
      { op: r.pick(['Gemm', 'MatMul', 'Add', 'Relu']), inputs: ['x', 'W'], outputs: ['h'] },
      { op: r.pick(['Relu', 'Reshape', 'Softmax', 'Sigmoid']), inputs: r.chance(0.5) ? ['h'] : ['h', 'shape'], outputs: ['y'] },
    ],
    initializers: [
      { name: 'W', dims: weightDims, dataType: FLOAT, values: Array.from({ length: weightCount }, (_, i) => i / 4 - 0.5) },
      { name: 'shape', dims: [2], dataType: INT64, values: [BigInt(r.pick([-1, 0, 2, 3, ...(limits.hugeShapes ? [2 ** 40] : [])])), BigInt(r.pick([-1, 1, 3]))] },
    ],
    inputs: [{ name: 'x', shape: r.chance(0.8) ? dims() : [r.pick(['batch', 'n']), 3] }],
  };
  return modelBytes(spec);
}

/** Every TensorProto data type (and a few past the last), raw or typed, short or long. */
const DATA_TYPES = Array.from({ length: 24 }, (_, i) => i);

/**
 * A Q/DQ model with a weight of a random data type and random quantization attributes: the data
 * type, axis, block_size, output_dtype, scale and zero point sizes and values are all fuzzed.
 */
function quantizedModel(r: Random): Uint8Array {
  const wDims = r.chance(0.7) ? [3, 2] : Array.from({ length: r.between(0, 3) }, () => r.between(0, 3));
  const count = r.chance(0.8) ? wDims.reduce((a, b) => a * b, 1) : r.between(0, 8);
  const scaleCount = r.pick([1, 2, 3, 0]);
  const attrs = (): Record<string, number> => {
    const out: Record<string, number> = {};
    if (r.chance(0.5)) { out.axis = r.pick([0, 1, -1, 2, -3, 2 ** 40]); }
    if (r.chance(0.2)) { out.block_size = r.pick([0, 1, -2]); }
    if (r.chance(0.2)) { out.output_dtype = r.pick(DATA_TYPES); }
    return out;
  };
  const spec: ModelSpec = {
    opset: r.pick([10, 13, 19, 21]),
    nodes: [
      { op: r.pick(['DequantizeLinear', 'QuantizeLinear']), inputs: r.chance(0.8) ? ['w', 's', 'z'] : ['w', 's'], outputs: ['h'], attrs: attrs() },
      { op: r.pick(['DequantizeLinear', 'QuantizeLinear', 'Relu']), inputs: ['h', 's', 'z'], outputs: ['y'], attrs: attrs() },
    ],
    initializers: [
      { name: 'w', dims: wDims, dataType: r.pick(DATA_TYPES), values: Array.from({ length: count }, () => r.between(-200, 300)), encoding: r.chance(0.5) ? 'raw' : 'typed' },
      { name: 's', dims: scaleCount === 1 && r.chance(0.5) ? [] : [scaleCount], dataType: FLOAT, values: Array.from({ length: scaleCount }, () => r.pick([0.5, 0, -1, 1e-30, Infinity, NaN])) },
      { name: 'z', dims: [scaleCount], dataType: r.pick([2, 3, 6, 9, 10]), values: Array.from({ length: scaleCount }, () => r.between(-3, 3)), encoding: 'typed' },
    ],
  };
  return modelBytes(spec);
}

function randomBytes(r: Random): Uint8Array {
  const body = Uint8Array.from({ length: r.size(2000) }, () => r.below(256));
  // ir_version 7, then a graph field (7, length-delimited) whose length is the rest.
  return r.chance(0.5) ? body : Uint8Array.from([0x08, 0x07, 0x3a, ...varint(body.length), ...body]);
}
