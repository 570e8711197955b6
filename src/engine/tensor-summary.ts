// A tensor too big to show entry by entry is shown by statistics over its finite entries; NaN and
// ±Infinity are counted apart, so one overflow does not hide what the other entries are.

export interface FiniteSummary {
  /** How many entries are finite; the other fields are meaningful only when this is above 0. */
  readonly finite: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** The Euclidean norm of the finite entries. */
  readonly norm: number;
}

export function finiteSummary(data: Float64Array): FiniteSummary {
  let min = Infinity, max = -Infinity, sum = 0, squares = 0, finite = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) { continue; }
    finite++;
    if (v < min) { min = v; }
    if (v > max) { max = v; }
    sum += v;
    squares += v * v;
  }
  return { finite, min, max, mean: sum / finite, norm: Math.sqrt(squares) };
}
