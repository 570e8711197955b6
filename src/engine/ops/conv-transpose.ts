// 2-D transposed convolution, x (N, C, H, W) and w (C, M/group, kH, kW) → (N, M, oH, oW): the
// adjoint of conv2d with respect to its input. It reuses conv2d's im2col helpers with the roles
// swapped: the forward pass is conv2d's input-gradient (W_gᵀ·x folded back), and the VJP for x is
// conv2d's forward (W_g·unfold(G)), so both stay matrix products of the fast kernel.
import { Attrs, OpDef } from '../op';
import { Shape, Tensor, shapeToString } from '../tensor';
import { checkSize, shapeError } from './checks';
import { gemmAccumulate } from './gemm';
import { scratch } from './scratch';
import { ConvGeometry, convGeometryOf, eachImageGroup, expectRank, foldAdd, intAttr, intList, unfold } from './nn';

/** The output shape: per axis s·(in − 1) + output_padding + d·(k − 1) + 1 − pad_begin − pad_end. */
function transposedShape(x: Tensor, w: Tensor, attrs: Attrs): Shape {
  const pads = intList(attrs.pads, [0, 0, 0, 0]);
  const strides = intList(attrs.strides, [1, 1]);
  const dilations = intList(attrs.dilations, [1, 1]);
  const outputPadding = intList(attrs.output_padding, [0, 0]);
  if (pads.length !== 4 || strides.length !== 2 || dilations.length !== 2 || outputPadding.length !== 2) {
    throw shapeError('conv_transpose2d needs pads [top, left, bottom, right], and strides, dilations and output_padding of 2');
  }
  const group = intAttr(attrs.group, 1);
  if (group < 1 || w.shape[0] !== x.shape[1]) {
    throw shapeError(`conv_transpose2d: input ${shapeToString(x.shape)} and weight ${shapeToString(w.shape)} do not match with group ${group}`);
  }
  const spatial = [0, 1].map(d => {
    const s = strides[d], dil = dilations[d], k = w.shape[2 + d], extra = outputPadding[d];
    if (s < 1 || dil < 1 || pads[d] < 0 || pads[d + 2] < 0) { throw shapeError(`conv_transpose2d: invalid strides ${strides}, dilations ${dilations} or pads ${pads}`); }
    if (extra < 0 || extra >= Math.max(s, dil)) {
      throw shapeError(`conv_transpose2d: output_padding ${extra} must be at least 0 and smaller than the stride ${s} or the dilation ${dil}`);
    }
    const size = s * (x.shape[2 + d] - 1) + extra + dil * (k - 1) + 1 - pads[d] - pads[d + 2];
    if (size < 1) { throw shapeError(`conv_transpose2d: pads ${pads} leave no output along spatial axis ${d}`); }
    return size;
  });
  const shape = [x.shape[0], (w.shape[1] * group), spatial[0], spatial[1]];
  checkSize(shape);
  return shape;
}

/**
 * The geometry of the convolution this op is the adjoint of: its input has our output's shape and
 * its output positions are our input's (set directly, since output_padding ≥ stride would round up).
 */
function geometry(x: Tensor, w: Tensor, attrs: Attrs): ConvGeometry {
  expectRank(x, 4, 'conv_transpose2d input');
  expectRank(w, 4, 'conv_transpose2d weight');
  const g = convGeometryOf(transposedShape(x, w, attrs), w.shape, attrs, 'conv_transpose2d');
  return { ...g, out: [x.shape[2], x.shape[3]] };
}

const sizes = (g: ConvGeometry) => ({ positions: g.out[0] * g.out[1], taps: g.cPerGroup * g.kernel[0] * g.kernel[1] });

const convTranspose2d: OpDef = {
  name: 'conv_transpose2d',
  arity: 2,
  label: attrs => intAttr(attrs.group, 1) > 1 ? `conv_transpose2d(group=${intAttr(attrs.group, 1)})` : 'conv_transpose2d',
  // y_g = fold(W_gᵀ · x_g).
  forward: ([x, w], attrs) => {
    const g = geometry(x, w, attrs);
    const { positions, taps } = sizes(g);
    const out = new Tensor([g.n, g.c, g.h, g.w]);
    const cols = scratch('columns', taps * positions);
    eachImageGroup(g, (outBase, inBase, weightBase) => {
      cols.fill(0, 0, taps * positions);
      gemmAccumulate(w.data, weightBase, x.data, inBase, cols, 0, taps, g.mPerGroup, positions, 'tn');
      foldAdd(cols, out.data, outBase, g);
    });
    return out;
  },
  // The output and the columns it is folded from.
  resultEntries: ([x, w], attrs) => {
    const g = geometry(x, w, attrs);
    const { positions, taps } = sizes(g);
    return g.n * g.c * g.h * g.w + taps * positions;
  },
  // dx_g = W_g · unfold(G) and dW_g += x_g · unfold(G)ᵀ.
  vjp: ({ inputs: [x, w], grad, attrs }) => {
    const g = geometry(x, w, attrs);
    const { positions, taps } = sizes(g);
    const dx = new Tensor(x.shape);
    const dw = new Tensor(w.shape);
    const cols = scratch('columns', taps * positions);
    eachImageGroup(g, (gradBase, inBase, weightBase) => {
      unfold(grad.data, gradBase, g, cols);
      gemmAccumulate(w.data, weightBase, cols, 0, dx.data, inBase, g.mPerGroup, taps, positions);
      gemmAccumulate(x.data, inBase, cols, 0, dw.data, weightBase, g.mPerGroup, positions, taps, 'nt');
    });
    return [dx, dw];
  },
};

export const convTransposeOps: readonly OpDef[] = [convTranspose2d];
