// A verified claim as the panel receives it: the sides and the point formatted here, once, so the
// webview only lays them out.
import { formatNumber } from './format';
import type { Nested } from './engine/tensor';
import type { ClaimResult } from './lang/latex-claims';
import type { WireClaim } from './protocol';

export function toWireClaim(c: ClaimResult): WireClaim {
  const claim: WireClaim = {
    text: c.text, kind: c.kind, passed: c.passed, points: c.points,
    maxAbsError: Number.isFinite(c.maxAbsError) ? c.maxAbsError : null,
    lhs: shown(c.lhs), rhs: shown(c.rhs),
    at: Object.entries(c.at).map(([name, v]) => `${name}=${shown(v)}`).join(', '),
    tolerance: c.tolerance,
  };
  if (c.error !== undefined) { claim.error = c.error; }
  return claim;
}

function shown(v: Nested | null): string {
  if (v === null) { return '–'; }
  return typeof v === 'number' ? formatNumber(v, 6) : `[${v.map(shown).join(', ')}]`;
}
