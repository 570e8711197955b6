// Max and average pooling over 1, 2 or 3 spatial axes: x (N, C, D1, …) → (N, C, o1, …), on the
// three-axis window of window.ts. Each VJP mirrors its forward loop, scattering instead of gathering.
import { Attrs, OpDef } from '../op';
import { Shape, Tensor, sizeOf } from '../tensor';
import { checkSize, shapeError } from './checks';
import { Window, WindowNumbers, intList, product, spatialAxesOf, spatialShape, windowNumbers, windowOf } from './window';

interface PoolGeometry extends Window {
  readonly planes: number;
  readonly plane: number;
  readonly shape: Shape;
}

function poolGeometry(x: Tensor, attrs: Attrs, what: string): PoolGeometry {
  spatialAxesOf(x.shape, `${what} input`);
  const [n, c] = x.shape;
  const win = windowOf(attrs, intList(attrs.kernel, []), x.shape.slice(2), attrs.ceil_mode === true || attrs.ceil_mode === 1, what);
  const shape = [n, c, ...spatialShape(win, win.out)];
  checkSize(shape);
  return { ...win, planes: n * c, plane: product(win.size), shape };
}

/** Flat input index of each output's maximum (−1 when its window holds no input entry). */
function maxPoolArgmax(x: Tensor, g: PoolGeometry): Int32Array {
  return argmaxOfWindows(x.data, windowNumbers(g, g.planes));
}

function argmaxOfWindows(xd: Float64Array, win: WindowNumbers): Int32Array {
  const { channels, plane, sizeD, sizeH, sizeW, kD, kH, kW, oD, oH, oW, sD, sH, sW, dD, dH, dW, pD, pH, pW } = win;
  const arg = new Int32Array(channels * oD * oH * oW);
  let k = 0;
  for (let p = 0; p < channels; p++) {
    const base = p * plane;
    for (let od = 0; od < oD; od++) {
      for (let oh = 0; oh < oH; oh++) {
        for (let ow = 0; ow < oW; ow++) {
          let best = -1;
          for (let kd = 0; kd < kD; kd++) {
            const id = od * sD - pD + kd * dD;
            if (id < 0 || id >= sizeD) { continue; }
            for (let kh = 0; kh < kH; kh++) {
              const ih = oh * sH - pH + kh * dH;
              if (ih < 0 || ih >= sizeH) { continue; }
              const row = base + (id * sizeH + ih) * sizeW;
              for (let kw = 0; kw < kW; kw++) {
                const iw = ow * sW - pW + kw * dW;
                if (iw < 0 || iw >= sizeW) { continue; }
                const idx = row + iw;
                if (best < 0 || xd[idx] > xd[best] || Number.isNaN(xd[idx])) { best = idx; }
              }
            }
          }
          arg[k++] = best;
        }
      }
    }
  }
  return arg;
}

const maxPoolGeometry = (x: Tensor, attrs: Attrs): PoolGeometry => poolGeometry(x, attrs, 'maxpool');

/**
 * ONNX MaxPool's Indices output: each maximum's flat index into x (N·C·D1·… entries, padding not
 * counted), row-major, or with `columnMajor` (storage_order 1) its spatial position counted with
 * the first spatial axis fastest, after the same N·C plane offset.
 */
export function maxPoolIndices(x: Tensor, attrs: Attrs, columnMajor: boolean): Tensor {
  const g = maxPoolGeometry(x, attrs);
  const arg = maxPoolArgmax(x, g);
  const spatial = x.shape.slice(2);
  const out = new Tensor(g.shape);
  for (let i = 0; i < arg.length; i++) {
    out.data[i] = columnMajor && arg[i] >= 0 ? columnMajorIndex(arg[i], g.plane, spatial) : arg[i];
  }
  return out;
}

/** A row-major flat index re-counted column-major within its plane (the spatial axes). */
function columnMajorIndex(rowMajor: number, plane: number, spatial: readonly number[]): number {
  let rest = rowMajor % plane, rowStride = plane, columnStride = 1, index = 0;
  for (const size of spatial) {
    rowStride /= size;
    const position = Math.floor(rest / rowStride);
    rest -= position * rowStride;
    index += position * columnStride;
    columnStride *= size;
  }
  return rowMajor - (rowMajor % plane) + index;
}

const maxpool: OpDef = {
  name: 'maxpool',
  arity: 1,
  label: attrs => `maxpool(${intList(attrs.kernel, []).join('×')})`,
  forward: ([x], attrs) => {
    const g = maxPoolGeometry(x, attrs);
    const arg = maxPoolArgmax(x, g);
    const out = new Tensor(g.shape);
    for (let i = 0; i < arg.length; i++) { out.data[i] = arg[i] < 0 ? -Infinity : x.data[arg[i]]; }
    return out;
  },
  resultEntries: ([x], attrs) => sizeOf(maxPoolGeometry(x, attrs).shape),
  vjp: ({ inputs: [x], grad, attrs }) => {
    const arg = maxPoolArgmax(x, maxPoolGeometry(x, attrs));
    const dx = new Tensor(x.shape);
    for (let i = 0; i < arg.length; i++) { if (arg[i] >= 0) { dx.data[arg[i]] += grad.data[i]; } }
    return [dx];
  },
  branch: ([x], attrs) => maxPoolArgmax(x, maxPoolGeometry(x, attrs)),
};

/** One axis of an average window: the input range it covers and its extent counted with padding. */
interface AxisSpan { readonly from: number; readonly to: number; readonly padded: number }

/**
 * Per axis and output position, the span of an average window. PyTorch's rule: with
 * count_include_pad the divisor counts padded positions but not the overhang of a ceil_mode window.
 */
function axisSpans(g: PoolGeometry, axis: number): AxisSpan[] {
  const size = g.size[axis], k = g.kernel[axis], s = g.strides[axis];
  return Array.from({ length: g.out[axis] }, (_, o) => {
    const start = o * s - g.pads[axis];
    return { from: Math.max(start, 0), to: Math.min(start + k, size), padded: Math.min(start + k, size + g.pads[axis + 3]) - start };
  });
}

/** For each output of an average pool: its input taps and the divisor. */
function eachAvgWindow(g: PoolGeometry, includePad: boolean, visit: (outIdx: number, taps: readonly number[], divisor: number) => void): void {
  const [spansD, spansH, spansW] = [0, 1, 2].map(a => axisSpans(g, a));
  const [, sizeH, sizeW] = g.size;
  const taps: number[] = [];
  let k = 0;
  for (let p = 0; p < g.planes; p++) {
    const base = p * g.plane;
    for (const d of spansD) {
      for (const h of spansH) {
        for (const w of spansW) {
          taps.length = 0;
          for (let id = d.from; id < d.to; id++) {
            for (let ih = h.from; ih < h.to; ih++) {
              const row = base + (id * sizeH + ih) * sizeW;
              for (let iw = w.from; iw < w.to; iw++) { taps.push(row + iw); }
            }
          }
          visit(k++, taps, includePad ? d.padded * h.padded * w.padded : taps.length);
        }
      }
    }
  }
}

function avgPoolGeometry(x: Tensor, attrs: Attrs): PoolGeometry {
  const g = poolGeometry(x, attrs, 'avgpool');
  if (g.dilations.some(d => d !== 1)) { throw shapeError('avgpool does not support dilations'); }
  return g;
}

const includesPad = (attrs: Attrs): boolean => attrs.count_include_pad === true || attrs.count_include_pad === 1;

const avgpool: OpDef = {
  name: 'avgpool',
  arity: 1,
  label: attrs => `avgpool(${intList(attrs.kernel, []).join('×')})`,
  forward: ([x], attrs) => {
    const g = avgPoolGeometry(x, attrs);
    const out = new Tensor(g.shape);
    eachAvgWindow(g, includesPad(attrs), (oi, taps, divisor) => {
      let s = 0;
      for (const t of taps) { s += x.data[t]; }
      out.data[oi] = divisor > 0 ? s / divisor : 0;
    });
    return out;
  },
  resultEntries: ([x], attrs) => sizeOf(avgPoolGeometry(x, attrs).shape),
  vjp: ({ inputs: [x], grad, attrs }) => {
    const g = avgPoolGeometry(x, attrs);
    const dx = new Tensor(x.shape);
    eachAvgWindow(g, includesPad(attrs), (oi, taps, divisor) => {
      if (divisor === 0) { return; }
      const share = grad.data[oi] / divisor;
      for (const t of taps) { dx.data[t] += share; }
    });
    return [dx];
  },
};

export const poolingOps: readonly OpDef[] = [maxpool, avgpool];
