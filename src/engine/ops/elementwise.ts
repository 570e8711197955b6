// Binary elementwise ops with NumPy broadcasting. Each VJP computes the local partial derivatives
// on the broadcast shape, scales them by the adjoint, and sums broadcast dimensions back
// (sumToShape) so each gradient has its input's shape.
import { allocateEntries } from '../buffers';
import { OpDef, Precedence } from '../op';
import { Tensor, sumToShape, zipBroadcast } from '../tensor';
import { addTensors, divTensors, divisorGradient, fitsInto, isScalarValue, mulTensors, squareTensor, subTensors } from './binary-kernels';
import { broadcastPair } from './checks';

type Binary = (x: number, y: number) => number;

function broadcastMap(name: string, a: Tensor, b: Tensor, f: Binary): Tensor {
  broadcastPair(a.shape, b.shape, name);
  return zipBroadcast(a, b, f);
}

/** The op's own loop (binary-kernels.ts), after the shapes are checked with the op's name. */
function checked(name: string, a: Tensor, b: Tensor, kernel: (a: Tensor, b: Tensor) => Tensor): Tensor {
  broadcastPair(a.shape, b.shape, name);
  return kernel(a, b);
}

/** grad · ∂f/∂input, reduced to the input's shape. */
function scaledPartial(a: Tensor, b: Tensor, grad: Tensor, partial: Binary, shapeOf: Tensor): Tensor {
  const local = zipBroadcast(a, b, partial);
  const ld = local.data, gd = grad.data;
  for (let i = 0; i < ld.length; i++) { ld[i] *= gd[i]; }
  return sumToShape(local, shapeOf.shape);
}

function negated(t: Tensor): Tensor {
  const out = allocateEntries(t.size);
  for (let i = 0; i < out.length; i++) { out[i] = -t.data[i]; }
  return new Tensor(t.shape, out);
}

const add: OpDef = {
  name: 'add',
  arity: 2,
  label: () => '+',
  forward: ([a, b]) => checked('add', a, b, addTensors),
  vjp: ({ inputs: [a, b], grad }) => [sumToShape(grad, a.shape), sumToShape(grad, b.shape)],
  written: { text: ([a, b]) => `${a} + ${b}`, latex: ([a, b]) => `${a} + ${b}`, precedence: Precedence.Sum },
};

const sub: OpDef = {
  name: 'sub',
  arity: 2,
  label: () => '-',
  forward: ([a, b]) => checked('sub', a, b, subTensors),
  vjp: ({ inputs: [a, b], grad }) => [sumToShape(grad, a.shape), sumToShape(negated(grad), b.shape)],
  written: { text: ([a, b]) => `${a} - ${b}`, latex: ([a, b]) => `${a} - ${b}`, precedence: Precedence.Sum },
};

export const mul: OpDef = {
  name: 'mul',
  arity: 2,
  label: () => '*',
  forward: ([a, b]) => checked('mul', a, b, mulTensors),
  vjp: ({ inputs: [a, b], grad }) => [sumToShape(mulTensors(grad, b), a.shape), sumToShape(mulTensors(grad, a), b.shape)],
  written: { text: ([a, b]) => `${a} * ${b}`, latex: ([a, b]) => `${a} \\cdot ${b}`, precedence: Precedence.Product },
};

const div: OpDef = {
  name: 'div',
  arity: 2,
  label: () => '/',
  forward: ([a, b]) => checked('div', a, b, divTensors),
  vjp: ({ inputs: [a, b], grad }) => [sumToShape(divTensors(grad, b), a.shape), sumToShape(divisorGradient(a, b, grad), b.shape)],
  written: { text: ([a, b]) => `${a} / ${b}`, latex: ([a, b]) => `\\frac{${a}}{${b}}`, precedence: Precedence.Product },
};

/** C's pow: JS's Math.pow gives NaN for 1^±∞ and (−1)^±∞, where C (and PyTorch) give 1. */
export function power(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) { return 1; }
  return Math.pow(x, y);
}

function isSquare(a: Tensor, b: Tensor): boolean {
  return isScalarValue(b, 2) && fitsInto(b.shape, a.shape);
}

/** (2·x^1)·g, as the general formula computes it for y = 2 (x^1 is x). */
function squareGradient(a: Tensor, grad: Tensor): Tensor {
  const x = a.data, g = grad.data, out = allocateEntries(x.length);
  for (let i = 0; i < out.length; i++) { out[i] = 2 * x[i] * g[i]; }
  return new Tensor(a.shape, out);
}

/** Σ (x^2·ln x)·g, as the general formula computes it for y = 2 (0 where x = 0; x^2 is x·x, and 1 at x = 1). */
function squareExponentGradient(a: Tensor, b: Tensor, grad: Tensor): Tensor {
  const x = a.data, g = grad.data;
  let total = 0;
  for (let i = 0; i < x.length; i++) { total += (x[i] === 0 ? 0 : x[i] * x[i] * Math.log(x[i])) * g[i]; }
  return new Tensor(b.shape, Float64Array.of(total));
}

/** A base that already carries a superscript (e^{x}) is braced: a double superscript is not LaTeX. */
function braceSuperscripted(base: string): string {
  return base.includes('^') ? `{${base}}` : base;
}

const pow: OpDef = {
  name: 'pow',
  arity: 2,
  label: () => '^',
  // The square (LayerNorm's variance as exported) in its own loop: x·x is what Math.pow gives.
  forward: ([a, b]) => (isSquare(a, b) ? squareTensor(a) : broadcastMap('pow', a, b, power)),
  // PyTorch's pow_backward_self / pow_backward_exponent: ∂/∂x is 0 where y = 0 (so 0^0 has a finite
  // slope), and ∂/∂y is 0 where x = 0 and y ≥ 0 (where x^y·ln x would be 0·(−∞)); for x < 0 it is
  // x^y·ln x = NaN, as in PyTorch.
  vjp: ({ inputs: [a, b], grad }) => [
    isSquare(a, b) ? squareGradient(a, grad) : scaledPartial(a, b, grad, (x, y) => (y === 0 ? 0 : y * power(x, y - 1)), a),
    isSquare(a, b) ? squareExponentGradient(a, b, grad) : scaledPartial(a, b, grad, (x, y) => (x === 0 && y >= 0 ? 0 : power(x, y) * Math.log(x)), b),
  ],
  written: { text: ([a, b]) => `${a}^${b}`, latex: ([a, b]) => `${braceSuperscripted(a)}^{${b}}`, precedence: Precedence.Power },
};

function compare(x: number, y: number): number {
  return x > y ? 1 : x < y ? -1 : 0;
}

/**
 * Elementwise maximum (sign 1) or minimum (sign −1). On a tie the adjoint is split half and half,
 * as torch.maximum / torch.minimum do (derivatives.yaml: where(self == other, grad / 2, grad)):
 * the mean of the two one-sided derivatives, so the central difference agrees at exact ties too.
 */
function extremum(name: 'maximum' | 'minimum', sign: 1 | -1): OpDef {
  const pick: Binary = sign === 1 ? (x, y) => (x >= y || Number.isNaN(x) ? x : y) : (x, y) => (x <= y || Number.isNaN(x) ? x : y);
  const share = (mine: number, other: number): number => {
    const c = compare(mine, other) * sign;
    return c > 0 ? 1 : c < 0 ? 0 : mine === other ? 0.5 : 1;
  };
  const fn = name === 'maximum' ? 'max' : 'min';
  return {
    name,
    arity: 2,
    label: () => fn,
    forward: ([a, b]) => broadcastMap(name, a, b, (x, y) => (Number.isNaN(y) ? y : pick(x, y))),
    vjp: ({ inputs: [a, b], grad }) => [
      scaledPartial(a, b, grad, (x, y) => share(x, y), a),
      scaledPartial(a, b, grad, (x, y) => share(y, x), b),
    ],
    branch: ([a, b]) => zipBroadcast(a, b, compare).data,
    written: {
      text: ([a, b]) => `${fn}(${a}, ${b})`,
      latex: ([a, b]) => `\\${fn}(${a}, ${b})`,
      precedence: Precedence.Atom,
    },
  };
}

/**
 * PReLU: x where x > 0, slope·x elsewhere, the slope broadcast to x. At 0 the gradient is the
 * slope's side, as torch's prelu backward (x > 0 ? grad : slope·grad).
 */
const prelu: OpDef = {
  name: 'prelu',
  arity: 2,
  label: () => 'prelu',
  forward: ([x, slope]) => broadcastMap('prelu', x, slope, (v, a) => (v > 0 ? v : a * v)),
  vjp: ({ inputs: [x, slope], grad }) => [
    scaledPartial(x, slope, grad, (v, a) => (v > 0 ? 1 : a), x),
    scaledPartial(x, slope, grad, v => (v > 0 ? 0 : v), slope),
  ],
  branch: ([x, slope]) => zipBroadcast(x, slope, v => Math.sign(v)).data,
  written: { text: ([a, b]) => `prelu(${a}, ${b})`, latex: ([a, b]) => `\\operatorname{prelu}(${a}, ${b})`, precedence: Precedence.Atom },
};

export const elementwiseOps: readonly OpDef[] = [add, sub, mul, div, pow, extremum('maximum', 1), extremum('minimum', -1), prelu];
