// Finite-difference gradient check of f = sum(output): each analytic gradient entry (from the
// backward pass) against a central difference. Perturbing one leaf re-evaluates only the op nodes
// downstream of it, on private values (reevaluate.ts): the graph's own values and adjoints are never touched.
import { InspectError } from './errors';
import {
  CheckMode, DiagnoseScope, DirectionalCheck, Reference, EntryStatus, GradcheckEntry, GradcheckOptions, GradcheckResult, SweepPoint, Verdict,
} from './gradcheck-types';
import { diagnoseEntries } from './gradcheck-diagnosis';
import { localiseWrongNode } from './gradcheck-localise';
import { leafReference, ReferenceDerivative, requireReference } from './gradcheck-references';
import { LeafProbe } from './leaf-probe';
import { ComplexProbe } from './reference-complex';
import { richardson } from './reference-richardson';
import { LeafSelection, randomUnitVector, sampleEntries } from './gradcheck-sampling';
import { Pacer } from './gradcheck-pacer';
import { Graph, GraphNode, NodeId } from './graph';
import { Tensor, unravelIndex } from './tensor';
import { uniformGenerator } from './random';
import {
  centralDifference, compensatedSum, evaluateWithEntry, leafGradient, leafName, leafValue, Reevaluator, relativeStep,
} from './reevaluate';

export const DEFAULT_EPS = 1e-6;
export const DEFAULT_ATOL = 1e-5;
export const DEFAULT_RTOL = 1e-3;
export const DEFAULT_FAST_THRESHOLD = 2000;
const DEFAULT_SAMPLE_COUNT = 20;
export const DEFAULT_MAX_DIAGNOSED = 20;

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
  reference: Reference;
  diagnose: DiagnoseScope;
  maxDiagnosed: number;
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
  requireReference(settings.reference, evaluator, leaves);
  const entries: GradcheckEntry[] = [];
  let directional: DirectionalCheck | undefined;
  let pacer: Pacer;
  if (mode === 'full') {
    pacer = new Pacer(totalEntries, options);
    await checkEntries(evaluator, leaves.map(leaf => ({ leaf, flats: null })), { graph, output, s: settings, pacer }, entries);
  } else {
    const samples = sampleEntries(leaves, totalEntries, settings.sampleCount, uniformGenerator(settings.seed + 1));
    const directionalCount = totalEntries > 0 ? 1 : 0;
    pacer = new Pacer(directionalCount + samples.reduce((n, s) => n + (s.flats?.length ?? 0), 0), options);
    if (directionalCount > 0 && !(await pacer.shouldStop())) {
      directional = await directionalCheck(evaluator, leaves, settings, pacer);
      if (directional) { pacer.done++; }
    }
    await checkEntries(evaluator, samples, { graph, output, s: settings, pacer }, entries);
  }
  await pacer.finish();
  let undiagnosed = 0;
  if (!pacer.cancelled) {
    entries.sort(worstFirst);
    // Diagnoses report no progress of their own (the bar would run twice) but stay cancellable and responsive.
    const diagnosisPacer = new Pacer(0, { isCancelled: options.isCancelled });
    undiagnosed = await diagnoseEntries(evaluator, graph, entries, { ...settings, scope: settings.diagnose }, () => diagnosisPacer.shouldStop());
    pacer.cancelled = diagnosisPacer.cancelled;
  }
  const result = summarize(entries, directional, mode, settings, { totalEntries, undiagnosed, evaluations: evaluator.evaluations, cancelled: pacer.cancelled });
  if (!result.passed && !result.cancelled && options.localise !== false) {
    const localisePacer = new Pacer(0, { isCancelled: options.isCancelled });
    const { node, checked } = await localiseWrongNode(graph, order, settings, () => localisePacer.shouldStop());
    result.nodesChecked = checked;
    if (node) { result.wrongNode = node; }
  }
  return result;
}

/**
 * The central-difference derivative of sum(output) with respect to one leaf entry for each step
 * size h, with its distance to the analytic gradient: truncation error falls like h² as h shrinks,
 * round-off grows like ε/h, and the plot shows where they cross.
 */
export function stepSizeSweep(
  graph: Graph, output: NodeId, leafId: NodeId, flat: number, steps: readonly number[] = DEFAULT_SWEEP_STEPS, references: readonly Reference[] = ['central'],
): SweepPoint[] {
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
  const extra = referenceSweeps(evaluator, graph, output, leaf, flat, references);
  return steps.map(h => {
    const x = perturbed.data[flat];
    const up = x + h, down = x - h;
    const plus = evaluateWithEntry(evaluator, plan, perturbed, flat, up);
    const minus = evaluateWithEntry(evaluator, plan, perturbed, flat, down);
    const { numeric } = centralDifference(plus, minus, up - down);
    const point: SweepPoint = { h, numeric, absError: Math.abs(numeric - analytic) };
    if (extra.richardson) { point.richardsonError = Math.abs(extra.richardson(h) - analytic); }
    if (extra.complex) { point.complexError = Math.abs(extra.complex(h) - analytic); }
    return point;
  });
}

/**
 * Richardson (started at h) and complex-step (step h) derivatives for the sweep, when asked for; the
 * complex step only where the graph is analytic (the plot simply has no complex curve otherwise).
 */
function referenceSweeps(
  evaluator: Reevaluator, graph: Graph, output: NodeId, leaf: GraphNode, flat: number, references: readonly Reference[],
): { richardson?: (h: number) => number; complex?: (h: number) => number } {
  const sweeps: { richardson?: (h: number) => number; complex?: (h: number) => number } = {};
  if (references.includes('richardson')) {
    const probe = new LeafProbe(evaluator, leaf);
    sweeps.richardson = h => richardson(step => probe.central(flat, step), h).numeric;
  }
  if (references.includes('complex') && isAnalytic(evaluator, leaf)) {
    const probe = new ComplexProbe(graph, output, leaf, evaluator.plan([leaf.id]));
    sweeps.complex = h => probe.derivative(flat, h);
  }
  return sweeps;
}

function isAnalytic(evaluator: Reevaluator, leaf: GraphNode): boolean {
  try {
    requireReference('complex', evaluator, [leaf]);
    return true;
  } catch (e) {
    if (e instanceof InspectError) { return false; }
    throw e;
  }
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
    reference: options.reference ?? 'central',
    diagnose: options.diagnose ?? 'failing',
    maxDiagnosed: options.maxDiagnosed ?? DEFAULT_MAX_DIAGNOSED,
  };
  requirePositive('eps', settings.eps);
  requireNonNegative('atol', settings.atol);
  requireNonNegative('rtol', settings.rtol);
  requireNonNegative('fastThreshold', settings.fastThreshold);
  if (!Number.isInteger(settings.sampleCount) || settings.sampleCount < 0) {
    throw new InspectError(`sampleCount must be a non-negative integer, got ${settings.sampleCount}`, 'value', undefined, 'a non-negative integer');
  }
  if (!Number.isInteger(settings.maxDiagnosed) || settings.maxDiagnosed < 0) {
    throw new InspectError(`maxDiagnosed must be a non-negative integer, got ${settings.maxDiagnosed}`, 'value', undefined, 'a non-negative integer');
  }
  if (!['central', 'richardson', 'complex'].includes(settings.reference)) {
    throw new InspectError(`reference must be 'central', 'richardson' or 'complex', got '${String(settings.reference)}'`, 'value', undefined, "'central', 'richardson' or 'complex'");
  }
  if (settings.diagnose !== 'failing' && settings.diagnose !== 'all') {
    throw new InspectError(`diagnose must be 'failing' or 'all', got '${String(settings.diagnose)}'`, 'value', undefined, "'failing' or 'all'");
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

// ---- judging ----

/** pass iff |a − n| ≤ atol + rtol·|n| (PyTorch's rule); 'kink' whenever the evaluations straddled one. */
function judge(h: number, analytic: number, numeric: number, kinkNode: NodeId | undefined, s: Settings): Verdict {
  const absError = Math.abs(analytic - numeric);
  const scale = Math.max(Math.abs(analytic), Math.abs(numeric));
  const relError = scale === 0 ? 0 : absError / scale;
  let status: EntryStatus;
  if (kinkNode !== undefined) {
    status = 'kink';
  } else {
    status = absError <= s.atol + s.rtol * Math.abs(numeric) ? 'pass' : 'fail';
  }
  const verdict: Verdict = { h, analytic, numeric, absError, relError, status };
  if (kinkNode !== undefined) { verdict.kinkNode = kinkNode; }
  return verdict;
}

// ---- full and sampled per-entry checks ----

interface EntryCheck {
  graph: Graph;
  output: NodeId;
  s: Settings;
  pacer: Pacer;
}

async function checkEntries(evaluator: Reevaluator, selections: readonly LeafSelection[], c: EntryCheck, entries: GradcheckEntry[]): Promise<void> {
  for (const { leaf, flats } of selections) {
    const count = flats ? flats.length : leafValue(leaf).size;
    if (count === 0) { continue; }
    const derivative = c.s.reference === 'central' ? centralOfLeaf(evaluator, leaf, c) : leafReference(c.s.reference, evaluator, c.graph, c.output, leaf);
    for (let k = 0; k < count; k++) {
      const flat = flats ? flats[k] : k;
      if (await c.pacer.shouldStop()) { return; }
      const found = await derivative(flat);
      if (found === undefined) { return; }
      const verdict = judge(found.h, leafGradient(leaf, flat), found.numeric, found.kinkNode, c.s);
      const entry: GradcheckEntry = { leaf: leafName(leaf), leafId: leaf.id, index: unravelIndex(flat, leafValue(leaf).shape), flat, ...verdict };
      if (found.errorEstimate !== undefined) { entry.errorEstimate = found.errorEstimate; }
      entries.push(entry);
      c.pacer.done++;
    }
  }
}

/** The central difference at h = eps·max(1, |x|), cancellable between its two evaluations (undefined then). */
function centralOfLeaf(evaluator: Reevaluator, leaf: GraphNode, c: EntryCheck): (flat: number) => Promise<ReferenceDerivative | undefined> {
  const plan = evaluator.plan([leaf.id]);
  const perturbed = leafValue(leaf).clone();
  return async flat => {
    const x = perturbed.data[flat];
    const h = relativeStep(c.s.eps, x);
    const up = x + h, down = x - h;
    const plus = evaluateWithEntry(evaluator, plan, perturbed, flat, up);
    if (await c.pacer.shouldStop()) { return undefined; }
    const minus = evaluateWithEntry(evaluator, plan, perturbed, flat, down);
    return { h, ...centralDifference(plus, minus, up - down) };
  };
}

// ---- fast mode ----

/**
 * Numeric derivative of f along a seeded random unit vector u against ∇f · u: two evaluations.
 * Undefined when cancelled between them.
 */
async function directionalCheck(evaluator: Reevaluator, leaves: readonly GraphNode[], s: Settings, pacer: Pacer): Promise<DirectionalCheck | undefined> {
  const direction = randomUnitVector(leaves.map(leaf => leafValue(leaf).size), uniformGenerator(s.seed));
  const h = relativeStep(s.eps, largestMagnitude(leaves));
  const shifted = (sign: number): Tensor[] => leaves.map((leaf, k) => {
    const x = leafValue(leaf), u = direction[k];
    const out = new Float64Array(x.size);
    for (let i = 0; i < out.length; i++) { out[i] = x.data[i] + sign * h * u[i]; }
    return new Tensor(x.shape, out);
  });
  const plan = evaluator.plan(leaves.map(leaf => leaf.id));
  const plus = evaluator.evaluate(plan, shifted(1));
  if (await pacer.shouldStop()) { return undefined; }
  const minus = evaluator.evaluate(plan, shifted(-1));
  const { numeric, kinkNode } = centralDifference(plus, minus, 2 * h);
  const analytic = compensatedSum(leaves.length, j => compensatedSum(direction[j].length, i => leafGradient(leaves[j], i) * direction[j][i]));
  return judge(h, analytic, numeric, kinkNode, s);
}

/** max |x| over every entry of the leaves (0 when there is none). */
function largestMagnitude(leaves: readonly GraphNode[]): number {
  let largest = 0;
  for (const leaf of leaves) {
    for (const v of leafValue(leaf).data) { largest = Math.max(largest, Math.abs(v)); }
  }
  return largest;
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
  s: Settings, counted: Pick<GradcheckResult, 'totalEntries' | 'undiagnosed' | 'evaluations' | 'cancelled'>,
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
    reference: s.reference,
    eps: s.eps,
    atol: s.atol,
    rtol: s.rtol,
    maxAbsError,
    maxRelError,
    entries,
    counts,
    ...counted,
  };
  if (directional) { result.directional = directional; }
  return result;
}
