// Timing helpers for `npm run bench`: medians over repeated runs after warm-up, printed as one JSON
// line per measurement, always as a ratio against a peer measured in the same process.
import { uniformGenerator } from '../src/engine/random';

export interface Measurement {
  name: string;
  ours_ms: number;
  peer_ms: number;
  /** Defaults to ours_ms / peer_ms. */
  ratio?: number;
  peer: string;
  runs: number;
  /** Further figures printed with the line (entries, nodes, targets). */
  extra?: Record<string, string | number>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall time of `fn` in ms over `runs` runs after `warmup` runs. */
export async function time(fn: () => unknown | Promise<unknown>, runs: number, warmup = Math.max(3, runs >> 3)): Promise<number> {
  for (let i = 0; i < warmup; i++) { await fn(); }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/**
 * Medians in ms of each of `fns` timed in turn (a, b, c, a, b, c, …) over `runs` rounds after `warmup`
 * rounds: on a shared machine whose load drifts, every function sees the same conditions.
 */
export async function timeInterleaved(fns: readonly (() => unknown | Promise<unknown>)[], runs: number, warmup = Math.max(1, runs >> 3)): Promise<number[]> {
  const samples = fns.map(() => [] as number[]);
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < fns.length; k++) {
      const t0 = performance.now();
      await fns[k]();
      if (round >= warmup) { samples[k].push(performance.now() - t0); }
    }
  }
  return samples.map(median);
}

export function report(m: Measurement): void {
  const line = {
    name: m.name,
    ours_ms: round(m.ours_ms),
    peer_ms: round(m.peer_ms),
    ratio: round(m.ratio ?? m.ours_ms / m.peer_ms),
    peer: m.peer,
    runs: m.runs,
    ...m.extra,
  };
  process.stdout.write(JSON.stringify(line) + '\n');
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}

/** Deterministic uniform numbers in [-scale, scale), from the engine's seeded generator. */
export function seededValues(n: number, seed: number, scale = 0.1): Float64Array {
  const uniform = uniformGenerator(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) { out[i] = (uniform() * 2 - 1) * scale; }
  return out;
}
