// NumPy's advanced indexing as two ops over precomputed flat offsets: `take` reads entries
// (`x[np.arange(N), y]`, `x[x > 0]`), `put` writes them into a copy (`dx[mask] = 0`,
// `out[:, i] = v`). The Python tracer knows the index values when it traces, so the offsets are
// attributes, not inputs: the gradient never flows into an index.
import { InspectError } from '../errors';
import { Attrs, OpDef } from '../op';
import { Tensor, broadcastTo, sizeOf, sumToShape } from '../tensor';
import { integerListAttr } from './checks';

/** The flat offsets into the indexed tensor, one per selected entry, in the selection's order. */
function offsetsAttr(attrs: Attrs, size: number, what: string): Float64Array {
  const offsets = attrs.offsets;
  if (!(offsets instanceof Tensor)) { throw new InspectError(`${what}: offsets must be a tensor`, 'value'); }
  for (const o of offsets.data) {
    if (!Number.isInteger(o) || o < 0 || o >= size) { throw new InspectError(`${what}: offset ${o} is outside a tensor of ${size} entries`, 'value'); }
  }
  return offsets.data;
}

/** Shape of the selection the offsets describe. */
function selectionShape(attrs: Attrs, count: number, what: string): number[] {
  const shape = integerListAttr(attrs.shape, `${what} shape`);
  if (sizeOf(shape) !== count) { throw new InspectError(`${what}: a selection of shape [${shape.join(', ')}] for ${count} offsets`, 'value'); }
  return shape;
}

const take: OpDef = {
  name: 'take',
  arity: 1,
  label: () => '[…]',
  forward: ([x], attrs) => {
    const offsets = offsetsAttr(attrs, x.size, 'take');
    const out = new Tensor(selectionShape(attrs, offsets.length, 'take'));
    for (let k = 0; k < offsets.length; k++) { out.data[k] = x.data[offsets[k]]; }
    return out;
  },
  resultEntries: (_inputs, attrs) => (attrs.offsets instanceof Tensor ? attrs.offsets.size : 0),
  // An entry selected twice receives both adjoints.
  vjp: ({ inputs: [x], grad, attrs }) => {
    const offsets = offsetsAttr(attrs, x.size, 'take');
    const dx = new Tensor(x.shape);
    for (let k = 0; k < offsets.length; k++) { dx.data[offsets[k]] += grad.data[k]; }
    return [dx];
  },
};

/** For each selected position, whether its write is the last one to that entry (NumPy keeps the last). */
function lastWrites(offsets: Float64Array): Uint8Array {
  const seen = new Set<number>();
  const last = new Uint8Array(offsets.length);
  for (let k = offsets.length - 1; k >= 0; k--) {
    if (!seen.has(offsets[k])) { last[k] = 1; seen.add(offsets[k]); }
  }
  return last;
}

const put: OpDef = {
  name: 'put',
  arity: 2,
  label: () => '[…] =',
  forward: ([x, v], attrs) => {
    const offsets = offsetsAttr(attrs, x.size, 'put');
    const values = broadcastTo(v, selectionShape(attrs, offsets.length, 'put'));
    const out = x.clone();
    for (let k = 0; k < offsets.length; k++) { out.data[offsets[k]] = values.data[k]; }
    return out;
  },
  // Overwritten entries of x get no gradient; each written entry's adjoint goes to the value written there.
  vjp: ({ inputs: [x, v], grad, attrs }) => {
    const offsets = offsetsAttr(attrs, x.size, 'put');
    const shape = selectionShape(attrs, offsets.length, 'put');
    const last = lastWrites(offsets);
    const dx = grad.clone();
    const dValues = new Tensor(shape);
    for (let k = 0; k < offsets.length; k++) {
      if (last[k]) { dValues.data[k] = grad.data[offsets[k]]; }
    }
    for (let k = 0; k < offsets.length; k++) { dx.data[offsets[k]] = 0; }
    return [dx, sumToShape(dValues, v.shape)];
  },
};

export const takePutOps: readonly OpDef[] = [take, put];
