// Numbers on the wire: JSON has no NaN or ±Infinity.
import type { WireNumber } from './protocol';

/** A finite number, or null for NaN and ±Infinity. */
export function wireNumber(v: number): WireNumber {
  return Number.isFinite(v) ? v : null;
}
