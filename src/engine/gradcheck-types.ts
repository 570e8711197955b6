// Result types of the gradient check (implemented in gradcheck.ts).
import { NodeId } from './graph';

export type CheckMode = 'auto' | 'full' | 'fast';
export type EntryStatus = 'pass' | 'fail' | 'kink';
/**
 * Why an entry's numbers disagree: truncation (error ∝ h², the step is too large), round-off
 * (error ∝ ε/h, too small), kink (one-sided derivatives differ), mismatch (no step agrees: the
 * analytic gradient is wrong) or non-finite (NaN or ±Inf in the gradient or the difference).
 */
export type Diagnosis = 'truncation' | 'round-off' | 'kink' | 'mismatch' | 'non-finite';
/**
 * What the analytic gradient is judged against: the central difference, Richardson extrapolation
 * of central differences (about 1e-14 relative, with an error estimate), or the complex step
 * (machine precision; analytic graphs only).
 */
export type Reference = 'central' | 'richardson' | 'complex';
/** Which entries get a diagnosis: 'failing' (FAIL and kink entries) or 'all'. */
export type DiagnoseScope = 'failing' | 'all';

export interface GradcheckOptions {
  /** Relative central-difference step: an entry at x is perturbed by h = eps·max(1, |x|). Default 1e-6. */
  eps?: number;
  /** Default 1e-5 (PyTorch gradcheck). */
  atol?: number;
  /** Default 1e-3 (PyTorch gradcheck). */
  rtol?: number;
  /** Default 'auto': fast above `fastThreshold` entries in total. */
  mode?: CheckMode;
  /** Default 2000. */
  fastThreshold?: number;
  /** Entries with the largest |gradient|, and as many random ones, checked per entry in fast mode. Default 20. */
  sampleCount?: number;
  /** Seed of the random direction and samples of fast mode. Default 0. */
  seed?: number;
  /** Default 'central'. Fast mode's directional check is always central. */
  reference?: Reference;
  /** Default 'failing'. */
  diagnose?: DiagnoseScope;
  /** When the check fails, check each op node's VJP alone to find the first wrong one. Default true. */
  localise?: boolean;
  /** At most this many entries (worst first) are diagnosed; each costs about 15 evaluations. Default 20. */
  maxDiagnosed?: number;
  /** Called now and then with (entries done, entries to do); return true to cancel. May be async. */
  onProgress?: (done: number, total: number) => boolean | void | Promise<boolean | void>;
  /** Checked between evaluations; cancelling returns the partial result with `cancelled: true`. */
  isCancelled?: () => boolean;
}

/** The first op node whose VJP disagrees with a central difference of that node alone. */
export interface LocalisedNode {
  node: NodeId;
  op: string;
  label: string;
  /** Which input's VJP disagrees. */
  input: number;
  /** uᵀ(Jᵀv) from the node's VJP, for seeded random unit u and v. */
  analytic: number;
  /** vᵀ(J u) from the node's forward at x ± h·u. */
  numeric: number;
  absError: number;
  relError: number;
  /** Where the node is in the text, or which model node it comes from. */
  range?: { start: number; end: number };
  origin?: string;
}

/** An analytic derivative judged against its central difference: what an entry and the directional check share. */
export interface Verdict {
  /** The step taken: eps·max(1, |x|) for an entry, eps·max(1, max |x|) for the directional check. */
  h: number;
  analytic: number;
  numeric: number;
  absError: number;
  /** |a − n| / max(|a|, |n|), 0 when both are 0. */
  relError: number;
  status: EntryStatus;
  /** For 'kink': the node whose branch differs between the x+h and x−h evaluations. */
  kinkNode?: NodeId;
}

/** One leaf entry: analytic is its gradient from the backward pass, numeric its central difference. */
export interface GradcheckEntry extends Verdict {
  /** Leaf name. */
  leaf: string;
  leafId: NodeId;
  /** Multi-index into the leaf ([] for a scalar). */
  index: number[];
  /** Flat row-major index. */
  flat: number;
  /** Richardson: the size of its last improving correction, an estimate of the numeric value's error. */
  errorEstimate?: number;
  diagnosis?: Diagnosis;
  /** One sentence: what to do about the diagnosis. */
  advice?: string;
  /** d log|error| / d log h at the step taken, from the sweep around it: about +2 truncation, −1 round-off, 0 flat. */
  slope?: number;
  /** A relative step at which the entry passes, when the sweep found one. */
  suggestedEps?: number;
  /** Kinks: the one-sided differences [(f(x) − f(x−h))/h, (f(x+h) − f(x))/h]. */
  oneSided?: [number, number];
  /** Kinks: the derivative the kinked op takes at its kink (relu′(0) = 0). */
  convention?: string;
}

/** Along a random unit vector u: analytic is ∇f · u from the backward pass, numeric (f(x + h·u) − f(x − h·u)) / 2h. */
export type DirectionalCheck = Verdict;

export interface GradcheckResult {
  /** No entry failed (kinks do not fail the check) and, in fast mode, the directional check did not fail. */
  passed: boolean;
  mode: 'full' | 'fast';
  reference: Reference;
  eps: number;
  atol: number;
  rtol: number;
  maxAbsError: number;
  maxRelError: number;
  /** Checked entries, worst first (FAIL, then kink, then pass; larger error first). */
  entries: GradcheckEntry[];
  /** Entries over all leaves. */
  totalEntries: number;
  counts: { pass: number; fail: number; kink: number };
  /** Fast mode only. */
  directional?: DirectionalCheck;
  /** A failed check: the first op node whose own VJP disagrees with its forward, if one does. */
  wrongNode?: LocalisedNode;
  /** A failed check: op nodes checked alone while looking for `wrongNode` (all of them when none was found). */
  nodesChecked?: number;
  /** Entries that qualified for a diagnosis beyond `maxDiagnosed` and got none. */
  undiagnosed: number;
  /** Forward evaluations spent. */
  evaluations: number;
  cancelled: boolean;
}

export interface SweepPoint {
  h: number;
  numeric: number;
  /** |numeric − analytic|. */
  absError: number;
  /** |Richardson extrapolation started at h − analytic|, when the sweep was asked for it. */
  richardsonError?: number;
  /** |complex-step derivative with step h − analytic|, when asked for and the graph is analytic. */
  complexError?: number;
}
