// What the Precision section shows of a replay in a lower precision: its summary, the nodes worst
// first (or all of them in topological order), the first node over the threshold, the catastrophic
// cancellations and the eps a check in that type needs. Pure: unit-tested in Node.
import type { WireInspection, WireNumber, WirePrecision } from '../src/protocol';
import { formatNumber } from './format';

/** Rows listed before "Show all". */
export const WORST_SHOWN = 10;
/** Rows "Show all" lists at most: a grid of 10⁵ rows would stall the panel (the graph still colours every node). */
export const MAX_LISTED = 2000;

export const PRECISION_HEADERS = ['Node', 'Op', 'Value rel err', 'Grad rel err', 'Flags'];

export interface PrecisionRow {
  node: number;
  label: string;
  op: string;
  valueRelError: WireNumber;
  gradRelError?: WireNumber;
  /** Over the threshold (value or gradient), and the node whose subtraction cancels. */
  over: boolean;
  cancels: boolean;
}

/** A null error is not finite (NaN, or an exact 0 the low type missed): worse than any number. */
function severity(error: WireNumber | undefined): number {
  return error === undefined ? -1 : error === null ? Infinity : error;
}

/** The node's worse error of value and gradient, as a magnitude for sorting and colouring. */
export function worseError(row: Pick<PrecisionRow, 'valueRelError' | 'gradRelError'>): number {
  return Math.max(severity(row.valueRelError), severity(row.gradRelError));
}

/** Every replayed node, in topological order, with its label and flags. */
export function precisionRows(precision: WirePrecision, inspection: Pick<WireInspection, 'nodes'>): PrecisionRow[] {
  const byId = new Map(inspection.nodes.map(n => [n.id, n]));
  const cancelling = new Set(precision.cancellations.map(c => c.node));
  return precision.nodes.map(n => {
    const node = byId.get(n.node);
    const row: PrecisionRow = {
      node: n.node, label: node?.label ?? `node ${n.node}`, op: node?.op ?? '', valueRelError: n.valueRelError,
      over: false, cancels: cancelling.has(n.node),
    };
    if (n.gradRelError !== undefined) { row.gradRelError = n.gradRelError; }
    row.over = worseError(row) > precision.threshold;
    return row;
  });
}

/** The rows to list: the worst `WORST_SHOWN` (worst first, ties in topological order), or all in topological order up to `MAX_LISTED`. */
export function shownRows(rows: readonly PrecisionRow[], showAll: boolean): PrecisionRow[] {
  if (showAll) { return rows.slice(0, MAX_LISTED); }
  return rows.map((row, k) => ({ row, k }))
    .sort((a, b) => worseError(b.row) - worseError(a.row) || a.k - b.k)
    .slice(0, WORST_SHOWN)
    .map(x => x.row);
}

export function precisionCells(row: PrecisionRow): string[] {
  const flags = [row.over ? 'over threshold' : '', row.cancels ? 'cancellation' : ''].filter(f => f !== '');
  return [
    `${row.label} (node ${row.node})`, row.op, formatNumber(row.valueRelError, 3),
    row.gradRelError === undefined ? '—' : formatNumber(row.gradRelError, 3), flags.join(', '),
  ];
}

export function precisionSummary(p: WirePrecision): string {
  return `${p.type} replay: output rel error ${formatNumber(p.outputRelError, 3)} (unit roundoff ${formatNumber(p.unitRoundoff, 3)}; `
    + `a node is over the threshold above ${formatNumber(p.threshold, 3)}, 100 unit roundoffs)`;
}

export function firstOverText(p: WirePrecision): string {
  const first = p.firstOverThreshold;
  return first === undefined
    ? `No node's value or gradient is off by more than ${formatNumber(p.threshold, 3)}.`
    : `First node over the threshold: ${first.label} (node ${first.node}), ${first.what} rel error ${formatNumber(first.relError, 3)}`;
}

export function cancellationTexts(p: WirePrecision): string[] {
  return p.cancellations.map(c => `Catastrophic cancellation at ${c.label} (node ${c.node}): condition number ${formatNumber(c.conditionNumber, 3)} `
    + `amplifies the inputs' rounding; value rel error ${formatNumber(c.valueRelError, 3)}`);
}

export function checkEpsText(p: WirePrecision): string {
  return `A gradient check in ${p.type} needs eps ≈ ${formatNumber(p.checkEps, 3)} (the cube root of the unit roundoff, where truncation and round-off balance) `
    + `and can reach a rel error of about ${formatNumber(p.checkRelError, 3)}.`;
}

/** Node id → its worse relative error, for colouring the graph; non-finite errors are left out. */
export function precisionErrors(p: WirePrecision | undefined): Map<number, number> {
  const errors = new Map<number, number>();
  for (const n of p?.nodes ?? []) {
    const error = worseError(n);
    if (Number.isFinite(error) && error >= 0) { errors.set(n.node, error); }
  }
  return errors;
}
