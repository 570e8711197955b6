// The top of the panel: title, notes, progress of a running check, and the error banner. Progress
// and errors leave the last inspection on screen (partial state, never a blank page).
import type { WireInspection } from '../../src/protocol';
import { button, clear, custom, el } from '../dom';
import { nodeCountText } from '../node-count';

export class HeaderView {
  readonly element: HTMLElement;
  private readonly title = el('h1', { class: 'title' }, 'Gradient Inspector');
  private readonly summary = el('p', { class: 'summary' });
  private readonly notes = el('ul', { class: 'notes', 'aria-label': 'Notes' });
  private readonly valueSource = el('p', { class: 'value-source', role: 'status' });
  private readonly progress = el('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Check progress' });
  private readonly error = el('div', { class: 'error-banner', role: 'alert' });

  constructor() {
    this.progress.hidden = true;
    this.error.hidden = true;
    this.element = el('header', { class: 'panel-header' }, this.title, this.summary, this.valueSource, this.error, this.progress, this.notes);
  }

  showEmpty(): void {
    this.summary.textContent = 'Run "Check Gradient" on a selection, a Python block, a formula or an ONNX model to inspect it here.';
  }

  show(inspection: WireInspection, valueText: string): void {
    this.title.textContent = inspection.title;
    const checked = checkSummary(inspection.check);
    this.summary.textContent = `${inspection.language} · ${nodeCountText(inspection)} · output ${valueText}${checked}`;
    const [frame, ...frameNotes] = valueSourceNotes(inspection);
    this.valueSource.textContent = frame ?? '';
    this.valueSource.hidden = frame === undefined;
    // A summed (non-scalar) output is already one of the inspection's notes: not said twice.
    const notes = [...inspection.notes, ...frameNotes];
    clear(this.notes);
    this.notes.append(...notes.map(note => el('li', {}, note)));
    this.notes.hidden = notes.length === 0;
    this.hideProgress();
    this.hideError();
  }

  /** What the header shows, as text (the test seam's report). */
  text(): string {
    return [this.summary, this.valueSource, this.error, this.notes].filter(e => !e.hidden).map(e => e.textContent ?? '').join('\n');
  }

  showProgress(phase: string, done: number, total: number): void {
    clear(this.progress);
    this.progress.hidden = false;
    const determinate = total > 0 && Number.isFinite(done) && done >= 0;
    if (determinate) {
      const fraction = Math.min(1, done / total);
      this.progress.setAttribute('aria-valuemin', '0');
      this.progress.setAttribute('aria-valuemax', String(total));
      this.progress.setAttribute('aria-valuenow', String(Math.min(done, total)));
      const fill = el('div', { class: 'progress-fill' });
      fill.style.width = `${(fraction * 100).toFixed(1)}%`;
      this.progress.append(el('div', { class: 'progress-track' }, fill), el('span', { class: 'progress-text' }, `${phase} — ${done} / ${total}`));
    } else {
      this.progress.removeAttribute('aria-valuenow');
      this.progress.append(custom('vscode-progress-ring', { 'aria-hidden': 'true' }), el('span', { class: 'progress-text' }, phase));
    }
    this.progress.setAttribute('aria-valuetext', this.progress.textContent ?? phase);
  }

  hideProgress(): void {
    this.progress.hidden = true;
    clear(this.progress);
  }

  showError(message: string, location?: string): void {
    clear(this.error);
    this.error.hidden = false;
    this.hideProgress();
    const where = location === undefined || location === '' ? '' : ` (at ${location})`;
    this.error.append(el('strong', {}, 'Error'), el('span', {}, `${where}: ${message}`),
      button('Dismiss', () => this.hideError(), { appearance: 'secondary', 'aria-label': 'Dismiss the error' }));
  }

  hideError(): void {
    this.error.hidden = true;
    clear(this.error);
  }
}

function checkSummary(check: WireInspection['check']): string {
  if (check === undefined) { return ''; }
  if (check.totalEntries === 0) { return ' · nothing to differentiate'; }
  return check.passed ? ' · gradient check passed' : ' · gradient check FAILED';
}

/** "Values from the paused frame train_step (train.py:42): x, W.", then what was a stand-in or could not be read. */
export function valueSourceNotes(inspection: WireInspection): string[] {
  const source = inspection.valueSource;
  if (source === undefined) {
    return [];
  }
  const where = source.file === '' ? `line ${source.line}` : `${source.file}:${source.line}`;
  const notes = [`Values from the paused frame ${source.frame} (${where})${source.names.length > 0 ? `: ${source.names.join(', ')}` : ''}.`];
  for (const s of source.standIns) {
    notes.push(`${s.name} (${s.dtype}, shape (${s.shape.join(', ')})) is above gradientInspector.debug.maxEntries: only its shape and summary were read, and the check used a seeded stand-in with that shape, mean and spread.`);
  }
  for (const u of source.unreadable) {
    notes.push(`${u.name} could not be read from the frame: ${u.message}`);
  }
  return notes;
}
