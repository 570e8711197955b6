// Richardson extrapolation of central differences: D(h) = f′ + c₁h² + c₂h⁴ + …, so combining
// D(h) and D(h/2) as (4ᵏ·D(h/2) − D(h)) / (4ᵏ − 1) removes one power of h² per column of the
// tableau. Steps halve from a coarse start until a higher-order column stops improving (round-off
// has taken over); the best entry and the size of its last correction are the value and its error
// estimate (Ridders' stopping rule).
import { NodeId } from './graph';

/** Relative start step: coarse, since extrapolation removes the truncation error a fine step avoids. */
export const RICHARDSON_START = 0.1;
/** At most this many halvings (two evaluations each). */
export const RICHARDSON_LEVELS = 10;
/** Stop when the diagonal moved by more than this many times the best error estimate. */
const GROWTH_LIMIT = 2;

export interface Extrapolated {
  numeric: number;
  /** |change| of the last correction that improved the estimate: a bound-like measure of its error. */
  errorEstimate: number;
  /** The starting step h₀ (the others are h₀/2, h₀/4, …). */
  h: number;
  /** Central differences taken. */
  levels: number;
  /** The first kink a difference straddled: the expansion in h² does not hold across one. */
  kinkNode?: NodeId;
}

/** Extrapolates `central(h)` from h₀ = start. */
export function richardson(central: (h: number) => { numeric: number; kinkNode?: NodeId }, start: number): Extrapolated {
  let kinkNode: NodeId | undefined;
  const difference = (h: number): number => {
    const d = central(h);
    kinkNode ??= d.kinkNode;
    return d.numeric;
  };
  let previous = [difference(start)];
  let best = previous[0], errorEstimate = Infinity, levels = 1;
  for (let level = 1; level < RICHARDSON_LEVELS; level++) {
    const row = [difference(start / 2 ** level)];
    levels++;
    let factor = 4;
    for (let k = 1; k <= level; k++, factor *= 4) {
      row.push(row[k - 1] + (row[k - 1] - previous[k - 1]) / (factor - 1));
      const error = Math.max(Math.abs(row[k] - row[k - 1]), Math.abs(row[k] - previous[k - 1]));
      if (error <= errorEstimate) {
        errorEstimate = error;
        best = row[k];
      }
    }
    if (!(Math.abs(row[level] - previous[level - 1]) < GROWTH_LIMIT * errorEstimate)) { break; }
    previous = row;
  }
  const result: Extrapolated = { numeric: best, errorEstimate, h: start, levels };
  if (kinkNode !== undefined) { result.kinkNode = kinkNode; }
  return result;
}
