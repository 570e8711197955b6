// Forward mode and second order, per op: the tangent of an op's output (its JVP, J·u) and the
// second-order term of the tangent of its VJP. These rules are written apart from the op table's
// VJPs on purpose: the per-node dot-product test uᵀ(Jᵀv) = vᵀ(J·u) then checks one against the other.
import { Attrs } from '../op';
import { Tensor } from '../tensor';

export interface TangentContext {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  /** The tangent of each input, of its shape; null where it is zero (constants, inputs no leaf reaches). */
  readonly tangents: readonly (Tensor | null)[];
  readonly attrs: Attrs;
}

export interface CurvatureContext extends TangentContext {
  /** The adjoint of the output, d(result)/d(output), from the backward pass. */
  readonly grad: Tensor;
  /** The output's tangent, as this op's jvp gave it. */
  readonly outputTangent: Tensor;
}

export interface TangentRule {
  /** J·u: the output's tangent from the inputs' tangents (at least one is not null). */
  jvp(ctx: TangentContext): Tensor;
  /**
   * The part of the VJP's tangent that comes from moving the inputs with the adjoint held fixed,
   * (∂/∂x (Jᵀg))·u, per input (null: zero). Absent for ops linear (or piecewise linear) in their
   * inputs, where the VJP's tangent is the VJP of the adjoint's tangent alone.
   */
  curvature?(ctx: CurvatureContext): (Tensor | null)[];
}

const rules = new Map<string, TangentRule>();

export function registerTangentRules(entries: Iterable<readonly [string, TangentRule]>): void {
  for (const [name, rule] of entries) {
    if (rules.has(name)) { throw new Error(`tangent rule of ${name} defined twice`); }
    rules.set(name, rule);
  }
}

/**
 * Adds one op's rule and returns its removal. For tests: a deliberately wrong JVP or second-order
 * term is how the checks are shown to catch one.
 */
export function registerTangentRule(name: string, rule: TangentRule): () => void {
  registerTangentRules([[name, rule]]);
  return () => { rules.delete(name); };
}

export function tangentRule(op: string): TangentRule | undefined {
  return rules.get(op);
}

/** Every op with a rule, for the README's ops table and its test. */
export function opsWithTangentRules(): string[] {
  return [...rules.keys()];
}
