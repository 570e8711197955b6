// The node inspector pane: the selected node's source, op, shape and type, then each of its tensors
// (value, gradient, numeric gradient, error) as every number in a heatmap for small tensors, a
// heatmap for larger ones that were sent, and a histogram with summary statistics for the rest.
import type { WebviewReport, WireInspection } from '../../src/protocol';
import { cssGradient, DIVERGING_RAMP, SEQUENTIAL_RAMP } from '../colour-scale';
import { el } from '../dom';
import { formatIndex, formatNumber, formatPercent, formatShape } from '../format';
import { heatmapGrid, heatmapSvg } from '../heatmap';
import { histogramSvg } from '../histogram';
import { inspectNode, NUMBERS_LIMIT, type InspectedNode, type TensorSection } from '../inspector-model';

export type InspectorReport = NonNullable<WebviewReport['inspector']>;

export class InspectorView {
  readonly element: HTMLElement;
  private readonly heading = el('h2', { class: 'inspector-title' }, 'Node inspector');
  private readonly facts = el('dl', { class: 'inspector-facts' });
  private readonly body = el('div', { class: 'inspector-body' });
  private readonly bound = el('p', { class: 'caption inspector-bound' });
  private shown?: { nodeId: number; flat?: number };

  constructor() {
    this.element = el('aside', { class: 'inspector', 'aria-label': 'Node inspector', 'aria-live': 'polite' },
      this.heading, this.facts, this.body, this.bound);
    this.showHint();
  }

  showHint(): void {
    this.shown = undefined;
    this.heading.textContent = 'Node inspector';
    this.facts.replaceChildren();
    this.body.replaceChildren(el('p', { class: 'caption' }, 'Select a box in the graph, or a row of the Values or Gradient check table, to see its numbers here.'));
    this.bound.textContent = '';
  }

  /** Shows a node; `flat` is an entry to point at (a check-table row). */
  show(inspection: WireInspection, nodeId: number, flat: number | undefined, digits: number): boolean {
    const inspected = inspectNode(inspection, nodeId);
    if (inspected === undefined) {
      this.showHint();
      return false;
    }
    this.shown = { nodeId, flat };
    const { node } = inspected;
    const name = node.name ?? node.label;
    this.heading.textContent = `${name}${inspected.isOutput ? ' (output)' : ''}`;
    this.facts.replaceChildren(...factRows(inspected, flat));
    const limit = inspection.maxTensorEntries;
    this.body.replaceChildren(...inspected.sections.map(section => sectionElement(section, flat, digits, limit)));
    this.bound.textContent = `Every number is written out up to ${NUMBERS_LIMIT} entries; heatmaps up to ${limit ?? 'the sent'} entries`
      + `${limit === undefined ? '' : ' (the panel receives no entries above that)'}; larger tensors show a histogram and their summary.`;
    return true;
  }

  selectedNode(): number | undefined {
    return this.shown?.nodeId;
  }

  /** The entry pointed at (a check-table row), if any. */
  selectedEntry(): number | undefined {
    return this.shown?.flat;
  }

  report(): InspectorReport {
    const sections = Array.from(this.body.querySelectorAll<HTMLElement>('.inspector-section')).map(section => ({
      name: section.dataset.name ?? '',
      numbers: section.querySelectorAll('.heatmap-number').length,
      heatmapCells: section.querySelectorAll('.heatmap-cell').length,
      histogramBins: section.querySelectorAll('.histogram-bar').length,
      marked: section.querySelectorAll('.heatmap-fail, .heatmap-kink, .histogram-fail, .histogram-kink').length,
      selectedEntry: selectedFlat(section),
      summary: section.querySelector('.inspector-summary')?.textContent ?? '',
      legend: section.querySelector('.inspector-legend')?.textContent ?? '',
    }));
    return { nodeId: this.shown?.nodeId ?? null, title: this.heading.textContent ?? '', sections };
  }
}

function selectedFlat(section: Element): number | null {
  const flat = section.querySelector('.heatmap-selected')?.getAttribute('data-flat');
  return flat === null || flat === undefined ? null : Number(flat);
}

function factRows(inspected: InspectedNode, flat: number | undefined): HTMLElement[] {
  const { node } = inspected;
  const facts: [string, string][] = [
    ['op', node.kind === 'op' ? `${node.op} (${node.label})` : node.kind],
    ['shape', node.value.size === 1 && node.value.shape.length === 0 ? 'scalar' : formatShape(node.value.shape)],
    ['dtype', node.dtype === undefined ? 'float64' : `float64 (stored as ${node.dtype})`],
  ];
  if (node.source !== undefined) { facts.unshift(['source', node.source]); }
  if (node.origin !== undefined) { facts.push(['model node', node.origin]); }
  if (node.checkStatus !== undefined) {
    const failing = inspected.entries.filter(e => e.status === 'fail').length;
    facts.push(['check', `${node.checkStatus === 'fail' ? 'FAIL' : node.checkStatus} · ${inspected.entries.length} rows, ${failing} failing`]);
  }
  const entry = flat === undefined ? undefined : inspected.entries.find(e => e.flat === flat);
  if (entry !== undefined) { facts.push(['selected entry', `${formatIndex(entry.index)} (${entry.status === 'fail' ? 'FAIL' : entry.status})`]); }
  return facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, term === 'source' ? el('code', {}, value) : value)]);
}

function sectionElement(section: TensorSection, flat: number | undefined, digits: number, limit: number | undefined): HTMLElement {
  const element = el('section', { class: 'inspector-section' }, el('h3', {}, section.title));
  element.dataset.name = section.name;
  if (section.size === 1 && section.data !== undefined) {
    element.append(el('p', { class: 'inspector-scalar' }, formatNumber(section.data[0], digits)));
    return element;
  }
  element.append(el('p', { class: 'inspector-summary' }, summaryText(section, digits)));
  const canDraw = section.data !== undefined && (limit === undefined || section.size <= limit);
  if (canDraw && section.data !== undefined) {
    const withNumbers = section.size <= NUMBERS_LIMIT;
    const heatmap = heatmapSvg({
      data: section.data, shape: section.shape, scale: section.scale, marks: section.marks, selected: flat,
      numbers: withNumbers ? v => formatNumber(v, Math.min(digits, 4)) : undefined,
    });
    const picture = el('div', { class: 'inspector-heatmap' });
    picture.innerHTML = heatmap.svg;
    const { rows, columns } = heatmapGrid(section.shape);
    element.append(picture, legend(section, heatmap.limit, rows, columns));
  }
  const histogram = section.distribution?.histogram;
  if (histogram !== undefined && histogram.counts.length > 0 && section.size > NUMBERS_LIMIT) {
    const plot = el('div', { class: 'inspector-histogram' });
    const marks = [...section.marks].flatMap(([i, mark]) => {
      const value = section.data?.[i];
      return value === null || value === undefined ? [] : [{ value, mark }];
    });
    plot.innerHTML = histogramSvg({ ...histogram, marks, format: v => formatNumber(v, 3) });
    element.append(plot);
  }
  return element;
}

function summaryText(section: TensorSection, digits: number): string {
  const d = Math.min(digits, 4);
  const parts = [`min ${formatNumber(section.min, d)}`, `max ${formatNumber(section.max, d)}`, `mean ${formatNumber(section.mean, d)}`];
  const distribution = section.distribution;
  if (distribution !== undefined) {
    parts.push(`std ${formatNumber(distribution.std, d)}`, `zeros ${formatPercent(section.size === 0 ? 0 : distribution.zeros / section.size)}`);
  }
  if (section.nonFinite > 0) { parts.push(`${section.nonFinite} non-finite`); }
  if (section.name === 'numeric gradient' || section.name === 'error') {
    const known = section.data?.filter(v => v !== null).length ?? 0;
    if (known < section.size) { parts.push(`${known} of ${section.size} entries checked (hatched: not checked)`); }
  }
  return parts.join(' · ');
}

/** The colour bar under a heatmap, with the numbers at which it saturates. */
function legend(section: TensorSection, limit: number, rows: number, columns: number): HTMLElement {
  const signed = section.scale === 'signed';
  const bar = el('span', { class: 'legend-bar' });
  bar.style.background = cssGradient(signed ? DIVERGING_RAMP : SEQUENTIAL_RAMP);
  const low = signed ? formatNumber(-limit, 3) : '0';
  const high = formatNumber(limit, 3);
  const marks = section.marks.size > 0 ? ` · outlined: ${[...new Set(section.marks.values())].join(', ')}` : '';
  return el('p', { class: 'inspector-legend' },
    `${rows}×${columns} · ${signed ? 'blue negative, white 0, red positive' : 'dark 0 to bright largest'}: `,
    el('span', { class: 'legend-end' }, low), ' ', bar, ' ', el('span', { class: 'legend-end' }, high), marks);
}
