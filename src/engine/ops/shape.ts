// Ops that move entries without changing them: transpose, reshape, broadcast_to, concat, stack.
// Their VJPs move the adjoint back the same way (scatter, reshape, sum over broadcast axes).
import { allocateEntries, copyEntries } from '../buffers';
import { Attrs, OpDef } from '../op';
import { Shape, Tensor, broadcastTo, sameShape, shapeToString, sizeOf, stridedOffsets, stridesOf, sumToShape } from '../tensor';
import { broadcastPair, checkSize, integerListAttr, normalizeAxis, numberAttr, shapeError } from './checks';
import { splitAtAxis } from './strided';

/** The permutation: attrs.axes (negative allowed) or, when absent, the reversed axes. */
function permutation(shape: Shape, attrs: Attrs): number[] {
  const rank = shape.length;
  if (attrs.axes === undefined || attrs.axes === null) { return Array.from({ length: rank }, (_, i) => rank - 1 - i); }
  const axes = integerListAttr(attrs.axes, 'transpose axes').map(a => normalizeAxis(a, rank, 'transpose'));
  if (axes.length !== rank || new Set(axes).size !== rank) {
    throw shapeError(`transpose: axes ${JSON.stringify(attrs.axes)} are not a permutation of the ${rank} axes of ${shapeToString(shape)}`);
  }
  return axes;
}

/** For each output entry, the flat index of the input entry it comes from. */
function transposeSources(shape: Shape, axes: readonly number[]): Int32Array {
  const strides = stridesOf(shape);
  return stridedOffsets(axes.map(d => shape[d]), axes.map(d => strides[d]));
}

const transpose: OpDef = {
  name: 'transpose',
  arity: 1,
  label: attrs => (attrs.axes === undefined || attrs.axes === null ? 'T' : `transpose(${integerListAttr(attrs.axes, 'transpose axes').join(', ')})`),
  forward: ([x], attrs) => {
    const axes = permutation(x.shape, attrs);
    const sources = transposeSources(x.shape, axes);
    const out = allocateEntries(x.size);
    for (let k = 0; k < out.length; k++) { out[k] = x.data[sources[k]]; }
    return new Tensor(axes.map(d => x.shape[d]), out);
  },
  vjp: ({ inputs: [x], grad, attrs }) => {
    const sources = transposeSources(x.shape, permutation(x.shape, attrs));
    const out = allocateEntries(x.size);
    for (let k = 0; k < sources.length; k++) { out[sources[k]] = grad.data[k]; }
    return [new Tensor(x.shape, out)];
  },
};

/** attrs.shape with its one −1 (if any) filled in so the size matches. */
function resolveShape(from: Shape, attrs: Attrs): number[] {
  const shape = integerListAttr(attrs.shape, 'reshape shape');
  const unknown = shape.filter(d => d === -1).length;
  const known = shape.filter(d => d !== -1);
  const fail = (): never => { throw shapeError(`reshape: cannot reshape a tensor of shape ${shapeToString(from)} into shape ${shapeToString(shape)}`); };
  if (unknown > 1 || known.some(d => d < 0)) { fail(); }
  const size = sizeOf(from), product = sizeOf(known);
  if (unknown === 0) { return product === size ? shape : fail(); }
  if (product === 0 || size % product !== 0) { fail(); }
  return shape.map(d => (d === -1 ? size / product : d));
}

const reshape: OpDef = {
  name: 'reshape',
  arity: 1,
  label: attrs => `reshape(${integerListAttr(attrs.shape, 'reshape shape').join(', ')})`,
  // A copy, not a view: values and adjoints never share storage with another node's.
  forward: ([x], attrs) => new Tensor(resolveShape(x.shape, attrs), copyEntries(x.data)),
  vjp: ({ inputs: [x], grad }) => [new Tensor(x.shape, copyEntries(grad.data))],
};

function targetShape(x: Tensor, attrs: Attrs): number[] {
  const shape = integerListAttr(attrs.shape, 'broadcast_to shape');
  const merged = broadcastPair(x.shape, shape, 'broadcast_to');
  if (!sameShape(merged, shape)) {
    throw shapeError(`broadcast_to: cannot broadcast a tensor of shape ${shapeToString(x.shape)} to ${shapeToString(shape)}`);
  }
  return shape;
}

const broadcastToOp: OpDef = {
  name: 'broadcast_to',
  arity: 1,
  label: attrs => `broadcast_to(${integerListAttr(attrs.shape, 'broadcast_to shape').join(', ')})`,
  forward: ([x], attrs) => {
    const shape = targetShape(x, attrs);
    return sameShape(shape, x.shape) ? x.clone() : broadcastTo(x, shape);
  },
  resultEntries: ([x], attrs) => sizeOf(targetShape(x, attrs)),
  vjp: ({ inputs: [x], grad }) => [sumToShape(grad, x.shape)],
};

/** Shape of the concatenation along `axis`, naming the first input that does not fit. */
function concatShape(inputs: readonly Tensor[], axis: number, what: string): number[] {
  const first = inputs[0].shape;
  let total = 0;
  for (const t of inputs) {
    if (t.rank !== first.length || t.shape.some((d, i) => i !== axis && d !== first[i])) {
      throw shapeError(`${what}: shapes ${shapeToString(first)} and ${shapeToString(t.shape)} do not match outside axis ${axis}`);
    }
    total += t.shape[axis];
  }
  const shape = first.map((d, i) => (i === axis ? total : d));
  checkSize(shape);
  return shape;
}

/**
 * Copies each input's block into (toOutput) or out of the concatenation along `axis`; the blocks
 * of one outer index sit side by side.
 */
function copyBlocks(parts: readonly Tensor[], whole: Float64Array, axis: number, toOutput: boolean): void {
  const { outer, inner } = splitAtAxis(parts[0].shape, axis);
  const rowLength = parts.reduce((s, t) => s + t.shape[axis], 0) * inner;
  let start = 0;
  for (const t of parts) {
    const block = t.shape[axis] * inner;
    for (let o = 0; o < outer; o++) {
      const at = o * rowLength + start;
      if (toOutput) { whole.set(t.data.subarray(o * block, (o + 1) * block), at); } else { t.data.set(whole.subarray(at, at + block), o * block); }
    }
    start += block;
  }
}

function requireInputs(inputs: readonly Tensor[], what: string): void {
  if (inputs.length === 0) { throw shapeError(`${what}: needs at least one tensor`); }
}

function concatAxis(inputs: readonly Tensor[], attrs: Attrs, what: string, extra: number): number {
  requireInputs(inputs, what);
  if (inputs[0].rank + extra === 0) { throw shapeError(`${what}: cannot join scalars along an axis (use stack)`); }
  return normalizeAxis(numberAttr(attrs.axis, 0, `${what} axis`), inputs[0].rank + extra, what);
}

function concatForward(inputs: readonly Tensor[], axis: number, what: string): Tensor {
  const shape = concatShape(inputs, axis, what);
  const out = allocateEntries(sizeOf(shape));
  copyBlocks(inputs, out, axis, true);
  return new Tensor(shape, out);
}

function concatVjp(inputs: readonly Tensor[], grad: Tensor, axis: number): Tensor[] {
  const grads = inputs.map(t => new Tensor(t.shape));
  copyBlocks(grads, grad.data, axis, false);
  return grads;
}

const concat: OpDef = {
  name: 'concat',
  arity: 'variadic',
  label: attrs => `concat(axis=${numberAttr(attrs.axis, 0, 'concat axis')})`,
  forward: (inputs, attrs) => concatForward(inputs, concatAxis(inputs, attrs, 'concat', 0), 'concat'),
  resultEntries: totalEntries,
  vjp: ({ inputs, grad, attrs }) => concatVjp(inputs, grad, concatAxis(inputs, attrs, 'concat', 0)),
};

/** A concatenation holds every entry of every input. */
function totalEntries(inputs: readonly Tensor[]): number {
  return inputs.reduce((sum, t) => sum + t.size, 0);
}

/** Each input with a length-1 axis inserted at `axis`: stacking is concatenating those. */
function withNewAxis(inputs: readonly Tensor[], axis: number): Tensor[] {
  return inputs.map(t => new Tensor([...t.shape.slice(0, axis), 1, ...t.shape.slice(axis)], t.data));
}

const stack: OpDef = {
  name: 'stack',
  arity: 'variadic',
  label: attrs => `stack(axis=${numberAttr(attrs.axis, 0, 'stack axis')})`,
  forward: (inputs, attrs) => {
    const axis = concatAxis(inputs, attrs, 'stack', 1);
    return concatForward(withNewAxis(inputs, axis), axis, 'stack');
  },
  resultEntries: totalEntries,
  vjp: ({ inputs, grad, attrs }) => {
    const axis = concatAxis(inputs, attrs, 'stack', 1);
    return concatVjp(withNewAxis(inputs, axis), grad, axis).map((g, i) => new Tensor(inputs[i].shape, g.data));
  },
};

export const shapeOps: readonly OpDef[] = [transpose, reshape, broadcastToOp, concat, stack];
