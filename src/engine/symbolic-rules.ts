// Symbolic derivative rules, one per op: the partial derivative of the op's output with respect to
// each input, as an expression in the inputs (and the output, where that reads better, as PyTorch's
// own formulas do: exp' = exp, tanh' = 1 − tanh², sigmoid' = σ(1 − σ)). Where an op has a kink the
// rule uses the same one-sided convention as the op's VJP, so the expression evaluates to the
// autograd gradient: relu' = [x > 0], abs' = sign(x), max splits ties in half.
import { Attrs } from './op';
import { Sym, SymBuilder } from './symbolic-expr';
import { numberAttr, optionalNumberAttr } from './ops/checks';

export interface RuleContext {
  readonly b: SymBuilder;
  /** The inputs, as expressions. */
  readonly args: readonly Sym[];
  /** The op's output, as an expression. */
  readonly out: Sym;
  readonly attrs: Attrs;
  /** The inputs' values at the point (for the tie and threshold cases that depend on them). */
  readonly values: readonly number[];
  /** Which inputs need a partial (constants do not). */
  readonly wanted: readonly boolean[];
}

/** ∂out/∂input for each input; null where no derivative is needed or exists. */
export type DerivativeRule = (ctx: RuleContext) => (Sym | null)[];

const unary = (partial: (ctx: RuleContext, x: Sym) => Sym): DerivativeRule => ctx => [partial(ctx, ctx.args[0])];
const identity: DerivativeRule = ctx => ctx.args.map(() => ctx.b.num(1));

/** d/dx of the extremum picked by `wins` (x > y for max), halved at ties as torch.maximum does. */
function extremum(wins: '>' | '<'): DerivativeRule {
  return ({ b, args: [x, y], values: [vx, vy] }) => {
    const first = b.iverson(wins, [x, y], [vx, vy]);
    const second = b.iverson(wins, [y, x], [vy, vx]);
    if (vx !== vy) { return [first, second]; }
    const halfTie = b.mul(b.num(0.5), b.iverson('=', [x, y], [vx, vy]));
    return [b.add(first, halfTie), b.add(second, halfTie)];
  };
}

/** 1 / sqrt(1 − x²). */
function inverseSineSlope(b: SymBuilder, x: Sym): Sym {
  return b.pow(b.sub(b.num(1), b.pow(x, b.num(2))), b.num(-0.5));
}

export const DERIVATIVE_RULES: ReadonlyMap<string, DerivativeRule> = new Map<string, DerivativeRule>([
  ['add', ({ b }) => [b.num(1), b.num(1)]],
  ['sub', ({ b }) => [b.num(1), b.num(-1)]],
  ['mul', ({ args: [x, y] }) => [y, x]],
  ['div', ({ b, args: [x, y] }) => [b.pow(y, b.num(-1)), b.neg(b.mul(x, b.pow(y, b.num(-2))))]],
  ['neg', unary(({ b }) => b.num(-1))],
  ['pow', ({ b, args: [x, y], out, wanted }) => [
    wanted[0] ? b.mul(y, b.pow(x, b.sub(y, b.num(1)))) : null,
    wanted[1] ? b.mul(out, b.apply('log', [x])) : null,
  ]],
  ['exp', ({ out }) => [out]],
  ['log', unary(({ b }, x) => b.pow(x, b.num(-1)))],
  ['log1p', unary(({ b }, x) => b.pow(b.add(b.num(1), x), b.num(-1)))],
  ['sqrt', ({ b, out }) => [b.scale(0.5, b.pow(out, b.num(-1)))]],
  ['abs', unary(({ b, values: [v] }, x) => b.sign(x, v))],
  ['sin', unary(({ b }, x) => b.apply('cos', [x]))],
  ['cos', unary(({ b }, x) => b.neg(b.apply('sin', [x])))],
  ['tan', ({ b, out }) => [b.add(b.num(1), b.pow(out, b.num(2)))]],
  ['asin', unary(({ b }, x) => inverseSineSlope(b, x))],
  ['acos', unary(({ b }, x) => b.neg(inverseSineSlope(b, x)))],
  ['atan', unary(({ b }, x) => b.pow(b.add(b.num(1), b.pow(x, b.num(2))), b.num(-1)))],
  ['sinh', unary(({ b }, x) => b.apply('cosh', [x]))],
  ['cosh', unary(({ b }, x) => b.apply('sinh', [x]))],
  ['tanh', ({ b, out }) => [b.sub(b.num(1), b.pow(out, b.num(2)))]],
  ['sigmoid', ({ b, out }) => [b.mul(out, b.sub(b.num(1), out))]],
  ['relu', unary(({ b, values: [v] }, x) => b.iverson('>', [x, b.num(0)], [v, 0]))],
  ['leaky_relu', unary(({ b, attrs, values: [v] }, x) => {
    const alpha = numberAttr(attrs.alpha, 0.01, 'leaky_relu alpha');
    return b.add(b.iverson('>', [x, b.num(0)], [v, 0]), b.scale(alpha, b.iverson('<=', [x, b.num(0)], [v, 0])));
  })],
  // σ(βx), and exactly 1 where βx is over the threshold (there softplus is x itself).
  ['softplus', unary(({ b, attrs, values: [v] }, x) => {
    const beta = numberAttr(attrs.beta, 1, 'softplus beta');
    const threshold = numberAttr(attrs.threshold, 20, 'softplus threshold');
    return v * beta > threshold ? b.num(1) : b.apply('sigmoid', [b.scale(beta, x)]);
  })],
  ['clip', unary(({ b, attrs, values: [v] }, x) => {
    const lo = optionalNumberAttr(attrs.min, 'clip min');
    const hi = optionalNumberAttr(attrs.max, 'clip max');
    if (lo !== null && hi !== null) { return b.iverson('between', [b.num(lo), x, b.num(hi)], [lo, v, hi]); }
    if (lo !== null) { return b.iverson('>=', [x, b.num(lo)], [v, lo]); }
    return hi !== null ? b.iverson('<=', [x, b.num(hi)], [v, hi]) : b.num(1);
  })],
  ['maximum', extremum('>')],
  ['minimum', extremum('<')],
  // On one-element tensors these ops pass their input through.
  ...['sum', 'mean', 'max', 'min', 'logsumexp', 'transpose', 'reshape', 'broadcast_to', 'index', 'concat', 'stack'].map(
    op => [op, identity] as [string, DerivativeRule]),
  ['softmax', ({ b }) => [b.num(0)]],
  ['log_softmax', ({ b }) => [b.num(0)]],
  ['matmul', ({ args: [x, y] }) => [y, x]],
  ['dot', ({ args: [x, y] }) => [y, x]],
]);

/** The op's output as an expression in its inputs. */
export function primalOf(b: SymBuilder, op: string, args: readonly Sym[], attrs: Attrs): Sym {
  switch (op) {
    case 'add': return b.add(args[0], args[1]);
    case 'sub': return b.sub(args[0], args[1]);
    case 'mul':
    case 'matmul':
    case 'dot': return b.mul(args[0], args[1]);
    case 'div': return b.div(args[0], args[1]);
    case 'neg': return b.neg(args[0]);
    case 'pow': return b.pow(args[0], args[1]);
    case 'softmax': return b.num(1);
    case 'log_softmax': return b.num(0);
    default:
      return PASS_THROUGH.has(op) ? args[0] : b.apply(op, args, attrs);
  }
}

const PASS_THROUGH = new Set(['sum', 'mean', 'max', 'min', 'logsumexp', 'transpose', 'reshape', 'broadcast_to', 'index', 'concat', 'stack']);
