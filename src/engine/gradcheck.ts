// Finite-difference gradient check of f = sum(output): each analytic gradient entry (from the
// backward pass) against a central difference. Perturbing one leaf re-evaluates only the op nodes
// downstream of it, on private values: the graph's own values and adjoints are never touched.
import { applyNode } from './autograd';
import { InspectError } from './errors';
import {
  CheckMode, DirectionalCheck, EntryStatus, GradcheckEntry, GradcheckOptions, GradcheckResult, SweepPoint, Verdict,
} from './gradcheck-types';
import { Graph, GraphNode, NodeId } from './graph';
import { OpDef } from './op';
import { getOp } from './ops';
import { Tensor, unravelIndex } from './tensor';
import { uniformGenerator } from './random';

export const DEFAULT_EPS = 1e-6;
export const DEFAULT_ATOL = 1e-5;
export const DEFAULT_RTOL = 1e-3;
export const DEFAULT_FAST_THRESHOLD = 2000;
const DEFAULT_SAMPLE_COUNT = 20;
/** Progress is reported and the event loop is given a turn at least this often. */
const PACE_MS = 50;

/** h = 1e-1, 1e-2, …, 1e-12, written as literals so each is the double nearest to its power of ten. */
export const DEFAULT_SWEEP_STEPS: readonly number[] = Array.from({ length: 12 }, (_, k) => Number(`1e-${k + 1}`));

interface Settings {
  eps: number;
  atol: number;
  rtol: number;
  mode: CheckMode;
  fastThreshold: number;
  sampleCount: number;
  seed: number;
}

/**
 * Checks every entry of every leaf (full mode), or a directional derivative plus a sample of
 * entries (fast mode). Requires a completed forward and backward pass on `graph`.
 *
 * An entry whose x+h and x−h evaluations take different branches at some kinked op (relu, abs,
 * max, …) is 'kink', whatever its numbers: a central difference across a kink measures the average
 * of two one-sided slopes, so neither agreement nor disagreement with the analytic value means much.
 */
export async function gradcheck(graph: Graph, output: NodeId, options: GradcheckOptions = {}): Promise<GradcheckResult> {
  const settings = resolveSettings(options);
  const order = graph.order(output);
  requireForwardAndBackward(graph, output, order);
  const leaves = graph.leaves(output, order);
  const totalEntries = leaves.reduce((n, leaf) => n + leafValue(leaf).size, 0);
  const mode = settings.mode === 'auto' ? (totalEntries > settings.fastThreshold ? 'fast' : 'full') : settings.mode;
  const evaluator = new Reevaluator(graph, output, order);
  const entries: GradcheckEntry[] = [];
  let directional: DirectionalCheck | undefined;
  let pacer: Pacer;
  if (mode === 'full') {
    pacer = new Pacer(totalEntries, options);
    await checkEntries(evaluator, leaves.map(leaf => ({ leaf, flats: null })), settings, pacer, entries);
  } else {
    const samples = sampleEntries(leaves, totalEntries, settings.sampleCount, uniformGenerator(settings.seed + 1));
    const directionalCount = totalEntries > 0 ? 1 : 0;
    pacer = new Pacer(directionalCount + samples.reduce((n, s) => n + (s.flats?.length ?? 0), 0), options);
    if (directionalCount > 0 && !(await pacer.shouldStop())) {
      directional = await directionalCheck(evaluator, leaves, settings, pacer);
      if (directional) { pacer.done++; }
    }
    await checkEntries(evaluator, samples, settings, pacer, entries);
  }
  await pacer.finish();
  return summarize(entries, directional, mode, settings, totalEntries, evaluator.evaluations, pacer.cancelled);
}

/**
 * The central-difference derivative of sum(output) with respect to one leaf entry for each step
 * size h, with its distance to the analytic gradient: truncation error falls like h² as h shrinks,
 * round-off grows like ε/h, and the plot shows where they cross.
 */
export function stepSizeSweep(graph: Graph, output: NodeId, leafId: NodeId, flat: number, steps: readonly number[] = DEFAULT_SWEEP_STEPS): SweepPoint[] {
  const order = graph.order(output);
  requireForwardAndBackward(graph, output, order);
  const leaf = graph.leaves(output, order).find(n => n.id === leafId);
  if (!leaf) {
    throw new InspectError(`node ${leafId} is not a leaf the output depends on`, 'value', undefined, 'the id of a leaf of the output');
  }
  const size = leafValue(leaf).size;
  if (!Number.isInteger(flat) || flat < 0 || flat >= size) {
    throw new InspectError(`entry ${flat} is out of range for leaf ${leafName(leaf)} of ${size} entries`, 'value', undefined, `an integer in [0, ${size})`);
  }
  for (const h of steps) { requirePositive('step size', h); }
  const analytic = leafGradient(leaf, flat);
  const evaluator = new Reevaluator(graph, output, order);
  const plan = evaluator.plan([leaf.id]);
  const perturbed = leafValue(leaf).clone();
  return steps.map(h => {
    const x = perturbed.data[flat];
    const up = x + h, down = x - h;
    const plus = evaluateWithEntry(evaluator, plan, perturbed, flat, up);
    const minus = evaluateWithEntry(evaluator, plan, perturbed, flat, down);
    const { numeric } = centralDifference(plus, minus, up - down);
    return { h, numeric, absError: Math.abs(numeric - analytic) };
  });
}

// ---- options and preconditions ----

function resolveSettings(options: GradcheckOptions): Settings {
  const settings: Settings = {
    eps: options.eps ?? DEFAULT_EPS,
    atol: options.atol ?? DEFAULT_ATOL,
    rtol: options.rtol ?? DEFAULT_RTOL,
    mode: options.mode ?? 'auto',
    fastThreshold: options.fastThreshold ?? DEFAULT_FAST_THRESHOLD,
    sampleCount: options.sampleCount ?? DEFAULT_SAMPLE_COUNT,
    seed: options.seed ?? 0,
  };
  requirePositive('eps', settings.eps);
  requireNonNegative('atol', settings.atol);
  requireNonNegative('rtol', settings.rtol);
  requireNonNegative('fastThreshold', settings.fastThreshold);
  if (!Number.isInteger(settings.sampleCount) || settings.sampleCount < 0) {
    throw new InspectError(`sampleCount must be a non-negative integer, got ${settings.sampleCount}`, 'value', undefined, 'a non-negative integer');
  }
  if (!Number.isFinite(settings.seed)) {
    throw new InspectError(`seed must be a finite number, got ${settings.seed}`, 'value', undefined, 'a finite number');
  }
  if (settings.mode !== 'auto' && settings.mode !== 'full' && settings.mode !== 'fast') {
    throw new InspectError(`mode must be 'auto', 'full' or 'fast', got '${String(settings.mode)}'`, 'value', undefined, "'auto', 'full' or 'fast'");
  }
  return settings;
}

function requirePositive(name: string, v: number): void {
  if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
    throw new InspectError(`${name} must be a positive finite number, got ${v}`, 'value', undefined, 'a positive finite number');
  }
}

function requireNonNegative(name: string, v: number): void {
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
    throw new InspectError(`${name} must be a non-negative finite number, got ${v}`, 'value', undefined, 'a non-negative finite number');
  }
}

function requireForwardAndBackward(graph: Graph, output: NodeId, order: readonly NodeId[]): void {
  for (const id of order) {
    if (!graph.nodes[id].value) {
      throw new InspectError(`the gradient check needs a forward pass first: node ${id} (${graph.nodes[id].label}) has no value`, 'value');
    }
  }
  if (!graph.nodes[output].grad) {
    throw new InspectError('the gradient check needs a backward pass first: the output has no adjoint', 'value');
  }
}

function leafValue(leaf: GraphNode): Tensor {
  return leaf.value as Tensor; // requireForwardAndBackward has checked every node of the order
}

function leafName(leaf: GraphNode): string {
  return leaf.name ?? leaf.label;
}

/** A leaf that reaches the output only through non-differentiable inputs gets no adjoint: its gradient is 0. */
function leafGradient(leaf: GraphNode, flat: number): number {
  return leaf.grad ? leaf.grad.data[flat] : 0;
}

// ---- re-evaluation on private values ----

/** The op nodes downstream of some leaves, in topological order: all that changes when they do. */
interface Plan {
  readonly leafIds: readonly NodeId[];
  readonly nodes: readonly GraphNode[];
  /** Parallel to `nodes`: the op's branch function when it has kinks. */
  readonly kinked: readonly (OpDef['branch'] | undefined)[];
}

interface Evaluation {
  /** A copy of the output's entries. */
  output: Float64Array;
  /** Branch signature of each kinked node of the plan, in plan order. */
  signatures: { node: NodeId; branch: Float64Array }[];
}

class Reevaluator {
  evaluations = 0;
  /** Private values of the perturbed leaves and of the nodes downstream; unset ids read the graph. */
  private readonly overlay: (Tensor | undefined)[];

  constructor(private readonly graph: Graph, private readonly output: NodeId, private readonly order: readonly NodeId[]) {
    this.overlay = new Array<Tensor | undefined>(graph.size);
  }

  plan(leafIds: readonly NodeId[]): Plan {
    const changes = new Uint8Array(this.graph.size);
    for (const id of leafIds) { changes[id] = 1; }
    const nodes: GraphNode[] = [];
    for (const id of this.order) {
      const node = this.graph.nodes[id];
      if (node.kind === 'op' && node.inputs.some(i => changes[i] === 1)) {
        changes[id] = 1;
        nodes.push(node);
      }
    }
    return { leafIds, nodes, kinked: nodes.map(n => getOp(n.op).branch) };
  }

  /** Evaluates the plan with `leafValues` (parallel to plan.leafIds) in place of the leaves' values. */
  evaluate(plan: Plan, leafValues: readonly Tensor[]): Evaluation {
    const nodes = this.graph.nodes;
    const overlay = this.overlay;
    const valueOf = (id: NodeId): Tensor => overlay[id] ?? (nodes[id].value as Tensor);
    plan.leafIds.forEach((id, k) => { overlay[id] = leafValues[k]; });
    const signatures: Evaluation['signatures'] = [];
    for (let k = 0; k < plan.nodes.length; k++) {
      const node = plan.nodes[k];
      const value = applyNode(node, valueOf);
      overlay[node.id] = value;
      const branch = plan.kinked[k];
      if (branch) {
        signatures.push({ node: node.id, branch: Float64Array.from(branch(node.inputs.map(valueOf), node.attrs, value)) });
      }
    }
    this.evaluations++;
    // A copy: an op may pass its input tensor through unchanged, and the output may then be the
    // perturbed leaf's private buffer, which the next perturbation overwrites.
    const output = valueOf(this.output).data.slice();
    for (const id of plan.leafIds) { overlay[id] = undefined; }
    for (const node of plan.nodes) { overlay[node.id] = undefined; }
    return { output, signatures };
  }
}

/** The first node, in topological order, whose branch differs between the two evaluations. */
function firstKink(plus: Evaluation, minus: Evaluation): NodeId | undefined {
  for (let k = 0; k < plus.signatures.length; k++) {
    const a = plus.signatures[k].branch, b = minus.signatures[k].branch;
    if (a.length !== b.length) { return plus.signatures[k].node; }
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) { return plus.signatures[k].node; }
    }
  }
  return undefined;
}

/** Σ term(i) for i < n, compensated (Neumaier) so that many small terms keep their digits. */
function compensatedSum(n: number, term: (i: number) => number): number {
  let sum = 0, compensation = 0;
  for (let i = 0; i < n; i++) {
    const v = term(i);
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * sum(plus) − sum(minus) taken entry by entry: entries the perturbation did not reach cancel
 * exactly instead of drowning the difference in the round-off of two large sums.
 */
function differenceOfSums(plus: Float64Array, minus: Float64Array): number {
  return compensatedSum(plus.length, i => plus[i] - minus[i]);
}

/** f with one entry of the leaf's private copy set to `shifted`; the entry is restored exactly. */
function evaluateWithEntry(evaluator: Reevaluator, plan: Plan, perturbed: Tensor, flat: number, shifted: number): Evaluation {
  const data = perturbed.data;
  const x = data[flat];
  data[flat] = shifted;
  try {
    return evaluator.evaluate(plan, [perturbed]);
  } finally {
    data[flat] = x;
  }
}

/**
 * (f(x + h) − f(x − h)) / step, and the first node whose branch differs between the two. For one
 * entry the step is (x + h) − (x − h), the step actually taken, which removes the rounding of x ± h;
 * when h is below the spacing of doubles at x that step is 0 and the derivative NaN: a failure, as
 * it should be, since no step was taken.
 */
function centralDifference(plus: Evaluation, minus: Evaluation, step: number): { numeric: number; kinkNode?: NodeId } {
  return { numeric: differenceOfSums(plus.output, minus.output) / step, kinkNode: firstKink(plus, minus) };
}

// ---- judging ----

/** pass iff |a − n| ≤ atol + rtol·|n| (PyTorch's rule); 'kink' whenever the evaluations straddled one. */
function judge(analytic: number, numeric: number, kinkNode: NodeId | undefined, s: Settings): Verdict {
  const absError = Math.abs(analytic - numeric);
  const scale = Math.max(Math.abs(analytic), Math.abs(numeric));
  const relError = scale === 0 ? 0 : absError / scale;
  let status: EntryStatus;
  if (kinkNode !== undefined) {
    status = 'kink';
  } else {
    status = absError <= s.atol + s.rtol * Math.abs(numeric) ? 'pass' : 'fail';
  }
  const verdict: Verdict = { analytic, numeric, absError, relError, status };
  if (kinkNode !== undefined) { verdict.kinkNode = kinkNode; }
  return verdict;
}

// ---- full and sampled per-entry checks ----

interface LeafSelection {
  leaf: GraphNode;
  /** Flat indices to check, ascending; null for every entry. */
  flats: readonly number[] | null;
}

async function checkEntries(evaluator: Reevaluator, selections: readonly LeafSelection[], s: Settings, pacer: Pacer, entries: GradcheckEntry[]): Promise<void> {
  for (const { leaf, flats } of selections) {
    const count = flats ? flats.length : leafValue(leaf).size;
    if (count === 0) { continue; }
    const plan = evaluator.plan([leaf.id]);
    const perturbed = leafValue(leaf).clone();
    for (let k = 0; k < count; k++) {
      const flat = flats ? flats[k] : k;
      if (await pacer.shouldStop()) { return; }
      const x = perturbed.data[flat];
      const up = x + s.eps, down = x - s.eps;
      const plus = evaluateWithEntry(evaluator, plan, perturbed, flat, up);
      if (await pacer.shouldStop()) { return; }
      const minus = evaluateWithEntry(evaluator, plan, perturbed, flat, down);
      const { numeric, kinkNode } = centralDifference(plus, minus, up - down);
      const verdict = judge(leafGradient(leaf, flat), numeric, kinkNode, s);
      entries.push({ leaf: leafName(leaf), leafId: leaf.id, index: unravelIndex(flat, perturbed.shape), flat, ...verdict });
      pacer.done++;
    }
  }
}

// ---- fast mode ----

/**
 * Numeric derivative of f along a seeded random unit vector u against ∇f · u: two evaluations.
 * Undefined when cancelled between them.
 */
async function directionalCheck(evaluator: Reevaluator, leaves: readonly GraphNode[], s: Settings, pacer: Pacer): Promise<DirectionalCheck | undefined> {
  const direction = randomUnitVector(leaves.map(leaf => leafValue(leaf).size), uniformGenerator(s.seed));
  const shifted = (sign: number): Tensor[] => leaves.map((leaf, k) => {
    const x = leafValue(leaf), u = direction[k];
    const out = new Float64Array(x.size);
    for (let i = 0; i < out.length; i++) { out[i] = x.data[i] + sign * s.eps * u[i]; }
    return new Tensor(x.shape, out);
  });
  const plan = evaluator.plan(leaves.map(leaf => leaf.id));
  const plus = evaluator.evaluate(plan, shifted(1));
  if (await pacer.shouldStop()) { return undefined; }
  const minus = evaluator.evaluate(plan, shifted(-1));
  const { numeric, kinkNode } = centralDifference(plus, minus, 2 * s.eps);
  const analytic = compensatedSum(leaves.length, j => compensatedSum(direction[j].length, i => leafGradient(leaves[j], i) * direction[j][i]));
  return judge(analytic, numeric, kinkNode, s);
}

/** Gaussian entries (Box–Muller) normalised: a direction uniform on the sphere, split per leaf. */
function randomUnitVector(sizes: readonly number[], random: () => number): Float64Array[] {
  let squares = 0;
  const parts = sizes.map(size => {
    const part = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      part[i] = g;
      squares += g * g;
    }
    return part;
  });
  const norm = Math.sqrt(squares);
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) { part[i] /= norm; }
  }
  return parts;
}

/**
 * The `count` entries with the largest |gradient| (a NaN counts as largest) and `count` other
 * entries drawn at random, grouped by leaf; every entry when there are no more than 2·count.
 */
function sampleEntries(leaves: readonly GraphNode[], total: number, count: number, random: () => number): LeafSelection[] {
  const chosen = new Set<number>();
  if (total <= 2 * count) {
    for (let g = 0; g < total; g++) { chosen.add(g); }
  } else {
    for (const g of largestGradients(leaves, count)) { chosen.add(g); }
    while (chosen.size < 2 * count) { chosen.add(Math.floor(random() * total)); }
  }
  const sorted = [...chosen].sort((a, b) => a - b);
  const selections: LeafSelection[] = [];
  let start = 0, s = 0;
  for (const leaf of leaves) {
    const end = start + leafValue(leaf).size;
    const flats: number[] = [];
    while (s < sorted.length && sorted[s] < end) { flats.push(sorted[s++] - start); }
    selections.push({ leaf, flats });
    start = end;
  }
  return selections;
}

/** Global indices (over the leaves' entries, in order) of the `count` largest |gradient| entries. */
function largestGradients(leaves: readonly GraphNode[], count: number): number[] {
  // Kept sorted by magnitude, descending; a linear insertion suits the small counts used here.
  const top: { g: number; magnitude: number }[] = [];
  let g = 0;
  for (const leaf of leaves) {
    const size = leafValue(leaf).size;
    for (let i = 0; i < size; i++, g++) {
      const v = leafGradient(leaf, i);
      const magnitude = Number.isNaN(v) ? Infinity : Math.abs(v);
      if (top.length === count && magnitude <= top[count - 1].magnitude) { continue; }
      let at = top.length;
      while (at > 0 && top[at - 1].magnitude < magnitude) { at--; }
      top.splice(at, 0, { g, magnitude });
      if (top.length > count) { top.pop(); }
    }
  }
  return top.map(t => t.g);
}

// ---- progress, cancellation, responsiveness ----

class Pacer {
  done = 0;
  cancelled = false;
  private readonly reportEvery: number;
  private lastReportDone = -Infinity;
  private lastReportTime = -Infinity;
  private lastYieldTime = now();

  constructor(private readonly total: number, private readonly options: GradcheckOptions) {
    this.reportEvery = Math.max(1, Math.floor(total / 100));
  }

  /**
   * Called between evaluations: reports progress, gives the event loop a turn (an extension host must
   * stay responsive), and says whether to stop.
   */
  async shouldStop(): Promise<boolean> {
    if (this.cancelled) { return true; }
    const t = now();
    if (this.done - this.lastReportDone >= this.reportEvery || t - this.lastReportTime >= PACE_MS) {
      await this.report();
    }
    if (!this.cancelled && t - this.lastYieldTime >= PACE_MS) {
      await new Promise<void>(resolve => setTimeout(resolve, 0));
      this.lastYieldTime = now();
    }
    if (!this.cancelled && this.options.isCancelled?.()) { this.cancelled = true; }
    return this.cancelled;
  }

  async finish(): Promise<void> {
    if (!this.cancelled && this.lastReportDone !== this.done) { await this.report(); }
  }

  private async report(): Promise<void> {
    this.lastReportDone = this.done;
    this.lastReportTime = now();
    if (this.options.onProgress && (await this.options.onProgress(this.done, this.total)) === true) {
      this.cancelled = true;
    }
  }
}

function now(): number {
  return performance.now();
}

// ---- result ----

const STATUS_RANK: Record<EntryStatus, number> = { fail: 0, kink: 1, pass: 2 };

/** Larger first, NaN largest of all. */
function descending(a: number, b: number): number {
  const x = Number.isNaN(a) ? Infinity : a, y = Number.isNaN(b) ? Infinity : b;
  return x === y ? 0 : x > y ? -1 : 1;
}

function worstFirst(a: GradcheckEntry, b: GradcheckEntry): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status]
    || descending(a.relError, b.relError)
    || descending(a.absError, b.absError)
    || a.leafId - b.leafId
    || a.flat - b.flat;
}

function summarize(
  entries: GradcheckEntry[], directional: DirectionalCheck | undefined, mode: 'full' | 'fast',
  s: Settings, totalEntries: number, evaluations: number, cancelled: boolean,
): GradcheckResult {
  entries.sort(worstFirst);
  const counts = { pass: 0, fail: 0, kink: 0 };
  // Kink entries are left out of the maxima: their central difference is not an error estimate.
  let maxAbsError = 0, maxRelError = 0;
  for (const e of entries) {
    counts[e.status]++;
    if (e.status !== 'kink') {
      maxAbsError = Number.isNaN(e.absError) ? NaN : Math.max(maxAbsError, e.absError);
      maxRelError = Number.isNaN(e.relError) ? NaN : Math.max(maxRelError, e.relError);
    }
  }
  const result: GradcheckResult = {
    passed: counts.fail === 0 && directional?.status !== 'fail',
    mode,
    eps: s.eps,
    atol: s.atol,
    rtol: s.rtol,
    maxAbsError,
    maxRelError,
    entries,
    totalEntries,
    counts,
    evaluations,
    cancelled,
  };
  if (directional) { result.directional = directional; }
  return result;
}
