// The Values & gradients tab: every node in topological order.
import type { PanelSettings, WireInspection } from '../../src/protocol';
import { el, onActivate } from '../dom';
import { toCsv, toMarkdown, type Table } from '../export-text';
import { describeTensor } from '../format';
import { valuesTable } from '../tables';
import { exportBar } from './export-bar';
import { dataGrid, gridBodyRows, gridRow } from './grid';

/** Rows put in the DOM; the export always has every row. */
const MAX_SHOWN_ROWS = 2000;

export class ValuesView {
  readonly element: HTMLElement;
  private readonly gridHolder = el('div', { class: 'grid-holder' });
  private readonly caption = el('p', { class: 'caption' });
  private shown?: { inspection: WireInspection; digits: number };
  /** Every row, made for the first export. */
  private table?: Table;

  /** `onSelect` gets the node of a clicked row (the inspector shows it). */
  constructor(private readonly onSelect: (nodeId: number) => void) {
    this.element = el('section', { class: 'values-view' },
      el('div', { class: 'toolbar' }, exportBar([
        { label: 'CSV', format: 'csv', what: 'values', content: () => this.exported(toCsv) },
        { label: 'Markdown', format: 'markdown', what: 'values', content: () => this.exported(toMarkdown) },
      ])),
      this.caption, this.gridHolder);
  }

  show(inspection: WireInspection, settings: PanelSettings): void {
    this.shown = { inspection, digits: settings.significantDigits };
    this.table = undefined;
    const shownTable = valuesTable(inspection, settings.significantDigits, MAX_SHOWN_ROWS);
    const grid = dataGrid('Values and gradients in topological order', '7.5em 9em minmax(8em, 1.4fr) 6em 2fr 2fr');
    grid.append(gridRow(shownTable.headers, true));
    shownTable.rows.forEach((cells, i) => {
      const row = gridRow(cells, false);
      const nodeId = inspection.nodes[i].id;
      row.dataset.node = String(nodeId);
      row.classList.add('selectable');
      onActivate(row, () => this.onSelect(nodeId));
      grid.append(row);
    });
    this.gridHolder.replaceChildren(grid);
    const total = inspection.nodes.length;
    const hidden = total - MAX_SHOWN_ROWS;
    const outputs = (inspection.outputs ?? []).map(o => `${o.name} = ${describeTensor(o.value, settings.significantDigits)}`);
    this.caption.textContent = `${total} nodes in topological order (inputs first).`
      + (hidden > 0 ? ` The first ${MAX_SHOWN_ROWS} are shown; export for all ${total}.` : '')
      + (outputs.length > 0 ? ` Model outputs: ${outputs.join('; ')}.` : '');
  }

  /** Every row, written out when an export asks for it. */
  private exported(format: (table: Table) => string): string | undefined {
    if (this.table === undefined && this.shown !== undefined) {
      this.table = valuesTable(this.shown.inspection, this.shown.digits);
    }
    return this.table && format(this.table);
  }

  rowCount(): number {
    return gridBodyRows(this.gridHolder).length;
  }
}
