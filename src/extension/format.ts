// Numbers and tensors as the hover and messages show them, to the significantDigits setting.
import { Nested, Tensor, shapeToString } from '../engine/tensor';
import { finiteSummary } from '../engine/tensor-summary';

/** Tensors with at most this many entries are shown in full; bigger ones as a summary. */
export const FULL_TENSOR_ENTRIES = 12;

export function formatNumber(v: number, digits: number): string {
  if (Number.isNaN(v)) { return 'NaN'; }
  if (!Number.isFinite(v)) { return v > 0 ? '∞' : '−∞'; }
  if (v === 0) { return '0'; }
  return String(Number(v.toPrecision(digits)));
}

function formatNested(value: Nested, digits: number): string {
  if (typeof value === 'number') { return formatNumber(value, digits); }
  return `[${value.map(v => formatNested(v, digits)).join(', ')}]`;
}

/** All entries when there are few, else shape and min / max / mean / norm over the finite ones. */
export function formatTensor(t: Tensor, digits: number): string {
  if (t.size <= FULL_TENSOR_ENTRIES) {
    return t.rank === 0 ? formatNumber(t.data[0], digits) : `${formatNested(t.toNested(), digits)}`;
  }
  const { finite, min, max, mean, norm } = finiteSummary(t.data);
  const f = (v: number): string => formatNumber(v, digits);
  const stats = finite > 0 ? `min ${f(min)}, max ${f(max)}, mean ${f(mean)}, norm ${f(norm)}` : 'no finite entries';
  const bad = t.size - finite;
  return `shape ${shapeToString(t.shape)}: ${stats}${bad > 0 ? `, ${bad} non-finite` : ''}`;
}

/** `x=1, W=[[1, 2], [3, 4]]`: the form parseBindings reads back. */
export function formatBindings(bindings: ReadonlyMap<string, Tensor>): string {
  return [...bindings].map(([name, t]) => `${name}=${formatNested(t.toNested(), 17)}`).join(', ');
}
