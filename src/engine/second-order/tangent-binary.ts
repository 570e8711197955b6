// Tangent rules of the nonlinear binary elementwise ops (div, pow, maximum, minimum, prelu). Each
// works on the broadcast shape and folds broadcast dimensions back into each input's shape.
import { power } from '../ops/elementwise';
import { broadcastShapes, Tensor } from '../tensor';
import { reducedTo, spread } from './tangent-tensors';
import { CurvatureContext, TangentContext, TangentRule } from './tangent-rule';

/** The broadcast shape and every operand, tangent and adjoint spread to it (null tangents stay null). */
function spreadAll(ctx: TangentContext & { grad?: Tensor }): { a: Float64Array; b: Float64Array; ua: Float64Array | null; ub: Float64Array | null; g: Float64Array | null; size: number; shape: number[] } {
  const [a, b] = ctx.inputs, [ua, ub] = ctx.tangents;
  const shape = broadcastShapes(a.shape, b.shape);
  const size = shape.reduce((n, d) => n * d, 1);
  return {
    a: spread(a, shape), b: spread(b, shape), ua: ua ? spread(ua, shape) : null, ub: ub ? spread(ub, shape) : null,
    g: ctx.grad ? spread(ctx.grad, shape) : null, size, shape,
  };
}

/** The four partial derivatives of f(a, b) at one entry, first and second order. */
interface Partials { da: number; db: number; daa: number; dab: number; dbb: number }

/** A rule from f's partial derivatives: J·u = f_a·u_a + f_b·u_b; second order g·(f_aa·u_a + f_ab·u_b) and g·(f_ab·u_a + f_bb·u_b). */
function fromPartials(partials: (a: number, b: number) => Partials): TangentRule {
  return {
    jvp: ctx => {
      const s = spreadAll(ctx);
      const out = new Tensor(s.shape);
      for (let i = 0; i < s.size; i++) {
        const p = partials(s.a[i], s.b[i]);
        out.data[i] = (s.ua ? p.da * s.ua[i] : 0) + (s.ub ? p.db * s.ub[i] : 0);
      }
      return out;
    },
    curvature: (ctx: CurvatureContext) => {
      const s = spreadAll(ctx);
      const g = s.g as Float64Array;
      const at = (i: number): Partials => partials(s.a[i], s.b[i]);
      // Terms of a tangent that is null are skipped, not multiplied: f_ab may be NaN (log of a negative base).
      const termA = (i: number): number => { const p = at(i); return g[i] * ((s.ua ? p.daa * s.ua[i] : 0) + (s.ub ? p.dab * s.ub[i] : 0)); };
      const termB = (i: number): number => { const p = at(i); return g[i] * ((s.ua ? p.dab * s.ua[i] : 0) + (s.ub ? p.dbb * s.ub[i] : 0)); };
      return [reducedTo(ctx.inputs[0], s.shape, termA), reducedTo(ctx.inputs[1], s.shape, termB)];
    },
  };
}

/** a / b. */
const divide = fromPartials((a, b) => ({ da: 1 / b, db: -a / (b * b), daa: 0, dab: -1 / (b * b), dbb: (2 * a) / (b * b * b) }));

/**
 * a^b, with the VJP's conventions: ∂/∂a is 0 where b = 0 and ∂/∂b is 0 where a = 0 and b ≥ 0
 * (x^y·ln x would be 0·(−∞)); the second derivatives take the same zeros.
 */
const raise = fromPartials((a, b) => {
  const logA = Math.log(a);
  const baseZero = a === 0 && b >= 0;
  return {
    da: b === 0 ? 0 : b * power(a, b - 1),
    db: baseZero ? 0 : power(a, b) * logA,
    daa: b === 0 || b === 1 ? 0 : b * (b - 1) * power(a, b - 2),
    dab: baseZero ? 0 : power(a, b - 1) * (1 + b * logA),
    dbb: baseZero ? 0 : power(a, b) * logA * logA,
  };
});

/** How much of the adjoint goes to a: 1 where it wins, 0 where it loses, ½ on a tie (as the VJP splits it). */
function share(mine: number, other: number, sign: 1 | -1): number {
  const c = (mine > other ? 1 : mine < other ? -1 : 0) * sign;
  return c > 0 ? 1 : c < 0 ? 0 : mine === other ? 0.5 : 1;
}

/** maximum / minimum: the winner's tangent (the mean of both on a tie); piecewise linear, no second-order term. */
function extremum(sign: 1 | -1): TangentRule {
  return {
    jvp: ctx => {
      const s = spreadAll(ctx);
      const out = new Tensor(s.shape);
      for (let i = 0; i < s.size; i++) {
        out.data[i] = (s.ua ? share(s.a[i], s.b[i], sign) * s.ua[i] : 0) + (s.ub ? share(s.b[i], s.a[i], sign) * s.ub[i] : 0);
      }
      return out;
    },
  };
}

/** prelu(x, a) = x where x > 0, a·x elsewhere: bilinear on the negative side. */
const prelu = fromPartials((x, a) => (x > 0 ? { da: 1, db: 0, daa: 0, dab: 0, dbb: 0 } : { da: a, db: x, daa: 0, dab: 1, dbb: 0 }));

export const binaryTangentRules: readonly (readonly [string, TangentRule])[] = [
  ['div', divide],
  ['pow', raise],
  ['maximum', extremum(1)],
  ['minimum', extremum(-1)],
  ['prelu', prelu],
];
