// The shape of one entry of the op table (src/engine/ops.ts). An op is defined once: forward,
// vector-Jacobian product, where it has kinks, and how it is written.
import { Tensor } from './tensor';

/** Attribute values: JSON-like data (axes, shapes, index specs) or a tensor (ONNX constants). */
export type AttrValue = number | boolean | string | null | Tensor | readonly AttrValue[] | { readonly [key: string]: AttrValue };
export type Attrs = Readonly<Record<string, AttrValue | undefined>>;

export interface VjpContext {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  /** Adjoint of the output: d(result)/d(output), same shape as output. */
  readonly grad: Tensor;
  readonly attrs: Attrs;
}

/** Precedence of the written form, for parenthesising: higher binds tighter. */
export const enum Precedence {
  Sum = 1, // a + b, a - b
  Product = 2, // a * b, a / b, a @ b
  Unary = 3, // -a
  Power = 4, // a ^ b
  Atom = 5, // names, numbers, calls f(a)
}

export interface WrittenForm {
  /** How the op applied to already-written operands reads, in plain text (`a * b`, `exp(a)`). */
  text(args: readonly string[], attrs: Attrs): string;
  /** Same in LaTeX (`a \cdot b`, `e^{a}`). */
  latex(args: readonly string[], attrs: Attrs): string;
  precedence: Precedence;
}

export interface OpDef {
  readonly name: string;
  /** Number of tensor inputs, or 'variadic' (concat). */
  readonly arity: number | 'variadic';
  /** Graph label: '+', '*', 'exp', 'matmul', … (may show attributes: 'sum(axis=0)'). */
  label(attrs: Attrs): string;
  forward(inputs: readonly Tensor[], attrs: Attrs): Tensor;
  /**
   * Entries of the result (an upper bound), for ops whose result can outgrow their inputs broadcast
   * together (matmul, concat, pad, …): the memory budget is charged with it before forward runs.
   * Without it, the broadcast of the inputs' shapes is the bound.
   */
  resultEntries?(inputs: readonly Tensor[], attrs: Attrs): number;
  /**
   * Gradient with respect to each input, each of that input's shape; null for an input that has no
   * gradient (integer indices, shapes).
   */
  vjp(ctx: VjpContext): (Tensor | null)[];
  /**
   * Which branch each element took, for ops that are not differentiable everywhere (relu, abs, max,
   * min, clip, …). Two evaluations whose branch signatures differ straddle a kink.
   */
  branch?(inputs: readonly Tensor[], attrs: Attrs, output: Tensor): ArrayLike<number>;
  /** Written form, for symbolic derivatives and printing (scalar ops). */
  written?: WrittenForm;
}
