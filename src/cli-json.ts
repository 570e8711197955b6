// The CLI's --json document: one object with the value, the gradients by leaf name, the check, the
// graph and the memory report. Tensors are numbers or nested arrays; non-finite numbers become null.
import { GradcheckResult, LocalisedNode } from './engine/gradcheck-types';
import { PrecisionReport } from './engine/precision-replay';
import { Nested } from './engine/tensor';
import { Inspection } from './inspect';
import { lineColumnAt } from './engine/errors';
import { LayerFlow } from './engine/gradient-flow';
import { FLAG_RULES, FLOW_THRESHOLDS, LayerFlag } from './engine/gradient-flow-rules';
import { BatchAxis } from './model/import';
import { HandwrittenResult } from './handwritten/types';
import type { ClaimResult } from './lang/latex-claims';
import { CliJsonSecondOrder, secondOrderJson } from './cli-second-order';

export interface CliJson extends Partial<CliJsonSecondOrder> {
  language: string;
  value: Nested;
  gradients: Record<string, Nested>;
  outputs?: Record<string, Nested>;
  check: CliJsonCheck | null;
  graph: { output: number; nodes: CliJsonNode[] };
  memory: unknown;
  derivatives?: Record<string, { text: string; latex: string; value: number }>;
  derivativesUnavailable?: string;
  nonFinite?: { node: number; what: string };
  /** Per-layer gradient flow in depth order (models with layers); non-finite numbers are null. */
  layers?: LayerFlow[];
  /** The rules and thresholds behind the layers' flags, and the batch axis dead ReLU units are counted over. */
  layerRules?: { flags: Record<LayerFlag, string>; thresholds: typeof FLOW_THRESHOLDS; batchAxis: BatchAxis | null };
  /** Python: hand-written gradients compared with autograd and central differences. */
  handwritten?: CliJsonHandwritten[];
  precision?: PrecisionReport;
  /** LaTeX claims, verified: { text, kind, passed, points, maxAbsError, lhs, rhs, … }. */
  claims?: ClaimResult[];
  notes: string[];
}

export interface CliJsonHandwritten {
  name: string;
  of: string;
  function: string;
  passed: boolean;
  /** null when the shapes differ (no entry can be compared). */
  maxAbsError: number | null;
  maxRelError: number | null;
  worst: { index: string; handwritten: number | null; autograd: number | null; numeric: number | null }[];
  diagnosis: string;
}

/** The check as the engine reports it; the wrong node also with its line and column in the text. */
export type CliJsonCheck = Omit<GradcheckResult, 'wrongNode'> & {
  wrongNode?: LocalisedNode & { line?: number; column?: number; text?: string };
  /** 2 when the second-order check ran (--order 2). */
  order: 1 | 2;
};

export interface CliJsonNode {
  id: number;
  kind: string;
  op: string;
  label: string;
  name?: string;
  origin?: string;
  /** The element type a model file stores the leaf in. */
  dtype?: string;
  inputs: number[];
  shape: number[];
  value: Nested | null;
  grad: Nested | null;
  range?: { start: number; end: number; line: number; column: number; text: string };
}

export function cliJson(inspection: Inspection): CliJson {
  const { graph, text } = inspection;
  const nodes = inspection.order.map((id): CliJsonNode => {
    const n = graph.nodes[id];
    const node: CliJsonNode = {
      id: n.id,
      kind: n.kind,
      op: n.op,
      label: n.label,
      inputs: [...n.inputs],
      shape: [...(n.value?.shape ?? [])],
      value: n.value ? n.value.toNested() : null,
      grad: n.grad ? n.grad.toNested() : null,
    };
    if (n.name !== undefined) { node.name = n.name; }
    if (n.origin !== undefined) { node.origin = n.origin; }
    if (n.dtype !== undefined) { node.dtype = n.dtype; }
    if (n.range) {
      const { line, column } = lineColumnAt(text, n.range.start);
      node.range = { start: n.range.start, end: n.range.end, line, column, text: text.slice(n.range.start, n.range.end) };
    }
    return node;
  });
  const json: CliJson = {
    language: inspection.language,
    value: inspection.value.toNested(),
    gradients: Object.fromEntries([...inspection.gradients].map(([name, g]) => [name, g.toNested()])),
    check: inspection.check ? { ...checkJson(inspection.check, text), order: inspection.secondOrder ? 2 : 1 } : null,
    graph: { output: inspection.output, nodes },
    memory: inspection.memory,
    notes: inspection.notes,
  };
  if (inspection.outputs) { json.outputs = Object.fromEntries([...inspection.outputs].map(([name, t]) => [name, t.toNested()])); }
  if (inspection.derivatives) { json.derivatives = Object.fromEntries(inspection.derivatives); }
  if (inspection.derivativesUnavailable) { json.derivativesUnavailable = inspection.derivativesUnavailable; }
  if (inspection.nonFinite) { json.nonFinite = inspection.nonFinite; }
  if (inspection.layers) {
    json.layers = inspection.layers;
    json.layerRules = { flags: { ...FLAG_RULES }, thresholds: FLOW_THRESHOLDS, batchAxis: inspection.batchAxis ?? null };
  }
  if (inspection.handwritten) { json.handwritten = inspection.handwritten.map(handwrittenJson); }
  if (inspection.precision) { json.precision = inspection.precision; }
  if (inspection.claims) { json.claims = inspection.claims; }
  if (inspection.secondOrder) { Object.assign(json, secondOrderJson(inspection.secondOrder, text)); }
  return json;
}

function handwrittenJson(h: HandwrittenResult): CliJsonHandwritten {
  const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);
  return {
    name: h.name, of: h.of, function: h.function, passed: h.passed,
    maxAbsError: finite(h.maxAbsError), maxRelError: finite(h.maxRelError),
    worst: h.worst.map(e => ({ index: e.index, handwritten: finite(e.handwritten), autograd: finite(e.autograd), numeric: finite(e.numeric) })),
    diagnosis: h.diagnosis,
  };
}

function checkJson(check: GradcheckResult, text: string): Omit<CliJsonCheck, 'order'> {
  const wrong = check.wrongNode;
  if (!wrong?.range) { return check; }
  const { line, column } = lineColumnAt(text, wrong.range.start);
  return { ...check, wrongNode: { ...wrong, line, column, text: text.slice(wrong.range.start, wrong.range.end) } };
}
