// The Gradient check tab: the summary banner, the Re-run controls, the sortable table of checked
// entries and the step-size sweep of the selected one.
import type { PanelSettings, SweepResult, WebviewReport, WireCheck, WireCheckEntry, WireInspection } from '../../src/protocol';
import { nextSort, sortEntries, type CheckColumn, type CheckSort } from '../check-sort';
import { button, clear, custom, el, onActivate, setValue, valueOf } from '../dom';
import { toCsv, toMarkdown } from '../export-text';
import { formatNumber, formatTolerance } from '../format';
import { DEFAULT_SETTINGS } from '../messages';
import { parseRerun, type RerunField } from '../rerun-form';
import { PRECISION_CHOICES, REFERENCE_CHOICES, referenceInUse } from '../check-choices';
import { SWEEP_EXPLANATION, sweepLegend, sweepSvg } from '../sweep-plot';
import { checkHeaders, checkRow, checkTable } from '../tables';
import { post } from '../vscode-api';
import { exportBar } from './export-bar';
import { dataGrid, gridBodyRows, gridRow } from './grid';

const COLUMNS: CheckColumn[] = ['leaf', 'index', 'analytic', 'numeric', 'absError', 'relError', 'status', 'h', 'diagnosis'];
const MAX_SHOWN_ROWS = 2000;

export class CheckView {
  readonly element: HTMLElement;
  private readonly banner = el('div', { class: 'check-banner', role: 'status' });
  private readonly gridHolder = el('div', { class: 'grid-holder' });
  private readonly sweepHolder = el('div', { class: 'sweep', 'aria-live': 'polite' });
  private readonly fields: Record<TextFieldName, HTMLElement>;
  private readonly fieldErrors: Record<RerunField, HTMLElement>;
  /** The dropdowns: mode, and the reference and precision (a choice there re-runs at once). */
  private readonly pickers: Record<PickerName, HTMLElement>;
  private inspection?: WireInspection;
  private settings?: PanelSettings;
  private sort?: CheckSort;
  private selected?: { leafId: number; flat: number };
  private sweepLegendText: string[] = [];

  /** `onSelectEntry` gets the leaf and entry of a selected row (the inspector shows and outlines it). */
  constructor(private readonly onSelectEntry: (leafId: number, flat: number) => void) {
    this.fieldErrors = {
      eps: fieldError('eps'), atol: fieldError('atol'), rtol: fieldError('rtol'), mode: fieldError('mode'),
      reference: fieldError('reference'), precision: fieldError('precision'),
    };
    this.fields = {
      eps: textField('eps', 'eps (step h)'),
      atol: textField('atol', 'atol'),
      rtol: textField('rtol', 'rtol'),
    };
    this.pickers = {
      mode: dropdown('mode', 'Check mode', ['auto', 'full', 'fast'].map(mode => ({ value: mode, label: mode }))),
      reference: dropdown('reference', 'Reference the analytic gradient is judged against', REFERENCE_CHOICES),
      precision: dropdown('precision', 'Replay the forward and backward in a lower precision', PRECISION_CHOICES),
    };
    for (const name of ['reference', 'precision'] as const) {
      this.pickers[name].addEventListener('change', () => this.rerun());
    }
    for (const field of Object.values(this.fields)) {
      field.addEventListener('keydown', event => {
        if ((event as KeyboardEvent).key === 'Enter') {
          this.rerun();
        }
      });
    }
    const controls = el('form', { class: 'check-controls', 'aria-label': 'Re-run the gradient check' },
      ...(['eps', 'atol', 'rtol'] as const).map(name => el('div', { class: 'field' }, this.fields[name], this.fieldErrors[name])),
      ...PICKER_LABELS.map(([name, label]) => el('div', { class: 'field' }, el('label', { for: `check-${name}`, class: 'field-label' }, label), this.pickers[name], this.fieldErrors[name])),
      el('div', { class: 'field field-button' }, button('Re-run', () => this.rerun(), { 'aria-label': 'Re-run the gradient check' })),
    );
    controls.addEventListener('submit', event => event.preventDefault());
    this.element = el('section', { class: 'check-view' },
      this.banner, controls,
      el('div', { class: 'toolbar' },
        el('span', { class: 'caption' }, 'Select a row to see its entry in the node inspector and its error against the step size h. Click a column header to sort.'),
        exportBar([
          { label: 'CSV', format: 'csv', what: 'check', content: () => this.exportTable('csv') },
          { label: 'Markdown', format: 'markdown', what: 'check', content: () => this.exportTable('markdown') },
        ])),
      this.gridHolder, this.sweepHolder);
  }

  show(inspection: WireInspection, settings: PanelSettings, sameInspection: boolean): void {
    this.inspection = inspection;
    this.settings = settings;
    if (!sameInspection) {
      this.selected = undefined;
      this.sweepLegendText = [];
      clear(this.sweepHolder);
    }
    const check = inspection.check;
    setValue(this.fields.eps, formatTolerance(check?.eps ?? settings.eps));
    setValue(this.fields.atol, formatTolerance(check?.atol ?? settings.atol));
    setValue(this.fields.rtol, formatTolerance(check?.rtol ?? settings.rtol));
    setValue(this.pickers.mode, settings.mode);
    setValue(this.pickers.reference, check?.reference ?? settings.reference ?? 'central');
    setValue(this.pickers.precision, inspection.precision?.type ?? settings.precision ?? 'none');
    this.clearFieldErrors();
    this.renderBanner(check, settings.significantDigits);
    this.renderTable();
  }

  private renderBanner(check: WireCheck | undefined, digits: number): void {
    clear(this.banner);
    if (check === undefined) {
      this.banner.className = 'check-banner none';
      this.banner.append(el('strong', {}, 'No gradient check'), ' in this inspection. Set eps, atol, rtol and the mode below, then Re-run.');
      return;
    }
    if (check.totalEntries === 0) {
      // No variables (or only empty ones): a check of nothing is not a pass.
      this.banner.className = 'check-banner none';
      this.banner.append(el('strong', {}, 'Nothing to differentiate'), ': the expression has no gradient entries to check.');
      return;
    }
    const verdict = check.cancelled ? 'CANCELLED' : check.passed ? 'PASSED' : 'FAILED';
    this.banner.className = `check-banner ${check.cancelled ? 'cancelled' : check.passed ? 'passed' : 'failed'}`;
    const lines = [
      `${check.mode} mode · reference ${referenceInUse(check)} · eps ${formatTolerance(check.eps)} · atol ${formatTolerance(check.atol)} · rtol ${formatTolerance(check.rtol)}`,
      `max abs error ${formatNumber(check.maxAbsError, 3)} · max rel error ${formatNumber(check.maxRelError, 3)}`,
      `${check.totalEntries} entries checked: ${check.counts.pass} pass, ${check.counts.fail} FAIL, ${check.counts.kink} kink · ${check.evaluations} evaluations`,
    ];
    const d = check.directional;
    if (d !== undefined) {
      lines.push(`directional check (random direction): analytic ${formatNumber(d.analytic, digits)}, numeric ${formatNumber(d.numeric, digits)}, `
        + `abs error ${formatNumber(d.absError, 3)}, rel error ${formatNumber(d.relError, 3)}: ${d.status === 'fail' ? 'FAIL' : d.status}`);
    }
    const wrong = check.wrongNode;
    if (wrong !== undefined) {
      const source = this.inspection?.nodes.find(n => n.id === wrong.node)?.source;
      lines.push(`wrong node: ${wrong.label} (${wrong.op}, node ${wrong.node})${source === undefined ? '' : ` “${source}”`}: its backward disagrees with its forward `
        + `for input ${wrong.input} (rel error ${formatNumber(wrong.relError, 3)}); it is marked ✗ in the graph`);
    } else if (check.nodesChecked !== undefined) {
      lines.push(`every op's backward agrees with its own forward (${check.nodesChecked} nodes checked alone): the disagreement is the finite difference's`);
    }
    if (check.undiagnosed !== undefined && check.undiagnosed > 0) {
      lines.push(`${check.undiagnosed} failing entries were not diagnosed (the worst come first)`);
    }
    if (check.entriesOmitted > 0) {
      lines.push(`${check.entriesOmitted} rows omitted (the worst ${check.entries.length} are listed)`);
    }
    const mark = check.cancelled ? '■' : check.passed ? '✓' : '✗';
    this.banner.append(el('strong', { class: 'verdict' }, `${mark} ${verdict}`), ...lines.map(line => el('div', {}, line)));
  }

  /** An error while this inspection has no check (a refused reference, say): the banner says why there is none. */
  noteError(message: string): void {
    if (this.inspection === undefined || this.inspection.check !== undefined) {
      return;
    }
    clear(this.banner);
    this.banner.className = 'check-banner failed';
    this.banner.append(el('strong', {}, 'No gradient check'), `: ${message}`);
  }

  private sortedEntries(): WireCheckEntry[] {
    return sortEntries(this.inspection?.check?.entries ?? [], this.sort);
  }

  private renderTable(): void {
    const inspection = this.inspection;
    if (inspection?.check === undefined) {
      clear(this.gridHolder);
      return;
    }
    const digits = this.settings?.significantDigits ?? DEFAULT_SETTINGS.significantDigits;
    const grid = dataGrid('Gradient check entries', 'minmax(5em, 1.2fr) 6em minmax(8.5em, 1.3fr) minmax(8.5em, 1.3fr) minmax(7em, 1fr) minmax(7em, 1fr) minmax(6em, 1fr) 6em minmax(7.5em, 1.4fr)');
    const header = gridRow(checkHeaders(inspection.check), true);
    Array.from(header.children).forEach((cell, i) => this.makeSortable(cell as HTMLElement, COLUMNS[i]));
    grid.append(header);
    for (const entry of this.sortedEntries().slice(0, MAX_SHOWN_ROWS)) {
      grid.append(this.entryRow(entry, inspection, digits));
    }
    this.gridHolder.replaceChildren(grid);
  }

  private makeSortable(cell: HTMLElement, column: CheckColumn): void {
    const sorted = this.sort?.column === column;
    cell.setAttribute('aria-sort', sorted ? this.sort?.direction ?? 'none' : 'none');
    cell.classList.add('sortable');
    if (sorted) {
      cell.textContent = `${cell.textContent ?? ''} ${this.sort?.direction === 'ascending' ? '▲' : '▼'}`;
    }
    cell.title = 'Sort by this column';
    onActivate(cell, () => {
      this.sort = nextSort(this.sort, column);
      this.renderTable();
      const again = this.gridHolder.querySelector<HTMLElement>(`vscode-data-grid-cell[grid-column="${COLUMNS.indexOf(column) + 1}"][cell-type="columnheader"]`);
      again?.focus();
    });
  }

  private entryRow(entry: WireCheckEntry, inspection: WireInspection, digits: number): HTMLElement {
    const row = gridRow(checkRow(entry, inspection, digits), false);
    row.classList.add(`status-${entry.status}`);
    row.dataset.leaf = String(entry.leafId);
    row.dataset.flat = String(entry.flat);
    const tip = [entry.advice, entry.errorEstimate === undefined ? undefined : `Richardson error estimate ${formatNumber(entry.errorEstimate, 3)}`];
    if (tip.some(t => t !== undefined)) {
      row.title = tip.filter(t => t !== undefined).join(' · ');
    }
    const isSelected = this.selected?.leafId === entry.leafId && this.selected.flat === entry.flat;
    row.classList.toggle('selected', isSelected);
    row.setAttribute('aria-selected', String(isSelected));
    onActivate(row, () => this.select(entry, row));
    return row;
  }

  private select(entry: WireCheckEntry, row: HTMLElement): void {
    this.selected = { leafId: entry.leafId, flat: entry.flat };
    for (const other of Array.from(this.gridHolder.querySelectorAll('vscode-data-grid-row.selected'))) {
      other.classList.remove('selected');
      other.setAttribute('aria-selected', 'false');
    }
    row.classList.add('selected');
    row.setAttribute('aria-selected', 'true');
    this.onSelectEntry(entry.leafId, entry.flat);
    this.sweepHolder.replaceChildren(el('p', { class: 'caption' }, `Sweeping h for ${entry.leaf}${entry.index.length ? `[${entry.index.join(', ')}]` : ''}…`),
      custom('vscode-progress-ring', { 'aria-label': 'Computing the sweep' }));
    post({ type: 'requestSweep', leafId: entry.leafId, flat: entry.flat });
  }

  showSweep(sweep: SweepResult): void {
    const eps = this.inspection?.check?.eps ?? this.settings?.eps ?? 0;
    const leaf = this.inspection?.nodes.find(n => n.id === sweep.leafId);
    const entry = leaf !== undefined && leaf.value.size <= 1 ? '' : ` (entry ${sweep.flat})`;
    const title = el('h3', {}, `Error against step size h for ∂/∂${sweep.leaf}${entry}`);
    const plot = el('div', { class: 'plot' });
    const inUse = this.inspection?.check === undefined ? 'central' : referenceInUse(this.inspection.check);
    plot.innerHTML = sweepSvg(sweep, eps, { width: 560, height: 300 }, inUse);
    this.sweepLegendText = sweepLegend(sweep, inUse).map(entry => entry.text);
    const diagnosed = this.inspection?.check?.entries.find(e => e.leafId === sweep.leafId && e.flat === sweep.flat);
    const advice = diagnosed?.advice === undefined ? [] : [el('p', { class: 'advice' }, el('strong', {}, `${diagnosed.diagnosis ?? 'diagnosis'}: `), diagnosed.advice)];
    this.sweepHolder.replaceChildren(title, ...advice, plot, el('p', { class: 'caption' }, SWEEP_EXPLANATION));
    // The table scrolls in its own box: bring the plot the user asked for into view below it.
    this.sweepHolder.scrollIntoView({ block: 'nearest' });
  }

  private rerun(): void {
    const parsed = parseRerun({
      eps: valueOf(this.fields.eps), atol: valueOf(this.fields.atol), rtol: valueOf(this.fields.rtol),
      mode: valueOf(this.pickers.mode), reference: valueOf(this.pickers.reference), precision: valueOf(this.pickers.precision),
    });
    this.clearFieldErrors();
    if (!parsed.ok) {
      for (const [field, message] of Object.entries(parsed.errors) as [RerunField, string][]) {
        this.fieldErrors[field].textContent = message;
        this.control(field).setAttribute('aria-invalid', 'true');
      }
      return;
    }
    post({ type: 'rerun', eps: parsed.eps, atol: parsed.atol, rtol: parsed.rtol, mode: parsed.mode, reference: parsed.reference, precision: parsed.precision });
  }

  private clearFieldErrors(): void {
    for (const [field, element] of Object.entries(this.fieldErrors) as [RerunField, HTMLElement][]) {
      element.textContent = '';
      this.control(field).removeAttribute('aria-invalid');
    }
  }

  private control(field: RerunField): HTMLElement {
    return field === 'mode' || field === 'reference' || field === 'precision' ? this.pickers[field] : this.fields[field];
  }

  private exportTable(format: 'csv' | 'markdown'): string | undefined {
    if (this.inspection?.check === undefined) {
      return undefined;
    }
    const table = checkTable(this.sortedEntries(), this.inspection, this.settings?.significantDigits ?? DEFAULT_SETTINGS.significantDigits);
    return format === 'csv' ? toCsv(table) : toMarkdown(table);
  }

  report(): WebviewReport['check'] {
    const rows = gridBodyRows(this.gridHolder).map(cells => ({ leaf: cells[0] ?? '', index: cells[1] ?? '', status: cells[6] ?? '', relError: cells[5] ?? '' }));
    const banner = Array.from(this.banner.childNodes).map(n => n.textContent ?? '').join(' ');
    return {
      banner: banner.replace(/\s+/g, ' ').trim(), rows,
      reference: valueOf(this.pickers.reference), precision: valueOf(this.pickers.precision), sweepLegend: [...this.sweepLegendText],
    };
  }
}

type PickerName = 'mode' | 'reference' | 'precision';
type TextFieldName = Exclude<RerunField, PickerName>;
const PICKER_LABELS: readonly [PickerName, string][] = [['mode', 'Mode'], ['reference', 'Reference'], ['precision', 'Precision']];

function dropdown(name: PickerName, label: string, choices: readonly { value: string; label: string }[]): HTMLElement {
  return custom('vscode-dropdown', { id: `check-${name}`, 'aria-label': label, 'aria-describedby': `error-${name}` },
    ...choices.map(choice => custom('vscode-option', { value: choice.value }, choice.label)));
}

function textField(name: string, label: string): HTMLElement {
  return custom('vscode-text-field', { id: `check-${name}`, 'aria-describedby': `error-${name}`, size: '10' }, label);
}

function fieldError(name: string): HTMLElement {
  return el('span', { id: `error-${name}`, class: 'field-error', role: 'alert' });
}
