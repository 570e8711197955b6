// The CLI's --json document: one object with the value, the gradients by leaf name, the check, the
// graph and the memory report. Tensors are numbers or nested arrays; non-finite numbers become null.
import { GradcheckResult, LocalisedNode } from './engine/gradcheck-types';
import { PrecisionReport } from './engine/precision-replay';
import { Nested } from './engine/tensor';
import { Inspection } from './inspect';
import { lineColumnAt } from './engine/errors';

export interface CliJson {
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
  precision?: PrecisionReport;
  notes: string[];
}

/** The check as the engine reports it; the wrong node also with its line and column in the text. */
export type CliJsonCheck = Omit<GradcheckResult, 'wrongNode'> & { wrongNode?: LocalisedNode & { line?: number; column?: number; text?: string } };

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
    check: inspection.check ? checkJson(inspection.check, text) : null,
    graph: { output: inspection.output, nodes },
    memory: inspection.memory,
    notes: inspection.notes,
  };
  if (inspection.outputs) { json.outputs = Object.fromEntries([...inspection.outputs].map(([name, t]) => [name, t.toNested()])); }
  if (inspection.derivatives) { json.derivatives = Object.fromEntries(inspection.derivatives); }
  if (inspection.derivativesUnavailable) { json.derivativesUnavailable = inspection.derivativesUnavailable; }
  if (inspection.nonFinite) { json.nonFinite = inspection.nonFinite; }
  if (inspection.precision) { json.precision = inspection.precision; }
  return json;
}

function checkJson(check: GradcheckResult, text: string): CliJsonCheck {
  const wrong = check.wrongNode;
  if (!wrong?.range) { return check; }
  const { line, column } = lineColumnAt(text, wrong.range.start);
  return { ...check, wrongNode: { ...wrong, line, column, text: text.slice(wrong.range.start, wrong.range.end) } };
}
