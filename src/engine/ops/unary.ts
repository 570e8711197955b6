// Unary elementwise ops. Each is a forward f(x) and a local derivative f'(x) (given x and y = f(x),
// whichever is cheaper and closer to PyTorch's formula); the VJP is grad · f'(x).
import { allocateEntries } from '../buffers';
import { Attrs, OpDef, Precedence, WrittenForm } from '../op';
import { Tensor } from '../tensor';
import { numberAttr, optionalNumberAttr } from './checks';
import { erf, erfDerivative } from './erf';
import { UnaryLoops, erfLoops, reluLoops, sigmoid, sigmoidLoops, tanhLoops } from './unary-kernels';

type Scalar = (x: number) => number;
type Derivative = (x: number, y: number) => number;

function mapData(t: Tensor, f: Scalar): Tensor {
  const src = t.data;
  const out = allocateEntries(src.length);
  for (let i = 0; i < out.length; i++) { out[i] = f(src[i]); }
  return new Tensor(t.shape, out);
}

function chain(x: Tensor, y: Tensor, grad: Tensor, derivative: Derivative): Tensor {
  const xd = x.data, yd = y.data, gd = grad.data;
  const out = allocateEntries(xd.length);
  for (let i = 0; i < out.length; i++) { out[i] = gd[i] * derivative(xd[i], yd[i]); }
  return new Tensor(x.shape, out);
}

function signs(x: Tensor): Float64Array {
  const out = allocateEntries(x.size);
  for (let i = 0; i < out.length; i++) { out[i] = Math.sign(x.data[i]); }
  return out;
}

/** `name(a)` in text; in LaTeX `\cmd(a)`, or `\operatorname{name}(a)` when LaTeX has no command. */
function call(name: string, latexName = `\\operatorname{${name}}`): WrittenForm {
  return {
    text: ([a]) => `${name}(${a})`,
    latex: ([a]) => `${latexName}(${a})`,
    precedence: Precedence.Atom,
  };
}

interface UnarySpec {
  name: string;
  f: Scalar;
  derivative: Derivative;
  written: WrittenForm;
  kink?: boolean;
  /** The op's own loops (unary-kernels.ts), for the ops models run on every activation. */
  loops?: UnaryLoops;
}

function unary(spec: UnarySpec): OpDef {
  return {
    name: spec.name,
    arity: 1,
    label: () => spec.name,
    forward: ([x]) => (spec.loops ? spec.loops.forward(x) : mapData(x, spec.f)),
    vjp: ({ inputs: [x], output, grad }) => [spec.loops ? spec.loops.chain(x, output, grad) : chain(x, output, grad, spec.derivative)],
    ...(spec.kink ? { branch: ([x]: readonly Tensor[]) => signs(x) } : {}),
    written: spec.written,
  };
}

const simple: readonly OpDef[] = [
  unary({
    name: 'neg', f: x => -x, derivative: () => -1,
    written: { text: ([a]) => `-${a}`, latex: ([a]) => `-${a}`, precedence: Precedence.Unary },
  }),
  unary({
    name: 'exp', f: Math.exp, derivative: (_x, y) => y,
    written: { text: ([a]) => `exp(${a})`, latex: ([a]) => `e^{${a}}`, precedence: Precedence.Atom },
  }),
  unary({ name: 'log', f: Math.log, derivative: x => 1 / x, written: call('log', '\\log') }),
  unary({
    name: 'log1p', f: Math.log1p, derivative: x => 1 / (1 + x),
    written: { text: ([a]) => `log1p(${a})`, latex: ([a]) => `\\log(1 + ${a})`, precedence: Precedence.Atom },
  }),
  unary({
    name: 'sqrt', f: Math.sqrt, derivative: (_x, y) => 1 / (2 * y),
    written: { text: ([a]) => `sqrt(${a})`, latex: ([a]) => `\\sqrt{${a}}`, precedence: Precedence.Atom },
  }),
  // sign(x), 0 at 0 (PyTorch's abs backward is grad · sgn(x)).
  unary({
    name: 'abs', f: Math.abs, derivative: x => Math.sign(x), kink: true,
    written: { text: ([a]) => `abs(${a})`, latex: ([a]) => `\\left|${a}\\right|`, precedence: Precedence.Atom },
  }),
  unary({ name: 'sin', f: Math.sin, derivative: x => Math.cos(x), written: call('sin', '\\sin') }),
  unary({ name: 'cos', f: Math.cos, derivative: x => -Math.sin(x), written: call('cos', '\\cos') }),
  unary({ name: 'tan', f: Math.tan, derivative: (_x, y) => 1 + y * y, written: call('tan', '\\tan') }),
  unary({ name: 'asin', f: Math.asin, derivative: x => 1 / Math.sqrt(1 - x * x), written: call('asin', '\\arcsin') }),
  unary({ name: 'acos', f: Math.acos, derivative: x => -1 / Math.sqrt(1 - x * x), written: call('acos', '\\arccos') }),
  unary({ name: 'atan', f: Math.atan, derivative: x => 1 / (1 + x * x), written: call('atan', '\\arctan') }),
  unary({ name: 'sinh', f: Math.sinh, derivative: x => Math.cosh(x), written: call('sinh', '\\sinh') }),
  unary({ name: 'cosh', f: Math.cosh, derivative: x => Math.sinh(x), written: call('cosh', '\\cosh') }),
  unary({ name: 'tanh', f: Math.tanh, derivative: (_x, y) => 1 - y * y, written: call('tanh', '\\tanh'), loops: tanhLoops }),
  unary({ name: 'erf', f: erf, derivative: x => erfDerivative(x), written: call('erf', '\\operatorname{erf}'), loops: erfLoops }),
  unary({ name: 'sigmoid', f: sigmoid, derivative: (_x, y) => (1 - y) * y, written: call('sigmoid', '\\sigma'), loops: sigmoidLoops }),
  // 0 at 0, as PyTorch's threshold_backward (grad where the output is > 0).
  unary({ name: 'relu', f: x => (x > 0 || Number.isNaN(x) ? x : 0), derivative: (_x, y) => (y > 0 ? 1 : 0), kink: true, written: call('relu'), loops: reluLoops }),
];

function alphaOf(attrs: Attrs): number {
  return numberAttr(attrs.alpha, 0.01, 'leaky_relu alpha');
}

// Slope alpha at 0 itself, as PyTorch's leaky_relu_backward (x > 0 ? grad : grad · alpha).
const leakyRelu: OpDef = {
  name: 'leaky_relu',
  arity: 1,
  label: attrs => (attrs.alpha === undefined ? 'leaky_relu' : `leaky_relu(${alphaOf(attrs)})`),
  forward: ([x], attrs) => {
    const alpha = alphaOf(attrs);
    return mapData(x, v => (v > 0 ? v : v * alpha));
  },
  vjp: ({ inputs: [x], output, grad, attrs }) => {
    const alpha = alphaOf(attrs);
    return [chain(x, output, grad, v => (v > 0 ? 1 : alpha))];
  },
  branch: ([x]) => signs(x),
  written: {
    text: ([a], attrs) => (attrs.alpha === undefined ? `leaky_relu(${a})` : `leaky_relu(${a}, ${alphaOf(attrs)})`),
    latex: ([a], attrs) => (attrs.alpha === undefined ? `\\operatorname{leaky\\_relu}(${a})` : `\\operatorname{leaky\\_relu}(${a}, ${alphaOf(attrs)})`),
    precedence: Precedence.Atom,
  },
};

function softplusParams(attrs: Attrs): { beta: number; threshold: number } {
  return { beta: numberAttr(attrs.beta, 1, 'softplus beta'), threshold: numberAttr(attrs.threshold, 20, 'softplus threshold') };
}

function softplusArgs(a: string, attrs: Attrs): string {
  const { beta, threshold } = softplusParams(attrs);
  return a + (beta === 1 ? '' : `, beta=${beta}`) + (threshold === 20 ? '' : `, threshold=${threshold}`);
}

// torch.nn.functional.softplus: log(1 + e^{βx})/β, and x itself where βx > threshold.
const softplus: OpDef = {
  name: 'softplus',
  arity: 1,
  label: attrs => {
    const extra = softplusArgs('', attrs);
    return extra === '' ? 'softplus' : `softplus(${extra.slice(2)})`;
  },
  forward: ([x], attrs) => {
    const { beta, threshold } = softplusParams(attrs);
    return mapData(x, v => (v * beta > threshold ? v : Math.log1p(Math.exp(v * beta)) / beta));
  },
  vjp: ({ inputs: [x], output, grad, attrs }) => {
    const { beta, threshold } = softplusParams(attrs);
    return [chain(x, output, grad, v => {
      if (v * beta > threshold) { return 1; }
      const z = Math.exp(v * beta);
      return z / (z + 1);
    })];
  },
  written: {
    text: ([a], attrs) => `softplus(${softplusArgs(a, attrs)})`,
    latex: ([a], attrs) => `\\operatorname{softplus}(${softplusArgs(a, attrs)})`,
    precedence: Precedence.Atom,
  },
};

function eluParams(attrs: Attrs): { alpha: number; scale: number; inputScale: number } {
  return {
    alpha: numberAttr(attrs.alpha, 1, 'elu alpha'),
    scale: numberAttr(attrs.scale, 1, 'elu scale'),
    inputScale: numberAttr(attrs.input_scale, 1, 'elu input_scale'),
  };
}

function eluArgs(a: string, attrs: Attrs): string {
  const { alpha, scale, inputScale } = eluParams(attrs);
  return a + (alpha === 1 ? '' : `, alpha=${alpha}`) + (scale === 1 ? '' : `, scale=${scale}`) + (inputScale === 1 ? '' : `, input_scale=${inputScale}`);
}

// torch's elu family: scale·x for x > 0, scale·α·(e^(input_scale·x) − 1) otherwise; SELU and CELU
// are its (α, γ, 1) and (α, 1, 1/α). At 0 the gradient is the left one, as elu_backward takes it.
const elu: OpDef = {
  name: 'elu',
  arity: 1,
  label: attrs => {
    const extra = eluArgs('', attrs);
    return extra === '' ? 'elu' : `elu(${extra.slice(2)})`;
  },
  forward: ([x], attrs) => {
    const { alpha, scale, inputScale } = eluParams(attrs);
    return mapData(x, v => (v > 0 ? scale * v : scale * alpha * Math.expm1(v * inputScale)));
  },
  vjp: ({ inputs: [x], output, grad, attrs }) => {
    const { alpha, scale, inputScale } = eluParams(attrs);
    return [chain(x, output, grad, v => (v > 0 ? scale : scale * alpha * inputScale * Math.exp(v * inputScale)))];
  },
  branch: ([x]) => signs(x),
  written: {
    text: ([a], attrs) => `elu(${eluArgs(a, attrs)})`,
    latex: ([a], attrs) => `\\operatorname{elu}(${eluArgs(a, attrs)})`,
    precedence: Precedence.Atom,
  },
};

function clipBounds(attrs: Attrs): { lo: number; hi: number } {
  const lo = optionalNumberAttr(attrs.min, 'clip min');
  const hi = optionalNumberAttr(attrs.max, 'clip max');
  return { lo: lo ?? -Infinity, hi: hi ?? Infinity };
}

function clipArgs(a: string, attrs: Attrs): string {
  const show = (v: number | null): string => (v === null ? 'None' : String(v));
  return `${a}, ${show(optionalNumberAttr(attrs.min, 'clip min'))}, ${show(optionalNumberAttr(attrs.max, 'clip max'))}`;
}

/** Region of each entry: below (−2), at min (−1), strictly inside (0), at max (1), above (2). */
function clipRegion(v: number, lo: number, hi: number): number {
  if (v < lo) { return -2; }
  if (v === lo) { return -1; }
  if (v > hi) { return 2; }
  return v === hi ? 1 : 0;
}

// torch.clamp: min(max(x, min), max), NaN kept; gradient 1 on [min, max] boundaries included.
const clip: OpDef = {
  name: 'clip',
  arity: 1,
  label: attrs => `clip(${clipArgs('', attrs).slice(2)})`,
  forward: ([x], attrs) => {
    const { lo, hi } = clipBounds(attrs);
    return mapData(x, v => (v < lo ? Math.min(lo, hi) : v > hi ? hi : v));
  },
  vjp: ({ inputs: [x], output, grad, attrs }) => {
    const { lo, hi } = clipBounds(attrs);
    return [chain(x, output, grad, v => (v >= lo && v <= hi ? 1 : 0))];
  },
  branch: ([x], attrs) => {
    const { lo, hi } = clipBounds(attrs);
    return mapData(x, v => clipRegion(v, lo, hi)).data;
  },
  written: {
    text: ([a], attrs) => `clip(${clipArgs(a, attrs)})`,
    latex: ([a], attrs) => `\\operatorname{clip}(${clipArgs(a, attrs)})`,
    precedence: Precedence.Atom,
  },
};

export const unaryOps: readonly OpDef[] = [...simple, leakyRelu, softplus, elu, clip];
