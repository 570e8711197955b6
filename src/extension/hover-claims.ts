// The hover on a claim (`g'(x) = …`, `a \approx b`, an underbrace label): ✓ or ✗, then the two
// sides and the point they were compared at, how many points were tried and the tolerance.
import type { Nested } from '../engine/tensor';
import type { Inspection } from '../inspect';
import type { ClaimResult } from '../lang/latex-claims';
import { formatNumber } from './format';
import { Block, code, md, paragraph, strong } from './hover-markdown';

/** The claims whose range contains the offset (in the analysed text), as hover blocks. */
export function claimBlocks(inspection: Inspection, textOffset: number, digits: number): Block[] {
  const claims = (inspection.claims ?? []).filter(c => c.range.start <= textOffset && textOffset <= c.range.end);
  return claims.flatMap(c => claimBlock(c, digits));
}

function claimBlock(c: ClaimResult, digits: number): Block[] {
  const verdict = paragraph(md`${strong(c.passed ? '✓ claim true' : '✗ claim false')} (${c.kind}): ${code(c.text.length > 120 ? `${c.text.slice(0, 117)}…` : c.text)}`);
  if (c.error) { return [verdict, paragraph(md`not evaluated: ${c.error}`)]; }
  const at = Object.entries(c.at).map(([name, v]) => `${name} = ${shown(v, digits)}`).join(', ');
  return [
    verdict,
    paragraph(md`left ${code(shown(c.lhs, digits))}, right ${code(shown(c.rhs, digits))}${at ? ` at ${at}` : ''}`),
    paragraph(md`${String(c.points)} point${c.points === 1 ? '' : 's'}, max abs. error ${formatNumber(c.maxAbsError, 3)}; ${c.tolerance}`),
  ];
}

function shown(v: Nested | null, digits: number): string {
  if (v === null) { return '–'; }
  if (typeof v === 'number') { return formatNumber(v, digits); }
  return `[${v.map(x => shown(x, digits)).join(', ')}]`;
}
