// Tangent rules of softmax, log_softmax, logsumexp, max / min reductions and max pooling.
import { Attrs } from '../op';
import { getOp } from '../ops';
import { normalizeAxis, numberAttr } from '../ops/checks';
import { planReduction } from '../ops/reduction-plan';
import { AxisSplit, splitAtAxis } from '../ops/strided';
import { Tensor } from '../tensor';
import { TangentRule } from './tangent-rule';

/** The rows softmax runs along (its axis, default −1), as the op lays them out. */
function rows(x: Tensor, attrs: Attrs, what: string): AxisSplit {
  if (x.rank === 0) { return { outer: 1, length: 1, inner: 1 }; }
  const axis = attrs.axis === null ? -1 : numberAttr(attrs.axis, -1, `${what} axis`);
  return splitAtAxis(x.shape, normalizeAxis(axis, x.rank, what));
}

/** visit(offsets of one row) for every row along the axis. */
function forEachRow({ outer, length, inner }: AxisSplit, visit: (at: (j: number) => number) => void): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const start = o * length * inner + i;
      visit(j => start + j * inner);
    }
  }
}

function rowDot(length: number, at: (j: number) => number, p: Float64Array, q: Float64Array): number {
  let total = 0;
  for (let j = 0; j < length; j++) { total += p[at(j)] * q[at(j)]; }
  return total;
}

/** ẏ = y ⊙ (u − ⟨y, u⟩) along each row. */
function softmaxTangent(x: Tensor, y: Tensor, u: Tensor, attrs: Attrs): Tensor {
  const split = rows(x, attrs, 'softmax'), out = new Tensor(x.shape);
  forEachRow(split, at => {
    const mean = rowDot(split.length, at, y.data, u.data);
    for (let j = 0; j < split.length; j++) { out.data[at(j)] = y.data[at(j)] * (u.data[at(j)] - mean); }
  });
  return out;
}

/** The VJP y ⊙ (g − ⟨g, y⟩) moved along ẏ with g fixed: ẏ ⊙ (g − ⟨g, y⟩) − y ⊙ ⟨g, ẏ⟩. */
const softmax: TangentRule = {
  jvp: ({ inputs: [x], output, tangents: [u], attrs }) => softmaxTangent(x, output, u as Tensor, attrs),
  curvature: ({ inputs: [x], output: y, outputTangent: dy, grad: g, attrs }) => {
    const split = rows(x, attrs, 'softmax'), out = new Tensor(x.shape);
    forEachRow(split, at => {
      const gy = rowDot(split.length, at, g.data, y.data), gdy = rowDot(split.length, at, g.data, dy.data);
      for (let j = 0; j < split.length; j++) {
        const p = at(j);
        out.data[p] = dy.data[p] * (g.data[p] - gy) - y.data[p] * gdy;
      }
    });
    return [out];
  },
};

/** log_softmax: ẏ = u − ⟨p, u⟩ with p = e^y; the VJP g − p·Σg moves by −ṗ·Σg, ṗ the softmax tangent. */
const logSoftmax: TangentRule = {
  jvp: ({ inputs: [x], output, tangents: [u], attrs }) => {
    const split = rows(x, attrs, 'log_softmax'), out = new Tensor(x.shape), ud = (u as Tensor).data;
    forEachRow(split, at => {
      let mean = 0;
      for (let j = 0; j < split.length; j++) { mean += Math.exp(output.data[at(j)]) * ud[at(j)]; }
      for (let j = 0; j < split.length; j++) { out.data[at(j)] = ud[at(j)] - mean; }
    });
    return out;
  },
  curvature: ({ inputs: [x], output, tangents: [u], grad: g, attrs }) => {
    const probabilities = new Tensor(x.shape, output.data.map(Math.exp));
    const moved = softmaxTangent(x, probabilities, u as Tensor, attrs);
    const split = rows(x, attrs, 'log_softmax'), out = new Tensor(x.shape);
    forEachRow(split, at => {
      let total = 0;
      for (let j = 0; j < split.length; j++) { total += g.data[at(j)]; }
      for (let j = 0; j < split.length; j++) { out.data[at(j)] = -moved.data[at(j)] * total; }
    });
    return [out];
  },
};

/** logsumexp: ẏ = Σ p ⊙ u over each reduced group, p = e^(x − y); the VJP g·p moves by g·p ⊙ (u − ẏ). */
const logsumexp: TangentRule = {
  jvp: ({ inputs: [x], output, tangents: [u], attrs }) => {
    const { target } = planReduction(x.shape, attrs, 'logsumexp');
    const out = new Tensor(output.shape), ud = (u as Tensor).data;
    for (let i = 0; i < x.size; i++) { out.data[target[i]] += Math.exp(x.data[i] - output.data[target[i]]) * ud[i]; }
    return out;
  },
  curvature: ({ inputs: [x], output, tangents: [u], outputTangent: dy, grad: g, attrs }) => {
    const { target } = planReduction(x.shape, attrs, 'logsumexp');
    const out = new Tensor(x.shape), ud = (u as Tensor).data;
    for (let i = 0; i < x.size; i++) {
      const o = target[i];
      out.data[i] = g.data[o] * Math.exp(x.data[i] - output.data[o]) * (ud[i] - dy.data[o]);
    }
    return [out];
  },
};

/** max / min over axes: the mean tangent of the entries equal to the extreme (the VJP splits ties evenly). */
const extremeReduction = (name: 'max' | 'min'): TangentRule => ({
  jvp: ({ inputs: [x], output, tangents: [u], attrs }) => {
    const { target } = planReduction(x.shape, attrs, name);
    const out = new Tensor(output.shape), ties = new Float64Array(output.size), ud = (u as Tensor).data;
    for (let i = 0; i < x.size; i++) {
      const o = target[i];
      if (x.data[i] === output.data[o]) { out.data[o] += ud[i]; ties[o]++; }
    }
    for (let o = 0; o < out.size; o++) { if (ties[o] > 0) { out.data[o] /= ties[o]; } }
    return out;
  },
});

/** maxpool: each output's tangent is the tangent at the entry the window took (its branch is that index; −1 for none). */
const maxpool: TangentRule = {
  jvp: ({ inputs, output, tangents: [u], attrs }) => {
    const op = getOp('maxpool');
    const taken = (op.branch as NonNullable<typeof op.branch>)(inputs, attrs, output);
    const out = new Tensor(output.shape), ud = (u as Tensor).data;
    for (let o = 0; o < out.size; o++) { out.data[o] = taken[o] >= 0 ? ud[taken[o]] : 0; }
    return out;
  },
};

export const reductionTangentRules: readonly (readonly [string, TangentRule])[] = [
  ['softmax', softmax],
  ['log_softmax', logSoftmax],
  ['logsumexp', logsumexp],
  ['max', extremeReduction('max')],
  ['min', extremeReduction('min')],
  ['maxpool', maxpool],
];
