// Number, tensor and byte formatting for the panel. Pure: unit-tested in Node.
import type { WireNumber, WireTensor } from '../src/protocol';

/** Entries up to this many are shown in full; bigger tensors get a summary. */
export const FULL_TENSOR_LIMIT = 12;

/** A number with `digits` significant digits; ASCII minus so exported text stays machine-readable. */
export function formatNumber(x: WireNumber | undefined, digits: number): string {
  if (x === null || x === undefined) {
    return 'non-finite';
  }
  if (!Number.isFinite(x)) {
    return String(x);
  }
  const precision = Math.min(Math.max(Math.round(digits), 1), 17);
  if (x === 0) {
    return (0).toPrecision(precision);
  }
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 10 ** Math.max(precision, 6)) {
    return x.toPrecision(precision);
  }
  return x.toExponential(precision - 1);
}

export function isScalar(t: WireTensor): boolean {
  return t.size === 1;
}

export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** One short line: the number for a scalar, else "shape ‖·‖=norm". */
export function summarizeTensor(t: WireTensor, digits: number): string {
  if (isScalar(t)) {
    return formatNumber(t.data?.[0] ?? t.mean, digits);
  }
  const nonFinite = t.nonFinite > 0 ? ` (${t.nonFinite} non-finite)` : '';
  return `${formatShape(t.shape)} ‖·‖=${formatNumber(t.norm, Math.min(digits, 4))}${nonFinite}`;
}

/** All entries (nested by shape) for small tensors, else the summary with min / mean / max. */
export function describeTensor(t: WireTensor, digits: number): string {
  if (isScalar(t)) {
    return summarizeTensor(t, digits);
  }
  if (t.data !== undefined && t.size <= FULL_TENSOR_LIMIT && t.data.length === t.size) {
    return nestEntries(t.data.map(x => formatNumber(x, digits)), t.shape);
  }
  const stats = `min ${formatNumber(t.min, digits)}, mean ${formatNumber(t.mean, digits)}, max ${formatNumber(t.max, digits)}`;
  return `${summarizeTensor(t, digits)}; ${stats}`;
}

function nestEntries(flat: string[], shape: readonly number[]): string {
  if (shape.length <= 1) {
    return `[${flat.join(', ')}]`;
  }
  const [outer, ...rest] = shape;
  const stride = flat.length / outer;
  const parts: string[] = [];
  for (let i = 0; i < outer; i++) {
    parts.push(nestEntries(flat.slice(i * stride, (i + 1) * stride), rest));
  }
  return `[${parts.join(', ')}]`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return 'unknown';
  }
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 ? String(Math.round(value)) : value.toPrecision(3);
  return `${text} ${BYTE_UNITS[unit]}`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toPrecision(3)}%`;
}

export function formatIndex(index: readonly number[]): string {
  return index.length === 0 ? '()' : `[${index.join(', ')}]`;
}

/** Tolerances as people write them: 1e-6 rather than 0.000001. */
export function formatTolerance(x: number): string {
  if (x !== 0 && Number.isFinite(x) && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) {
    return x.toExponential().replace('e+', 'e');
  }
  return String(x);
}
