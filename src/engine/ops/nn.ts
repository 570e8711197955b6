// Model ops beside the windowed ones (conv.ts, pooling.ts): constant padding and gather with
// constant indices. Each VJP mirrors its forward loop, scattering instead of gathering.
import { Attrs, OpDef } from '../op';
import { Shape, Tensor, shapeToString, sizeOf, stridesOf } from '../tensor';
import { checkSize, shapeError } from './checks';
import { intAttr, intList } from './window';

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

export const nnOps: readonly OpDef[] = [pad, gather];
