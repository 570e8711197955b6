// softmax and log_softmax along one axis (default −1), shifted by the row maximum so large inputs
// do not overflow. Each row is a run of `length` entries `inner` apart.
import { allocateEntries } from '../buffers';
import { Attrs, OpDef } from '../op';
import { Tensor } from '../tensor';
import { normalizeAxis, numberAttr } from './checks';
import { AxisSplit, splitAtAxis } from './strided';

function layout(x: Tensor, attrs: Attrs, what: string): AxisSplit {
  if (x.rank === 0) { return { outer: 1, length: 1, inner: 1 }; }
  const axis = attrs.axis === null ? -1 : numberAttr(attrs.axis, -1, `${what} axis`);
  return splitAtAxis(x.shape, normalizeAxis(axis, x.rank, what));
}

/** Calls visit(start, stride) for every row along the axis. */
function forEachRow({ outer, length, inner }: AxisSplit, visit: (start: number, stride: number) => void): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) { visit(o * length * inner + i, inner); }
  }
}

/** log Σ e^x over one row, shifted by the row maximum (0 when that is infinite). */
function rowLogSumExp(xd: Float64Array, start: number, stride: number, length: number): number {
  let m = -Infinity;
  for (let j = 0, p = start; j < length; j++, p += stride) { if (xd[p] > m || Number.isNaN(xd[p])) { m = xd[p]; } }
  const shift = Number.isFinite(m) ? m : 0;
  let s = 0;
  for (let j = 0, p = start; j < length; j++, p += stride) { s += Math.exp(xd[p] - shift); }
  return Math.log(s) + shift;
}

function axisLabel(name: string, attrs: Attrs): string {
  return attrs.axis === undefined || attrs.axis === -1 ? name : `${name}(axis=${String(attrs.axis)})`;
}

const softmax: OpDef = {
  name: 'softmax',
  arity: 1,
  label: attrs => axisLabel('softmax', attrs),
  forward: ([x], attrs) => {
    const split = layout(x, attrs, 'softmax');
    const xd = x.data, out = allocateEntries(x.size);
    forEachRow(split, (start, stride) => {
      const lse = rowLogSumExp(xd, start, stride, split.length);
      for (let j = 0, p = start; j < split.length; j++, p += stride) { out[p] = Math.exp(xd[p] - lse); }
    });
    return new Tensor(x.shape, out);
  },
  // dx = y ⊙ (g − Σ g ⊙ y) along the axis.
  vjp: ({ inputs: [x], output, grad, attrs }) => {
    const split = layout(x, attrs, 'softmax');
    const yd = output.data, gd = grad.data, out = allocateEntries(x.size);
    forEachRow(split, (start, stride) => {
      let dot = 0;
      for (let j = 0, p = start; j < split.length; j++, p += stride) { dot += gd[p] * yd[p]; }
      for (let j = 0, p = start; j < split.length; j++, p += stride) { out[p] = yd[p] * (gd[p] - dot); }
    });
    return [new Tensor(x.shape, out)];
  },
};

const logSoftmax: OpDef = {
  name: 'log_softmax',
  arity: 1,
  label: attrs => axisLabel('log_softmax', attrs),
  forward: ([x], attrs) => {
    const split = layout(x, attrs, 'log_softmax');
    const xd = x.data, out = allocateEntries(x.size);
    forEachRow(split, (start, stride) => {
      const lse = rowLogSumExp(xd, start, stride, split.length);
      for (let j = 0, p = start; j < split.length; j++, p += stride) { out[p] = xd[p] - lse; }
    });
    return new Tensor(x.shape, out);
  },
  // dx = g − e^y · Σ g along the axis.
  vjp: ({ inputs: [x], output, grad, attrs }) => {
    const split = layout(x, attrs, 'log_softmax');
    const yd = output.data, gd = grad.data, out = allocateEntries(x.size);
    forEachRow(split, (start, stride) => {
      let total = 0;
      for (let j = 0, p = start; j < split.length; j++, p += stride) { total += gd[p]; }
      for (let j = 0, p = start; j < split.length; j++, p += stride) { out[p] = gd[p] - Math.exp(yd[p]) * total; }
    });
    return [new Tensor(x.shape, out)];
  },
};

export const softmaxOps: readonly OpDef[] = [softmax, logSoftmax];
