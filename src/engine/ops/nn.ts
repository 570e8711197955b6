// Neural-network ops used by model files: 2-D convolution, max and average pooling (NCHW), constant
// padding and gather with constant indices. Each VJP mirrors its forward loop, scattering instead
// of gathering; convolution runs as im2col and matrix products.
import { Attrs, AttrValue, OpDef } from '../op';
import { Shape, Tensor, shapeToString, sizeOf, stridesOf } from '../tensor';
import { checkSize, shapeError } from './checks';
import { gemmAccumulate } from './gemm';
import { scratch } from './scratch';

/** Integer list attribute (pads, strides, indices), with a default. */
export function intList(v: AttrValue | undefined, fallback: readonly number[]): number[] {
  if (v === undefined || v === null) { return [...fallback]; }
  if (!Array.isArray(v) || !v.every(x => typeof x === 'number' && Number.isInteger(x))) {
    throw shapeError(`expected a list of integers, found ${JSON.stringify(v)}`);
  }
  return v as number[];
}

export function intAttr(v: AttrValue | undefined, fallback: number): number {
  if (v === undefined || v === null) { return fallback; }
  if (typeof v !== 'number' || !Number.isInteger(v)) { throw shapeError(`expected an integer, found ${JSON.stringify(v)}`); }
  return v;
}

/** The geometry shared by convolution and pooling along the two spatial axes. */
interface Window2d {
  readonly kernel: readonly [number, number];
  /** [top, left, bottom, right]. */
  readonly pads: readonly [number, number, number, number];
  readonly strides: readonly [number, number];
  readonly dilations: readonly [number, number];
  readonly out: readonly [number, number];
}

function window2d(attrs: Attrs, kernel: readonly number[], inH: number, inW: number, ceil: boolean): Window2d {
  const pads = intList(attrs.pads, [0, 0, 0, 0]);
  const strides = intList(attrs.strides, [1, 1]);
  const dilations = intList(attrs.dilations, [1, 1]);
  if (kernel.length !== 2 || pads.length !== 4 || strides.length !== 2 || dilations.length !== 2) {
    throw shapeError('2-D window needs kernel [kH, kW], pads [top, left, bottom, right], strides and dilations of 2');
  }
  if (![...kernel, ...strides, ...dilations].every(v => v >= 1) || !pads.every(v => v >= 0)) {
    throw shapeError(`invalid window: kernel ${kernel}, pads ${pads}, strides ${strides}, dilations ${dilations}`);
  }
  const outDim = (size: number, k: number, padBegin: number, padEnd: number, s: number, d: number): number => {
    const span = size + padBegin + padEnd - d * (k - 1) - 1;
    if (span < 0) { throw shapeError(`window of ${k} (dilation ${d}) is larger than the padded input of ${size + padBegin + padEnd}`); }
    let n = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
    // PyTorch's rule: with ceil_mode the last window must start inside the input or left padding.
    if (ceil && (n - 1) * s >= size + padBegin) { n--; }
    return n;
  };
  return {
    kernel: [kernel[0], kernel[1]],
    pads: [pads[0], pads[1], pads[2], pads[3]],
    strides: [strides[0], strides[1]],
    dilations: [dilations[0], dilations[1]],
    out: [outDim(inH, kernel[0], pads[0], pads[2], strides[0], dilations[0]), outDim(inW, kernel[1], pads[1], pads[3], strides[1], dilations[1])],
  };
}

export function expectRank(t: Tensor, rank: number, what: string): void {
  if (t.rank !== rank) { throw shapeError(`${what} must have rank ${rank}, got shape ${shapeToString(t.shape)}`); }
}

// ---- conv2d: x (N, C, H, W), w (M, C/group, kH, kW) → (N, M, oH, oW) ----

export interface ConvGeometry extends Window2d {
  readonly n: number; readonly c: number; readonly h: number; readonly w: number;
  readonly m: number; readonly group: number; readonly cPerGroup: number; readonly mPerGroup: number;
}

function convGeometry(x: Tensor, w: Tensor, attrs: Attrs): ConvGeometry {
  expectRank(x, 4, 'conv2d input');
  expectRank(w, 4, 'conv2d weight');
  return convGeometryOf(x.shape, w.shape, attrs, 'conv2d');
}

/** The geometry of a convolution of an input of shape xShape (N, C, H, W) by a weight (M, C/group, kH, kW). */
export function convGeometryOf(xShape: Shape, wShape: Shape, attrs: Attrs, what: string): ConvGeometry {
  const [n, c, h, wd] = xShape;
  const [m, cPerGroup, kH, kW] = wShape;
  const group = intAttr(attrs.group, 1);
  if (group < 1 || c % group !== 0 || m % group !== 0 || c / group !== cPerGroup) {
    throw shapeError(`${what}: input ${shapeToString(xShape)} and weight ${shapeToString(wShape)} do not match with group ${group}`);
  }
  const win = window2d(attrs, [kH, kW], h, wd, false);
  checkSize([n, m, win.out[0], win.out[1]]);
  return { ...win, n, c, h, w: wd, m, group, cPerGroup, mPerGroup: m / group };
}

/**
 * The numbers unfold, foldAdd and max pooling loop over, as small integers in one object shape. Read
 * from the geometry's arrays inside those loops, they deoptimized them again and again (a geometry
 * from another op, or an array of another element kind, is a new map), and the unoptimized loops
 * boxed every entry they copied: tens of megabytes of garbage per ResNet step.
 */
interface WindowNumbers {
  readonly channels: number; readonly h: number; readonly w: number;
  readonly kH: number; readonly kW: number; readonly oH: number; readonly oW: number;
  readonly sH: number; readonly sW: number; readonly dH: number; readonly dW: number; readonly pT: number; readonly pL: number;
}

/** The numbers of a window over h×w planes, `channels` of them (a group's input channels, or every pooled plane). */
function windowNumbers(g: Window2d & { readonly h: number; readonly w: number }, channels: number): WindowNumbers {
  return {
    channels: channels | 0, h: g.h | 0, w: g.w | 0,
    kH: g.kernel[0] | 0, kW: g.kernel[1] | 0, oH: g.out[0] | 0, oW: g.out[1] | 0,
    sH: g.strides[0] | 0, sW: g.strides[1] | 0, dH: g.dilations[0] | 0, dW: g.dilations[1] | 0, pT: g.pads[0] | 0, pL: g.pads[1] | 0,
  };
}

/**
 * im2col for one image and group: row (ci, kh, kw), column (oh, ow) holds the input entry that
 * weight tap meets at that output position (0 in the padding). The convolution is then one matrix
 * product per image and group, with the fast kernel of matmul. unfold and foldAdd spell out the
 * same loop nest: a shared visitor callback made them several times slower.
 */
export function unfold(x: Float64Array, inBase: number, g: ConvGeometry, cols: Float64Array): void {
  unfoldWindow(x, inBase, windowNumbers(g, g.cPerGroup), cols);
}

function unfoldWindow(x: Float64Array, inBase: number, win: WindowNumbers, cols: Float64Array): void {
  const { channels, h, w, kH, kW, oH, oW, sH, sW, dH, dW, pT, pL } = win;
  let col = 0;
  for (let ci = 0; ci < channels; ci++) {
    const plane = inBase + ci * h * w;
    for (let kh = 0; kh < kH; kh++) {
      for (let kw = 0; kw < kW; kw++) {
        for (let oh = 0; oh < oH; oh++) {
          const ih = oh * sH - pT + kh * dH;
          if (ih < 0 || ih >= h) {
            cols.fill(0, col, col + oW);
            col += oW;
            continue;
          }
          const row = plane + ih * w;
          for (let ow = 0; ow < oW; ow++) {
            const iw = ow * sW - pL + kw * dW;
            cols[col++] = iw >= 0 && iw < w ? x[row + iw] : 0;
          }
        }
      }
    }
  }
}

/** The adjoint of unfold: each column entry is added back to the input entry it was copied from. */
export function foldAdd(cols: Float64Array, dx: Float64Array, inBase: number, g: ConvGeometry): void {
  foldAddWindow(cols, dx, inBase, windowNumbers(g, g.cPerGroup));
}

function foldAddWindow(cols: Float64Array, dx: Float64Array, inBase: number, win: WindowNumbers): void {
  const { channels, h, w, kH, kW, oH, oW, sH, sW, dH, dW, pT, pL } = win;
  let col = 0;
  for (let ci = 0; ci < channels; ci++) {
    const plane = inBase + ci * h * w;
    for (let kh = 0; kh < kH; kh++) {
      for (let kw = 0; kw < kW; kw++) {
        for (let oh = 0; oh < oH; oh++) {
          const ih = oh * sH - pT + kh * dH;
          if (ih < 0 || ih >= h) {
            col += oW;
            continue;
          }
          const row = plane + ih * w;
          for (let ow = 0; ow < oW; ow++, col++) {
            const iw = ow * sW - pL + kw * dW;
            if (iw >= 0 && iw < w) { dx[row + iw] += cols[col]; }
          }
        }
      }
    }
  }
}

/** Calls body(image, group, input offset, output offset) for each image and group. */
export function eachImageGroup(g: ConvGeometry, body: (inBase: number, outBase: number, weightBase: number, group: number) => void): void {
  const positions = g.out[0] * g.out[1];
  const taps = g.cPerGroup * g.kernel[0] * g.kernel[1];
  for (let b = 0; b < g.n; b++) {
    for (let grp = 0; grp < g.group; grp++) {
      body((b * g.c + grp * g.cPerGroup) * g.h * g.w, (b * g.m + grp * g.mPerGroup) * positions, grp * g.mPerGroup * taps, grp);
    }
  }
}

const conv2d: OpDef = {
  name: 'conv2d',
  arity: 2,
  label: attrs => intAttr(attrs.group, 1) > 1 ? `conv2d(group=${intAttr(attrs.group, 1)})` : 'conv2d',
  forward: ([x, w], attrs) => {
    const g = convGeometry(x, w, attrs);
    const positions = g.out[0] * g.out[1];
    const taps = g.cPerGroup * g.kernel[0] * g.kernel[1];
    const out = new Tensor([g.n, g.m, g.out[0], g.out[1]]);
    const cols = scratch('columns', taps * positions);
    eachImageGroup(g, (inBase, outBase, weightBase) => {
      unfold(x.data, inBase, g, cols);
      gemmAccumulate(w.data, weightBase, cols, 0, out.data, outBase, g.mPerGroup, taps, positions);
    });
    return out;
  },
  // The output and the unfolded columns it is computed from.
  resultEntries: ([x, w], attrs) => {
    const g = convGeometry(x, w, attrs);
    const positions = g.out[0] * g.out[1];
    return g.n * g.m * positions + g.cPerGroup * g.kernel[0] * g.kernel[1] * positions;
  },
  // dW_g += G · colsᵀ and dcols = W_gᵀ · G, folded back onto dx.
  vjp: ({ inputs: [x, w], grad, attrs }) => {
    const g = convGeometry(x, w, attrs);
    const positions = g.out[0] * g.out[1];
    const taps = g.cPerGroup * g.kernel[0] * g.kernel[1];
    const dx = new Tensor(x.shape);
    const dw = new Tensor(w.shape);
    const cols = scratch('columns', taps * positions);
    const dcols = scratch('column-gradients', taps * positions);
    eachImageGroup(g, (inBase, outBase, weightBase) => {
      unfold(x.data, inBase, g, cols);
      gemmAccumulate(grad.data, outBase, cols, 0, dw.data, weightBase, g.mPerGroup, positions, taps, 'nt');
      dcols.fill(0, 0, taps * positions);
      gemmAccumulate(w.data, weightBase, grad.data, outBase, dcols, 0, taps, g.mPerGroup, positions, 'tn');
      foldAdd(dcols, dx.data, inBase, g);
    });
    return [dx, dw];
  },
};

// ---- pooling: x (N, C, H, W) → (N, C, oH, oW) ----

interface PoolGeometry extends Window2d {
  readonly planes: number; readonly h: number; readonly w: number;
}

function poolGeometry(x: Tensor, attrs: Attrs): PoolGeometry {
  expectRank(x, 4, 'pooling input');
  const [n, c, h, w] = x.shape;
  const win = window2d(attrs, intList(attrs.kernel, []), h, w, attrs.ceil_mode === true || attrs.ceil_mode === 1);
  checkSize([n, c, win.out[0], win.out[1]]);
  return { ...win, planes: n * c, h, w };
}

function pooledShape(x: Tensor, g: PoolGeometry): Shape {
  return [x.shape[0], x.shape[1], g.out[0], g.out[1]];
}

/** Flat input index of each output's maximum (−1 when its window holds no input entry). */
function maxPoolArgmax(x: Tensor, g: PoolGeometry): Int32Array {
  return argmaxOfWindows(x.data, windowNumbers(g, g.planes));
}

function argmaxOfWindows(xd: Float64Array, win: WindowNumbers): Int32Array {
  const { channels, h, w, kH, kW, oH, oW, sH, sW, dH, dW, pT, pL } = win;
  const arg = new Int32Array(channels * oH * oW);
  let k = 0;
  for (let p = 0; p < channels; p++) {
    const base = p * h * w;
    for (let oh = 0; oh < oH; oh++) {
      for (let ow = 0; ow < oW; ow++) {
        let best = -1;
        for (let kh = 0; kh < kH; kh++) {
          const ih = oh * sH - pT + kh * dH;
          if (ih < 0 || ih >= h) { continue; }
          for (let kw = 0; kw < kW; kw++) {
            const iw = ow * sW - pL + kw * dW;
            if (iw < 0 || iw >= w) { continue; }
            const idx = base + ih * w + iw;
            if (best < 0 || xd[idx] > xd[best] || Number.isNaN(xd[idx])) { best = idx; }
          }
        }
        arg[k++] = best;
      }
    }
  }
  return arg;
}

const maxpool2d: OpDef = {
  name: 'maxpool2d',
  arity: 1,
  label: attrs => `maxpool(${intList(attrs.kernel, []).join('×')})`,
  forward: ([x], attrs) => {
    const g = poolGeometry(x, attrs);
    const arg = maxPoolArgmax(x, g);
    const out = new Tensor(pooledShape(x, g));
    for (let i = 0; i < arg.length; i++) { out.data[i] = arg[i] < 0 ? -Infinity : x.data[arg[i]]; }
    return out;
  },
  resultEntries: ([x], attrs) => sizeOf(pooledShape(x, poolGeometry(x, attrs))),
  vjp: ({ inputs: [x], grad, attrs }) => {
    const arg = maxPoolArgmax(x, poolGeometry(x, attrs));
    const dx = new Tensor(x.shape);
    for (let i = 0; i < arg.length; i++) { if (arg[i] >= 0) { dx.data[arg[i]] += grad.data[i]; } }
    return [dx];
  },
  branch: ([x], attrs) => maxPoolArgmax(x, poolGeometry(x, attrs)),
};

/**
 * For each output of an average pool: its input taps and the divisor. PyTorch's rule: with
 * count_include_pad the divisor counts padded positions but not the overhang of a ceil_mode window.
 */
function eachAvgWindow(g: PoolGeometry, includePad: boolean, visit: (outIdx: number, taps: readonly number[], divisor: number) => void): void {
  const [kH, kW] = g.kernel;
  const [oH, oW] = g.out;
  const [sH, sW] = g.strides;
  const [pT, pL, pB, pR] = g.pads;
  const taps: number[] = [];
  let k = 0;
  for (let p = 0; p < g.planes; p++) {
    const base = p * g.h * g.w;
    for (let oh = 0; oh < oH; oh++) {
      const h0 = oh * sH - pT;
      const hEndPadded = Math.min(h0 + kH, g.h + pB);
      for (let ow = 0; ow < oW; ow++) {
        const w0 = ow * sW - pL;
        const wEndPadded = Math.min(w0 + kW, g.w + pR);
        taps.length = 0;
        for (let ih = Math.max(h0, 0); ih < Math.min(h0 + kH, g.h); ih++) {
          for (let iw = Math.max(w0, 0); iw < Math.min(w0 + kW, g.w); iw++) { taps.push(base + ih * g.w + iw); }
        }
        const divisor = includePad ? (hEndPadded - h0) * (wEndPadded - w0) : taps.length;
        visit(k++, taps, divisor);
      }
    }
  }
}

function avgPoolGeometry(x: Tensor, attrs: Attrs): PoolGeometry {
  const g = poolGeometry(x, attrs);
  if (g.dilations[0] !== 1 || g.dilations[1] !== 1) { throw shapeError('avgpool2d does not support dilations'); }
  return g;
}

const includesPad = (attrs: Attrs): boolean => attrs.count_include_pad === true || attrs.count_include_pad === 1;

const avgpool2d: OpDef = {
  name: 'avgpool2d',
  arity: 1,
  label: attrs => `avgpool(${intList(attrs.kernel, []).join('×')})`,
  forward: ([x], attrs) => {
    const g = avgPoolGeometry(x, attrs);
    const out = new Tensor(pooledShape(x, g));
    eachAvgWindow(g, includesPad(attrs), (oi, taps, divisor) => {
      let s = 0;
      for (const t of taps) { s += x.data[t]; }
      out.data[oi] = divisor > 0 ? s / divisor : 0;
    });
    return out;
  },
  resultEntries: ([x], attrs) => sizeOf(pooledShape(x, avgPoolGeometry(x, attrs))),
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

// ---- pad (constant): ONNX layout [begin_0 … begin_{r-1}, end_0 … end_{r-1}]; negative crops ----

/** For each output entry, the flat input index it copies, or −1 for padding. */
function padSource(inShape: Shape, pads: readonly number[]): { shape: number[]; source: Int32Array } {
  const r = inShape.length;
  if (pads.length !== 2 * r) { throw shapeError(`pad: ${pads.length} pads for a tensor of rank ${r}, expected ${2 * r}`); }
  const shape = inShape.map((d, i) => d + pads[i] + pads[i + r]);
  if (shape.some(d => d < 0)) { throw shapeError(`pad: pads ${pads} crop ${shapeToString(inShape)} below zero`); }
  checkSize(shape);
  const inStrides = stridesOf(inShape);
  const source = new Int32Array(sizeOf(shape));
  const idx = new Array<number>(r).fill(0);
  for (let k = 0; k < source.length; k++) {
    let flat = 0;
    for (let d = 0; d < r && flat >= 0; d++) {
      const i = idx[d] - pads[d];
      flat = i < 0 || i >= inShape[d] ? -1 : flat + i * inStrides[d];
    }
    source[k] = flat;
    for (let d = r - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) { break; }
      idx[d] = 0;
    }
  }
  return { shape, source };
}

/** Entries after padding, from the pads alone (padSource would allocate its index first). */
function paddedEntries(inShape: Shape, pads: readonly number[]): number {
  const r = inShape.length;
  return inShape.reduce((n, d, i) => n * Math.max(0, d + (pads[i] ?? 0) + (pads[i + r] ?? 0)), 1);
}

const pad: OpDef = {
  name: 'pad',
  arity: 1,
  label: () => 'pad',
  forward: ([x], attrs) => {
    const { shape, source } = padSource(x.shape, intList(attrs.pads, []));
    const fill = typeof attrs.value === 'number' ? attrs.value : 0;
    const out = new Tensor(shape);
    for (let k = 0; k < source.length; k++) { out.data[k] = source[k] < 0 ? fill : x.data[source[k]]; }
    return out;
  },
  resultEntries: ([x], attrs) => paddedEntries(x.shape, intList(attrs.pads, [])),
  vjp: ({ inputs: [x], grad, attrs }) => {
    const { source } = padSource(x.shape, intList(attrs.pads, []));
    const dx = new Tensor(x.shape);
    for (let k = 0; k < source.length; k++) { if (source[k] >= 0) { dx.data[source[k]] += grad.data[k]; } }
    return [dx];
  },
};

// ---- gather: constant integer indices along one axis (NumPy take) ----

function gatherPlan(x: Tensor, attrs: Attrs): { shape: number[]; outer: number; inner: number; axisLen: number; indices: number[] } {
  const axis0 = intAttr(attrs.axis, 0);
  const axis = axis0 < 0 ? axis0 + x.rank : axis0;
  if (axis < 0 || axis >= x.rank) { throw shapeError(`gather: axis ${axis0} out of range for shape ${shapeToString(x.shape)}`); }
  const axisLen = x.shape[axis];
  const indices = intList(attrs.indices, []).map(i => {
    if (i < -axisLen || i >= axisLen) { throw shapeError(`gather: index ${i} out of range for axis ${axis} of size ${axisLen}`); }
    return i < 0 ? i + axisLen : i;
  });
  const indexShape = intList(attrs.indicesShape, [indices.length]);
  if (sizeOf(indexShape) !== indices.length) { throw shapeError(`gather: ${indices.length} indices do not fit shape ${shapeToString(indexShape)}`); }
  const shape = [...x.shape.slice(0, axis), ...indexShape, ...x.shape.slice(axis + 1)];
  checkSize(shape);
  return { shape, outer: sizeOf(x.shape.slice(0, axis)), inner: sizeOf(x.shape.slice(axis + 1)), axisLen, indices };
}

const gather: OpDef = {
  name: 'gather',
  arity: 1,
  label: attrs => `gather(axis=${intAttr(attrs.axis, 0)})`,
  forward: ([x], attrs) => {
    const p = gatherPlan(x, attrs);
    const out = new Tensor(p.shape);
    let k = 0;
    for (let o = 0; o < p.outer; o++) {
      for (const i of p.indices) {
        const src = (o * p.axisLen + i) * p.inner;
        for (let j = 0; j < p.inner; j++) { out.data[k++] = x.data[src + j]; }
      }
    }
    return out;
  },
  resultEntries: ([x], attrs) => sizeOf(gatherPlan(x, attrs).shape),
  vjp: ({ inputs: [x], grad, attrs }) => {
    const p = gatherPlan(x, attrs);
    const dx = new Tensor(x.shape);
    let k = 0;
    for (let o = 0; o < p.outer; o++) {
      for (const i of p.indices) {
        const dst = (o * p.axisLen + i) * p.inner;
        for (let j = 0; j < p.inner; j++) { dx.data[dst + j] += grad.data[k++]; }
      }
    }
    return [dx];
  },
};

export const nnOps: readonly OpDef[] = [conv2d, maxpool2d, avgpool2d, pad, gather];
