// ONNX model file → engine graph: initializers become leaves (float) or constants (integer), graph
// inputs become leaves with the given or seeded random values, every node becomes engine ops tagged
// with its ONNX name and op type, and a loss on the chosen output is the graph's output.
import { excerpt, quoted } from '../engine/excerpt';
import { InspectError } from '../engine/errors';
import { Graph, NodeId } from '../engine/graph';
import { Budget } from '../engine/limits';
import { Nested, Tensor } from '../engine/tensor';
import { addLoss, LossKind } from './loss';
import { dimensionSizes } from './dimensions';
import { inputValue } from './inputs';
import { Attribute, AttributeType, decodeModel, OnnxGraph, OnnxModel, ValueInfo } from './onnx';
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
  /** Sizes of named (dynamic) input dimensions, as --dim NAME=SIZE; given inputs fix them too. */
  dims?: Record<string, number>;
  /** Default sizes of named dimensions (the editor's setting): used where the model has the name and nothing else fixes it. */
  dimensionDefaults?: Record<string, number>;
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
  /** Names of the graph inputs fed with values (the leaves that are not weights). */
  inputNames: string[];
  /** The batch axis (axis 0 of the first fed input) when the model declares it as a named dimension. */
  batchAxis?: BatchAxis;
}

export interface BatchAxis {
  /** The dimension's name in the model (torch.onnx.export's dynamic_axes: "batch"). */
  name: string;
  /** Its size in this run. */
  size: number;
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
  const fed = addInputs(graph, onnx, values, options, notes);
  const attributeTensors = await decodeAttributeTensors(onnx, budget, options.readExternal);
  const builder = new NodeBuilder(graph, opset, values, attributeTensors, { dataTypes: storedTypes(onnx), notes });
  const frozen: string[] = [];
  for (const index of topologicalOrder(onnx.nodes, new Set(values.keys()))) {
    const computed = onnx.nodes[index].inputs.some(name => values.get(name)?.kind === 'node');
    const results = convertNode(builder, onnx, index, values);
    if (computed && results.some(r => r.kind === 'const')) { frozen.push(onnx.nodes[index].opType); }
  }
  notes.push(...frozenNotes(frozen));
  notes.push(...mergedInitializerNotes(onnx, values));
  const outputs = outputValues(onnx, values);
  const chosen = options.output ?? onnx.outputs[0].name;
  const y = values.get(chosen);
  if (!y || !outputs.has(chosen)) {
    throw new InspectError(`no model output named ${quoted(chosen)}; the outputs are ${onnx.outputs.map(o => quoted(o.name)).join(', ')}`, 'value');
  }
  const loss = lossKind(options.loss);
  const yNode = y.kind === 'node' ? y.id : graph.constant(y.tensor, { label: chosen });
  notes.push(`loss: ${lossDescription(loss)} of output ${quoted(chosen)}`);
  const imported: ImportedModel = { language: 'onnx', graph, output: addLoss(graph, yNode, loss, options.target), notes, outputs, inputNames: fed.map(info => info.name) };
  const batchAxis = batchAxisOf(fed, values);
  if (batchAxis) { imported.batchAxis = batchAxis; }
  return imported;
}

/** Axis 0 of the first fed input, when the model names it (a dynamic axis): PyTorch's batch axis. */
function batchAxisOf(fed: readonly ValueInfo[], values: ReadonlyMap<string, Value>): BatchAxis | undefined {
  const first = fed[0];
  const name = first?.shape?.[0];
  const tensor = first ? values.get(first.name)?.tensor : undefined;
  return typeof name === 'string' && tensor && tensor.rank > 0 ? { name, size: tensor.shape[0] } : undefined;
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

/** Gives every graph input that is not an initializer its value; returns those inputs. */
function addInputs(graph: Graph, onnx: OnnxGraph, values: Map<string, Value>, options: ModelOptions, notes: string[]): ValueInfo[] {
  const given = options.inputs ?? {};
  const declared = new Set(onnx.inputs.map(i => i.name));
  const unknown = Object.keys(given).filter(name => !declared.has(name) || values.has(name));
  if (unknown.length > 0) {
    const inputs = onnx.inputs.filter(i => !values.has(i.name)).map(i => quoted(i.name)).join(', ');
    throw new InspectError(`no model input named ${unknown.map(n => quoted(n)).join(', ')}; the inputs are ${inputs}`, 'value');
  }
  const fed = onnx.inputs.filter(info => !values.has(info.name));
  const dims = dimensionSizes(fed, given, options.dims ?? {}, notes, options.dimensionDefaults ?? {});
  for (const info of fed) {
    const context = { dims, indexBound: gatherBound(onnx, info.name, values) };
    const { tensor, integer } = inputValue(info, Object.prototype.hasOwnProperty.call(given, info.name) ? given[info.name] : undefined, options.seed ?? 0, notes, graph.budget, context);
    values.set(info.name, integer ? constant(tensor, true) : { kind: 'node', id: graph.leaf(info.name, tensor, { label: info.name, dtype: info.elemType === undefined ? undefined : dtypeName(info.elemType) }), tensor });
  }
  return fed;
}

/** Names of merged initializers a note lists before it counts the rest. */
const MERGED_NAMES_SHOWN = 4;

/**
 * torch.onnx.export stores equal initializers once and names the others as Identity nodes of it
 * (freshly initialized LayerNorm weights, all ones): the gradient of the one leaf is then the sum
 * over all of them, where PyTorch reports one per parameter. The notes say which were merged.
 */
function mergedInitializerNotes(onnx: OnnxGraph, values: ReadonlyMap<string, Value>): string[] {
  const merged = new Map<string, string[]>();
  for (const node of onnx.nodes) {
    const source = node.opType === 'Identity' && isDefaultDomain(node.domain) ? values.get(node.inputs[0]) : undefined;
    if (source?.kind === 'node' && source.initializer && node.outputs[0]) {
      merged.set(node.inputs[0], [...(merged.get(node.inputs[0]) ?? []), node.outputs[0]]);
    }
  }
  return [...merged].map(([name, aliases]) => {
    const named = aliases.slice(0, MERGED_NAMES_SHOWN).map(a => quoted(a)).join(', ');
    const more = aliases.length > MERGED_NAMES_SHOWN ? ` and ${aliases.length - MERGED_NAMES_SHOWN} more` : '';
    return `${named}${more} ${aliases.length > 1 ? 'are Identity nodes' : 'is an Identity node'} of initializer ${quoted(name)} (the exporter merges equal initializers): its gradient is the sum over all of them`;
  });
}

/** Ops that move or retype entries without changing them: ids keep their range through these. */
const RANGE_KEEPING_OPS = new Set(['Identity', 'Cast', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Transpose', 'Expand', 'Tile']);

/** `input` and every value computed from it by range-keeping ops only (input_ids.view(-1, T)). */
function sameEntriesAs(onnx: OnnxGraph, input: string): Set<string> {
  const names = new Set([input]);
  for (let grown = true; grown;) {
    grown = false;
    for (const node of onnx.nodes) {
      if (RANGE_KEEPING_OPS.has(node.opType) && isDefaultDomain(node.domain) && names.has(node.inputs[0]) && node.outputs[0] && !names.has(node.outputs[0])) {
        names.add(node.outputs[0]);
        grown = true;
      }
    }
  }
  return names;
}

/**
 * The size of the smallest axis that a Gather of a stored tensor indexes with `input` or a
 * reshaped copy of it (the vocabulary of a token embedding), or undefined when none does.
 */
function gatherBound(onnx: OnnxGraph, input: string, values: ReadonlyMap<string, Value>): number | undefined {
  const indices = sameEntriesAs(onnx, input);
  let bound: number | undefined;
  for (const node of onnx.nodes) {
    const data = node.opType === 'Gather' && isDefaultDomain(node.domain) && indices.has(node.inputs[1]) ? values.get(node.inputs[0]) : undefined;
    if (!data) { continue; }
    const rank = data.tensor.rank;
    const axis = node.attributes.get('axis')?.i ?? 0;
    if (axis < -rank || axis >= rank) { continue; }
    const size = data.tensor.shape[axis < 0 ? axis + rank : axis];
    bound = bound === undefined ? size : Math.min(bound, size);
  }
  return bound;
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

/** Ops whose constant result depends only on shapes, never on the values they read. */
const SHAPE_ONLY_OPS = new Set(['Shape', 'Size']);

/**
 * Integer and boolean results of computed tensors (a comparison, ArgMax, TopK's indices, a Cast to
 * int) are constants taken at the imported values: no gradient flows through them, and a check
 * that moves the weights keeps them as they were. One note counts them by op type.
 */
function frozenNotes(opTypes: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const op of opTypes) {
    if (!SHAPE_ONLY_OPS.has(op)) { counts.set(op, (counts.get(op) ?? 0) + 1); }
  }
  if (counts.size === 0) { return []; }
  const list = [...counts].map(([op, n]) => `${n} ${excerpt(op)}`).join(', ');
  return [`integer results of computed tensors are taken at their imported values and carry no gradient: ${list}`];
}

function convertNode(builder: NodeBuilder, onnx: OnnxGraph, index: number, values: Map<string, Value>): Value[] {
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
  return results;
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
