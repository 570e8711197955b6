// The "Second order" section (Derivatives tab): the Hessian of a small scalar function as a matrix
// named by its inputs, each cell coloured on the diverging scale (blue negative, red positive,
// saturated at the largest |entry|), then the check of H·v along random directions against
// differences of the gradient, and the forward-mode test's verdict.
import type { WireInspection, WireSecondOrder } from '../../src/protocol';
import { cssGradient, DIVERGING_RAMP, divergingColour, readableText } from '../colour-scale';
import { clear, el } from '../dom';
import { formatNumber, formatTolerance } from '../format';

export class HessianView {
  readonly element = el('section', { class: 'hessian-view', 'aria-label': 'Second order' });

  show(inspection: WireInspection, digits: number): void {
    clear(this.element);
    const report = inspection.secondOrder;
    const reason = inspection.secondOrderUnavailable;
    this.element.hidden = report === undefined && reason === undefined;
    if (report === undefined) {
      if (reason !== undefined) { this.line('p', `No second-order check: ${reason}.`, 'unavailable'); }
      return;
    }
    this.line('h3', `Second order: ${report.passed ? 'passed' : 'FAILED'}`);
    if (report.hessian) {
      this.element.append(hessianTable(report.hessian, inspection.summedOutput, digits));
    } else if (report.hessianUnavailable !== undefined) {
      this.line('p', `No Hessian: ${report.hessianUnavailable}.`, 'unavailable');
    }
    this.element.append(directionsTable(report, digits));
    this.line('p', jvpVerdict(report), report.jvp.passed ? undefined : 'hessian-failing');
  }

  text(): string {
    return Array.from(this.element.querySelectorAll('[data-text]')).map(e => e.getAttribute('data-text') ?? '').join('\n');
  }

  private line(tag: 'h3' | 'p', text: string, className?: string): void {
    this.element.append(el(tag, { 'data-text': text, ...(className ? { class: className } : {}) }, text));
  }
}

type Hessian = NonNullable<WireSecondOrder['hessian']>;

function hessianTable(h: Hessian, summed: boolean, digits: number): HTMLElement {
  const limit = Math.max(0, ...h.rows.flat().map(v => (v === null ? 0 : Math.abs(v))));
  const of = summed ? 'Σ output' : 'output';
  const caption = `Hessian of ${of}: ∂²/∂row ∂column (max |H − Hᵀ| = ${h.asymmetry === 0 ? '0' : formatNumber(h.asymmetry, 2)})`;
  const header = el('tr', {}, el('th', { scope: 'col' }, ''), ...h.inputs.map(name => el('th', { scope: 'col' }, el('code', {}, name))));
  const rows = h.rows.map((row, i) => el('tr', { 'data-text': `${h.inputs[i]}: ${row.map(v => formatNumber(v, digits)).join('  ')}` },
    el('th', { scope: 'row' }, el('code', {}, h.inputs[i])),
    ...row.map((v, j) => hessianCell(v, limit, `∂²/∂${h.inputs[i]}∂${h.inputs[j]}`, digits))));
  const legend = el('div', { class: 'hessian-legend' },
    el('span', {}, formatNumber(-limit, 3)),
    el('span', { class: 'hessian-ramp', style: `background: ${cssGradient(DIVERGING_RAMP)}` }),
    el('span', {}, formatNumber(limit, 3)));
  return el('figure', { class: 'hessian' },
    el('figcaption', { 'data-text': caption }, caption),
    el('div', { class: 'hessian-scroll' }, el('table', { class: 'hessian-table', 'aria-label': caption }, el('thead', {}, header), el('tbody', {}, ...rows))),
    legend);
}

function hessianCell(value: number | null, limit: number, title: string, digits: number): HTMLElement {
  if (value === null) { return el('td', { class: 'number hessian-missing', title: `${title}: not finite` }, 'n/a'); }
  const fill = divergingColour(value, limit);
  return el('td', { class: 'number', title: `${title} = ${value}`, style: `background: ${fill}; color: ${readableText(fill)}` }, formatNumber(value, digits));
}

function directionsTable(report: WireSecondOrder, digits: number): HTMLElement {
  const caption = `H·v by forward-over-reverse against (∇f(x + h·v) − ∇f(x − h·v)) / 2h along ${report.directions.length} random unit directions v; `
    + `the largest error over the entries of H·v (atol ${formatTolerance(report.atol)}, rtol ${formatTolerance(report.rtol)})`;
  const header = el('tr', {}, ...['v', 'h', 'vᵀHv', 'numeric', 'abs err', 'rel err', 'status'].map(c => el('th', { scope: 'col' }, c)));
  const rows = report.directions.map(d => {
    const status = d.passed ? 'pass' : 'FAIL';
    const cells = [formatTolerance(d.h), formatNumber(d.curvature, digits), formatNumber(d.numericCurvature, digits), formatNumber(d.maxAbsError, 2), formatNumber(d.maxRelError, 2)];
    return el('tr', { class: d.passed ? 'pass' : 'fail', 'data-text': `v${d.index + 1}: vᵀHv ${cells[1]}, numeric ${cells[2]}, max abs err ${cells[3]}: ${status}` },
      el('td', {}, `v${d.index + 1}`), ...cells.map(c => el('td', { class: 'number' }, c)), el('td', { class: `status ${d.passed ? 'pass' : 'fail'}` }, status));
  });
  return el('div', {},
    el('p', { class: 'hessian-caption', 'data-text': caption }, caption),
    el('div', { class: 'hessian-scroll' }, el('table', { class: 'hessian-directions', 'aria-label': caption }, el('thead', {}, header), el('tbody', {}, ...rows))));
}

function jvpVerdict(report: WireSecondOrder): string {
  const { jvp } = report;
  const test = `forward mode: uᵀ(Jᵀv) = vᵀ(J·u) at each of ${jvp.nodes} op nodes, to ${formatTolerance(jvp.tolerance)} relative`;
  if (jvp.passed) { return `${test}: all agree.`; }
  const names = jvp.failing.map(n => `${n.label} (${n.op}, node ${n.node}, rel err ${formatNumber(n.relError, 2)})`).join('; ');
  return `${test}: ${jvp.failing.length} disagree: ${names}.`;
}
