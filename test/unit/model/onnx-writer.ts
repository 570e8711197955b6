// Test-only: a tiny protobuf writer and ModelProto builder, to make small ONNX models in the tests
// (field numbers from onnx.proto, as the reader uses them).

class ProtoWriter {
  readonly bytes: number[] = [];

  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      this.bytes.push(v > 0n ? low | 0x80 : low);
    } while (v > 0n);
    return this;
  }

  tag(field: number, wire: number): this { return this.varint(field * 8 + wire); }
  int(field: number, value: number | bigint): this { return this.tag(field, 0).varint(value); }

  bytesField(field: number, data: ArrayLike<number>): this {
    this.tag(field, 2).varint(data.length);
    for (let i = 0; i < data.length; i++) { this.bytes.push(data[i]); }
    return this;
  }

  string(field: number, s: string): this { return this.bytesField(field, new TextEncoder().encode(s)); }
  message(field: number, m: ProtoWriter): this { return this.bytesField(field, m.bytes); }

  float32(field: number, f: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, f, true);
    this.tag(field, 5);
    this.bytes.push(...b);
    return this;
  }

  packedVarints(field: number, values: readonly (number | bigint)[]): this {
    const inner = new ProtoWriter();
    for (const v of values) { inner.varint(v); }
    return this.bytesField(field, inner.bytes);
  }

  packed(field: number, values: readonly number[], width: 4 | 8): this {
    const b = new Uint8Array(values.length * width);
    const view = new DataView(b.buffer);
    values.forEach((v, i) => (width === 4 ? view.setFloat32(i * 4, v, true) : view.setFloat64(i * 8, v, true)));
    return this.bytesField(field, b);
  }
}

export const FLOAT = 1, UINT8 = 2, INT8 = 3, UINT16 = 4, INT16 = 5, INT32 = 6, INT64 = 7, BOOL = 9, FLOAT16 = 10, DOUBLE = 11;
export const UINT32 = 12, UINT64 = 13, BFLOAT16 = 16;

export interface TensorSpec {
  name?: string;
  dims: number[];
  dataType?: number;
  values: readonly (number | bigint)[];
  /** 'raw' (raw_data, little-endian; default) or 'typed' (float_data, int64_data, …). */
  encoding?: 'raw' | 'typed';
  /** raw_data bytes given as they are (any data type), instead of encoding `values`. */
  raw?: Uint8Array;
  /** Stored in another file instead. */
  external?: { location: string; offset?: number; length?: number };
}

export function tensorProto(t: TensorSpec): ProtoWriter {
  const w = new ProtoWriter();
  const type = t.dataType ?? FLOAT;
  w.packedVarints(1, t.dims).int(2, type);
  if (t.name !== undefined) { w.string(8, t.name); }
  if (t.external) {
    const entry = (k: string, v: string): ProtoWriter => new ProtoWriter().string(1, k).string(2, v);
    w.message(13, entry('location', t.external.location));
    if (t.external.offset !== undefined) { w.message(13, entry('offset', String(t.external.offset))); }
    if (t.external.length !== undefined) { w.message(13, entry('length', String(t.external.length))); }
    w.int(14, 1);
    return w;
  }
  if (t.raw) {
    w.bytesField(9, t.raw);
  } else if ((t.encoding ?? 'raw') === 'raw') {
    w.bytesField(9, rawBytes(t.values, type));
  } else if (type === FLOAT) {
    w.packed(4, t.values.map(Number), 4);
  } else if (type === DOUBLE) {
    w.packed(10, t.values.map(Number), 8);
  } else if (type === INT64) {
    w.packedVarints(7, t.values);
  } else if (type === UINT32 || type === UINT64) {
    w.packedVarints(11, t.values);
  } else {
    w.packedVarints(5, t.values);
  }
  return w;
}

export function rawBytes(values: readonly (number | bigint)[], type: number): Uint8Array {
  const width = type === FLOAT || type === INT32 ? 4 : 8;
  const b = new Uint8Array(values.length * width);
  const view = new DataView(b.buffer);
  values.forEach((v, i) => {
    if (type === FLOAT) { view.setFloat32(i * 4, Number(v), true); }
    else if (type === DOUBLE) { view.setFloat64(i * 8, Number(v), true); }
    else if (type === INT32) { view.setInt32(i * 4, Number(v), true); }
    else { view.setBigInt64(i * 8, BigInt(v), true); }
  });
  return b;
}

/** Attribute values: integer → INT, {f} → FLOAT, number[] → INTS, {floats} → FLOATS, string → STRING, {strings} → STRINGS, {t} → TENSOR. */
export type AttrSpec = number | bigint | readonly number[] | string | { f: number } | { floats: number[] } | { strings: string[] } | { t: TensorSpec };

function attribute(name: string, a: AttrSpec): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  if (typeof a === 'number' || typeof a === 'bigint') { return w.int(3, a).int(20, 2); }
  if (typeof a === 'string') { return w.string(4, a).int(20, 3); }
  if (Array.isArray(a)) {
    for (const v of a as readonly number[]) { w.int(8, v); }
    return w.int(20, 7);
  }
  if ('f' in a) { return w.float32(2, a.f).int(20, 1); }
  if ('floats' in a) { return w.packed(7, a.floats, 4).int(20, 6); }
  if ('strings' in a) {
    for (const v of a.strings) { w.string(9, v); }
    return w.int(20, 8);
  }
  return w.message(5, tensorProto((a as { t: TensorSpec }).t)).int(20, 4);
}

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attrs?: Record<string, AttrSpec>;
}

export interface ValueSpec {
  name: string;
  /** numbers for dim_value, strings for dim_param. */
  shape?: (number | string)[];
  elemType?: number;
}

function valueInfo(v: ValueSpec): ProtoWriter {
  const w = new ProtoWriter().string(1, v.name);
  const tensorType = new ProtoWriter().int(1, v.elemType ?? FLOAT);
  if (v.shape) {
    const shape = new ProtoWriter();
    for (const d of v.shape) {
      shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
    }
    tensorType.message(2, shape);
  }
  return w.message(2, new ProtoWriter().message(1, tensorType));
}

export interface ModelSpec {
  /** Default-domain opset; omitted: no opset_import. */
  opset?: number;
  nodes: NodeSpec[];
  initializers?: TensorSpec[];
  inputs?: ValueSpec[];
  outputs?: string[];
}

export function modelBytes(m: ModelSpec): Uint8Array {
  const graph = new ProtoWriter();
  m.nodes.forEach((n, i) => {
    const node = new ProtoWriter();
    for (const x of n.inputs) { node.string(1, x); }
    for (const y of n.outputs) { node.string(2, y); }
    node.string(3, n.name ?? `${n.op}_${i}`).string(4, n.op);
    for (const [name, a] of Object.entries(n.attrs ?? {})) { node.message(5, attribute(name, a)); }
    if (n.domain !== undefined) { node.string(7, n.domain); }
    graph.message(1, node);
  });
  graph.string(2, 'test');
  for (const t of m.initializers ?? []) { graph.message(5, tensorProto(t)); }
  for (const v of m.inputs ?? []) { graph.message(11, valueInfo(v)); }
  for (const o of m.outputs ?? [m.nodes[m.nodes.length - 1].outputs[0]]) { graph.message(12, valueInfo({ name: o })); }
  const model = new ProtoWriter().int(1, 8).string(2, 'test-writer').message(7, graph);
  if (m.opset !== undefined) { model.message(8, new ProtoWriter().string(1, '').int(2, m.opset)); }
  return Uint8Array.from(model.bytes);
}
