// The CLI's lines for a formula's claims: ✓ or ✗, the claim, the two sides and the point when it
// is false, how many points were tried and the tolerance. A false claim makes the exit status 1.
import { Inspection } from './inspect';
import type { ClaimResult } from './lang/latex-claims';
import { Nested } from './engine/tensor';
import { formatNumber } from './format';
import { visibleLine } from './visible-text';

export function failedClaims(inspection: Inspection): number {
  return (inspection.claims ?? []).filter(c => !c.passed).length;
}

export function claimLines(claims: readonly ClaimResult[]): string[] {
  return claims.flatMap(claimLine);
}

function claimLine(c: ClaimResult): string[] {
  const head = `claim ${c.passed ? '✓ true' : '✗ false'} (${c.kind}): ${visibleLine(c.text)}`;
  if (c.error) { return [head, `  not evaluated: ${visibleLine(c.error)}`]; }
  const at = Object.entries(c.at).map(([name, v]) => `${visibleLine(name)}=${shown(v)}`).join(', ');
  const sides = `  left ${shown(c.lhs)}, right ${shown(c.rhs)}${at ? ` at ${at}` : ''}`;
  return [head, sides, `  ${c.points} point${c.points === 1 ? '' : 's'}, max abs err ${formatNumber(c.maxAbsError, 3)}; ${c.tolerance}`];
}

function shown(v: Nested | null): string {
  if (v === null) { return '–'; }
  return typeof v === 'number' ? formatNumber(v, 6) : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' ? Number(formatNumber(x, 6)) : x));
}
