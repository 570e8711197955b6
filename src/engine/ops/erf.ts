// The error function in float64, to a few ulps (PyTorch's GELU is 0.5·x·(1 + erf(x/√2)), and a
// reference at 1e-9 needs erf to much better than that). Below 3 the series
// erf(x) = 2/√π · e^(−x²) · Σ (2x²)^n · x / (1·3·…·(2n+1)) has only positive terms, so no
// cancellation; from 3 on, erf = 1 − erfc with erfc's continued fraction, which converges fast there.

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const SERIES_LIMIT = 3;
/** erfc(6) < 2.2e-17: erf is 1 in float64 beyond. */
const SATURATION = 6;
const FRACTION_DEPTH = 80;

function erfSeries(x: number): number {
  const twoXSquared = 2 * x * x;
  let term = x, total = x;
  for (let n = 1; term > total * 1e-17; n++) {
    term *= twoXSquared / (2 * n + 1);
    total += term;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x * x) * total;
}

/** erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the tail. */
function erfcFraction(x: number): number {
  let tail = x;
  for (let k = FRACTION_DEPTH; k >= 1; k--) { tail = x + (k / 2) / tail; }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * tail);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) { return x; }
  const a = Math.abs(x);
  const value = a < SERIES_LIMIT ? erfSeries(a) : a >= SATURATION ? 1 : 1 - erfcFraction(a);
  return x < 0 ? -value : value;
}

/** d erf / dx = 2/√π · e^(−x²). */
export function erfDerivative(x: number): number {
  return TWO_OVER_SQRT_PI * Math.exp(-x * x);
}
