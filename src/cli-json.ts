// The CLI's --json document: one object with the value, the gradients by leaf name, the check, the
// graph and the memory report. Tensors are numbers or nested arrays; non-finite numbers become null.
import { Nested } from './engine/tensor';
import { Inspection } from './inspect';
import { lineColumnAt } from './engine/errors';
import type { ClaimResult } from './lang/latex-claims';

export interface CliJson {
  language: string;
  value: Nested;
  gradients: Record<string, Nested>;
  outputs?: Record<string, Nested>;
  check: unknown;
  graph: { output: number; nodes: CliJsonNode[] };
  memory: unknown;
  derivatives?: Record<string, { text: string; latex: string; value: number }>;
  derivativesUnavailable?: string;
  nonFinite?: { node: number; what: string };
  /** LaTeX claims, verified: { text, kind, passed, points, maxAbsError, lhs, rhs, … }. */
  claims?: ClaimResult[];
  notes: string[];
}

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
    check: inspection.check ?? null,
    graph: { output: inspection.output, nodes },
    memory: inspection.memory,
    notes: inspection.notes,
  };
  if (inspection.outputs) { json.outputs = Object.fromEntries([...inspection.outputs].map(([name, t]) => [name, t.toNested()])); }
  if (inspection.derivatives) { json.derivatives = Object.fromEntries(inspection.derivatives); }
  if (inspection.derivativesUnavailable) { json.derivativesUnavailable = inspection.derivativesUnavailable; }
  if (inspection.nonFinite) { json.nonFinite = inspection.nonFinite; }
  if (inspection.claims) { json.claims = inspection.claims; }
  return json;
}
