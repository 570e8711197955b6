// Tangent rules of the unary elementwise ops: f′ for the JVP and f″ for the second-order term,
// g·f″(x)·u. Each f′ here is written again rather than taken from the op's VJP, so the dot-product
// test compares two derivations. Conventions at kinks follow the VJPs (relu′(0) = 0, clip′ = 1 on
// its bounds), where f″ is 0.
import { Attrs } from '../op';
import { numberAttr, optionalNumberAttr } from '../ops/checks';
import { Tensor } from '../tensor';
import { TangentRule } from './tangent-rule';

/** A derivative at x, given y = f(x) too (whichever makes the formula shorter). */
type Derivative = (x: number, y: number) => number;

interface UnaryDerivatives {
  first: Derivative;
  second: Derivative;
}

const TWO_OVER_ROOT_PI = 2 / Math.sqrt(Math.PI);

function scaled(x: Tensor, y: Tensor, factor: Tensor, derivative: Derivative, u: Tensor): Tensor {
  const out = new Tensor(x.shape);
  for (let i = 0; i < out.size; i++) { out.data[i] = factor.data[i] * derivative(x.data[i], y.data[i]) * u.data[i]; }
  return out;
}

const ONES_LIKE = (x: Tensor): Tensor => Tensor.full(x.shape, 1);

function unaryRule(derivativesOf: (attrs: Attrs) => UnaryDerivatives): TangentRule {
  return {
    jvp: ({ inputs: [x], output, tangents: [u], attrs }) => scaled(x, output, ONES_LIKE(x), derivativesOf(attrs).first, u as Tensor),
    curvature: ({ inputs: [x], output, tangents: [u], grad, attrs }) => [u ? scaled(x, output, grad, derivativesOf(attrs).second, u) : null],
  };
}

const fixed = (first: Derivative, second: Derivative): TangentRule => unaryRule(() => ({ first, second }));
const ZERO: Derivative = () => 0;

function leakyRelu(attrs: Attrs): UnaryDerivatives {
  const alpha = numberAttr(attrs.alpha, 0.01, 'leaky_relu alpha');
  return { first: x => (x > 0 ? 1 : alpha), second: ZERO };
}

/** σ(βx) is softplus′; β·σ(βx)(1 − σ(βx)) its f″; both 1 and 0 where βx is over the threshold. */
function softplus(attrs: Attrs): UnaryDerivatives {
  const beta = numberAttr(attrs.beta, 1, 'softplus beta'), threshold = numberAttr(attrs.threshold, 20, 'softplus threshold');
  const logistic = (x: number): number => 1 / (1 + Math.exp(-beta * x));
  return {
    first: x => (x * beta > threshold ? 1 : logistic(x)),
    second: x => (x * beta > threshold ? 0 : beta * logistic(x) * (1 - logistic(x))),
  };
}

function elu(attrs: Attrs): UnaryDerivatives {
  const alpha = numberAttr(attrs.alpha, 1, 'elu alpha'), scale = numberAttr(attrs.scale, 1, 'elu scale');
  const inputScale = numberAttr(attrs.input_scale, 1, 'elu input_scale');
  return {
    first: x => (x > 0 ? scale : scale * alpha * inputScale * Math.exp(x * inputScale)),
    second: x => (x > 0 ? 0 : scale * alpha * inputScale * inputScale * Math.exp(x * inputScale)),
  };
}

function clip(attrs: Attrs): UnaryDerivatives {
  const lo = optionalNumberAttr(attrs.min, 'clip min') ?? -Infinity, hi = optionalNumberAttr(attrs.max, 'clip max') ?? Infinity;
  return { first: x => (x >= lo && x <= hi ? 1 : 0), second: ZERO };
}

export const unaryTangentRules: readonly (readonly [string, TangentRule])[] = [
  ['neg', fixed(() => -1, ZERO)],
  ['exp', fixed((_x, y) => y, (_x, y) => y)],
  ['log', fixed(x => 1 / x, x => -1 / (x * x))],
  ['log1p', fixed(x => 1 / (1 + x), x => -1 / ((1 + x) * (1 + x)))],
  ['sqrt', fixed((_x, y) => 0.5 / y, (_x, y) => -0.25 / (y * y * y))],
  ['abs', fixed(x => Math.sign(x), ZERO)],
  ['sin', fixed(x => Math.cos(x), x => -Math.sin(x))],
  ['cos', fixed(x => -Math.sin(x), x => -Math.cos(x))],
  ['tan', fixed((_x, y) => 1 + y * y, (_x, y) => 2 * y * (1 + y * y))],
  ['asin', fixed(x => 1 / Math.sqrt(1 - x * x), x => x / Math.pow(1 - x * x, 1.5))],
  ['acos', fixed(x => -1 / Math.sqrt(1 - x * x), x => -x / Math.pow(1 - x * x, 1.5))],
  ['atan', fixed(x => 1 / (1 + x * x), x => (-2 * x) / ((1 + x * x) * (1 + x * x)))],
  ['sinh', fixed(x => Math.cosh(x), x => Math.sinh(x))],
  ['cosh', fixed(x => Math.sinh(x), x => Math.cosh(x))],
  ['tanh', fixed((_x, y) => 1 - y * y, (_x, y) => -2 * y * (1 - y * y))],
  ['erf', fixed(x => TWO_OVER_ROOT_PI * Math.exp(-x * x), x => -2 * x * TWO_OVER_ROOT_PI * Math.exp(-x * x))],
  ['sigmoid', fixed((_x, y) => y * (1 - y), (_x, y) => y * (1 - y) * (1 - 2 * y))],
  ['relu', fixed((_x, y) => (y > 0 ? 1 : 0), ZERO)],
  ['leaky_relu', unaryRule(leakyRelu)],
  ['softplus', unaryRule(softplus)],
  ['elu', unaryRule(elu)],
  ['clip', unaryRule(clip)],
];
