// The CLI's report of one inspection for a terminal: value, notes, the per-entry check table,
// symbolic derivatives and the verdict, as lines.
import { GradcheckEntry } from './engine/gradcheck-types';
import { shapeToString } from './engine/tensor';
import { Inspection, NOTHING_TO_DIFFERENTIATE } from './inspect';
import { formatNumber } from './format';
import { gradientFlowLines } from './cli-gradient-flow';
import { visibleLine } from './visible-text';

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
  const rows: string[][] = [['entry', 'value', 'analytic', 'numeric', 'abs err', 'rel err', 'status']];
  const entries: GradcheckEntry[] = check ? [...check.entries].sort((a, b) => a.leafId - b.leafId || a.flat - b.flat) : [];
  for (const e of entries) {
    const leaf = inspection.graph.nodes[e.leafId];
    const at = e.index.length ? `[${e.index.join(', ')}]` : '';
    const status = e.status === 'kink' ? `kink (${visibleLine(inspection.graph.nodes[e.kinkNode ?? e.leafId].label)})` : e.status === 'fail' ? 'FAIL' : 'pass';
    rows.push([`${visibleLine(e.leaf)}${at}`, fmt(leaf.value?.data[e.flat] ?? NaN), fmt(e.analytic), fmt(e.numeric), fmt(e.absError), fmt(e.relError), status]);
  }
  if (rows.length > 1) { out.push('', ...table(rows), ''); }
  const flow = gradientFlowLines(inspection, digits, table);
  if (flow.length > 0) { out.push(...flow, ''); }
  for (const [leaf, d] of inspection.derivatives ?? []) { out.push(`∂output/∂${visibleLine(leaf)} = ${visibleLine(d.text)}`); }
  if (inspection.derivatives?.size) { out.push(''); }
  if (!check) {
    for (const [name, grad] of inspection.gradients) { out.push(`∂output/∂${visibleLine(name)}: ${JSON.stringify(grad.toNested())}`); }
  } else if (isConstant(inspection)) {
    out.push(NOTHING_TO_DIFFERENTIATE);
  } else {
    const verdict = check.cancelled ? 'CANCELLED' : check.passed ? 'PASSED' : 'FAILED';
    const dir = check.directional ? `; directional ${check.directional.status} (rel err ${fmt(check.directional.relError)})` : '';
    out.push(`gradient check ${verdict}: ${check.mode} mode, ${check.entries.length} of ${check.totalEntries} entries checked ` +
      `(${check.counts.pass} pass, ${check.counts.fail} fail, ${check.counts.kink} kink)${dir}; eps ${fmt(check.eps)}, atol ${fmt(check.atol)}, rtol ${fmt(check.rtol)}; ` +
      `max abs err ${fmt(check.maxAbsError)}, max rel err ${fmt(check.maxRelError)}`);
  }
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

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  return rows.map(r => r.map((cell, c) => (c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

