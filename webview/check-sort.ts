// Sorting the gradient-check rows by a column. Pure: unit-tested in Node.
import type { WireCheckEntry, WireNumber } from '../src/protocol';

export type CheckColumn = 'leaf' | 'index' | 'analytic' | 'numeric' | 'absError' | 'relError' | 'status' | 'h' | 'diagnosis';
export type SortDirection = 'ascending' | 'descending';

export interface CheckSort {
  column: CheckColumn;
  direction: SortDirection;
}

const STATUS_RANK: Record<string, number> = { pass: 0, kink: 1, fail: 2 };

/** Non-finite numbers (null) sort as the largest: they are the worst errors. */
function compareNumbers(a: WireNumber, b: WireNumber): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1;
  }
  return a - b;
}

function compareIndex(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return a.length - b.length;
}

function compare(a: WireCheckEntry, b: WireCheckEntry, column: CheckColumn): number {
  switch (column) {
    case 'leaf':
      return a.leaf.localeCompare(b.leaf) || compareIndex(a.index, b.index);
    case 'index':
      return compareIndex(a.index, b.index);
    case 'status':
      return (STATUS_RANK[a.status] ?? 0) - (STATUS_RANK[b.status] ?? 0);
    case 'diagnosis':
      return (a.diagnosis ?? '').localeCompare(b.diagnosis ?? '');
    case 'h':
      return compareNumbers(a.h ?? null, b.h ?? null);
    default:
      return compareNumbers(a[column], b[column]);
  }
}

/** A stable sort; `undefined` keeps the host's order (worst first). */
export function sortEntries(entries: readonly WireCheckEntry[], sort: CheckSort | undefined): WireCheckEntry[] {
  const rows = entries.map((entry, position) => ({ entry, position }));
  if (sort !== undefined) {
    const sign = sort.direction === 'ascending' ? 1 : -1;
    rows.sort((a, b) => sign * compare(a.entry, b.entry, sort.column) || a.position - b.position);
  }
  return rows.map(r => r.entry);
}

/** Clicking a column: first descending for numbers and status (worst first), then toggling. */
export function nextSort(current: CheckSort | undefined, column: CheckColumn): CheckSort {
  if (current?.column === column) {
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  const textual = column === 'leaf' || column === 'index' || column === 'diagnosis';
  return { column, direction: textual ? 'ascending' : 'descending' };
}
