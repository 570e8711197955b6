// Claims written in notes, verified: `g'(x) = …`, `\frac{\partial g}{\partial x}(…) = …`, chain-rule
// forms, `(1.25322 - 1.25347) / 0.0001 = -2.5`, `… \approx …`, underbrace labels. Both sides are
// evaluated at the values the document gives and, when both sides have variables, at seeded random
// points too. A side that is a written number is compared to the precision written; \approx
// loosely; anything else to float64 round-off.
import { InspectError } from '../engine/errors';
import { Nested, Tensor } from '../engine/tensor';
import { Expr } from './ast';
import { Bindings } from './bindings';
import { ClaimSide, evaluateSide, prepareSide, sideVariables } from './latex-claim-eval';
import { givenPoint, RANDOM_POINTS, randomPoint } from './latex-claim-points';
import { containsDerivative } from './latex-derivative-terms';
import { Expander } from './latex-definitions';
import { LatexRelation, RelationKind } from './latex-formula';

export interface ClaimResult {
  /** The claim as written. */
  text: string;
  kind: 'derivative' | 'equality';
  passed: boolean;
  /** Points both sides were evaluated at. */
  points: number;
  maxAbsError: number;
  /** Both sides at the first point that failed, else at the first point. */
  lhs: Nested | null;
  rhs: Nested | null;
  /** The point behind lhs and rhs (variable → value). */
  at: Record<string, Nested>;
  /** How close the sides must be, in words. */
  tolerance: string;
  /** Why the claim could not be evaluated. */
  error?: string;
  /** Range of the claim in the analysed text. */
  range: { start: number; end: number };
}

/** A relation of a formula, its sides resolved against the document, ready to evaluate. */
export interface PreparedClaim {
  text: string;
  kind: 'derivative' | 'equality';
  relation: RelationKind;
  lhs: ClaimSide;
  rhs: ClaimSide;
  /** Decimals of a side written as a plain number (the precision the claim states), if any. */
  writtenDecimals?: number;
  range: { start: number; end: number };
}

/** Identities hold to float64 round-off: both sides are computed, not measured. */
const IDENTITY_RTOL = 1e-7;
const IDENTITY_ATOL = 1e-9;
/** \approx: within 1 % or one unit of the last written decimal, whichever is looser. */
const APPROX_RTOL = 1e-2;

export function prepareClaim(relation: LatexRelation, text: string, expander: Expander, offset: number, counter: { next: number }): PreparedClaim {
  const kind = containsDerivative(relation.lhs) || containsDerivative(relation.rhs) ? 'derivative' : 'equality';
  return {
    text: text.slice(relation.range.start, relation.range.end).trim(),
    kind, relation: relation.kind,
    lhs: prepareSide(expander.expandNames(expander.expand(relation.lhs, offset), offset), expander, offset, counter),
    rhs: prepareSide(expander.expandNames(expander.expand(relation.rhs, offset), offset), expander, offset, counter),
    writtenDecimals: writtenDecimals(relation.rhs, text) ?? writtenDecimals(relation.lhs, text),
    range: relation.range,
  };
}

/** Decimals of `-2.5` (1), `3` (0); undefined when the side is not a plain number. */
function writtenDecimals(side: Expr, text: string): number | undefined {
  const number = side.kind === 'unary' && side.operand.kind === 'number' ? side.operand : side.kind === 'number' ? side : undefined;
  if (!number) { return undefined; }
  const written = text.slice(number.range.start, number.range.end);
  const dot = written.indexOf('.');
  return dot < 0 ? 0 : written.length - dot - 1;
}

export function verifyClaim(claim: PreparedClaim, given: Bindings): ClaimResult {
  const base = { text: claim.text, kind: claim.kind, range: claim.range, tolerance: toleranceText(claim) };
  const names = [...new Set([...sideVariables(claim.lhs), ...sideVariables(claim.rhs)])];
  const points = claimPoints(claim, names, given);
  let worst: { error: number; lhs: Tensor; rhs: Tensor; point: Bindings } | undefined;
  let failed: typeof worst;
  for (const point of points) {
    let lhs: Tensor, rhs: Tensor;
    try {
      lhs = evaluateSide(claim.lhs, point);
      rhs = evaluateSide(claim.rhs, point);
    } catch (err) {
      if (!(err instanceof InspectError)) { throw err; }
      return { ...base, passed: false, points: 0, maxAbsError: NaN, lhs: null, rhs: null, at: nested(point), error: err.message };
    }
    const error = maxAbsDifference(lhs, rhs);
    const entry = { error, lhs, rhs, point };
    if (!worst || !(error <= worst.error)) { worst = entry; }
    if (!failed && !withinTolerance(claim, lhs, rhs)) { failed = entry; }
  }
  const shown = failed ?? { ...(worst as NonNullable<typeof worst>), lhs: evaluateSide(claim.lhs, points[0]), rhs: evaluateSide(claim.rhs, points[0]), point: points[0] };
  return {
    ...base, passed: !failed, points: points.length, maxAbsError: worst?.error ?? NaN,
    lhs: shown.lhs.toNested(), rhs: shown.rhs.toNested(), at: nested(shown.point),
  };
}

/**
 * The given point (when it binds every variable), then random points when the claim is an identity:
 * both sides vary and one side's variables include the other's (`g'(x) = 5\cos(5e^x)e^x`, not
 * `x + y = q`, which holds at the given values only). Without given values a claim must hold at
 * any point: it is checked at the random points.
 */
function claimPoints(claim: PreparedClaim, names: readonly string[], given: Bindings): Bindings[] {
  const points: Bindings[] = [];
  const atGiven = givenPoint(names, given);
  if (atGiven) { points.push(atGiven); }
  if (isIdentity(claim) || !atGiven) {
    for (let k = 0; k < RANDOM_POINTS; k++) { points.push(randomPoint(names, given, `${claim.text}#${k}`)); }
  }
  return points;
}

function isIdentity(claim: PreparedClaim): boolean {
  const lhs = sideVariables(claim.lhs), rhs = sideVariables(claim.rhs);
  if (lhs.length === 0 || rhs.length === 0) { return false; }
  return lhs.every(n => rhs.includes(n)) || rhs.every(n => lhs.includes(n));
}

function withinTolerance(claim: PreparedClaim, lhs: Tensor, rhs: Tensor): boolean {
  if (!sameShape(lhs, rhs)) { return false; }
  const unit = claim.writtenDecimals === undefined ? 0 : 10 ** -claim.writtenDecimals;
  for (let i = 0; i < lhs.size; i++) {
    const a = lhs.data[i], b = rhs.data[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) { return false; }
    const scale = Math.max(Math.abs(a), Math.abs(b));
    const allowed = claim.relation === 'approx'
      ? Math.max(APPROX_RTOL * scale, unit / 2)
      : claim.writtenDecimals !== undefined && claim.writtenDecimals > 0 ? unit / 2 + IDENTITY_RTOL * scale : IDENTITY_ATOL + IDENTITY_RTOL * scale;
    if (!(Math.abs(a - b) <= allowed)) { return false; }
  }
  return true;
}

function toleranceText(claim: PreparedClaim): string {
  if (claim.relation === 'approx') { return `\\approx: within 1 %${claim.writtenDecimals ? ` or ±${10 ** -claim.writtenDecimals / 2}` : ''}`; }
  if (claim.writtenDecimals !== undefined && claim.writtenDecimals > 0) { return `to the ${claim.writtenDecimals} decimal${claim.writtenDecimals === 1 ? '' : 's'} written (±${10 ** -claim.writtenDecimals / 2})`; }
  return `to float64 round-off (|a − b| ≤ ${IDENTITY_ATOL} + ${IDENTITY_RTOL}·max(|a|, |b|))`;
}

function maxAbsDifference(a: Tensor, b: Tensor): number {
  if (!sameShape(a, b)) { return Infinity; }
  let worst = 0;
  for (let i = 0; i < a.size; i++) { worst = Math.max(worst, Math.abs(a.data[i] - b.data[i])); }
  return Number.isNaN(worst) ? Infinity : worst;
}

function sameShape(a: Tensor, b: Tensor): boolean {
  if (a.size === 1 && b.size === 1) { return true; }
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}

function nested(point: Bindings): Record<string, Nested> {
  return Object.fromEntries([...point].filter(([name]) => !name.startsWith('∂')).map(([name, t]) => [name, t.toNested()]));
}
