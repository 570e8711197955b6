// Convolution over 1, 2 or 3 spatial axes: x (N, C, D1, …) and w (M, C/group, k1, …) → (N, M, o1, …),
// run as im2col and matrix products with the fast kernel of matmul. The window is the three-axis
// one of window.ts, so the same loops serve 1-D, 2-D and 3-D.
import { Attrs, OpDef } from '../op';
import { Shape, Tensor, shapeToString } from '../tensor';
import { checkSize, shapeError } from './checks';
import { gemmAccumulate } from './gemm';
import { scratch } from './scratch';
import { Window, WindowNumbers, intAttr, product, spatialAxesOf, spatialShape, windowNumbers, windowOf } from './window';

export interface ConvGeometry extends Window {
  readonly n: number; readonly c: number; readonly m: number;
  readonly group: number; readonly cPerGroup: number; readonly mPerGroup: number;
  /** Entries of one input channel, output positions of one output channel, taps of one column. */
  readonly plane: number; readonly positions: number; readonly taps: number;
}

/** The geometry of a convolution of an input of shape xShape (N, C, D1, …) by a weight (M, C/group, k1, …). */
export function convGeometryOf(xShape: Shape, wShape: Shape, attrs: Attrs, what: string): ConvGeometry {
  spatialAxesOf(xShape, `${what} input`);
  if (wShape.length !== xShape.length) { throw shapeError(`${what} weight must have rank ${xShape.length}, got shape ${shapeToString(wShape)}`); }
  const [n, c] = xShape;
  const [m, cPerGroup] = wShape;
  const group = intAttr(attrs.group, 1);
  if (group < 1 || c % group !== 0 || m % group !== 0 || c / group !== cPerGroup) {
    throw shapeError(`${what}: input ${shapeToString(xShape)} and weight ${shapeToString(wShape)} do not match with group ${group}`);
  }
  const win = windowOf(attrs, wShape.slice(2), xShape.slice(2), false, what);
  checkSize([n, m, ...spatialShape(win, win.out)]);
  return {
    ...win, n, c, m, group, cPerGroup, mPerGroup: m / group,
    plane: product(win.size), positions: product(win.out), taps: cPerGroup * product(win.kernel),
  };
}

/** The output shape (N, M, o1, …). */
export function convShape(g: ConvGeometry): number[] {
  return [g.n, g.m, ...spatialShape(g, g.out)];
}

/**
 * im2col for one image and group: row (ci, kd, kh, kw), column (od, oh, ow) holds the input entry
 * that weight tap meets at that output position (0 in the padding). The convolution is then one
 * matrix product per image and group. unfold and foldAdd spell out the same loop nest: a shared
 * visitor callback made them several times slower.
 */
export function unfold(x: Float64Array, inBase: number, g: ConvGeometry, cols: Float64Array): void {
  unfoldWindow(x, inBase, windowNumbers(g, g.cPerGroup), cols);
}

function unfoldWindow(x: Float64Array, inBase: number, win: WindowNumbers, cols: Float64Array): void {
  const { channels, plane: planeSize, sizeD, sizeH, sizeW, kD, kH, kW, oD, oH, oW, sD, sH, sW, dD, dH, dW, pD, pH, pW } = win;
  const slice = sizeH * sizeW, outSlice = oH * oW;
  let col = 0;
  for (let ci = 0; ci < channels; ci++) {
    const plane = inBase + ci * planeSize;
    for (let kd = 0; kd < kD; kd++) {
      for (let kh = 0; kh < kH; kh++) {
        for (let kw = 0; kw < kW; kw++) {
          for (let od = 0; od < oD; od++) {
            const id = od * sD - pD + kd * dD;
            if (id < 0 || id >= sizeD) {
              cols.fill(0, col, col + outSlice);
              col += outSlice;
              continue;
            }
            const depth = plane + id * slice;
            for (let oh = 0; oh < oH; oh++) {
              const ih = oh * sH - pH + kh * dH;
              if (ih < 0 || ih >= sizeH) {
                cols.fill(0, col, col + oW);
                col += oW;
                continue;
              }
              const row = depth + ih * sizeW;
              for (let ow = 0; ow < oW; ow++) {
                const iw = ow * sW - pW + kw * dW;
                cols[col++] = iw >= 0 && iw < sizeW ? x[row + iw] : 0;
              }
            }
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
  const { channels, plane: planeSize, sizeD, sizeH, sizeW, kD, kH, kW, oD, oH, oW, sD, sH, sW, dD, dH, dW, pD, pH, pW } = win;
  const slice = sizeH * sizeW, outSlice = oH * oW;
  let col = 0;
  for (let ci = 0; ci < channels; ci++) {
    const plane = inBase + ci * planeSize;
    for (let kd = 0; kd < kD; kd++) {
      for (let kh = 0; kh < kH; kh++) {
        for (let kw = 0; kw < kW; kw++) {
          for (let od = 0; od < oD; od++) {
            const id = od * sD - pD + kd * dD;
            if (id < 0 || id >= sizeD) {
              col += outSlice;
              continue;
            }
            const depth = plane + id * slice;
            for (let oh = 0; oh < oH; oh++) {
              const ih = oh * sH - pH + kh * dH;
              if (ih < 0 || ih >= sizeH) {
                col += oW;
                continue;
              }
              const row = depth + ih * sizeW;
              for (let ow = 0; ow < oW; ow++, col++) {
                const iw = ow * sW - pW + kw * dW;
                if (iw >= 0 && iw < sizeW) { dx[row + iw] += cols[col]; }
              }
            }
          }
        }
      }
    }
  }
}

/** Calls body(input offset, output offset, weight offset, group) for each image and group. */
export function eachImageGroup(g: ConvGeometry, body: (inBase: number, outBase: number, weightBase: number, group: number) => void): void {
  for (let b = 0; b < g.n; b++) {
    for (let grp = 0; grp < g.group; grp++) {
      body((b * g.c + grp * g.cPerGroup) * g.plane, (b * g.m + grp * g.mPerGroup) * g.positions, grp * g.mPerGroup * g.taps, grp);
    }
  }
}

const convGeometry = (x: Tensor, w: Tensor, attrs: Attrs): ConvGeometry => convGeometryOf(x.shape, w.shape, attrs, 'conv');

const conv: OpDef = {
  name: 'conv',
  arity: 2,
  label: attrs => intAttr(attrs.group, 1) > 1 ? `conv(group=${intAttr(attrs.group, 1)})` : 'conv',
  forward: ([x, w], attrs) => {
    const g = convGeometry(x, w, attrs);
    const out = new Tensor(convShape(g));
    const cols = scratch('columns', g.taps * g.positions);
    eachImageGroup(g, (inBase, outBase, weightBase) => {
      unfold(x.data, inBase, g, cols);
      gemmAccumulate(w.data, weightBase, cols, 0, out.data, outBase, g.mPerGroup, g.taps, g.positions);
    });
    return out;
  },
  // The output and the unfolded columns it is computed from.
  resultEntries: ([x, w], attrs) => {
    const g = convGeometry(x, w, attrs);
    return g.n * g.m * g.positions + g.taps * g.positions;
  },
  // dW_g += G · colsᵀ and dcols = W_gᵀ · G, folded back onto dx.
  vjp: ({ inputs: [x, w], grad, attrs }) => {
    const g = convGeometry(x, w, attrs);
    const { taps, positions } = g;
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

export const convOps: readonly OpDef[] = [conv];
