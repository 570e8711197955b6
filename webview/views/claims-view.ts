// The claims of the analysed formula (`g'(x) = …`, `a \approx b`, underbrace labels): ✓ or ✗, the
// claim as written, both sides at the point shown, and how it was compared. Shown above the
// symbolic derivatives, which are what a derivative claim is about.
import type { WireClaim, WireInspection } from '../../src/protocol';
import { clear, el } from '../dom';
import { formatNumber } from '../format';

export class ClaimsView {
  readonly element = el('section', { class: 'claims-view' });

  show(inspection: WireInspection): void {
    clear(this.element);
    const claims = inspection.claims ?? [];
    this.element.hidden = claims.length === 0;
    if (claims.length === 0) { return; }
    const rows = claims.map(claimRow);
    this.element.append(el('h3', {}, 'Claims'), el('div', { role: 'list', 'aria-label': 'Claims' }, ...rows));
  }

  text(): string | undefined {
    const lines = Array.from(this.element.querySelectorAll('[data-text]')).map(e => e.getAttribute('data-text') ?? '');
    return lines.length > 0 ? lines.join('\n') : undefined;
  }
}

export function claimVerdict(c: WireClaim): string {
  return c.passed ? '✓ true' : '✗ false';
}

/** Both sides, the point and the comparison; or why the claim could not be evaluated. */
export function claimDetail(c: WireClaim): string {
  return c.error !== undefined
    ? `not evaluated: ${c.error}`
    : `left ${c.lhs}, right ${c.rhs}${c.at ? ` at ${c.at}` : ''}; ${c.points} point${c.points === 1 ? '' : 's'}, max abs. error ${c.maxAbsError === null ? '–' : formatNumber(c.maxAbsError, 3)}; ${c.tolerance}`;
}

function claimRow(c: WireClaim): HTMLElement {
  const verdict = claimVerdict(c);
  const detail = claimDetail(c);
  return el('div', { class: `claim ${c.passed ? 'claim-true' : 'claim-false'}`, role: 'listitem', 'data-text': `${verdict} (${c.kind}): ${c.text} — ${detail}` },
    el('span', { class: 'claim-verdict' }, verdict),
    el('code', { class: 'claim-text' }, c.text),
    el('div', { class: 'claim-detail' }, detail));
}
