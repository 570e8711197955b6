// The complex forward of each op the complex-step reference supports. A complex tensor is its real
// and imaginary parts; `im: null` is a real tensor. Linear ops act on both parts alike, bilinear
// ones (mul, matmul, conv) expand (a + ib)(c + id), elementwise analytic functions use
// complex-scalar.ts. Ops with a kink are not analytic and have no entry; neither have the few
// analytic ones without a complex form here (erf, asin, acos, atan, prod, softmax …).
import {
  Complex, complexCos, complexCosh, complexDiv, complexExp, complexLog, complexLog1p, complexPow, complexSigmoid,
  complexSin, complexSinh, complexSoftplus, complexSqrt, complexTan, complexTanh,
} from './complex-scalar';
import { Attrs, OpDef } from './op';
import { broadcastShapes, broadcastTo, sameShape, Tensor } from './tensor';

export interface ComplexTensor {
  re: Tensor;
  im: Tensor | null;
}

type ComplexRule = (inputs: readonly ComplexTensor[], attrs: Attrs, op: OpDef) => ComplexTensor;

/** Ops whose forward is linear in every input: the imaginary part goes through the same op. */
const LINEAR = ['add', 'sub', 'neg', 'sum', 'mean', 'transpose', 'reshape', 'broadcast_to', 'concat', 'stack', 'index', 'gather', 'gather_elements', 'cumsum', 'avgpool'];
/** Ops bilinear in their two inputs. */
const BILINEAR = ['mul', 'matmul', 'dot', 'conv', 'conv_transpose'];
const ELEMENTWISE: Readonly<Record<string, (z: Complex) => Complex>> = {
  exp: complexExp, log: complexLog, log1p: complexLog1p, sqrt: complexSqrt, sin: complexSin, cos: complexCos, tan: complexTan,
  sinh: complexSinh, cosh: complexCosh, tanh: complexTanh, sigmoid: complexSigmoid, softplus: complexSoftplus,
};
/** Ops not differentiable everywhere: a complex step through them means nothing. */
const NOT_ANALYTIC = new Set(['abs', 'relu', 'leaky_relu', 'prelu', 'elu', 'clip', 'maximum', 'minimum', 'max', 'min', 'maxpool']);

const RULES = new Map<string, ComplexRule>([
  ...LINEAR.map((name): [string, ComplexRule] => [name, linear]),
  ...BILINEAR.map((name): [string, ComplexRule] => [name, bilinear]),
  ...Object.entries(ELEMENTWISE).map(([name, f]): [string, ComplexRule] => [name, ([z]) => mapComplex(z, f)]),
  ['div', divide],
  ['pow', power],
  ['where', where],
]);

/** Every op name this file speaks of (with a complex forward, or refused as not analytic). */
export function complexTableOps(): string[] {
  return [...RULES.keys(), ...NOT_ANALYTIC];
}

/** Why `op` cannot be evaluated at a complex point, or undefined when it can. */
export function complexRefusal(op: string): string | undefined {
  if (NOT_ANALYTIC.has(op)) { return 'is not analytic (it has a kink)'; }
  return RULES.has(op) ? undefined : 'has no complex forward in the engine';
}

export function complexForward(op: OpDef, inputs: readonly ComplexTensor[], attrs: Attrs): ComplexTensor {
  const rule = RULES.get(op.name);
  if (!rule) { throw new Error(`op ${op.name} has no complex forward`); } // complexRefusal is asked first
  return rule(inputs, attrs, op);
}

function imaginaryOrZero(z: ComplexTensor): Tensor {
  return z.im ?? Tensor.zeros(z.re.shape);
}

function linear(inputs: readonly ComplexTensor[], attrs: Attrs, op: OpDef): ComplexTensor {
  const re = op.forward(inputs.map(z => z.re), attrs);
  return { re, im: inputs.every(z => z.im === null) ? null : op.forward(inputs.map(imaginaryOrZero), attrs) };
}

/** f(a + ib, c + id) = f(a, c) − f(b, d) + i(f(a, d) + f(b, c)), without the terms of an absent imaginary part. */
function bilinear([x, y]: readonly ComplexTensor[], attrs: Attrs, op: OpDef): ComplexTensor {
  const f = (p: Tensor, q: Tensor): Tensor => op.forward([p, q], attrs);
  const ac = f(x.re, y.re);
  const re = x.im && y.im ? combine(ac, f(x.im, y.im), -1) : ac;
  const ad = y.im ? f(x.re, y.im) : null, bc = x.im ? f(x.im, y.re) : null;
  const im = ad && bc ? combine(ad, bc, 1) : ad ?? bc;
  return { re, im };
}

/** p + sign·q in a new tensor: an op's result may share its buffer with an input. */
function combine(p: Tensor, q: Tensor, sign: 1 | -1): Tensor {
  const out = new Tensor(p.shape);
  for (let i = 0; i < out.size; i++) { out.data[i] = p.data[i] + sign * q.data[i]; }
  return out;
}

function divide([x, y]: readonly ComplexTensor[]): ComplexTensor {
  return zipComplex(x, y, complexDiv);
}

function power([x, y]: readonly ComplexTensor[]): ComplexTensor {
  return zipComplex(x, y, complexPow);
}

/** where(condition, a, b): the condition is read from its real part; a and b pass through. */
function where([condition, a, b]: readonly ComplexTensor[], attrs: Attrs, op: OpDef): ComplexTensor {
  const re = op.forward([condition.re, a.re, b.re], attrs);
  return { re, im: a.im === null && b.im === null ? null : op.forward([condition.re, imaginaryOrZero(a), imaginaryOrZero(b)], attrs) };
}

function mapComplex(z: ComplexTensor, f: (z: Complex) => Complex): ComplexTensor {
  const re = new Tensor(z.re.shape), im = new Tensor(z.re.shape);
  for (let i = 0; i < re.size; i++) {
    const [r, m] = f([z.re.data[i], z.im ? z.im.data[i] : 0]);
    re.data[i] = r;
    im.data[i] = m;
  }
  return { re, im };
}

/** An elementwise binary function, the two operands broadcast together (NumPy rules). */
function zipComplex(x: ComplexTensor, y: ComplexTensor, f: (a: Complex, b: Complex) => Complex): ComplexTensor {
  const shape = broadcastShapes(x.re.shape, y.re.shape);
  const spread = (t: Tensor | null): Tensor | null => (t === null || sameShape(t.shape, shape) ? t : broadcastTo(t, shape));
  const xr = spread(x.re) as Tensor, xi = spread(x.im), yr = spread(y.re) as Tensor, yi = spread(y.im);
  const re = new Tensor(shape), im = new Tensor(shape);
  for (let i = 0; i < re.size; i++) {
    const [r, m] = f([xr.data[i], xi ? xi.data[i] : 0], [yr.data[i], yi ? yi.data[i] : 0]);
    re.data[i] = r;
    im.data[i] = m;
  }
  return { re, im };
}
