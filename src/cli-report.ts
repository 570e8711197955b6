// The CLI's report of one inspection for a terminal: value, notes, the per-entry check table,
// symbolic derivatives and the verdict, as lines.
import { lineColumnAt } from './engine/errors';
import { GradcheckEntry, LocalisedNode } from './engine/gradcheck-types';
import { PrecisionReport } from './engine/precision-replay';
import { shapeToString } from './engine/tensor';
import { Inspection, NOTHING_TO_DIFFERENTIATE } from './inspect';
import { formatNumber } from './format';
import { gradientFlowLines } from './cli-gradient-flow';
import { visibleLine } from './visible-text';
import { secondOrderLines } from './cli-second-order';

/** An inspection with no leaf: a constant, whose check has no entry. */
export function isConstant(inspection: Inspection): boolean {
  return inspection.check !== undefined && inspection.check.totalEntries === 0;
}

export function reportLines(inspection: Inspection, digits = 6): string[] {
  const out: string[] = [];
  const fmt = (x: number): string => formatNumber(x, digits);
  const value = inspection.value;
  out.push(`value: ${value.size === 1 ? fmt(value.data[0]) : `tensor ${shapeToString(value.shape)}`}`);
  // The verdict line says there is nothing to differentiate; the note would repeat it.
  for (const note of inspection.notes) { if (note !== NOTHING_TO_DIFFERENTIATE) { out.push(`note: ${visibleLine(note)}`); } }
  const check = inspection.check;
  const rows: string[][] = [['entry', 'value', 'analytic', 'numeric', 'h', 'abs err', 'rel err', 'status', 'diagnosis']];
  const advice: string[] = [];
  const entries: GradcheckEntry[] = check ? [...check.entries].sort((a, b) => a.leafId - b.leafId || a.flat - b.flat) : [];
  for (const e of entries) {
    const leaf = inspection.graph.nodes[e.leafId];
    const at = e.index.length ? `[${e.index.join(', ')}]` : '';
    const status = e.status === 'kink' ? `kink (${visibleLine(inspection.graph.nodes[e.kinkNode ?? e.leafId].label)})` : e.status === 'fail' ? 'FAIL' : 'pass';
    rows.push([`${visibleLine(e.leaf)}${at}`, fmt(leaf.value?.data[e.flat] ?? NaN), fmt(e.analytic), fmt(e.numeric), formatNumber(e.h, 2), fmt(e.absError), fmt(e.relError), status, e.diagnosis ?? '']);
    if (e.advice !== undefined) { advice.push(`${visibleLine(e.leaf)}${at}: ${e.diagnosis ?? ''}: ${e.advice}`); }
  }
  if (rows.length > 1) { out.push('', ...table(rows), ''); }
  const flow = gradientFlowLines(inspection, digits, table);
  if (flow.length > 0) { out.push(...flow, ''); }
  if (advice.length > 0) { out.push(...advice, ''); }
  if (check?.wrongNode) { out.push(wrongNodeLine(check.wrongNode, inspection.text), ''); }
  if (check?.nodesChecked !== undefined && !check.wrongNode) {
    out.push(`every op's backward agrees with its own forward (${check.nodesChecked} nodes checked alone): the disagreement is the finite difference's (see the diagnosis)`, '');
  }
  if (check?.undiagnosed) { out.push(`note: ${check.undiagnosed} more entries were not diagnosed (each diagnosis re-evaluates about 15 times; the worst come first)`, ''); }
  for (const [leaf, d] of inspection.derivatives ?? []) { out.push(`∂output/∂${visibleLine(leaf)} = ${visibleLine(d.text)}`); }
  if (inspection.derivatives?.size) { out.push(''); }
  if (inspection.precision) { out.push(...precisionLines(inspection.precision, fmt), ''); }
  if (!check) {
    for (const [name, grad] of inspection.gradients) { out.push(`∂output/∂${visibleLine(name)}: ${JSON.stringify(grad.toNested())}`); }
  } else if (isConstant(inspection)) {
    out.push(NOTHING_TO_DIFFERENTIATE);
  } else {
    const verdict = check.cancelled ? 'CANCELLED' : check.passed ? 'PASSED' : 'FAILED';
    const dir = check.directional ? `; directional ${check.directional.status} (rel err ${fmt(check.directional.relError)})` : '';
    out.push(`gradient check ${verdict}: ${check.mode} mode, ${check.entries.length} of ${check.totalEntries} entries checked ` +
      `(${check.counts.pass} pass, ${check.counts.fail} fail, ${check.counts.kink} kink)${dir}; ${check.reference === 'central' ? '' : `reference ${check.reference}, `}eps ${fmt(check.eps)}, atol ${fmt(check.atol)}, rtol ${fmt(check.rtol)}; ` +
      `max abs err ${fmt(check.maxAbsError)}, max rel err ${fmt(check.maxRelError)}`);
  }
  if (inspection.secondOrder) { out.push('', ...secondOrderLines(inspection.secondOrder, inspection.text, fmt, table)); }
  out.push(...handwrittenLines(inspection, fmt));
  return out;
}

/** One row per hand-written gradient, then the worst entries of each that fails. */
function handwrittenLines(inspection: Inspection, fmt: (x: number) => string): string[] {
  const results = inspection.handwritten ?? [];
  if (results.length === 0) { return []; }
  const rows = [['hand-written', 'of', 'function', 'max abs err', 'max rel err', 'status', 'diagnosis']];
  for (const h of results) {
    rows.push([visibleLine(h.name), visibleLine(h.of), visibleLine(h.function), fmt(h.maxAbsError), fmt(h.maxRelError), h.passed ? 'pass' : 'FAIL', visibleLine(h.diagnosis)]);
  }
  const out = ['', ...table(rows)];
  for (const h of results.filter(r => !r.passed && r.worst.length > 0)) {
    out.push('', `worst entries of ${visibleLine(h.name)} (${visibleLine(h.function)}):`);
    const worst = [['entry', 'hand-written', 'autograd', 'numeric']];
    for (const e of h.worst) { worst.push([`${visibleLine(h.name)}${e.index}`, fmt(e.handwritten), fmt(e.autograd), e.numeric === undefined ? '—' : fmt(e.numeric)]); }
    out.push(...table(worst));
  }
  const failed = results.filter(r => !r.passed).length;
  out.push('', `hand-written gradients ${failed === 0 ? 'PASSED' : 'FAILED'}: ${results.length - failed} of ${results.length} match autograd`);
  return out;
}

/** The first op whose own VJP disagrees, with its place in the text or the model. */
function wrongNodeLine(wrong: LocalisedNode, text: string): string {
  const at = wrong.range ? ` at ${lineColumnText(text, wrong.range.start)}` : wrong.origin !== undefined ? ` (ONNX node ${visibleLine(wrong.origin)})` : '';
  return `wrong node: ${visibleLine(wrong.label)} (${visibleLine(wrong.op)})${at} (node ${wrong.node}): its backward disagrees with its forward for input ${wrong.input} `
    + `(uᵀJᵀv ${formatNumber(wrong.analytic, 6)}, vᵀJu ${formatNumber(wrong.numeric, 6)}, rel err ${formatNumber(wrong.relError, 3)})`;
}

function lineColumnText(text: string, offset: number): string {
  const { line, column } = lineColumnAt(text, offset);
  return `${line}:${column}`;
}

/** The replay in a lower precision: the output's error, where it first grows, what cancels, the eps it needs. */
function precisionLines(p: PrecisionReport, fmt: (x: number) => string): string[] {
  const lines = [`${p.type} replay: output rel err ${fmt(p.outputRelError)} (unit roundoff ${fmt(p.unitRoundoff)})`];
  const first = p.firstOverThreshold;
  lines.push(first
    ? `  first node over ${fmt(p.threshold)}: ${visibleLine(first.label)} (node ${first.node}), ${first.what} rel err ${fmt(first.relError)}`
    : `  no node's value or gradient is off by more than ${fmt(p.threshold)}`);
  for (const c of p.cancellations) {
    lines.push(`  catastrophic cancellation at ${visibleLine(c.label)} (node ${c.node}): condition number ${fmt(c.conditionNumber)}, value rel err ${fmt(c.valueRelError)}`);
  }
  lines.push(`  a gradient check in ${p.type} needs eps ≈ ${fmt(p.checkEps)} and can reach a rel err of about ${fmt(p.checkRelError)}`);
  return lines;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  return rows.map(r => r.map((cell, c) => (c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

