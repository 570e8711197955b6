// Every tensor element type decoded exactly, from raw_data and from the typed field the ONNX spec
// stores it in; the expected values are known bit patterns and integer extremes, not the decoder's.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { decodeModel, TensorProto } from '../../../src/model/onnx';
import { bfloat16FromBits, float16FromBits } from '../../../src/model/element-types';
import { decodeTensor } from '../../../src/model/tensor-data';
import {
  BFLOAT16, BOOL, FLOAT16, INT16, INT8, INT32, INT64, TensorSpec, UINT16, UINT32, UINT64, UINT8, modelBytes,
} from './onnx-writer';

function decodeTensorProto(spec: TensorSpec): TensorProto {
  const bytes = modelBytes({ opset: 13, nodes: [{ op: 'Constant', inputs: [], outputs: ['y'], attrs: { value: { t: spec } } }] });
  const t = decodeModel(bytes).graph.nodes[0].attributes.get('value')?.t;
  assert.ok(t);
  return t;
}

/** Little-endian bytes of unsigned 16-bit patterns. */
function halfBytes(bits: readonly number[]): Uint8Array {
  const out = new Uint8Array(bits.length * 2);
  const view = new DataView(out.buffer);
  bits.forEach((b, i) => view.setUint16(2 * i, b, true));
  return out;
}

function sameValues(actual: Float64Array, expected: readonly number[]): void {
  assert.strictEqual(actual.length, expected.length);
  expected.forEach((e, i) => assert.ok(Object.is(actual[i], e), `entry ${i}: ${actual[i]} is not ${e}`));
}

// float16 patterns: 1, the largest normal, the smallest subnormal, the largest subnormal, the smallest
// normal, −2, +0, −0, +inf, −inf, NaN, and 1/3 rounded (0x3555 = 1365/4096).
const HALF_BITS = [0x3c00, 0x7bff, 0x0001, 0x03ff, 0x0400, 0xc000, 0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0x3555];
const HALF_VALUES = [1, 65504, 2 ** -24, 1023 * 2 ** -24, 2 ** -14, -2, 0, -0, Infinity, -Infinity, NaN, 1365 / 4096];
// bfloat16 patterns: 1, −2, 3.140625 (0x4049), the largest finite, the smallest subnormal, −0, +inf, NaN.
const BF16_BITS = [0x3f80, 0xc000, 0x4049, 0x7f7f, 0x0001, 0x8000, 0x7f80, 0x7fc0];
const BF16_VALUES = [1, -2, 3.140625, (2 - 2 ** -7) * 2 ** 127, 2 ** -133, -0, Infinity, NaN];

describe('ONNX element types', () => {
  it('float16 bit patterns decode to their exact values', () => {
    sameValues(Float64Array.from(HALF_BITS, float16FromBits), HALF_VALUES);
  });

  it('bfloat16 bit patterns decode to their exact values', () => {
    sameValues(Float64Array.from(BF16_BITS, bfloat16FromBits), BF16_VALUES);
  });

  for (const encoding of ['raw', 'typed'] as const) {
    it(`FLOAT16 and BFLOAT16 tensors from ${encoding === 'raw' ? 'raw_data' : 'int32_data bit patterns'}`, async () => {
      const half: TensorSpec = encoding === 'raw'
        ? { name: 'h', dims: [HALF_BITS.length], dataType: FLOAT16, values: [], raw: halfBytes(HALF_BITS) }
        : { name: 'h', dims: [HALF_BITS.length], dataType: FLOAT16, values: HALF_BITS, encoding };
      const decoded = await decodeTensor(decodeTensorProto(half));
      sameValues(decoded.tensor.data, HALF_VALUES);
      assert.strictEqual(decoded.integer, false);
      assert.strictEqual(decoded.dataType, FLOAT16);
      const bf: TensorSpec = encoding === 'raw'
        ? { name: 'b', dims: [2, 4], dataType: BFLOAT16, values: [], raw: halfBytes(BF16_BITS) }
        : { name: 'b', dims: [2, 4], dataType: BFLOAT16, values: BF16_BITS, encoding };
      const bfDecoded = await decodeTensor(decodeTensorProto(bf));
      assert.deepStrictEqual([...bfDecoded.tensor.shape], [2, 4]);
      sameValues(bfDecoded.tensor.data, BF16_VALUES);
    });
  }

  const integers: [string, number, number[], Uint8Array][] = [
    ['INT8', INT8, [-128, -1, 0, 127], Uint8Array.of(0x80, 0xff, 0x00, 0x7f)],
    ['UINT8', UINT8, [0, 1, 128, 255], Uint8Array.of(0, 1, 0x80, 0xff)],
    ['INT16', INT16, [-32768, -2, 258, 32767], Uint8Array.of(0x00, 0x80, 0xfe, 0xff, 0x02, 0x01, 0xff, 0x7f)],
    ['UINT16', UINT16, [0, 65535, 258, 32768], Uint8Array.of(0, 0, 0xff, 0xff, 0x02, 0x01, 0x00, 0x80)],
    ['BOOL', BOOL, [1, 0, 1, 1], Uint8Array.of(1, 0, 1, 7)],
    ['UINT32', UINT32, [0, 4294967295, 65536, 7], Uint8Array.of(0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 1, 0, 7, 0, 0, 0)],
    ['INT32', INT32, [-(2 ** 31), -1, 2 ** 31 - 1, 5], Uint8Array.of(0, 0, 0, 0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 5, 0, 0, 0)],
  ];
  for (const [name, dataType, values, raw] of integers) {
    it(`${name} from raw_data and from its typed field, as integer tensors`, async () => {
      const fromRaw = await decodeTensor(decodeTensorProto({ name: 'r', dims: [4], dataType, values: [], raw }));
      assert.deepStrictEqual(Array.from(fromRaw.tensor.data), values);
      assert.strictEqual(fromRaw.integer, true);
      // BOOL's typed form holds only 0 and 1 (the raw 7 above reads as true).
      const typed = await decodeTensor(decodeTensorProto({ name: 't', dims: [4], dataType, values, encoding: 'typed' }));
      assert.deepStrictEqual(Array.from(typed.tensor.data), values);
    });
  }

  it('UINT64 from raw_data and uint64_data, beyond 2^63 too', async () => {
    const raw = new Uint8Array(16);
    const view = new DataView(raw.buffer);
    view.setBigUint64(0, 2n ** 40n + 3n, true);
    view.setBigUint64(8, 2n ** 63n, true);
    const fromRaw = await decodeTensor(decodeTensorProto({ name: 'u', dims: [2], dataType: UINT64, values: [], raw }));
    assert.deepStrictEqual(Array.from(fromRaw.tensor.data), [2 ** 40 + 3, 2 ** 63]);
    const typed = await decodeTensor(decodeTensorProto({ name: 'u', dims: [2], dataType: UINT64, values: [2n ** 40n + 3n, 2n ** 63n], encoding: 'typed' }));
    assert.deepStrictEqual(Array.from(typed.tensor.data), [2 ** 40 + 3, 2 ** 63]);
  });

  it('INT64 extremes exact within 2^53', async () => {
    const t = await decodeTensor(decodeTensorProto({ name: 'i', dims: [2], dataType: INT64, values: [-(2n ** 53n), 2n ** 53n] }));
    assert.deepStrictEqual(Array.from(t.tensor.data), [-(2 ** 53), 2 ** 53]);
  });

  it('refuses a typed entry outside its type and raw data of the wrong width, naming the tensor', async () => {
    const outside = decodeTensorProto({ name: 'q', dims: [2], dataType: INT8, values: [5, 300], encoding: 'typed' });
    await assert.rejects(decodeTensor(outside), (e: unknown) => e instanceof InspectError && e.kind === 'model'
      && /^tensor 'q': entry 1 of int32_data is 300, outside the range of INT8 \[-128, 127\]$/.test(e.message));
    const short = decodeTensorProto({ name: 'h', dims: [3], dataType: FLOAT16, values: [], raw: halfBytes([0x3c00, 0x3c00]) });
    await assert.rejects(decodeTensor(short), (e: unknown) => e instanceof InspectError
      && /^tensor 'h': 4 bytes of data for 3 entries of FLOAT16 \(expected 6\)$/.test(e.message));
  });
});
