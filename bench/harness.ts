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

/** Medians in ms, wall and CPU, of our runs and a peer's runs timed inside the peer. */
export interface PairedTimes {
  ours_ms: number;
  peer_ms: number;
  ours_cpu_ms: number;
  peer_cpu_ms: number;
}

/** This process's CPU time in ms (user + system, every thread: the collector's too). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Our run and the peer's run in turn, `runs` rounds after `warmup`: the peer (another process) times
 * itself, so the round trip to it is not counted. CPU times are printed beside wall times because on
 * a shared machine a run's wall time includes waiting for a core, its CPU time does not.
 */
export async function timeAgainstPeer(ours: () => unknown, peer: () => Promise<{ ms: number; cpu_ms: number }>, runs: number, warmup = 1): Promise<PairedTimes> {
  const wall: number[] = [], cpu: number[] = [], peerWall: number[] = [], peerCpu: number[] = [];
  for (let round = 0; round < warmup + runs; round++) {
    const t0 = performance.now(), c0 = cpuMs();
    ours();
    const oursWall = performance.now() - t0, oursCpu = cpuMs() - c0;
    const theirs = await peer();
    if (round < warmup) { continue; }
    wall.push(oursWall);
    cpu.push(oursCpu);
    peerWall.push(theirs.ms);
    peerCpu.push(theirs.cpu_ms);
  }
  return { ours_ms: median(wall), peer_ms: median(peerWall), ours_cpu_ms: median(cpu), peer_cpu_ms: median(peerCpu) };
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

/** One line of a paired measurement: the ratio of wall times, with the CPU times and their ratio beside it. */
export function reportPaired(name: string, times: PairedTimes, peer: string, runs: number, extra: Record<string, string | number> = {}): void {
  report({
    name, ours_ms: times.ours_ms, peer_ms: times.peer_ms, peer, runs,
    extra: { ...extra, ours_cpu_ms: round(times.ours_cpu_ms), peer_cpu_ms: round(times.peer_cpu_ms), cpu_ratio: round(times.ours_cpu_ms / times.peer_cpu_ms) },
  });
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
