// Decoding of the ONNX messages (onnx/onnx.proto) this extension reads: ModelProto, GraphProto,
// NodeProto, AttributeProto, TensorProto, ValueInfoProto. Field numbers are the ones of onnx.proto;
// unknown fields are skipped, subgraphs (If/Loop bodies) are not decoded.
import { ProtoReader, Tag, WireType, malformed } from './protobuf';

export interface OperatorSetId {
  readonly domain: string;
  readonly version: number;
}

export interface OnnxModel {
  readonly irVersion: number;
  readonly opsetImports: readonly OperatorSetId[];
  readonly producerName: string;
  readonly graph: OnnxGraph;
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly TensorProto[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly valueInfo: readonly ValueInfo[];
}

export interface OnnxNode {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly attributes: ReadonlyMap<string, Attribute>;
}

/** AttributeProto.AttributeType values used here. */
export const enum AttributeType {
  Float = 1, Int = 2, String = 3, Tensor = 4, Graph = 5, Floats = 6, Ints = 7, Strings = 8,
}

export interface Attribute {
  readonly name: string;
  readonly type: number;
  readonly f?: number;
  readonly i?: number;
  readonly s?: string;
  readonly t?: TensorProto;
  readonly floats: readonly number[];
  readonly ints: readonly number[];
  readonly strings: readonly string[];
}

/** TensorProto.DataType values. */
export const enum DataType {
  Float = 1, Uint8 = 2, Int8 = 3, Uint16 = 4, Int16 = 5, Int32 = 6, Int64 = 7, String = 8, Bool = 9,
  Float16 = 10, Double = 11, Uint32 = 12, Uint64 = 13, Complex64 = 14, Complex128 = 15, Bfloat16 = 16,
}

export interface TensorProto {
  readonly name: string;
  readonly dims: readonly number[];
  readonly dataType: number;
  readonly floatData: readonly number[];
  readonly int32Data: readonly number[];
  readonly int64Data: readonly number[];
  readonly doubleData: readonly number[];
  /** UINT32 and UINT64 values (read as signed varints: see element-types.ts). */
  readonly uint64Data: readonly number[];
  readonly rawData?: Uint8Array;
  /** 1 = EXTERNAL: the data is in another file, described by externalData. */
  readonly dataLocation: number;
  readonly externalData: ReadonlyMap<string, string>;
}

export interface ValueInfo {
  readonly name: string;
  readonly elemType?: number;
  /** Declared dimensions: a number (dim_value), a name (dim_param) or undefined (unknown). */
  readonly shape?: readonly (number | string | undefined)[];
}

export function decodeModel(bytes: Uint8Array): OnnxModel {
  const r = new ProtoReader(bytes, 0, bytes.length, 'ModelProto');
  let irVersion = 0;
  let producerName = '';
  const opsetImports: OperatorSetId[] = [];
  let graph: OnnxGraph | undefined;
  while (!r.done()) {
    const tag = r.readTag();
    switch (tag.field) {
      case 1: r.expect(tag, WireType.Varint, 'ir_version'); irVersion = r.readVarint('ir_version'); break;
      case 2: r.expect(tag, WireType.LengthDelimited, 'producer_name'); producerName = r.readString('producer_name'); break;
      case 7: r.expect(tag, WireType.LengthDelimited, 'graph'); graph = decodeGraph(r.readMessage('graph')); break;
      case 8: r.expect(tag, WireType.LengthDelimited, 'opset_import'); opsetImports.push(decodeOpset(r.readMessage('opset_import'))); break;
      default: r.skip(tag);
    }
  }
  if (!graph) { throw malformed('ModelProto has no graph (is this an ONNX model file?)'); }
  return { irVersion, opsetImports, producerName, graph };
}

function decodeOpset(r: ProtoReader): OperatorSetId {
  let domain = '';
  let version = 0;
  while (!r.done()) {
    const tag = r.readTag();
    if (tag.field === 1) { r.expect(tag, WireType.LengthDelimited, 'domain'); domain = r.readString('domain'); }
    else if (tag.field === 2) { r.expect(tag, WireType.Varint, 'version'); version = r.readVarint('version'); }
    else { r.skip(tag); }
  }
  return { domain, version };
}

function decodeGraph(r: ProtoReader): OnnxGraph {
  let name = '';
  const nodes: OnnxNode[] = [];
  const initializers: TensorProto[] = [];
  const inputs: ValueInfo[] = [];
  const outputs: ValueInfo[] = [];
  const valueInfo: ValueInfo[] = [];
  while (!r.done()) {
    const tag = r.readTag();
    switch (tag.field) {
      case 1: r.expect(tag, WireType.LengthDelimited, 'node'); nodes.push(decodeNode(r.readMessage(`node[${nodes.length}]`))); break;
      case 2: r.expect(tag, WireType.LengthDelimited, 'name'); name = r.readString('name'); break;
      case 5: r.expect(tag, WireType.LengthDelimited, 'initializer'); initializers.push(decodeTensor(r.readMessage(`initializer[${initializers.length}]`))); break;
      case 11: r.expect(tag, WireType.LengthDelimited, 'input'); inputs.push(decodeValueInfo(r.readMessage(`input[${inputs.length}]`))); break;
      case 12: r.expect(tag, WireType.LengthDelimited, 'output'); outputs.push(decodeValueInfo(r.readMessage(`output[${outputs.length}]`))); break;
      case 13: r.expect(tag, WireType.LengthDelimited, 'value_info'); valueInfo.push(decodeValueInfo(r.readMessage(`value_info[${valueInfo.length}]`))); break;
      default: r.skip(tag);
    }
  }
  return { name, nodes, initializers, inputs, outputs, valueInfo };
}

function decodeNode(r: ProtoReader): OnnxNode {
  const inputs: string[] = [];
  const outputs: string[] = [];
  let name = '';
  let opType = '';
  let domain = '';
  const attributes = new Map<string, Attribute>();
  while (!r.done()) {
    const tag = r.readTag();
    switch (tag.field) {
      case 1: r.expect(tag, WireType.LengthDelimited, 'input'); inputs.push(r.readString('input')); break;
      case 2: r.expect(tag, WireType.LengthDelimited, 'output'); outputs.push(r.readString('output')); break;
      case 3: r.expect(tag, WireType.LengthDelimited, 'name'); name = r.readString('name'); break;
      case 4: r.expect(tag, WireType.LengthDelimited, 'op_type'); opType = r.readString('op_type'); break;
      case 5: {
        r.expect(tag, WireType.LengthDelimited, 'attribute');
        const a = decodeAttribute(r.readMessage(`attribute[${attributes.size}]`));
        attributes.set(a.name, a);
        break;
      }
      case 7: r.expect(tag, WireType.LengthDelimited, 'domain'); domain = r.readString('domain'); break;
      default: r.skip(tag);
    }
  }
  return { inputs, outputs, name, opType, domain, attributes };
}

function decodeAttribute(r: ProtoReader): Attribute {
  let name = '';
  let type = 0;
  let f: number | undefined;
  let i: number | undefined;
  let s: string | undefined;
  let t: TensorProto | undefined;
  const floats: number[] = [];
  const ints: number[] = [];
  const strings: string[] = [];
  while (!r.done()) {
    const tag = r.readTag();
    switch (tag.field) {
      case 1: r.expect(tag, WireType.LengthDelimited, 'name'); name = r.readString('name'); break;
      case 2: r.expect(tag, WireType.Fixed32, 'f'); f = r.readFixed32Float('f'); break;
      case 3: r.expect(tag, WireType.Varint, 'i'); i = r.readVarint('i'); break;
      case 4: r.expect(tag, WireType.LengthDelimited, 's'); s = r.readString('s'); break;
      case 5: r.expect(tag, WireType.LengthDelimited, 't'); t = decodeTensor(r.readMessage('t')); break;
      case 7: r.readFloats(tag, 'floats', floats, 4); break;
      case 8: r.readVarints(tag, 'ints', ints); break;
      case 9: r.expect(tag, WireType.LengthDelimited, 'strings'); strings.push(r.readString('strings')); break;
      case 20: r.expect(tag, WireType.Varint, 'type'); type = r.readVarint('type'); break;
      default: r.skip(tag);
    }
  }
  return { name, type, f, i, s, t, floats, ints, strings };
}

function decodeTensor(r: ProtoReader): TensorProto {
  let name = '';
  let dataType = 0;
  let rawData: Uint8Array | undefined;
  let dataLocation = 0;
  const dims: number[] = [];
  const floatData: number[] = [];
  const int32Data: number[] = [];
  const int64Data: number[] = [];
  const doubleData: number[] = [];
  const uint64Data: number[] = [];
  const externalData = new Map<string, string>();
  while (!r.done()) {
    const tag: Tag = r.readTag();
    switch (tag.field) {
      case 1: r.readVarints(tag, 'dims', dims); break;
      case 2: r.expect(tag, WireType.Varint, 'data_type'); dataType = r.readVarint('data_type'); break;
      case 4: r.readFloats(tag, 'float_data', floatData, 4); break;
      case 5: r.readVarints(tag, 'int32_data', int32Data); break;
      case 7: r.readVarints(tag, 'int64_data', int64Data); break;
      case 8: r.expect(tag, WireType.LengthDelimited, 'name'); name = r.readString('name'); break;
      case 9: r.expect(tag, WireType.LengthDelimited, 'raw_data'); rawData = r.readBytes('raw_data'); break;
      case 10: r.readFloats(tag, 'double_data', doubleData, 8); break;
      case 11: r.readVarints(tag, 'uint64_data', uint64Data); break;
      case 13: {
        r.expect(tag, WireType.LengthDelimited, 'external_data');
        const [key, value] = decodeStringPair(r.readMessage('external_data'));
        externalData.set(key, value);
        break;
      }
      case 14: r.expect(tag, WireType.Varint, 'data_location'); dataLocation = r.readVarint('data_location'); break;
      default: r.skip(tag);
    }
  }
  return { name, dims, dataType, floatData, int32Data, int64Data, doubleData, uint64Data, rawData, dataLocation, externalData };
}

function decodeStringPair(r: ProtoReader): [string, string] {
  let key = '';
  let value = '';
  while (!r.done()) {
    const tag = r.readTag();
    if (tag.field === 1) { r.expect(tag, WireType.LengthDelimited, 'key'); key = r.readString('key'); }
    else if (tag.field === 2) { r.expect(tag, WireType.LengthDelimited, 'value'); value = r.readString('value'); }
    else { r.skip(tag); }
  }
  return [key, value];
}

function decodeValueInfo(r: ProtoReader): ValueInfo {
  let name = '';
  let tensorType: Pick<ValueInfo, 'elemType' | 'shape'> = {};
  while (!r.done()) {
    const tag = r.readTag();
    if (tag.field === 1) { r.expect(tag, WireType.LengthDelimited, 'name'); name = r.readString('name'); }
    else if (tag.field === 2) { r.expect(tag, WireType.LengthDelimited, 'type'); tensorType = decodeType(r.readMessage('type')); }
    else { r.skip(tag); }
  }
  return { name, ...tensorType };
}

/** TypeProto: only tensor_type (field 1) is read; sequences and maps are not model inputs here. */
function decodeType(r: ProtoReader): Pick<ValueInfo, 'elemType' | 'shape'> {
  let out: Pick<ValueInfo, 'elemType' | 'shape'> = {};
  while (!r.done()) {
    const tag = r.readTag();
    if (tag.field === 1) { r.expect(tag, WireType.LengthDelimited, 'tensor_type'); out = decodeTensorType(r.readMessage('tensor_type')); }
    else { r.skip(tag); }
  }
  return out;
}

function decodeTensorType(r: ProtoReader): Pick<ValueInfo, 'elemType' | 'shape'> {
  let elemType: number | undefined;
  let shape: (number | string | undefined)[] | undefined;
  while (!r.done()) {
    const tag = r.readTag();
    if (tag.field === 1) { r.expect(tag, WireType.Varint, 'elem_type'); elemType = r.readVarint('elem_type'); }
    else if (tag.field === 2) { r.expect(tag, WireType.LengthDelimited, 'shape'); shape = decodeShape(r.readMessage('shape')); }
    else { r.skip(tag); }
  }
  return { elemType, shape };
}

function decodeShape(r: ProtoReader): (number | string | undefined)[] {
  const dims: (number | string | undefined)[] = [];
  while (!r.done()) {
    const tag = r.readTag();
    if (tag.field === 1) { r.expect(tag, WireType.LengthDelimited, 'dim'); dims.push(decodeDimension(r.readMessage(`dim[${dims.length}]`))); }
    else { r.skip(tag); }
  }
  return dims;
}

function decodeDimension(r: ProtoReader): number | string | undefined {
  let dim: number | string | undefined;
  while (!r.done()) {
    const tag = r.readTag();
    if (tag.field === 1) { r.expect(tag, WireType.Varint, 'dim_value'); dim = r.readVarint('dim_value'); }
    else if (tag.field === 2) { r.expect(tag, WireType.LengthDelimited, 'dim_param'); dim = r.readString('dim_param'); }
    else { r.skip(tag); }
  }
  return dim;
}
