// NumPy basic indexing: integers (negative from the end), slices (negative steps included),
// newaxis and one ellipsis (every axis not otherwise indexed), with unindexed trailing axes kept. The result gathers entries; the VJP scatters the
// adjoint back into zeros (basic indexing never selects an entry twice).
import { allocateEntries } from '../buffers';
import { InspectError } from '../errors';
import { AttrValue, Attrs, OpDef } from '../op';
import { Shape, Tensor, shapeToString, stridedOffsets, stridesOf } from '../tensor';
import { checkSize, shapeError } from './checks';

export type IndexItem =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'slice'; readonly start: number | null; readonly stop: number | null; readonly step: number | null }
  | { readonly kind: 'newaxis' }
  | { readonly kind: 'ellipsis' };

function optionalInteger(value: AttrValue | undefined): value is number | null | undefined {
  return value === undefined || value === null || (typeof value === 'number' && Number.isInteger(value));
}

function parseItem(value: AttrValue): IndexItem {
  const bad = (): never => { throw new InspectError(`index: malformed index item ${JSON.stringify(value)}`, 'value'); };
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Tensor) { return bad(); }
  const item = value as { readonly [key: string]: AttrValue };
  if (item.kind === 'newaxis') { return { kind: 'newaxis' }; }
  if (item.kind === 'ellipsis') { return { kind: 'ellipsis' }; }
  if (item.kind === 'int') {
    return typeof item.value === 'number' && Number.isInteger(item.value) ? { kind: 'int', value: item.value } : bad();
  }
  if (item.kind !== 'slice' || !optionalInteger(item.start) || !optionalInteger(item.stop) || !optionalInteger(item.step)) { return bad(); }
  return { kind: 'slice', start: item.start ?? null, stop: item.stop ?? null, step: item.step ?? null };
}

export function indexItems(attrs: Attrs): IndexItem[] {
  if (!Array.isArray(attrs.items)) { throw new InspectError('index: items must be a list', 'value'); }
  return (attrs.items as readonly AttrValue[]).map(parseItem);
}

/** Python's slice.indices: the first index, the step and how many entries a slice selects; undefined for a zero step. */
export function sliceIndices(item: { start: number | null; stop: number | null; step: number | null }, length: number): { start: number; step: number; count: number } | undefined {
  const step = item.step ?? 1;
  if (step === 0) { return undefined; }
  const lower = step > 0 ? 0 : -1;
  const upper = step > 0 ? length : length - 1;
  const clamp = (v: number | null, fallback: number): number => {
    if (v === null) { return fallback; }
    return v < 0 ? Math.max(v + length, lower) : Math.min(v, upper);
  };
  const start = clamp(item.start, step > 0 ? lower : upper);
  const stop = clamp(item.stop, step > 0 ? upper : lower);
  const span = step > 0 ? stop - start : start - stop;
  return { start, step, count: span > 0 ? Math.ceil(span / Math.abs(step)) : 0 };
}

interface Gather {
  shape: number[];
  /** For each output entry, the flat index of the input entry it reads. */
  sources: Int32Array;
}

const wholeAxis: IndexItem = { kind: 'slice', start: null, stop: null, step: null };

/** The items with the ellipsis replaced by a full slice for each axis nothing else indexes. */
function expandEllipsis(shape: Shape, items: readonly IndexItem[]): IndexItem[] {
  const consumed = items.filter(it => it.kind === 'int' || it.kind === 'slice').length;
  if (consumed > shape.length) {
    throw shapeError(`index: too many indices (${consumed}) for a tensor of shape ${shapeToString(shape)}`);
  }
  const at = items.findIndex(it => it.kind === 'ellipsis');
  if (at < 0) { return [...items]; }
  if (items.findIndex((it, i) => i > at && it.kind === 'ellipsis') >= 0) { throw shapeError('index: only one ellipsis (...) is allowed'); }
  const fill = new Array<IndexItem>(shape.length - consumed).fill(wholeAxis);
  return [...items.slice(0, at), ...fill, ...items.slice(at + 1)];
}

function planIndex(shape: Shape, given: readonly IndexItem[]): Gather {
  const items = expandEllipsis(shape, given);
  const strides = stridesOf(shape);
  const outShape: number[] = [], outStrides: number[] = [];
  let base = 0, d = 0;
  for (const item of items) {
    if (item.kind === 'ellipsis') { continue; }
    if (item.kind === 'newaxis') {
      outShape.push(1);
      outStrides.push(0);
    } else if (item.kind === 'int') {
      const i = item.value < 0 ? item.value + shape[d] : item.value;
      if (i < 0 || i >= shape[d]) {
        throw shapeError(`index: index ${item.value} is out of bounds for axis ${d} with size ${shape[d]} (shape ${shapeToString(shape)})`);
      }
      base += i * strides[d++];
    } else {
      const slice = sliceIndices(item, shape[d]);
      if (slice === undefined) { throw shapeError('index: slice step cannot be zero'); }
      const { start, step, count } = slice;
      outShape.push(count);
      outStrides.push(step * strides[d]);
      if (count > 0) { base += start * strides[d]; }
      d++;
    }
  }
  for (; d < shape.length; d++) {
    outShape.push(shape[d]);
    outStrides.push(strides[d]);
  }
  checkSize(outShape);
  return { shape: outShape, sources: stridedOffsets(outShape, outStrides, base) };
}

function itemText(item: IndexItem): string {
  if (item.kind === 'newaxis') { return 'None'; }
  if (item.kind === 'ellipsis') { return '...'; }
  if (item.kind === 'int') { return String(item.value); }
  const range = `${item.start ?? ''}:${item.stop ?? ''}`;
  return item.step === null ? range : `${range}:${item.step}`;
}

const index: OpDef = {
  name: 'index',
  arity: 1,
  label: attrs => `[${indexItems(attrs).map(itemText).join(', ')}]`,
  forward: ([x], attrs) => {
    const { shape, sources } = planIndex(x.shape, indexItems(attrs));
    const out = allocateEntries(sources.length);
    for (let k = 0; k < out.length; k++) { out[k] = x.data[sources[k]]; }
    return new Tensor(shape, out);
  },
  vjp: ({ inputs: [x], grad, attrs }) => {
    const { sources } = planIndex(x.shape, indexItems(attrs));
    const out = allocateEntries(x.size);
    for (let k = 0; k < sources.length; k++) { out[sources[k]] += grad.data[k]; }
    return [new Tensor(x.shape, out)];
  },
};

export const indexingOps: readonly OpDef[] = [index];
