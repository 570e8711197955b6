// Why an entry of the gradient check disagrees. Around the step h it took, the central difference
// is re-taken at h·10^k: the slope of log|error| against log h tells truncation (∝ h², slope +2)
// from round-off (∝ ε/h, slope −1), and a step that passes says which one it was; an error no step
// removes is a wrong analytic gradient. A kink gets its one-sided differences instead.
import { DiagnoseScope, GradcheckEntry, Reference } from './gradcheck-types';
import { Graph } from './graph';
import { kinkConvention } from './kink-conventions';
import { LeafProbe } from './leaf-probe';
import { leafValue, Reevaluator, relativeStep } from './reevaluate';

/** Powers of ten the step is multiplied by in the sweep around it (0: the step taken). */
const SWEEP_DECADES: readonly number[] = [2, 1, 0, -1, -2, -3, -4];

export interface Tolerances {
  eps: number;
  atol: number;
  rtol: number;
  reference: Reference;
}

/** What a diagnosis adds to an entry (the fields are GradcheckEntry's). */
export type DiagnosedEntry = Partial<Pick<GradcheckEntry, 'diagnosis' | 'advice' | 'slope' | 'suggestedEps' | 'oneSided' | 'convention'>> & {
  /** A kink whose analytic value is not between its one-sided differences fails. */
  status?: 'fail';
};

export interface DiagnosisSettings extends Tolerances {
  scope: DiagnoseScope;
  maxDiagnosed: number;
}

/**
 * Diagnoses the entries in `scope`, in the order given (worst first), up to `maxDiagnosed`, writing
 * the diagnosis into each entry. Returns how many qualified beyond the limit.
 */
export async function diagnoseEntries(
  evaluator: Reevaluator, graph: Graph, entries: GradcheckEntry[], s: DiagnosisSettings, shouldStop: () => Promise<boolean>,
): Promise<number> {
  const qualified = entries.filter(e => s.scope === 'all' || e.status !== 'pass');
  const probes = new Map<number, LeafProbe>();
  const chosen = qualified.slice(0, s.maxDiagnosed);
  for (const entry of chosen) {
    if (await shouldStop()) { break; }
    let probe = probes.get(entry.leafId);
    if (!probe) {
      probe = new LeafProbe(evaluator, graph.nodes[entry.leafId]);
      probes.set(entry.leafId, probe);
    }
    const { status, ...diagnosed } = diagnoseEntry(entry, probe, graph, s);
    Object.assign(entry, diagnosed);
    if (status) { entry.status = status; }
  }
  return qualified.length - chosen.length;
}

export function diagnoseEntry(entry: GradcheckEntry, probe: LeafProbe, graph: Graph, t: Tolerances): DiagnosedEntry {
  if (!Number.isFinite(entry.analytic)) {
    return { diagnosis: 'non-finite', advice: 'The analytic gradient is not finite: the note on the first non-finite gradient names the node it comes from.' };
  }
  if (!Number.isFinite(entry.numeric)) { return nonFiniteNumeric(entry, probe, t); }
  if (entry.kinkNode !== undefined) { return diagnoseKink(entry, probe, graph.nodes[entry.kinkNode].op, t); }
  return t.reference === 'central' ? diagnoseStep(entry, probe, t) : diagnoseAgainstReference(entry, t.reference);
}

/** Richardson and the complex step have no step to tune: an entry they fail is a wrong gradient. */
function diagnoseAgainstReference(entry: GradcheckEntry, reference: Exclude<Reference, 'central'>): DiagnosedEntry {
  if (entry.status === 'pass') { return {}; }
  const estimate = entry.errorEstimate === undefined ? '' : ` (its error estimate ${formatStep(entry.errorEstimate)})`;
  const name = reference === 'complex' ? 'The complex-step derivative' : 'The Richardson extrapolation';
  return { diagnosis: 'mismatch', advice: `${name}${estimate} differs from the analytic value by ${formatStep(entry.absError)}: the analytic gradient disagrees with the function; check its backward.` };
}

function nonFiniteNumeric(entry: GradcheckEntry, probe: LeafProbe, t: Tolerances): DiagnosedEntry {
  const x = leafValue(probe.leaf).data[entry.flat];
  if (t.reference === 'central' && x + entry.h === x - entry.h) {
    return { diagnosis: 'non-finite', advice: `The step ${formatStep(entry.h)} does not move x = ${x} (below the spacing of doubles there): use a larger eps.` };
  }
  return { diagnosis: 'non-finite', advice: 'The function is not finite at x ± h: x is at the edge of its domain (log, sqrt, division); check it away from there or with a smaller eps.' };
}

function diagnoseKink(entry: GradcheckEntry, probe: LeafProbe, op: string, t: Tolerances): DiagnosedEntry {
  // The central step, whatever the reference: Richardson's coarse first step would reach past nearby curvature.
  const oneSided = probe.oneSided(entry.flat, relativeStep(t.eps, probe.x(entry.flat)));
  const low = Math.min(...oneSided), high = Math.max(...oneSided);
  const slack = t.atol + t.rtol * Math.max(Math.abs(low), Math.abs(high));
  const convention = kinkConvention(op);
  const between = entry.analytic >= low - slack && entry.analytic <= high + slack;
  const sides = `[${formatStep(oneSided[0])}, ${formatStep(oneSided[1])}]`;
  const result: DiagnosedEntry = {
    diagnosis: 'kink',
    oneSided,
    convention,
    advice: between
      ? `The one-sided derivatives are ${sides} and the analytic value lies between them: a valid subgradient (${convention}).`
      : `The analytic value is outside the one-sided derivatives ${sides}: not a subgradient (${convention}); check the backward at the kink.`,
  };
  if (!between) { result.status = 'fail'; }
  return result;
}

interface SweepPoint {
  /** h = the step taken · 10^decade. */
  decade: number;
  h: number;
  error: number;
  passes: boolean;
}

function diagnoseStep(entry: GradcheckEntry, probe: LeafProbe, t: Tolerances): DiagnosedEntry {
  const points: SweepPoint[] = [];
  for (const k of SWEEP_DECADES) {
    const h = k === 0 ? entry.h : entry.h * 10 ** k;
    const { numeric, kinkNode } = probe.central(entry.flat, h);
    const error = Math.abs(numeric - entry.analytic);
    if (kinkNode === undefined && Number.isFinite(error)) { points.push({ decade: k, h, error, passes: error <= t.atol + t.rtol * Math.abs(numeric) }); }
  }
  const slope = localSlope(points);
  const diagnosed: DiagnosedEntry = slope === undefined ? {} : { slope };
  if (entry.status === 'pass') { return { ...diagnosed, ...passingRegime(slope) }; }
  const best = bestPassing(points);
  if (best === undefined) {
    const smallest = Math.min(...points.map(p => p.error));
    return { ...diagnosed, diagnosis: 'mismatch', advice: `No step from ${formatStep(entry.h * 1e-4)} to ${formatStep(entry.h * 100)} agrees (the error stays above ${formatStep(smallest)}): the analytic gradient disagrees with the function; check its backward.` };
  }
  // eps·10^decade rounded to the decimal it stands for (1e-5, not 9.999999999999999e-6).
  const suggestedEps = Number((t.eps * 10 ** best.decade).toPrecision(12));
  return best.h < entry.h
    ? { ...diagnosed, suggestedEps, diagnosis: 'truncation', advice: `The error shrinks like h² as the step shrinks: the step is too large; eps ${formatStep(suggestedEps)} passes.` }
    : { ...diagnosed, suggestedEps, diagnosis: 'round-off', advice: `The error grows like ε/h as the step shrinks: the step is too small for the round-off of f; eps ${formatStep(suggestedEps)} passes.` };
}

/** A passing entry's regime, when its error is not at the round-off floor. */
function passingRegime(slope: number | undefined): DiagnosedEntry {
  if (slope !== undefined && slope >= 1) {
    return { diagnosis: 'truncation', advice: 'Passes; the error is truncation (∝ h²): a smaller step would shrink it.' };
  }
  if (slope !== undefined && slope <= -0.5) {
    return { diagnosis: 'round-off', advice: 'Passes; the error is round-off (∝ ε/h): a larger step would shrink it.' };
  }
  return {};
}

/**
 * d log10 e / d log10 h between the step taken and a tenth of it: +2 where truncation rules, −1
 * where round-off does. Taken between ten times the step and the step when the tenth is missing or
 * an error is 0; undefined when neither pair has two positive errors.
 */
function localSlope(points: readonly SweepPoint[]): number | undefined {
  const at = (decade: number): SweepPoint | undefined => points.find(p => p.decade === decade && p.error > 0);
  for (const [large, small] of [[0, -1], [1, 0]]) {
    const a = at(large), b = at(small);
    if (a !== undefined && b !== undefined) { return Math.log10(a.error / b.error) / Math.log10(a.h / b.h); }
  }
  return undefined;
}

/** The passing step with the smallest error. */
function bestPassing(points: readonly SweepPoint[]): SweepPoint | undefined {
  let best: SweepPoint | undefined;
  for (const p of points) {
    if (p.passes && (best === undefined || p.error < best.error)) { best = p; }
  }
  return best;
}

/** Three significant digits, as a number reads in a sentence. */
function formatStep(v: number): string {
  return String(Number(v.toPrecision(3)));
}
