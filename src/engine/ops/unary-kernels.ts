// Own loops for the unary ops real models run on every activation (relu, erf of GELU, tanh,
// sigmoid). The shared loop of unary.ts calls f per entry: with many ops through it, that call is
// never inlined and boxes each result on the heap (the collector then ran every few milliseconds).
// Each loop here computes the same expression as the op's f and derivative, so values are the same
// to the bit.
import { allocateEntries } from '../buffers';
import { Tensor } from '../tensor';
import { erf, erfDerivative } from './erf';

/** An op's forward over every entry, and its VJP grad · f'(x, y). */
export interface UnaryLoops {
  forward(x: Tensor): Tensor;
  chain(x: Tensor, y: Tensor, grad: Tensor): Tensor;
}

const like = (t: Tensor): Float64Array => allocateEntries(t.size);

export const reluLoops: UnaryLoops = {
  forward: x => {
    const v = x.data, out = like(x);
    for (let i = 0; i < out.length; i++) { out[i] = v[i] > 0 || Number.isNaN(v[i]) ? v[i] : 0; }
    return new Tensor(x.shape, out);
  },
  chain: (x, y, grad) => {
    const v = y.data, g = grad.data, out = like(x);
    for (let i = 0; i < out.length; i++) { out[i] = g[i] * (v[i] > 0 ? 1 : 0); }
    return new Tensor(x.shape, out);
  },
};

export const erfLoops: UnaryLoops = {
  forward: x => {
    const v = x.data, out = like(x);
    for (let i = 0; i < out.length; i++) { out[i] = erf(v[i]); }
    return new Tensor(x.shape, out);
  },
  chain: (x, _y, grad) => {
    const v = x.data, g = grad.data, out = like(x);
    for (let i = 0; i < out.length; i++) { out[i] = g[i] * erfDerivative(v[i]); }
    return new Tensor(x.shape, out);
  },
};

export const tanhLoops: UnaryLoops = {
  forward: x => {
    const v = x.data, out = like(x);
    for (let i = 0; i < out.length; i++) { out[i] = Math.tanh(v[i]); }
    return new Tensor(x.shape, out);
  },
  chain: (x, y, grad) => {
    const v = y.data, g = grad.data, out = like(x);
    for (let i = 0; i < out.length; i++) { out[i] = g[i] * (1 - v[i] * v[i]); }
    return new Tensor(x.shape, out);
  },
};

/** 1/(1 + e^−x), or e^x/(1 + e^x) below 0 so that e^−x cannot overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) { return 1 / (1 + Math.exp(-x)); }
  const e = Math.exp(x);
  return e / (1 + e);
}

export const sigmoidLoops: UnaryLoops = {
  forward: x => {
    const v = x.data, out = like(x);
    for (let i = 0; i < out.length; i++) { out[i] = sigmoid(v[i]); }
    return new Tensor(x.shape, out);
  },
  chain: (x, y, grad) => {
    const v = y.data, g = grad.data, out = like(x);
    for (let i = 0; i < out.length; i++) { out[i] = g[i] * ((1 - v[i]) * v[i]); }
    return new Tensor(x.shape, out);
  },
};
