// The protobuf wire-format reader and the ONNX message/tensor decoding.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { MAX_TENSOR_ENTRIES } from '../../../src/engine/tensor';
import { decodeModel, TensorProto } from '../../../src/model/onnx';
import { MAX_MESSAGE_DEPTH, ProtoReader } from '../../../src/model/protobuf';
import { SideFileError, SideFileRequest } from '../../../src/io/side-files';
import { decodeTensor } from '../../../src/model/tensor-data';
import { DOUBLE, FLOAT, INT32, INT64, TensorSpec, modelBytes } from './onnx-writer';

function varintBytes(value: bigint): Uint8Array {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? low | 0x80 : low);
  } while (v > 0n);
  return Uint8Array.from(out);
}

function readVarint(bytes: Uint8Array): number {
  return new ProtoReader(bytes).readVarint('test');
}

function throwsModelError(f: () => unknown, pattern: RegExp, kind = 'model'): void {
  assert.throws(f, (e: unknown) => e instanceof InspectError && e.kind === kind && pattern.test(e.message));
}

async function rejectsWith(p: Promise<unknown>, pattern: RegExp, kind = 'model'): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof InspectError && e.kind === kind && pattern.test(e.message));
}

/** Decodes one TensorProto by wrapping it as a Constant node's attribute. */
function decodeTensorProto(spec: TensorSpec): TensorProto {
  const bytes = modelBytes({ opset: 13, nodes: [{ op: 'Constant', inputs: [], outputs: ['y'], attrs: { value: { t: spec } } }] });
  const t = decodeModel(bytes).graph.nodes[0].attributes.get('value')?.t;
  assert.ok(t);
  return t;
}

describe('protobuf reader', () => {
  it('decodes varints: small, multi-byte, 2^53, negative int64', () => {
    assert.strictEqual(readVarint(Uint8Array.of(0)), 0);
    assert.strictEqual(readVarint(Uint8Array.of(0xac, 0x02)), 300);
    assert.strictEqual(readVarint(varintBytes(2n ** 53n)), 2 ** 53);
    assert.strictEqual(readVarint(varintBytes(2n ** 32n + 5n)), 2 ** 32 + 5);
    assert.strictEqual(readVarint(varintBytes(-1n)), -1);
    assert.strictEqual(readVarint(varintBytes(-123456789012n)), -123456789012);
    // Beyond 2^53: the nearest double (INT64_MAX as PyTorch writes for open-ended slices).
    assert.strictEqual(readVarint(varintBytes(2n ** 63n - 1n)), 2 ** 63);
  });

  it('refuses truncated and overlong varints, and lengths past the end', () => {
    throwsModelError(() => readVarint(Uint8Array.of(0x80, 0x80)), /truncated test in message at byte 0/);
    throwsModelError(() => readVarint(new Uint8Array(11).fill(0x80)), /longer than 10 bytes/);
    throwsModelError(() => new ProtoReader(Uint8Array.of(0x7f, 1)).readBytes('blob'), /length 127 of blob .* exceeds the 1 bytes left/);
  });

  it('refuses group wire types and field number 0', () => {
    const r = new ProtoReader(Uint8Array.of(0x0b, 0x0c));
    throwsModelError(() => r.skip(r.readTag()), /group/);
    throwsModelError(() => new ProtoReader(Uint8Array.of(0x00)).readTag(), /invalid field key 0/);
  });
  it('reads repeated numbers packed and unpacked alike', () => {
    // Field 1 as two unpacked varints (3, 300), then field 1 packed [5, 6]; field 2 floats unpacked and packed.
    const bytes = Uint8Array.of(0x08, 3, 0x08, 0xac, 0x02, 0x0a, 2, 5, 6, 0x15, 0, 0, 0xc0, 0x3f, 0x12, 4, 0, 0, 0x20, 0x40);
    const r = new ProtoReader(bytes);
    const ints: number[] = [], floats: number[] = [];
    while (!r.done()) {
      const tag = r.readTag();
      if (tag.field === 1) { r.readVarints(tag, 'ints', ints); } else { r.readFloats(tag, 'floats', floats, 4); }
    }
    assert.deepStrictEqual(ints, [3, 300, 5, 6]);
    assert.deepStrictEqual(floats, [1.5, 2.5]);
  });

  it('refuses packed floats whose length is not a multiple of 4, and nesting beyond the cap', () => {
    const r = new ProtoReader(Uint8Array.of(0x12, 3, 0, 0, 0));
    throwsModelError(() => r.readFloats(r.readTag(), 'floats', [], 4), /3 bytes, not a multiple of 4/);
    throwsModelError(() => new ProtoReader(new Uint8Array(0), 0, 0, 'deep', MAX_MESSAGE_DEPTH + 1), /nested deeper than/);
  });
});

describe('ONNX decoding', () => {
  it('reads the model header, opset, nodes, attributes, inputs with dim_value and dim_param', () => {
    const bytes = modelBytes({
      opset: 11,
      nodes: [{ op: 'LeakyRelu', name: 'act', inputs: ['x'], outputs: ['y'], attrs: { alpha: { f: 0.2 }, note: 'hi', ks: [3, -1] } }],
      inputs: [{ name: 'x', shape: ['batch', 4] }],
    });
    const m = decodeModel(bytes);
    assert.strictEqual(m.irVersion, 8);
    assert.strictEqual(m.producerName, 'test-writer');
    assert.deepStrictEqual(m.opsetImports, [{ domain: '', version: 11 }]);
    const node = m.graph.nodes[0];
    assert.deepStrictEqual([node.name, node.opType, node.inputs, node.outputs], ['act', 'LeakyRelu', ['x'], ['y']]);
    assert.strictEqual(node.attributes.get('alpha')?.f, Math.fround(0.2));
    assert.strictEqual(node.attributes.get('note')?.s, 'hi');
    assert.deepStrictEqual(node.attributes.get('ks')?.ints, [3, -1]);
    assert.deepStrictEqual(m.graph.inputs[0], { name: 'x', elemType: FLOAT, shape: ['batch', 4] });
    assert.deepStrictEqual(m.graph.outputs.map(o => o.name), ['y']);
  });

  it('says when the bytes are not a model', () => {
    throwsModelError(() => decodeModel(new TextEncoder().encode('hello, world')), /malformed ONNX file/);
    throwsModelError(() => decodeModel(new Uint8Array(0)), /no graph/);
  });
});

describe('ONNX tensors', () => {
  const values = [1.5, -2.25, 3, 0.1];
  const cases: [string, TensorSpec, number[]][] = [
    ['FLOAT raw_data', { dims: [2, 2], dataType: FLOAT, values }, values.map(Math.fround)],
    ['FLOAT float_data', { dims: [2, 2], dataType: FLOAT, values, encoding: 'typed' }, values.map(Math.fround)],
    ['DOUBLE raw_data', { dims: [4], dataType: DOUBLE, values }, values],
    ['DOUBLE double_data', { dims: [4], dataType: DOUBLE, values, encoding: 'typed' }, values],
    ['INT32 raw_data', { dims: [3], dataType: INT32, values: [7, -8, 2 ** 31 - 1] }, [7, -8, 2 ** 31 - 1]],
    ['INT32 int32_data', { dims: [3], dataType: INT32, values: [7, -8, 9], encoding: 'typed' }, [7, -8, 9]],
    ['INT64 raw_data', { dims: [3], dataType: INT64, values: [5n, -6n, 2n ** 40n] }, [5, -6, 2 ** 40]],
    ['INT64 int64_data', { dims: [3], dataType: INT64, values: [5n, -6n, 2n ** 40n], encoding: 'typed' }, [5, -6, 2 ** 40]],
    ['scalar', { dims: [], dataType: DOUBLE, values: [4.5] }, [4.5]],
  ];
  for (const [what, spec, expected] of cases) {
    it(`decodes ${what}`, async () => {
      const { tensor, integer } = await decodeTensor(decodeTensorProto(spec));
      assert.deepStrictEqual([...tensor.shape], spec.dims);
      assert.deepStrictEqual(Array.from(tensor.data), expected);
      assert.strictEqual(integer, spec.dataType === INT32 || spec.dataType === INT64);
    });
  }

  it('names the tensor when the data type is unsupported', async () => {
    const proto = decodeTensorProto({ name: 'words', dims: [1], dataType: 8, values: [0], encoding: 'typed' });
    await rejectsWith(decodeTensor(proto), /tensor 'words' has data type STRING; supported: FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT8/);
  });

  it('refuses data that does not match the dims', async () => {
    await rejectsWith(decodeTensor(decodeTensorProto({ name: 'w', dims: [3], values: [1, 2] })), /tensor 'w': 8 bytes of data for 3 entries/);
    await rejectsWith(decodeTensor(decodeTensorProto({ name: 'w', dims: [3], values: [1, 2], encoding: 'typed' })), /tensor 'w': 2 values for 3 entries/);
  });

  it('refuses absurd dims before allocating (limit)', async () => {
    await rejectsWith(decodeTensor(decodeTensorProto({ name: 'big', dims: [MAX_TENSOR_ENTRIES, 2], values: [] })), /tensor 'big' .* more than/, 'limit');
    await rejectsWith(decodeTensor(decodeTensorProto({ name: 'neg', dims: [-3], values: [] })), /invalid dimension -3/);
  });

  it('asks the reader for exactly the bytes the dims need, at the offset the model gives', async () => {
    const file = new Uint8Array(16);
    new DataView(file.buffer).setFloat64(8, 2.5, true);
    const proto = decodeTensorProto({ name: 'ext', dims: [1], dataType: DOUBLE, values: [], external: { location: 'w.bin', offset: 8, length: 8 } });
    const asked: SideFileRequest[] = [];
    const { tensor } = await decodeTensor(proto, async request => { asked.push(request); return file.slice(request.offset, request.offset + request.length); });
    assert.deepStrictEqual(asked, [{ tensor: 'ext', location: 'w.bin', offset: 8, length: 8, toEndOfFile: false }]);
    assert.deepStrictEqual(Array.from(tensor.data), [2.5]);
  });

  it('without a length the data runs to the end of the file; a length that disagrees with the dims is refused before any read', async () => {
    const toEnd = decodeTensorProto({ name: 'ext', dims: [2], dataType: FLOAT, values: [], external: { location: 'w.bin', offset: 4 } });
    const asked: SideFileRequest[] = [];
    await decodeTensor(toEnd, async request => { asked.push(request); return new Uint8Array(8); });
    assert.deepStrictEqual(asked, [{ tensor: 'ext', location: 'w.bin', offset: 4, length: 8, toEndOfFile: true }]);
    const wrongLength = decodeTensorProto({ name: 'ext', dims: [2], dataType: FLOAT, values: [], external: { location: 'w.bin', length: 1_000_000 } });
    let read = false;
    await rejectsWith(decodeTensor(wrongLength, async () => { read = true; return new Uint8Array(0); }), /tensor 'ext': external data length 1000000 for 2 entries of FLOAT \(expected 8\)/);
    assert.strictEqual(read, false);
  });

  it('names the tensor and the location when external data is not read, never the reader\'s own words', async () => {
    const proto = decodeTensorProto({ name: 'ext', dims: [1], dataType: DOUBLE, values: [], external: { location: 'w.bin', offset: 12 } });
    await rejectsWith(decodeTensor(proto), /tensor 'ext' is stored in the external file 'w.bin', which cannot be read here/);
    await rejectsWith(decodeTensor(proto, async () => { throw new Error('ENOENT /home/user/secret'); }), /^tensor 'ext': external data 'w.bin' was not read: expected a regular file inside the model's folder$/);
    await rejectsWith(decodeTensor(proto, async () => { throw new SideFileError('size'); }), /^tensor 'ext': external data 'w.bin' should end right after the 8 bytes at offset 12/);
    await rejectsWith(decodeTensor(proto, async () => new Uint8Array(16)), /^tensor 'ext': external data 'w.bin' should end right after/);
  });

});
