// The pipeline: text or model file → graph → forward → backward → gradient check → Inspection.
// The CLI, the hover provider and the panel call inspect() and never redo any of its work.
import { backward, firstNonFinite, forward, NonFinite } from './engine/autograd';
import { lineColumnAt } from './engine/errors';
import { gradcheck } from './engine/gradcheck';
import { GradcheckOptions, GradcheckResult } from './engine/gradcheck-types';
import { Graph, GraphNode, NodeId } from './engine/graph';
import { Budget } from './engine/limits';
import { memoryReport, MemoryReport } from './engine/memory';
import { Tensor, shapeToString } from './engine/tensor';
import { detectLanguage } from './lang/detect';
import { Language } from './lang/ast';
import { lowerProgram } from './lang/lower';
import { Bindings } from './lang/bindings';
import { BatchAxis, importOnnx, ModelOptions } from './model/import';
import { gradientFlow, LayerFlow } from './engine/gradient-flow';
import { symbolicDerivatives, SymbolicDerivative } from './engine/symbolic';
import type { WireValueSource } from './protocol';
import { checkHandwritten } from './handwritten/check';
import { HandwrittenResult } from './handwritten/types';
import { Traced } from './lang/trace/tracer';
import { LowPrecision } from './engine/low-precision';
import { PrecisionReport, replayInPrecision } from './engine/precision-replay';
import { ClaimResult } from './lang/latex-claims';
import { LatexScope } from './lang/latex-reader';
import { readTextProgram } from './lang/text-program';
import { CheckOrder, SecondOrderPart, secondOrderPart } from './inspect-second-order';

export type LanguageChoice = Language | 'auto';

export type InspectInput =
  | { kind: 'text'; text: string; language?: LanguageChoice }
  | { kind: 'onnx'; bytes: Uint8Array; fileName: string };

/** The limits of one inspection (settings, CLI flags); enforced while building, before allocating. */
export interface InspectLimits {
  /** Refuse graphs above this many nodes (a reported limit, never a silent cut). Default 1,000,000. */
  maxNodes?: number;
  /** Memory budget in MiB, charged before allocating (see engine/limits.ts). Default 1024. */
  memoryMiB?: number;
}

export interface InspectOptions extends InspectLimits {
  /** Values given from outside (CLI --at, the value prompt); they override the text's own. */
  bindings?: Bindings;
  /** Gradient-check settings; false skips the check. */
  check?: GradcheckOptions | false;
  /** ONNX inputs, loss and external-data reader. */
  model?: ModelOptions;
  /** Replay the forward and backward passes in this type and compare with float64. */
  precision?: LowPrecision;
  /** Build symbolic derivatives (scalar expressions only). Default true for text. */
  symbolic?: boolean;
  /** LaTeX: the document's definitions in scope and where the formula sits. */
  latex?: LatexScope;
  /** Bind every variable without a value to seeded random values (noted). */
  randomUnbound?: boolean;
  /** 2: also check Hessian-vector products and forward mode; 'auto': so for small scalar functions. Default 1. */
  order?: CheckOrder;
}

export interface Inspection extends SecondOrderPart {
  /** 'onnx' for model files. */
  language: Language | 'onnx';
  /** The analysed text ('' for a model file). */
  text: string;
  graph: Graph;
  output: NodeId;
  /** Node ids the output depends on, in topological order. */
  order: NodeId[];
  value: Tensor;
  /** Leaves in order of first appearance. */
  leaves: GraphNode[];
  /** ∂output/∂leaf (of sum(output) when the output is not a scalar), by leaf name. */
  gradients: Map<string, Tensor>;
  /** True when the output is not a scalar and gradients are of its sum. */
  summedOutput: boolean;
  check?: GradcheckResult;
  memory: MemoryReport;
  nonFinite?: NonFinite;
  /** Model outputs by name (ONNX). */
  outputs?: Map<string, Tensor>;
  /** Symbolic ∂output/∂leaf by leaf name, for scalar expressions. */
  derivatives?: Map<string, SymbolicDerivative>;
  /** Why there are no symbolic derivatives, when there are none. */
  derivativesUnavailable?: string;
  /** Per-layer gradient flow, in depth order, when the graph's nodes belong to layers (ONNX modules). */
  layers?: LayerFlow[];
  /** The model's batch axis, over which dead ReLU units are counted (ONNX, when declared). */
  batchAxis?: BatchAxis;
  /** Python: gradients the code computes by hand, each compared with autograd and central differences. */
  handwritten?: HandwrittenResult[];
  /** The replay in a lower precision, when asked for. */
  precision?: PrecisionReport;
  /** LaTeX claims of the formula (`g'(x) = …`, `a \approx b`), verified. */
  claims?: ClaimResult[];
  notes: string[];
  /** Set by the extension when values came from a paused debug frame. */
  valueSource?: WireValueSource;
}

export async function inspect(input: InspectInput, options: InspectOptions = {}): Promise<Inspection> {
  const budget = new Budget({ maxNodes: options.maxNodes, memoryMiB: options.memoryMiB });
  const built = input.kind === 'text'
    ? buildFromText(input.text, input.language ?? 'auto', options, budget)
    : await importOnnx(input.bytes, input.fileName, options.model ?? {}, budget);
  const { graph, output, notes } = built;
  const claims = 'verifyClaims' in built ? built.verifyClaims?.() : undefined;
  const order = graph.order(output);
  const value = forward(graph, output, order);
  const { summedOutput } = backward(graph, output, order);
  if (summedOutput) {
    notes.push(value.size === 1
      ? `output has shape ${shapeToString(value.shape)}; gradients are of its single entry`
      : `output is a tensor of shape ${shapeToString(value.shape)}; gradients are of its sum`);
  }
  const leaves = graph.leaves(output, order);
  const gradients = new Map<string, Tensor>();
  for (const leaf of leaves) { gradients.set(leaf.name ?? leaf.label, leaf.grad ?? Tensor.zeros(leaf.value?.shape ?? [])); }
  if (leaves.length === 0) { notes.push(NOTHING_TO_DIFFERENTIATE); }
  const text = input.kind === 'text' ? input.text : '';
  const nonFinite = firstNonFinite(graph, order);
  if (nonFinite) { notes.push(nonFiniteNote(graph.nodes[nonFinite.node], nonFinite, text)); }
  const inspection: Inspection = {
    language: built.language,
    text,
    graph, output, order, value, leaves, gradients, summedOutput,
    memory: memoryReport(graph, order),
    nonFinite,
    outputs: built.outputs,
    notes,
  };
  addLayers(inspection, built);
  if (claims && claims.length > 0) { inspection.claims = claims; }
  if (options.symbolic ?? input.kind === 'text') { addSymbolic(inspection); }
  const trace = 'trace' in built ? built.trace : undefined;
  if (trace) {
    const handwritten = checkHandwritten(trace, graph);
    if (handwritten.length > 0) { inspection.handwritten = handwritten; }
  }
  if (options.precision !== undefined) { inspection.precision = replayInPrecision(graph, output, order, options.precision); }
  if (options.check !== false) {
    inspection.check = await gradcheck(graph, output, options.check ?? {});
  }
  if (options.order !== undefined && options.order !== 1) { Object.assign(inspection, secondOrderPart(inspection, options.order, options.check)); }
  return inspection;
}

/** The note of an expression without variables: its check has no entries, which is not a pass. */
export const NOTHING_TO_DIFFERENTIATE = 'nothing to differentiate: the expression has no variables';

/** Where the first NaN or ±Inf came from: the line:column of the node's text, or its model node. */
function nonFiniteNote(node: GraphNode, nonFinite: NonFinite, text: string): string {
  const subject = node.range ? `${node.label} at ${lineColumnText(text, node.range.start)}` : node.origin !== undefined ? `ONNX node ${node.origin}` : node.label;
  return nonFinite.what === 'value'
    ? `the first non-finite value comes from ${subject}`
    : `the first non-finite gradient comes from the derivative of ${subject}`;
}

function lineColumnText(text: string, offset: number): string {
  const { line, column } = lineColumnAt(text, offset);
  return `${line}:${column}`;
}

interface Built {
  language: Language | 'onnx';
  graph: Graph;
  output: NodeId;
  notes: string[];
  outputs?: Map<string, Tensor>;
  verifyClaims?: () => ClaimResult[];
  trace?: Traced;
  /** Graph inputs fed with values (model files): leaves that are not weights. */
  inputNames?: string[];
  batchAxis?: BatchAxis;
}

/** Model layers are ONNX modules; in text, the groups a front-end gives (none give any yet). */
function addLayers(inspection: Inspection, built: Built): void {
  const inputs = new Set(built.inputNames ?? []);
  const onnx = built.language === 'onnx';
  const layers = gradientFlow(inspection.graph, inspection.output, inspection.order, {
    layerOf: node => (onnx ? node.layer : node.group),
    isParameter: leaf => !inputs.has(leaf.name ?? ''),
    batchSize: built.batchAxis?.size,
  });
  if (layers.length === 0) { return; }
  inspection.layers = layers;
  if (built.batchAxis) { inspection.batchAxis = built.batchAxis; }
}

function buildFromText(text: string, choice: LanguageChoice, options: InspectOptions, budget: Budget): Built {
  budget.chargeText(text.length);
  const language = choice === 'auto' ? detectLanguage(text) : choice;
  const read = readTextProgram(text, language, options);
  const lowered = lowerProgram(read.program, read.bindings, budget);
  return { language, graph: lowered.graph, output: lowered.output, notes: [...read.program.notes, ...lowered.notes], trace: lowered.trace, verifyClaims: read.verifyClaims };
}

function addSymbolic(inspection: Inspection): void {
  const result = symbolicDerivatives(inspection.graph, inspection.output, inspection.order);
  if (result.ok) {
    inspection.derivatives = result.derivatives;
  } else {
    inspection.derivativesUnavailable = result.reason;
  }
}
