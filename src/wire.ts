// An Inspection turned into the JSON the panel receives (src/protocol.ts): nodes in topological
// order, tensors with summary statistics and their entries up to a limit, non-finite numbers as null,
// check rows capped. No vscode import: the panel host uses it, and so may the CLI.
import type { Inspection } from './inspect';
import type { GradcheckEntry, GradcheckResult } from './engine/gradcheck-types';
import type { GraphNode } from './engine/graph';
import { modulePathOf } from './model/module-path';
import { sameShape, Tensor } from './engine/tensor';
import type { HandwrittenResult } from './handwritten/types';
import { finiteSummary } from './engine/tensor-summary';
import { tensorDistribution } from './wire-distribution';
import type { LayerFlow, LayerParameter } from './engine/gradient-flow';
import { FLAG_RULES } from './engine/gradient-flow-rules';
import type { BatchAxis } from './model/import';
import type {
  WireCheck, WireCheckEntry, WireDerivative, WireGradientFlow, WireHandwritten, WireInspection, WireLayer, WireLayerParameter, WireMemory,
  WireNode, WireStatus, WireTensor,
} from './protocol';
import { toWireClaim } from './wire-claims';
import { toWireSecondOrder } from './wire-second-order';
import { toWirePrecision } from './wire-precision';
import { wireNumber } from './wire-number';

export interface WireLimits {
  /** Tensors above this many entries travel as their summary only. Default 4096. */
  maxTensorEntries?: number;
  /** Check rows sent (worst first); the rest are counted in `entriesOmitted`. Default 2000. */
  maxCheckRows?: number;
  /**
   * Longer node sources are cut (the full text is in `text`, the exact place in `range`): in a long
   * sum every partial sum's source is a prefix of the text, so uncut sources grow quadratically.
   * Default 200.
   */
  maxSourceChars?: number;
  /**
   * Graphs above this many nodes send each node's tensors as their summary only; the panel asks for
   * the node it shows (toWireNodeDetail). Default 5000: a 10⁵-node model's message was 114 MB.
   */
  maxNodesWithDetail?: number;
}

export const DEFAULT_MAX_TENSOR_ENTRIES = 4096;
export const DEFAULT_MAX_CHECK_ROWS = 2000;
export const DEFAULT_MAX_SOURCE_CHARS = 200;
export const DEFAULT_MAX_NODES_WITH_DETAIL = 5000;

export function toWireInspection(inspection: Inspection, title: string, limits: WireLimits = {}): WireInspection {
  const maxEntries = limits.maxTensorEntries ?? DEFAULT_MAX_TENSOR_ENTRIES;
  const statuses = inspection.check ? leafStatuses(inspection.check.entries) : new Map<number, WireStatus>();
  if (inspection.check?.wrongNode) { statuses.set(inspection.check.wrongNode.node, 'fail'); }
  const maxSource = limits.maxSourceChars ?? DEFAULT_MAX_SOURCE_CHARS;
  const maxDetailed = limits.maxNodesWithDetail ?? DEFAULT_MAX_NODES_WITH_DETAIL;
  const detailed = inspection.order.length <= maxDetailed;
  const nodes = inspection.order.map(id => toWireNode(inspection.graph.nodes[id], inspection.text, { maxEntries, maxSource, summaryOnly: !detailed }, statuses.get(id)));
  const wire: WireInspection = {
    title,
    language: inspection.language,
    text: inspection.text,
    value: toWireTensor(inspection.value, maxEntries),
    summedOutput: inspection.summedOutput,
    output: inspection.output,
    nodes,
    memory: toWireMemory(inspection),
    notes: [...inspection.notes],
    maxTensorEntries: maxEntries,
  };
  if (!detailed) {
    wire.nodeDetailOnRequestAbove = maxDetailed;
    wire.notes.push(`${inspection.order.length.toLocaleString('en-US')} nodes, over ${maxDetailed.toLocaleString('en-US')}: the panel receives each node's summary, and a node's entries when it is shown`);
  }
  if (inspection.check) { wire.check = toWireCheck(inspection.check, limits.maxCheckRows ?? DEFAULT_MAX_CHECK_ROWS); }
  if (inspection.nonFinite) { wire.nonFinite = { node: inspection.nonFinite.node, what: inspection.nonFinite.what }; }
  if (inspection.outputs) {
    wire.outputs = [...inspection.outputs].map(([name, value]) => ({ name, value: toWireTensor(value, maxEntries) }));
  }
  if (inspection.derivatives) { wire.derivatives = toWireDerivatives(inspection); }
  if (inspection.derivativesUnavailable !== undefined) { wire.derivativesUnavailable = inspection.derivativesUnavailable; }
  if (inspection.valueSource) { wire.valueSource = inspection.valueSource; }
  if (inspection.layers) { wire.gradientFlow = toWireGradientFlow(inspection.layers, inspection.batchAxis); }
  if (inspection.handwritten) { wire.handwritten = inspection.handwritten.map(h => toWireHandwritten(h, maxEntries)); }
  if (inspection.claims) { wire.claims = inspection.claims.map(toWireClaim); }
  if (inspection.secondOrder) { wire.secondOrder = toWireSecondOrder(inspection.secondOrder); }
  if (inspection.secondOrderUnavailable !== undefined) { wire.secondOrderUnavailable = inspection.secondOrderUnavailable; }
  if (inspection.precision) { wire.precision = toWirePrecision(inspection.precision); }
  return wire;
}

function toWireHandwritten(h: HandwrittenResult, maxEntries: number): WireHandwritten {
  const wire: WireHandwritten = {
    name: h.name, of: h.of, function: h.function, passed: h.passed,
    maxAbsError: wireNumber(h.maxAbsError), maxRelError: wireNumber(h.maxRelError),
    worst: h.worst.map(e => ({ index: e.index, handwritten: wireNumber(e.handwritten), autograd: wireNumber(e.autograd), numeric: e.numeric === undefined ? null : wireNumber(e.numeric) })),
    diagnosis: h.diagnosis,
    range: { start: h.range.start, end: h.range.end },
  };
  if (h.value && sameShape(h.value.shape, h.truth.shape)) {
    const truth = h.truth.data;
    wire.difference = toWireTensor(new Tensor(h.value.shape, h.value.data.map((v, k) => v - truth[k])), maxEntries);
  }
  return wire;
}

/**
 * What the panel folds a node under: a model's nodes by their whole module path ("layers.0.attn",
 * an initializer "layers.0.attn.q.weight" under "layers.0.attn.q"), which the graph cuts to the
 * depth that fits; anything else by its group as the front-end gave it (a Python call path).
 */
function foldingGroupOf(node: GraphNode): string | undefined {
  if (node.group === undefined) { return undefined; }
  if (node.layer !== undefined && node.layer.split('.')[0] === node.group) { return node.layer; }
  const path = node.kind === 'leaf' && node.name !== undefined ? modulePathOf(node.name) : undefined;
  return path !== undefined && path.split('.')[0] === node.group ? path : node.group;
}


/** One node's value and gradient with their entries, for a panel that received summaries only. */
export function toWireNodeDetail(inspection: Inspection, nodeId: number, maxEntries: number = DEFAULT_MAX_TENSOR_ENTRIES): { value: WireTensor; grad?: WireTensor } | undefined {
  const node = inspection.graph.nodes[nodeId];
  if (node === undefined || !node.value) { return undefined; }
  return node.grad ? { value: toWireTensor(node.value, maxEntries), grad: toWireTensor(node.grad, maxEntries) } : { value: toWireTensor(node.value, maxEntries) };
}

/**
 * Summary statistics are over the finite entries; `nonFinite` counts the others. `summaryOnly`
 * leaves out the distribution too (the nodes of a graph too large to send whole).
 */
export function toWireTensor(t: Tensor, maxEntries: number = DEFAULT_MAX_TENSOR_ENTRIES, summaryOnly = false): WireTensor {
  const { finite, min, max, mean, norm } = finiteSummary(t.data);
  const wire: WireTensor = {
    shape: [...t.shape],
    size: t.size,
    min: finite > 0 ? min : null,
    max: finite > 0 ? max : null,
    mean: finite > 0 ? wireNumber(mean) : null,
    norm: finite > 0 ? wireNumber(norm) : null,
    nonFinite: t.size - finite,
  };
  if (summaryOnly) { return wire; }
  if (t.size <= maxEntries) { wire.data = Array.from(t.data, wireNumber); }
  if (t.size > 1) { wire.distribution = tensorDistribution(t.data); }
  return wire;
}

function toWireNode(node: GraphNode, text: string, limits: { maxEntries: number; maxSource: number; summaryOnly: boolean }, status: WireStatus | undefined): WireNode {
  const { maxEntries, summaryOnly } = limits;
  const wire: WireNode = {
    id: node.id,
    kind: node.kind,
    op: node.op,
    label: node.label,
    inputs: [...node.inputs],
    value: node.value ? toWireTensor(node.value, maxEntries, summaryOnly) : emptyTensor(),
  };
  if (node.name !== undefined) { wire.name = node.name; }
  if (node.grad) { wire.grad = toWireTensor(node.grad, maxEntries, summaryOnly); }
  if (node.range) {
    wire.range = { start: node.range.start, end: node.range.end };
    if (text) { wire.source = sourceText(text, node.range.start, node.range.end, limits.maxSource); }
  }
  if (node.origin !== undefined) { wire.origin = node.origin; }
  const group = foldingGroupOf(node);
  if (group !== undefined) { wire.group = group; }
  if (node.dtype !== undefined) { wire.dtype = node.dtype; }
  if (status) { wire.checkStatus = status; }
  return wire;
}

/** The text of a range, its middle replaced by `…` when it is longer than `max`. */
export function sourceText(text: string, start: number, end: number, max: number): string {
  if (end - start <= max) { return text.slice(start, end); }
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `${text.slice(start, start + head)}…${text.slice(end - tail, end)}`;
}

function emptyTensor(): WireTensor {
  return { shape: [0], size: 0, data: [], min: null, max: null, mean: null, norm: null, nonFinite: 0 };
}

const SEVERITY: Record<WireStatus, number> = { pass: 0, kink: 1, fail: 2 };

export function worstStatus(a: WireStatus | undefined, b: WireStatus): WireStatus {
  return a === undefined || SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** Each checked leaf's worst entry status (over every entry, not only the rows sent). */
function leafStatuses(entries: readonly GradcheckEntry[]): Map<number, WireStatus> {
  const statuses = new Map<number, WireStatus>();
  for (const e of entries) { statuses.set(e.leafId, worstStatus(statuses.get(e.leafId), e.status)); }
  return statuses;
}

function toWireCheck(check: GradcheckResult, maxRows: number): WireCheck {
  const rows = check.entries.slice(0, maxRows).map(toWireCheckEntry);
  const wire: WireCheck = {
    passed: check.passed,
    mode: check.mode,
    reference: check.reference,
    eps: check.eps,
    atol: check.atol,
    rtol: check.rtol,
    maxAbsError: wireNumber(check.maxAbsError),
    maxRelError: wireNumber(check.maxRelError),
    totalEntries: check.totalEntries,
    counts: { ...check.counts },
    entries: rows,
    entriesOmitted: check.entries.length - rows.length,
    undiagnosed: check.undiagnosed,
    evaluations: check.evaluations,
    cancelled: check.cancelled,
  };
  if (check.wrongNode) {
    const w = check.wrongNode;
    wire.wrongNode = { node: w.node, label: w.label, op: w.op, input: w.input, analytic: wireNumber(w.analytic), numeric: wireNumber(w.numeric), relError: wireNumber(w.relError) };
  }
  if (check.nodesChecked !== undefined) { wire.nodesChecked = check.nodesChecked; }
  if (check.directional) {
    const d = check.directional;
    wire.directional = {
      analytic: wireNumber(d.analytic),
      numeric: wireNumber(d.numeric),
      absError: wireNumber(d.absError),
      relError: wireNumber(d.relError),
      status: d.status,
      h: d.h,
    };
  }
  return wire;
}

function toWireCheckEntry(e: GradcheckEntry): WireCheckEntry {
  const wire: WireCheckEntry = {
    leaf: e.leaf,
    leafId: e.leafId,
    index: [...e.index],
    flat: e.flat,
    analytic: wireNumber(e.analytic),
    numeric: wireNumber(e.numeric),
    absError: wireNumber(e.absError),
    relError: wireNumber(e.relError),
    status: e.status,
    h: e.h,
  };
  if (e.kinkNode !== undefined) { wire.kinkNode = e.kinkNode; }
  if (e.diagnosis !== undefined) { wire.diagnosis = e.diagnosis; }
  if (e.advice !== undefined) { wire.advice = e.advice; }
  if (e.oneSided !== undefined) { wire.oneSided = [wireNumber(e.oneSided[0]), wireNumber(e.oneSided[1])]; }
  if (e.convention !== undefined) { wire.convention = e.convention; }
  if (e.suggestedEps !== undefined) { wire.suggestedEps = e.suggestedEps; }
  if (e.errorEstimate !== undefined && Number.isFinite(e.errorEstimate)) { wire.errorEstimate = e.errorEstimate; }
  return wire;
}

function toWireMemory(inspection: Inspection): WireMemory {
  const m = inspection.memory;
  return {
    parameterBytes: m.parameterBytes,
    parameterCount: m.parameterCount,
    intermediateBytes: m.intermediateBytes,
    gradientBytes: m.gradientBytes,
    allAdjointBytes: m.allAdjointBytes,
    constantBytes: m.constantBytes,
    totalBytes: m.totalBytes,
    ruleOfThumbBytes: m.ruleOfThumbBytes,
    opNodes: m.opNodes,
    checkpointing: { ...m.checkpointing },
  };
}

function toWireDerivatives(inspection: Inspection): WireDerivative[] {
  const out: WireDerivative[] = [];
  for (const [leaf, d] of inspection.derivatives ?? []) {
    out.push({ leaf, text: d.text, latex: d.latex, value: wireNumber(d.value) });
  }
  return out;
}

/** The gradient-flow layers with non-finite norms as null, and the flags' rules in words. */
export function toWireGradientFlow(layers: readonly LayerFlow[], batchAxis: BatchAxis | undefined): WireGradientFlow {
  const flow: WireGradientFlow = { layers: layers.map(toWireLayer), rules: { ...FLAG_RULES } };
  if (batchAxis) { flow.batchAxis = { ...batchAxis }; }
  return flow;
}

function toWireLayer(layer: LayerFlow): WireLayer {
  const wire: WireLayer = {
    name: layer.name,
    depth: layer.depth,
    ops: [...layer.ops],
    activationNorm: wireNumber(layer.activationNorm),
    gradientNorm: wireNumber(layer.gradientNorm),
    parameters: layer.parameters.map(toWireParameter),
    flags: [...layer.flags],
  };
  if (layer.deadReluFraction !== undefined) { wire.deadReluFraction = layer.deadReluFraction; }
  if (layer.deadReluBasis !== undefined) { wire.deadReluBasis = layer.deadReluBasis; }
  if (layer.saturatedFraction !== undefined) { wire.saturatedFraction = layer.saturatedFraction; }
  return wire;
}

function toWireParameter(p: LayerParameter): WireLayerParameter {
  return { name: p.name, shape: [...p.shape], norm: wireNumber(p.norm), gradientNorm: wireNumber(p.gradientNorm), ratio: wireNumber(p.ratio) };
}
