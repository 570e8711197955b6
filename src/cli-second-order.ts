// The CLI's second-order report (--order 2): the Hessian-vector products along random directions,
// the per-node forward-mode test, and the Hessian of a small scalar function; as JSON and as lines.
import { lineColumnAt } from './engine/errors';
import { HessianMatrix, HvpDirection, JvpNodeCheck, SecondOrderReport } from './engine/second-order/second-order-types';
import { formatNumber } from './format';
import { visibleLine } from './visible-text';

export interface CliJsonSecondOrder {
  secondOrder: { directions: HvpDirection[]; passed: boolean; eps: number; atol: number; rtol: number };
  jvp: { nodes: (JvpNodeCheck & { line?: number; column?: number })[]; passed: boolean; tolerance: number };
  hessian?: HessianMatrix;
  hessianUnavailable?: string;
}

export function secondOrderJson(report: SecondOrderReport, text: string): CliJsonSecondOrder {
  const { hvp, jvp } = report;
  const json: CliJsonSecondOrder = {
    secondOrder: { directions: hvp.directions, passed: hvp.passed, eps: hvp.eps, atol: hvp.atol, rtol: hvp.rtol },
    jvp: { nodes: jvp.nodes.map(n => (n.range ? { ...n, ...lineColumnAt(text, n.range.start) } : n)), passed: jvp.passed, tolerance: jvp.tolerance },
  };
  if (report.hessian) { json.hessian = report.hessian; }
  if (report.hessianUnavailable !== undefined) { json.hessianUnavailable = report.hessianUnavailable; }
  return json;
}

type Table = (rows: string[][]) => string[];

export function secondOrderLines(report: SecondOrderReport, text: string, fmt: (x: number) => string, table: Table): string[] {
  const { hvp, jvp } = report;
  const out = ['Hessian-vector products H·v (forward-over-reverse) against (∇f(x+hv) − ∇f(x−hv))/2h:'];
  const rows = [['direction', 'h', 'vᵀHv', 'numeric', 'max abs err', 'max rel err', 'status', 'worst entry']];
  for (const d of hvp.directions) {
    const worst = d.worst ? `${visibleLine(d.worst.leaf)}${d.worst.index.length ? `[${d.worst.index.join(', ')}]` : ''}` : '';
    rows.push([`v${d.index + 1}`, formatNumber(d.h, 2), fmt(d.curvature), fmt(d.numericCurvature), fmt(d.maxAbsError), fmt(d.maxRelError), d.passed ? 'pass' : 'FAIL', worst]);
  }
  out.push(...table(rows), '');
  const failing = jvp.nodes.filter(n => !n.passed);
  out.push(`forward mode: uᵀ(Jᵀv) = vᵀ(J·u) at each of ${jvp.nodes.length} op nodes, to ${fmt(jvp.tolerance)} relative: ${failing.length === 0 ? 'all agree' : `${failing.length} disagree`}`);
  if (failing.length > 0) {
    const nodeRows = [['node', 'op', 'uᵀ(Jᵀv)', 'vᵀ(J·u)', 'rel err', 'where']];
    for (const n of failing) { nodeRows.push([`${n.node} ${visibleLine(n.label)}`, visibleLine(n.op), fmt(n.reverse), fmt(n.forward), fmt(n.relError), place(n, text)]); }
    out.push(...table(nodeRows));
  }
  out.push('');
  if (report.hessian) { out.push(...hessianLines(report.hessian, fmt, table), ''); }
  const verdict = report.passed ? 'PASSED' : 'FAILED';
  out.push(`second-order check ${verdict}: ${hvp.directions.filter(d => d.passed).length} of ${hvp.directions.length} directions, ` +
    `${jvp.nodes.length - failing.length} of ${jvp.nodes.length} nodes; eps ${fmt(hvp.eps)}, atol ${fmt(hvp.atol)}, rtol ${fmt(hvp.rtol)}`);
  return out;
}

function hessianLines(h: HessianMatrix, fmt: (x: number) => string, table: Table): string[] {
  const names = h.inputs.map(visibleLine);
  const rows = [['Hessian', ...names], ...h.rows.map((row, i) => [names[i], ...row.map(fmt)])];
  return [...table(rows.map(r => [...r, ''])), `max |H − Hᵀ| = ${fmt(h.asymmetry)}`];
}

function place(n: JvpNodeCheck, text: string): string {
  if (n.range) {
    const { line, column } = lineColumnAt(text, n.range.start);
    return `${line}:${column}`;
  }
  return n.origin !== undefined ? `ONNX node ${visibleLine(n.origin)}` : '';
}
