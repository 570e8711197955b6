// Number formatting for the CLI's report: significant digits, exponent for very large or small
// magnitudes, and words for non-finite values (the hover has its own, in src/extension/format.ts).

export function formatNumber(x: number, digits = 6): string {
  if (Number.isNaN(x)) { return 'NaN'; }
  if (!Number.isFinite(x)) { return x > 0 ? 'Inf' : '-Inf'; }
  if (x === 0) { return '0'; }
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 10 ** digits) {
    return String(Number(x.toPrecision(digits)));
  }
  return x.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e');
}
