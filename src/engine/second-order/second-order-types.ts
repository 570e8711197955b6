// Result types of the second-order check (second-order-check.ts): Hessian-vector products against
// central differences of the gradient, the per-node forward-mode dot-product test, and the full
// Hessian of a small scalar function.
import { NodeId } from '../graph';

/** H·v from forward-over-reverse against (∇f(x + h·v) − ∇f(x − h·v)) / 2h, for one seeded random unit v. */
export interface HvpDirection {
  /** 0-based: the k-th direction drawn from the seed. */
  index: number;
  /** The step: eps·max(1, max |x|) over every leaf entry. */
  h: number;
  /** vᵀH·v from forward-over-reverse, and from the differences of gradients. */
  curvature: number;
  numericCurvature: number;
  /** Over the entries of H·v: |analytic − numeric|, and that over max(|analytic|, |numeric|). */
  maxAbsError: number;
  maxRelError: number;
  /** Every entry within atol + rtol·|numeric|. */
  passed: boolean;
  /** The entry with the largest error: leaf, multi-index and both values. */
  worst?: { leaf: string; index: number[]; analytic: number; numeric: number };
}

export interface HvpCheck {
  directions: HvpDirection[];
  passed: boolean;
  eps: number;
  atol: number;
  rtol: number;
}

/** One op node's dot-product test: uᵀ(Jᵀv) from its VJP against vᵀ(J·u) from its forward-mode rule. */
export interface JvpNodeCheck {
  node: NodeId;
  op: string;
  label: string;
  /** uᵀ(Jᵀv), summed over the inputs a leaf reaches. */
  reverse: number;
  /** vᵀ(J·u). */
  forward: number;
  absError: number;
  /** |reverse − forward| over Σ|terms| of both sums: rounding makes it about n·1e-16. */
  relError: number;
  passed: boolean;
  range?: { start: number; end: number };
  origin?: string;
}

export interface JvpCheck {
  nodes: JvpNodeCheck[];
  passed: boolean;
  /** The relative tolerance of the dot-product test. */
  tolerance: number;
}

/** The Hessian of a scalar function of few inputs, column by column from H·e_i. */
export interface HessianMatrix {
  /** One name per input entry: `x`, `W[0,1]`. */
  inputs: string[];
  /** rows[i][j] = ∂²f / ∂input_i ∂input_j. */
  rows: number[][];
  /** max |H − Hᵀ|: forward-over-reverse does not force symmetry, so this is a check of its own. */
  asymmetry: number;
}

export interface SecondOrderReport {
  hvp: HvpCheck;
  jvp: JvpCheck;
  /** Scalar outputs of at most MAX_HESSIAN_INPUTS input entries. */
  hessian?: HessianMatrix;
  /** Why there is no Hessian, when there is none. */
  hessianUnavailable?: string;
  /** Every direction and every node passed (the Hessian's asymmetry is reported, not judged). */
  passed: boolean;
}
