// Every claim of the panel's document (the Markdown file, or the notebook's Markdown cells), as its
// Problems entries were computed: ✓ or ✗, where it is written, the claim, and for a false one the
// two sides and the point. Choosing one asks the host to select it in the editor and inspect it.
import type { WireDocumentClaim } from '../../src/protocol';
import { clear, el } from '../dom';
import { claimDetail, claimVerdict } from './claims-view';

export class DocumentClaimsView {
  readonly element = el('section', { class: 'document-claims-view', hidden: '' });

  constructor(private readonly onChoose: (index: number) => void) {}

  show(file: string, claims: readonly WireDocumentClaim[]): void {
    clear(this.element);
    this.element.hidden = claims.length === 0;
    if (claims.length === 0) { return; }
    const failed = claims.filter(c => !c.passed).length;
    const title = `Claims in ${file}: ${claims.length - failed} of ${claims.length} true`;
    this.element.append(el('h3', {}, title),
      el('div', { role: 'list', 'aria-label': `Claims in ${file}` }, ...claims.map((c, index) => this.row(c, index))));
  }

  text(): string | undefined {
    const lines = Array.from(this.element.querySelectorAll('[data-text]')).map(e => e.getAttribute('data-text') ?? '');
    return lines.length > 0 ? lines.join('\n') : undefined;
  }

  private row(c: WireDocumentClaim, index: number): HTMLElement {
    const verdict = claimVerdict(c);
    const place = c.cell === undefined ? `line ${c.line}` : `cell ${c.cell}, line ${c.line}`;
    // A true claim needs no numbers; a false one shows them, an unevaluated one says why.
    const detail = c.passed && c.error === undefined ? undefined : claimDetail(c);
    const choose = el('button', { class: 'document-claim-choose', type: 'button', 'data-claim-index': String(index), title: `Show ${place} in the editor and inspect it` },
      el('span', { class: 'claim-verdict' }, verdict),
      el('span', { class: 'claim-place' }, place),
      el('code', { class: 'claim-text' }, c.text));
    choose.addEventListener('click', () => this.onChoose(index));
    return el('div', { class: `claim document-claim ${c.passed ? 'claim-true' : 'claim-false'}`, role: 'listitem', 'data-text': `${verdict} ${place}: ${c.text}${detail ? ` — ${detail}` : ''}` },
      choose, detail === undefined ? undefined : el('div', { class: 'claim-detail' }, detail));
  }
}
