// The values and gradient-check tables as text cells: what the grids show and what exports contain.
// Pure: unit-tested in Node.
import type { CheckReferenceSetting, WireCheck, WireCheckEntry, WireInspection } from '../src/protocol';
import type { Table } from './export-text';
import { describeTensor, formatIndex, formatNumber, formatShape } from './format';

export const VALUES_HEADERS = ['Node', 'Op', 'Source', 'Shape', 'Value', 'Gradient'];

/** Rows of the first `limit` nodes (all by default): a 10⁵-node model's panel writes out only those it shows. */
export function valuesTable(inspection: WireInspection, digits: number, limit = Infinity): Table {
  const rows = inspection.nodes.slice(0, limit).map(node => {
    const name = node.id === inspection.output ? `${node.id} (output)` : String(node.id);
    const source = node.source ?? node.origin ?? (node.kind === 'op' ? '' : node.label);
    return [
      name,
      node.kind === 'op' ? node.label : `${node.kind} ${node.label}${node.dtype === undefined ? '' : ` · ${node.dtype}`}${fromDebugger(node.label, inspection)}`,
      source,
      formatShape(node.value.shape),
      describeTensor(node.value, digits),
      node.grad === undefined ? '' : describeTensor(node.grad, digits),
    ];
  });
  return { headers: VALUES_HEADERS, rows };
}

/** " · debugger" for a leaf whose value came from the paused frame (" · debugger stand-in" when only its summary did). */
function fromDebugger(label: string, inspection: WireInspection): string {
  const source = inspection.valueSource;
  if (!source?.names.includes(label)) {
    return '';
  }
  return source.standIns.some(s => s.name === label) ? ' · debugger stand-in' : ' · debugger';
}

export const CHECK_HEADERS = ['Leaf', 'Index', 'Analytic', 'Numeric', 'Abs error', 'Rel error', 'Status', 'h', 'Diagnosis'];

/** The Numeric column is named after its reference when that is not the central difference. */
const NUMERIC_HEADERS: Record<CheckReferenceSetting, string> = { central: 'Numeric', richardson: 'Richardson', complex: 'Complex step' };

export function checkHeaders(check: Pick<WireCheck, 'reference'> | undefined): string[] {
  const numeric = NUMERIC_HEADERS[check?.reference ?? 'central'];
  return CHECK_HEADERS.map(header => (header === 'Numeric' ? numeric : header));
}

export function statusText(entry: WireCheckEntry, inspection: WireInspection): string {
  switch (entry.status) {
    case 'pass':
      return 'pass';
    case 'fail':
      return 'FAIL';
    default: {
      const kink = inspection.nodes.find(n => n.id === entry.kinkNode);
      return kink === undefined ? 'kink' : `kink at ${kink.label} (node ${kink.id})`;
    }
  }
}

export function checkRow(entry: WireCheckEntry, inspection: WireInspection, digits: number): string[] {
  return [
    entry.leaf,
    formatIndex(entry.index),
    formatNumber(entry.analytic, digits),
    formatNumber(entry.numeric, digits),
    formatNumber(entry.absError, 3),
    formatNumber(entry.relError, 3),
    statusText(entry, inspection),
    entry.h === undefined ? '' : formatNumber(entry.h, 2),
    diagnosisText(entry, digits),
  ];
}

/** The diagnosis, with the one-sided derivatives of a kink. */
export function diagnosisText(entry: WireCheckEntry, digits: number): string {
  if (entry.diagnosis === undefined) {
    return '';
  }
  const sides = entry.oneSided;
  return sides === undefined ? entry.diagnosis : `${entry.diagnosis} [${formatNumber(sides[0], digits)}, ${formatNumber(sides[1], digits)}]`;
}

export function checkTable(entries: readonly WireCheckEntry[], inspection: WireInspection, digits: number): Table {
  return { headers: checkHeaders(inspection.check), rows: entries.map(e => checkRow(e, inspection, digits)) };
}
