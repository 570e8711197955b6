// Transposed convolution over 1, 2 or 3 spatial axes, x (N, C, D1, …) and w (C, M/group, k1, …) →
// (N, M, o1, …): the adjoint of conv with respect to its input. It reuses conv's im2col helpers with the roles
// swapped: the forward pass is conv's input-gradient (W_gᵀ·x folded back), and the VJP for x is
// conv's forward (W_g·unfold(G)), so both stay matrix products of the fast kernel.
import { Attrs, OpDef } from '../op';
import { Shape, Tensor, shapeToString } from '../tensor';
import { checkSize, shapeError } from './checks';
import { gemmAccumulate } from './gemm';
import { scratch } from './scratch';
import { ConvGeometry, convGeometryOf, eachImageGroup, foldAdd, unfold } from './conv';
import { MAX_SPATIAL_AXES, intAttr, intList, liftAxes, product, spatialAxesOf, spatialShape, windowAttrs } from './window';

/** The output shape: per axis s·(in − 1) + output_padding + d·(k − 1) + 1 − pad_begin − pad_end. */
function transposedShape(x: Tensor, w: Tensor, attrs: Attrs): Shape {
  const spatial = spatialAxesOf(x.shape, 'conv_transpose input');
  if (w.rank !== x.rank) { throw shapeError(`conv_transpose weight must have rank ${x.rank}, got shape ${shapeToString(w.shape)}`); }
  const { pads, strides, dilations } = windowAttrs(attrs, spatial, 'conv_transpose');
  const outputPadding = intList(attrs.output_padding, new Array<number>(spatial).fill(0));
  if (outputPadding.length !== spatial) { throw shapeError(`conv_transpose: output_padding needs ${spatial} entries`); }
  const group = intAttr(attrs.group, 1);
  if (group < 1 || w.shape[0] !== x.shape[1]) {
    throw shapeError(`conv_transpose: input ${shapeToString(x.shape)} and weight ${shapeToString(w.shape)} do not match with group ${group}`);
  }
  const size = liftAxes(x.shape.slice(2), 1), kernel = liftAxes(w.shape.slice(2), 1), extra = liftAxes(outputPadding, 0);
  const out = [0, 1, 2].map(a => {
    const s = strides[a], dil = dilations[a];
    if (extra[a] < 0 || extra[a] >= Math.max(s, dil)) {
      throw shapeError(`conv_transpose: output_padding ${extra[a]} must be at least 0 and smaller than the stride ${s} or the dilation ${dil}`);
    }
    const length = s * (size[a] - 1) + extra[a] + dil * (kernel[a] - 1) + 1 - pads[a] - pads[a + 3];
    if (length < 1) { throw shapeError(`conv_transpose: pads ${intList(attrs.pads, [])} leave no output along spatial axis ${a - (MAX_SPATIAL_AXES - spatial)}`); }
    return length;
  });
  const shape = [x.shape[0], w.shape[1] * group, ...out.slice(MAX_SPATIAL_AXES - spatial)];
  checkSize(shape);
  return shape;
}

/**
 * The geometry of the convolution this op is the adjoint of: its input has our output's shape and
 * its output positions are our input's (set directly, since output_padding ≥ stride would round up).
 */
function geometry(x: Tensor, w: Tensor, attrs: Attrs): ConvGeometry {
  const g = convGeometryOf(transposedShape(x, w, attrs), w.shape, attrs, 'conv_transpose');
  const out = liftAxes(x.shape.slice(2), 1);
  return { ...g, out, positions: product(out) };
}

const convTranspose: OpDef = {
  name: 'conv_transpose',
  arity: 2,
  label: attrs => intAttr(attrs.group, 1) > 1 ? `conv_transpose(group=${intAttr(attrs.group, 1)})` : 'conv_transpose',
  // y_g = fold(W_gᵀ · x_g).
  forward: ([x, w], attrs) => {
    const g = geometry(x, w, attrs);
    const { positions, taps } = g;
    const out = new Tensor([g.n, g.c, ...spatialShape(g, g.size)]);
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
    const { positions, taps } = g;
    return g.n * g.c * g.plane + taps * positions;
  },
  // dx_g = W_g · unfold(G) and dW_g += x_g · unfold(G)ᵀ.
  vjp: ({ inputs: [x, w], grad, attrs }) => {
    const g = geometry(x, w, attrs);
    const { positions, taps } = g;
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

export const convTransposeOps: readonly OpDef[] = [convTranspose];
