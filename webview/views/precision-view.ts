// The Precision section (Gradient check tab): the replay in float32, bfloat16 or float16 against
// float64, node by node: the worst nodes (or all), the first node over the threshold and each
// catastrophic cancellation, each selecting its node in the graph and the inspector, and the eps a
// check in that type would need. Hidden without a replay.
import type { WebviewReport, WireInspection, WirePrecision } from '../../src/protocol';
import { button, clear, el, onActivate } from '../dom';
import {
  cancellationTexts, checkEpsText, firstOverText, MAX_LISTED, PRECISION_HEADERS, precisionCells, precisionRows, precisionSummary, shownRows, WORST_SHOWN,
  type PrecisionRow,
} from '../precision-model';
import { dataGrid, gridBodyRows, gridRow } from './grid';

export class PrecisionView {
  readonly element = el('section', { class: 'precision-view', 'aria-label': 'Precision replay' });
  private readonly gridHolder = el('div', { class: 'grid-holder' });
  private precision?: WirePrecision;
  private rows: PrecisionRow[] = [];
  private showAll = false;

  /** `onSelectNode` selects a node in the graph and the inspector, as a check-table row does. */
  constructor(private readonly onSelectNode: (nodeId: number) => void) {
    this.element.hidden = true;
  }

  show(inspection: WireInspection): void {
    clear(this.element);
    const precision = inspection.precision;
    this.precision = precision;
    this.element.hidden = precision === undefined;
    if (precision === undefined) {
      this.rows = [];
      return;
    }
    this.rows = precisionRows(precision, inspection);
    const first = precision.firstOverThreshold;
    this.element.append(
      el('h3', {}, `Precision: ${precision.type} replay against float64`),
      el('p', { class: 'precision-summary' }, precisionSummary(precision)),
      this.nodeLine('precision-first', firstOverText(precision), first?.node),
      ...cancellationTexts(precision).map((text, k) => this.nodeLine('precision-cancellation', text, precision.cancellations[k].node)),
      el('p', { class: 'precision-eps' }, checkEpsText(precision)),
      this.toolbar(),
      this.gridHolder,
    );
    this.renderTable();
  }

  /** A line about one node; activating it selects the node. */
  private nodeLine(className: string, text: string, nodeId: number | undefined): HTMLElement {
    const line = el('p', { class: className }, text);
    if (nodeId !== undefined) {
      line.classList.add('node-link');
      line.setAttribute('role', 'button');
      line.setAttribute('tabindex', '0');
      line.title = 'Select this node in the graph and the inspector';
      onActivate(line, () => this.onSelectNode(nodeId));
    }
    return line;
  }

  private toolbar(): HTMLElement {
    const many = this.rows.length > WORST_SHOWN;
    const listed = Math.min(this.rows.length, MAX_LISTED);
    const caption = this.showAll
      ? `${listed === this.rows.length ? 'All' : `The first ${listed} of`} ${this.rows.length} nodes in evaluation order. Select a row to see its node.`
      : many
        ? `The ${WORST_SHOWN} nodes with the largest relative error, worst first, of ${this.rows.length}. Select a row to see its node.`
        : `All ${this.rows.length} nodes, worst first. Select a row to see its node.`;
    const toggle = many
      ? button(this.showAll ? `Show the worst ${WORST_SHOWN}` : `Show all ${this.rows.length}`, () => {
        this.showAll = !this.showAll;
        if (this.precision !== undefined) { this.replaceToolbar(); }
      }, { appearance: 'secondary', class: 'precision-toggle' })
      : undefined;
    return el('div', { class: 'toolbar precision-toolbar' }, el('span', { class: 'caption' }, caption), toggle);
  }

  private replaceToolbar(): void {
    this.element.querySelector('.precision-toolbar')?.replaceWith(this.toolbar());
    this.renderTable();
  }

  private renderTable(): void {
    const grid = dataGrid('Relative error of each node in the replay', 'minmax(8em, 1.5fr) minmax(5em, 0.8fr) minmax(7em, 1.2fr) minmax(7em, 1.2fr) minmax(8em, 1.8fr)');
    grid.append(gridRow(PRECISION_HEADERS, true));
    for (const row of shownRows(this.rows, this.showAll)) {
      const line = gridRow(precisionCells(row), false);
      line.dataset.node = String(row.node);
      line.classList.toggle('status-fail', row.over);
      onActivate(line, () => this.onSelectNode(row.node));
      grid.append(line);
    }
    this.gridHolder.replaceChildren(grid);
  }

  report(): WebviewReport['precision'] {
    if (this.element.hidden) {
      return undefined;
    }
    const text = (selector: string): string => this.element.querySelector(selector)?.textContent ?? '';
    return {
      summary: text('.precision-summary'),
      rows: gridBodyRows(this.gridHolder),
      firstOverThreshold: text('.precision-first'),
      cancellations: Array.from(this.element.querySelectorAll('.precision-cancellation')).map(e => e.textContent ?? ''),
    };
  }
}
