// The Derivatives tab: each leaf's symbolic derivative, typeset by KaTeX, next to its value at the
// point and the autograd gradient it must equal.
import katex from 'katex';
import type { WireInspection } from '../../src/protocol';
import { clear, el } from '../dom';
import { formatNumber, summarizeTensor } from '../format';
import { KATEX_OPTIONS, leafTex } from '../tex';

export class DerivativesView {
  readonly element = el('section', { class: 'derivatives-view' });

  show(inspection: WireInspection, digits: number): void {
    clear(this.element);
    const derivatives = inspection.derivatives ?? [];
    if (derivatives.length === 0) {
      const reason = inspection.derivativesUnavailable ?? 'No symbolic derivatives for this inspection.';
      this.element.append(el('p', { class: 'unavailable', 'data-text': reason }, reason));
      return;
    }
    const outputName = inspection.summedOutput ? '\\Sigma\\,\\mathrm{output}' : '\\mathrm{output}';
    const rows = derivatives.map(d => {
      const math = el('span', { class: 'math' });
      katex.render(`\\frac{\\partial ${outputName}}{\\partial ${leafTex(d.leaf)}} = ${d.latex}`, math, { ...KATEX_OPTIONS });
      const leafNode = inspection.nodes.find(n => n.kind === 'leaf' && (n.name ?? n.label) === d.leaf);
      const autograd = leafNode?.grad === undefined ? '' : ` · autograd ${summarizeTensor(leafNode.grad, digits)}`;
      const value = `= ${formatNumber(d.value, digits)} at the point${autograd}`;
      return el('div', { class: 'derivative', role: 'listitem', 'data-text': `∂/∂${d.leaf}: ${d.text} ${value}` },
        math,
        el('div', { class: 'derivative-side' },
          el('div', { class: 'derivative-value' }, value),
          el('div', { class: 'derivative-text' }, 'plain text: ', el('code', {}, d.text))));
    });
    this.element.append(el('div', { role: 'list', 'aria-label': 'Symbolic derivatives' }, ...rows));
  }

  text(): string {
    return Array.from(this.element.querySelectorAll('[data-text]')).map(e => e.getAttribute('data-text') ?? '').join('\n');
  }
}

