// The "Hand-written gradients" section (Gradient check tab): one row per gradient the code computes
// by hand, its verdict and diagnosis; for a failing one its worst entries and a heatmap of
// hand-written − true, so a transposed, scaled or partly wrong gradient shows its pattern.
import type { WireHandwritten, WireInspection, WireTensor } from '../../src/protocol';
import { clear, el } from '../dom';
import { formatNumber, formatShape } from '../format';

/** Heatmap cells drawn at most, per axis (the rest is summarised by the worst entries). */
const MAX_HEATMAP_SIDE = 32;

export class HandwrittenView {
  readonly element = el('section', { class: 'handwritten-view', 'aria-label': 'Hand-written gradients' });

  show(inspection: WireInspection, digits: number): void {
    clear(this.element);
    const results = inspection.handwritten ?? [];
    this.element.hidden = results.length === 0;
    if (results.length === 0) { return; }
    const failed = results.filter(h => !h.passed).length;
    const verdict = `Hand-written gradients: ${results.length - failed} of ${results.length} match autograd`;
    this.element.append(el('h3', { 'data-text': verdict }, verdict), this.table(results, digits));
    for (const h of results.filter(r => !r.passed)) { this.element.append(this.details(h, digits)); }
  }

  text(): string {
    return Array.from(this.element.querySelectorAll('[data-text]')).map(e => e.getAttribute('data-text') ?? '').join('\n');
  }

  private table(results: readonly WireHandwritten[], digits: number): HTMLElement {
    const header = el('tr', {}, ...['gradient', 'of', 'function', 'max abs err', 'max rel err', 'status', 'diagnosis'].map(h => el('th', { scope: 'col' }, h)));
    const rows = results.map(h => {
      const status = h.passed ? 'pass' : 'FAIL';
      const text = `${h.name} of ${h.of} (${h.function}): ${status}, ${h.diagnosis}`;
      return el('tr', { class: h.passed ? 'pass' : 'fail', 'data-text': text },
        el('td', {}, el('code', {}, h.name)), el('td', {}, el('code', {}, h.of)), el('td', {}, el('code', {}, h.function)),
        el('td', { class: 'number' }, formatNumber(h.maxAbsError, digits)), el('td', { class: 'number' }, formatNumber(h.maxRelError, digits)),
        el('td', { class: `status ${h.passed ? 'pass' : 'fail'}` }, status), el('td', {}, h.diagnosis));
    });
    return el('table', { class: 'handwritten-table' }, el('thead', {}, header), el('tbody', {}, ...rows));
  }

  private details(h: WireHandwritten, digits: number): HTMLElement {
    const title = `${h.name} (${h.function})`;
    const box = el('div', { class: 'handwritten-details' }, el('h4', {}, title));
    if (h.worst.length > 0) {
      const header = el('tr', {}, ...['entry', 'hand-written', 'autograd', 'numeric'].map(c => el('th', { scope: 'col' }, c)));
      const rows = h.worst.map(e => el('tr', {}, el('td', {}, `${h.name}${e.index}`), ...[e.handwritten, e.autograd, e.numeric].map(v => el('td', { class: 'number' }, formatNumber(v, digits)))));
      box.append(el('table', { class: 'handwritten-worst', 'aria-label': `Worst entries of ${title}` }, el('thead', {}, header), el('tbody', {}, ...rows)));
    }
    if (h.difference) { box.append(heatmap(h.difference, title)); }
    return box;
  }
}

/** hand-written − true as a grid: leading axes are stacked as rows, the last axis is the columns. */
function heatmap(difference: WireTensor, title: string): HTMLElement {
  const data = difference.data;
  const columns = difference.shape.length === 0 ? 1 : difference.shape[difference.shape.length - 1];
  const rows = columns === 0 ? 0 : difference.size / columns;
  const label = `Hand-written − true of ${title}, shape ${formatShape(difference.shape)}`;
  if (!data || rows > MAX_HEATMAP_SIDE || columns > MAX_HEATMAP_SIDE) {
    return el('p', { class: 'unavailable' }, `${label}: too large for a heatmap (at most ${MAX_HEATMAP_SIDE} × ${MAX_HEATMAP_SIDE}); see the worst entries.`);
  }
  const scale = Math.max(...data.map(v => Math.abs(v ?? 0)), 0);
  const grid = el('div', { class: 'handwritten-heatmap', role: 'img', 'aria-label': label, style: `grid-template-columns: repeat(${columns}, 1em)` });
  for (const v of data) {
    const share = scale === 0 || v === null ? 0 : Math.round((Math.abs(v) / scale) * 100);
    const colour = (v ?? 0) < 0 ? 'var(--vscode-charts-blue)' : 'var(--vscode-charts-red)';
    grid.append(el('span', { title: v === null ? 'non-finite' : String(v), style: `background: color-mix(in srgb, ${colour} ${share}%, transparent)` }));
  }
  return el('figure', {}, grid, el('figcaption', {}, `${label} (red: hand-written too large, blue: too small)`));
}
