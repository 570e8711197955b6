// Ops that pick entries by a constant condition or constant indices, as ONNX models do for causal
// masks (Where), TopK values (gather_elements) and index assignment (scatter_nd). The condition
// and indices are not differentiated: they are attributes or a constant input.
import { allocateEntries } from '../buffers';
import { Attrs, OpDef } from '../op';
import { Shape, Tensor, broadcastTo, shapeToString, sizeOf, stridesOf, sumToShape, tryBroadcastShapes } from '../tensor';
import { checkSize, integerListAttr, normalizeAxis, numberAttr, shapeError } from './checks';

// ---- where(condition, x, y): x where the condition is non-zero, else y ----

function whereShape(inputs: readonly Tensor[]): number[] {
  const [c, x, y] = inputs;
  const shape = tryBroadcastShapes(c.shape, x.shape);
  const all = shape && tryBroadcastShapes(shape, y.shape);
  if (!all) { throw shapeError(`where: shapes ${shapeToString(c.shape)}, ${shapeToString(x.shape)} and ${shapeToString(y.shape)} cannot be broadcast together`); }
  checkSize(all);
  return all;
}

/** Entries of `a` where the broadcast condition holds and of `b` elsewhere (no arithmetic: −∞ stays put). */
function select(condition: Tensor, a: Tensor, b: Tensor, shape: Shape): Tensor {
  const c = broadcastTo(condition, shape).data, ad = broadcastTo(a, shape).data, bd = broadcastTo(b, shape).data;
  const out = allocateEntries(sizeOf(shape));
  for (let i = 0; i < out.length; i++) { out[i] = c[i] !== 0 ? ad[i] : bd[i]; }
  return new Tensor(shape, out);
}

const where: OpDef = {
  name: 'where',
  arity: 3,
  label: () => 'where',
  forward: inputs => select(inputs[0], inputs[1], inputs[2], whereShape(inputs)),
  vjp: ({ inputs: [c, x, y], grad }) => {
    const zero = Tensor.scalar(0);
    return [null, sumToShape(select(c, grad, zero, grad.shape), x.shape), sumToShape(select(c, zero, grad, grad.shape), y.shape)];
  },
};

// ---- gather_elements: out[p] = x[p with its axis coordinate replaced by indices[p]] ----

/** For each output entry, the flat offset of the x entry it takes. */
function elementSources(x: Tensor, attrs: Attrs): { shape: number[]; sources: Int32Array } {
  const axis = normalizeAxis(numberAttr(attrs.axis, 0, 'gather_elements axis'), x.rank, 'gather_elements');
  const indices = integerListAttr(attrs.indices, 'gather_elements indices');
  const shape = integerListAttr(attrs.indicesShape, 'gather_elements indicesShape');
  if (shape.length !== x.rank || sizeOf(shape) !== indices.length) {
    throw shapeError(`gather_elements: indices of shape ${shapeToString(shape)} (${indices.length} entries) for data of shape ${shapeToString(x.shape)}`);
  }
  const strides = stridesOf(x.shape), outStrides = stridesOf(shape);
  const length = x.shape[axis];
  const sources = new Int32Array(indices.length);
  for (let p = 0; p < indices.length; p++) {
    let rest = p, offset = 0;
    for (let d = 0; d < shape.length; d++) {
      const coordinate = Math.floor(rest / outStrides[d]);
      rest -= coordinate * outStrides[d];
      if (d !== axis && coordinate >= x.shape[d]) { throw shapeError(`gather_elements: indices of shape ${shapeToString(shape)} exceed data of shape ${shapeToString(x.shape)} on axis ${d}`); }
      offset += (d === axis ? 0 : coordinate) * strides[d];
    }
    const i = indices[p];
    if (i < -length || i >= length) { throw shapeError(`gather_elements: index ${i} out of range for axis ${axis} of size ${length}`); }
    sources[p] = offset + (i < 0 ? i + length : i) * strides[axis];
  }
  return { shape, sources };
}

const gatherElements: OpDef = {
  name: 'gather_elements',
  arity: 1,
  label: attrs => `gather_elements(axis=${numberAttr(attrs.axis, 0, 'gather_elements axis')})`,
  forward: ([x], attrs) => {
    const { shape, sources } = elementSources(x, attrs);
    const out = new Tensor(shape);
    for (let p = 0; p < sources.length; p++) { out.data[p] = x.data[sources[p]]; }
    return out;
  },
  resultEntries: (_inputs, attrs) => integerListAttr(attrs.indices, 'gather_elements indices').length,
  vjp: ({ inputs: [x], grad, attrs }) => {
    const { sources } = elementSources(x, attrs);
    const dx = new Tensor(x.shape);
    for (let p = 0; p < sources.length; p++) { dx.data[sources[p]] += grad.data[p]; }
    return [dx];
  },
};

// ---- scatter_nd(data, updates): data with the slices at index tuples replaced by updates ----

/** The flat start of each addressed slice of data, and the slice's length. */
function scatterSlices(data: Tensor, updates: Tensor, attrs: Attrs): { starts: number[]; slice: number } {
  const indices = integerListAttr(attrs.indices, 'scatter_nd indices');
  const indexShape = integerListAttr(attrs.indicesShape, 'scatter_nd indicesShape');
  const depth = indexShape[indexShape.length - 1] ?? 0;
  if (indexShape.length === 0 || depth > data.rank || sizeOf(indexShape) !== indices.length) {
    throw shapeError(`scatter_nd: indices of shape ${shapeToString(indexShape)} for data of shape ${shapeToString(data.shape)}`);
  }
  const expected = [...indexShape.slice(0, -1), ...data.shape.slice(depth)];
  if (expected.length !== updates.rank || expected.some((d, i) => d !== updates.shape[i])) {
    throw shapeError(`scatter_nd: updates of shape ${shapeToString(updates.shape)}, expected ${shapeToString(expected)}`);
  }
  const strides = stridesOf(data.shape);
  const starts: number[] = [];
  for (let t = 0; t < indices.length; t += depth) {
    let start = 0;
    for (let d = 0; d < depth; d++) {
      const i = indices[t + d], n = data.shape[d];
      if (i < -n || i >= n) { throw shapeError(`scatter_nd: index ${i} out of range for axis ${d} of size ${n}`); }
      start += (i < 0 ? i + n : i) * strides[d];
    }
    starts.push(start);
  }
  return { starts, slice: sizeOf(data.shape.slice(depth)) };
}

const scatterNd: OpDef = {
  name: 'scatter_nd',
  arity: 2,
  label: () => 'scatter_nd',
  forward: ([data, updates], attrs) => {
    const { starts, slice } = scatterSlices(data, updates, attrs);
    const out = data.clone();
    starts.forEach((start, t) => out.data.set(updates.data.subarray(t * slice, (t + 1) * slice), start));
    return out;
  },
  vjp: ({ inputs: [data, updates], grad, attrs }) => {
    const { starts, slice } = scatterSlices(data, updates, attrs);
    const dData = grad.clone();
    const dUpdates = new Tensor(updates.shape);
    starts.forEach((start, t) => dUpdates.data.set(grad.data.subarray(start, start + slice), t * slice));
    for (const start of starts) { dData.data.fill(0, start, start + slice); }
    return [dData, dUpdates];
  },
};

export const selectOps: readonly OpDef[] = [where, gatherElements, scatterNd];
