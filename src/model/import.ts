// ONNX model file → engine graph: initializers become leaves (float) or constants (integer), graph
// inputs become leaves with the given or seeded random values, every node becomes engine ops tagged
// with its ONNX name and op type, and a loss on the chosen output is the graph's output.
import { excerpt, quoted } from '../engine/excerpt';
import { InspectError } from '../engine/errors';
import { Graph, NodeId } from '../engine/graph';
import { Budget } from '../engine/limits';
import { Nested, Tensor } from '../engine/tensor';
import { addLoss, LossKind } from './loss';
import { inputValue } from './inputs';
import { Attribute, AttributeType, decodeModel, OnnxGraph, OnnxModel } from './onnx';
import { converterFor, isDefaultDomain } from './operators';
import { topologicalOrder } from './toposort';
import type { SideFileReader } from '../io/side-files';
import { DecodedTensor, decodeTensor } from './tensor-data';
import { dtypeName } from './element-types';
import { NodeBuilder, Value, constant, describeNode, layerOf } from './values';

export interface ModelOptions {
  /** Values of graph inputs by name; inputs not given get seeded random values. */
  inputs?: Record<string, Nested>;
  /** Default 'l2'. */
  loss?: LossKind;
  /** Class index per batch row (or one for all rows), for the 'ce' loss. */
  target?: number | number[];
  /** Name of the model output the loss is taken of; default the first. */
  output?: string;
  /**
   * Reads the bytes of a tensor stored in another file (ONNX external data) through the containment
   * rule of src/io/side-files.ts; without it such a model is refused.
   */
  readExternal?: SideFileReader;
  /** Seed of the random input values. Default 0. */
  seed?: number;
}

export interface ImportedModel {
  language: 'onnx';
  graph: Graph;
  output: NodeId;
  notes: string[];
  /** Every model output's value for the given inputs (computed while importing). */
  outputs: Map<string, Tensor>;
}

/** Opset assumed when a model declares none for the default domain. */
const DEFAULT_OPSET = 13;

/** Every tensor decoded, every input generated and every node evaluated is charged to `budget` first. */
export async function importOnnx(bytes: Uint8Array, fileName: string, options: ModelOptions, budget: Budget = Budget.unlimited()): Promise<ImportedModel> {
  budget.chargeModelFile(bytes.length);
  const model = decodeModel(bytes);
  const notes: string[] = [];
  const opset = defaultOpset(model, notes);
  const onnx = model.graph;
  rejectUnsupported(onnx, fileName);
  if (onnx.outputs.length === 0) { throw new InspectError(`${fileName}: the graph declares no outputs`, 'model'); }
  const graph = new Graph(budget);
  const values = new Map<string, Value>();
  await addInitializers(graph, onnx, values, options.readExternal);
  addInputs(graph, onnx, values, options, notes);
  const attributeTensors = await decodeAttributeTensors(onnx, budget, options.readExternal);
  const builder = new NodeBuilder(graph, opset, values, attributeTensors, { dataTypes: storedTypes(onnx), notes });
  for (const index of topologicalOrder(onnx.nodes, new Set(values.keys()))) {
    convertNode(builder, onnx, index, values);
  }
  const outputs = outputValues(onnx, values);
  const chosen = options.output ?? onnx.outputs[0].name;
  const y = values.get(chosen);
  if (!y || !outputs.has(chosen)) {
    throw new InspectError(`no model output named ${quoted(chosen)}; the outputs are ${onnx.outputs.map(o => quoted(o.name)).join(', ')}`, 'value');
  }
  const loss = lossKind(options.loss);
  const yNode = y.kind === 'node' ? y.id : graph.constant(y.tensor, { label: chosen });
  notes.push(`loss: ${lossDescription(loss)} of output ${quoted(chosen)}`);
  return { language: 'onnx', graph, output: addLoss(graph, yNode, loss, options.target), notes, outputs };
}

function outputValues(onnx: OnnxGraph, values: ReadonlyMap<string, Value>): Map<string, Tensor> {
  const outputs = new Map<string, Tensor>();
  for (const out of onnx.outputs) {
    const v = values.get(out.name);
    if (!v) { throw new InspectError(`graph output ${quoted(out.name)} is not computed by any node`, 'model'); }
    outputs.set(out.name, v.tensor);
  }
  return outputs;
}

/** The loss named by the caller (the CLI passes user text through), 'l2' by default. */
function lossKind(loss: string | undefined): LossKind {
  if (loss === undefined) { return 'l2'; }
  if (loss === 'sum' || loss === 'l2' || loss === 'ce') { return loss; }
  throw new InspectError(`unknown loss ${quoted(loss)}; expected sum, l2 or ce`, 'value');
}

function lossDescription(loss: LossKind): string {
  return loss === 'sum' ? 'sum (Σy)' : loss === 'l2' ? 'l2 (½·Σy²)' : 'cross-entropy (mean over rows)';
}

function defaultOpset(model: OnnxModel, notes: string[]): number {
  const entry = model.opsetImports.find(o => isDefaultDomain(o.domain));
  if (entry && entry.version > 0) { return entry.version; }
  notes.push(`the model declares no opset for the default domain; opset ${DEFAULT_OPSET} assumed`);
  return DEFAULT_OPSET;
}

/** One error listing every node whose operator this importer does not know. */
function rejectUnsupported(onnx: OnnxGraph, fileName: string): void {
  const unsupported: string[] = [];
  onnx.nodes.forEach((node, i) => {
    if (!converterFor(node.opType, node.domain)) {
      const domain = isDefaultDomain(node.domain) ? '' : `${node.domain}.`;
      unsupported.push(`node ${i} ${quoted(node.name || node.outputs[0] || '?')} (${excerpt(`${domain}${node.opType}`)})`);
    }
  });
  if (unsupported.length > 0) {
    throw new InspectError(`${fileName}: unsupported ONNX operators: ${unsupported.join(', ')}`, 'unsupported', undefined, undefined, undefined, unsupported);
  }
}

async function addInitializers(graph: Graph, onnx: OnnxGraph, values: Map<string, Value>, readExternal?: SideFileReader): Promise<void> {
  for (const proto of onnx.initializers) {
    if (values.has(proto.name)) { throw new InspectError(`initializer ${quoted(proto.name)} is defined twice`, 'model'); }
    const { tensor, integer, dataType } = await decodeTensor(proto, readExternal, graph.budget);
    if (integer) {
      values.set(proto.name, constant(tensor, true));
    } else {
      values.set(proto.name, { kind: 'node', id: graph.leaf(proto.name, tensor, { group: layerOf(proto.name), dtype: dtypeName(dataType) }), tensor, initializer: true });
    }
  }
}

function addInputs(graph: Graph, onnx: OnnxGraph, values: Map<string, Value>, options: ModelOptions, notes: string[]): void {
  const given = options.inputs ?? {};
  const declared = new Set(onnx.inputs.map(i => i.name));
  const unknown = Object.keys(given).filter(name => !declared.has(name) || values.has(name));
  if (unknown.length > 0) {
    const inputs = onnx.inputs.filter(i => !values.has(i.name)).map(i => quoted(i.name)).join(', ');
    throw new InspectError(`no model input named ${unknown.map(n => quoted(n)).join(', ')}; the inputs are ${inputs}`, 'value');
  }
  for (const info of onnx.inputs) {
    // Older exporters list initializers among the inputs too: those keep their stored values.
    if (values.has(info.name)) { continue; }
    const { tensor, integer } = inputValue(info, Object.prototype.hasOwnProperty.call(given, info.name) ? given[info.name] : undefined, options.seed ?? 0, notes, graph.budget);
    values.set(info.name, integer ? constant(tensor, true) : { kind: 'node', id: graph.leaf(info.name, tensor, { label: info.name, dtype: info.elemType === undefined ? undefined : dtypeName(info.elemType) }), tensor });
  }
}

/** The data type of each initializer and graph input as the file stores it (initializers win). */
function storedTypes(onnx: OnnxGraph): Map<string, number> {
  const types = new Map<string, number>();
  for (const info of onnx.inputs) {
    if (info.elemType !== undefined) { types.set(info.name, info.elemType); }
  }
  for (const proto of onnx.initializers) { types.set(proto.name, proto.dataType); }
  return types;
}

async function decodeAttributeTensors(onnx: OnnxGraph, budget: Budget, readExternal?: SideFileReader): Promise<Map<Attribute, DecodedTensor>> {
  const out = new Map<Attribute, DecodedTensor>();
  for (const node of onnx.nodes) {
    for (const a of node.attributes.values()) {
      if (a.type === AttributeType.Tensor && a.t) { out.set(a, await decodeTensor(a.t, readExternal, budget)); }
    }
  }
  return out;
}

function convertNode(builder: NodeBuilder, onnx: OnnxGraph, index: number, values: Map<string, Value>): void {
  const node = onnx.nodes[index];
  const converter = converterFor(node.opType, node.domain);
  if (!converter) { throw new InspectError(`unsupported operator ${node.opType}`, 'unsupported', undefined, undefined, describeNode(node, index)); }
  builder.begin(node, index);
  let results: Value[];
  try {
    results = converter(builder);
  } catch (e) {
    throw atNode(e, describeNode(node, index));
  }
  node.outputs.forEach((name, i) => {
    if (name !== '' && i < results.length) { values.set(name, results[i]); }
  });
}

/**
 * Errors from engine ops (shape mismatches, limits) gain the ONNX node they happened at, as their
 * `node`: the message stays bare, and formatError puts the place in front once.
 */
function atNode(e: unknown, where: string): InspectError {
  if (e instanceof InspectError) {
    return e.node ? e : new InspectError(e.message, e.kind, undefined, e.expected, where, e.detail);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new InspectError(message, e instanceof RangeError ? 'limit' : 'model', undefined, undefined, where);
}
