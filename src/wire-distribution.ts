// The spread of a tensor's finite entries for the panel's node inspector: standard deviation, exact
// zeros and an equal-width histogram. Sent with every non-scalar tensor, so a tensor too big to send
// entry by entry still shows its shape of values (a dead ReLU layer's spike at 0, a heavy tail).
import type { WireDistribution } from './protocol';

/** Bins of the histogram: fine enough to see a spike, small enough to send with every tensor. */
export const HISTOGRAM_BINS = 24;

export function tensorDistribution(data: ArrayLike<number>, bins: number = HISTOGRAM_BINS): WireDistribution {
  let finite = 0, sum = 0, zeros = 0, low = Infinity, high = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) { continue; }
    finite++;
    sum += v;
    if (v === 0) { zeros++; }
    if (v < low) { low = v; }
    if (v > high) { high = v; }
  }
  if (finite === 0) {
    return { std: null, zeros, histogram: { low: 0, high: 0, counts: [] } };
  }
  const mean = sum / finite;
  // Two passes: the deviation from the mean keeps precision that E[x²] − E[x]² would lose.
  let squares = 0;
  const counts = new Array<number>(low === high ? 1 : bins).fill(0);
  const width = (high - low) / counts.length;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) { continue; }
    squares += (v - mean) * (v - mean);
    counts[binOf(v, low, width, counts.length)]++;
  }
  const std = Math.sqrt(squares / finite);
  return { std: Number.isFinite(std) ? std : null, zeros, histogram: { low, high, counts } };
}

/** The bin of `v`; the top edge belongs to the last bin. */
export function binOf(v: number, low: number, width: number, bins: number): number {
  if (!(width > 0)) { return 0; }
  return Math.min(bins - 1, Math.max(0, Math.floor((v - low) / width)));
}
