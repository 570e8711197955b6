// The Gradient flow tab: per layer through depth, log-scale bars of the gradient norm and the
// activation norm with flagged layers marked, the rules of the raised flags, and a table of every
// number (the plot's accessible counterpart); a very deep model's layers are sampled (layers-sample.ts). Every name from the model goes in as text.
import type { WebviewReport, WireGradientFlow, WireLayer, WireLayerFlag } from '../../src/protocol';
import { clear, el } from '../dom';
import { formatNumber, formatPercent } from '../format';
import { Bar, LayerColumn, layersPlot, LayersPlot, PLOT_MARGIN } from '../layers-plot';
import { shownLayers } from '../layers-sample';

const SVG = 'http://www.w3.org/2000/svg';
const PLOT_HEIGHT = 280;
const HEADERS = ['Depth', 'Layer', 'Ops', 'Activation norm', 'Gradient norm', 'max |grad|/|weight|', 'Dead ReLU', 'Saturated', 'Flags'];
const NO_LAYERS = 'No layers: gradient flow is shown for models whose nodes belong to layers (the modules of an ONNX export).';

export class LayersView {
  readonly element = el('section', { class: 'layers-view' });

  show(flow: WireGradientFlow | undefined, digits: number): void {
    clear(this.element);
    if (flow === undefined || flow.layers.length === 0) {
      this.element.append(el('p', { class: 'caption' }, NO_LAYERS));
      return;
    }
    const flagged = flow.layers.filter(l => l.flags.length > 0);
    const shown = shownLayers(flow.layers);
    const sample = shown.length < flow.layers.length
      ? ` Shown: ${shown.length} of them, a sample through depth (first and last included) and the flagged ones; the CLI's --json lists every layer.`
      : '';
    this.element.append(
      el('p', {}, `${flow.layers.length} layers in depth order, ${flagged.length} flagged.${sample} Bars: the norm of the loss's gradient with respect to each layer's output, and the norm of that output, on a log scale.`),
      legend(),
    );
    const plot = layersPlot(shown, PLOT_HEIGHT);
    if (plot === undefined) {
      this.element.append(el('p', { class: 'caption' }, 'Every norm is zero or non-finite: nothing to show on a log scale.'));
    } else {
      this.element.append(el('div', { class: 'flow-plot-scroll' }, plotSvg(plot, flagged, digits)));
    }
    this.element.append(rules(flow), layerTable(shown, digits));
  }

  /** What the plot shows, read back from the drawing. */
  report(): WebviewReport['layers'] {
    const bars = Array.from(this.element.querySelectorAll('g.flow-layer')).map(g => ({
      name: g.getAttribute('data-layer') ?? '',
      gradientNorm: barValue(g.querySelector('.flow-bar-gradient')),
      activationNorm: barValue(g.querySelector('.flow-bar-activation')),
      flags: Array.from(g.querySelectorAll('.flow-flag')).flatMap(m => (m.getAttribute('data-flags') ?? '').split(' ').filter(f => f !== '')),
    }));
    const text = Array.from(this.element.querySelectorAll('p, li')).map(e => (e.textContent ?? '').replace(/\s+/g, ' ').trim()).join('\n');
    return { bars, text };
  }
}

function barValue(bar: Element | null): number | null {
  const value = bar?.getAttribute('data-value');
  return value === undefined || value === null || value === 'null' ? null : Number(value);
}

function legend(): HTMLElement {
  const key = (kind: string, text: string): HTMLElement => el('span', { class: 'flow-key' }, el('span', { class: `flow-swatch flow-swatch-${kind}`, 'aria-hidden': 'true' }), text);
  return el('p', { class: 'flow-legend' }, key('gradient', 'gradient norm'), key('activation', 'activation norm'), key('flag', 'flagged layer'));
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

const px = (v: number): string => v.toFixed(1);

function plotSvg(plot: LayersPlot, flagged: readonly WireLayer[], digits: number): SVGSVGElement {
  const names = flagged.slice(0, 10).map(l => l.name).join(', ');
  const label = `Log-scale bars of the gradient norm and the activation norm of ${plot.columns.length} layers through depth; `
    + (flagged.length === 0 ? 'no layer is flagged' : `${flagged.length} flagged: ${names}${flagged.length > 10 ? ', …' : ''}`);
  const root = svg('svg', { class: 'flow-plot', width: px(plot.width), height: plot.height, viewBox: `0 0 ${px(plot.width)} ${plot.height}`, role: 'img', 'aria-label': label });
  const bottom = plot.height - PLOT_MARGIN.bottom;
  const right = plot.width - PLOT_MARGIN.right;
  for (const d of plot.decades) {
    root.append(svg('line', { class: 'plot-grid', x1: PLOT_MARGIN.left, x2: px(right), y1: px(d.y), y2: px(d.y) }));
    root.append(svg('text', { class: 'plot-label', x: PLOT_MARGIN.left - 6, y: px(d.y), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, `1e${d.exponent}`));
  }
  for (const column of plot.columns) {
    root.append(layerGroup(column, plot, digits));
  }
  for (const tick of plot.depthTicks) {
    root.append(svg('text', { class: 'plot-label', x: px(tick.x), y: bottom + 14, 'text-anchor': 'middle' }, String(tick.depth)));
  }
  root.append(svg('line', { class: 'plot-axis', x1: PLOT_MARGIN.left, x2: px(right), y1: bottom, y2: bottom }));
  root.append(svg('line', { class: 'plot-axis', x1: PLOT_MARGIN.left, x2: PLOT_MARGIN.left, y1: PLOT_MARGIN.top, y2: bottom }));
  root.append(svg('text', { class: 'plot-title', x: px((PLOT_MARGIN.left + right) / 2), y: plot.height - 6, 'text-anchor': 'middle' }, 'depth (layer)'));
  return root;
}

function layerGroup(column: LayerColumn, plot: LayersPlot, digits: number): SVGGElement {
  const { layer } = column;
  const group = svg('g', { class: 'flow-layer', 'data-layer': layer.name });
  const flags = layer.flags.length > 0 ? `; flags: ${layer.flags.join(', ')}` : '';
  group.append(svg('title', {}, `${layer.name} (depth ${layer.depth}): gradient norm ${formatNumber(layer.gradientNorm, digits)}, activation norm ${formatNumber(layer.activationNorm, digits)}${flags}`));
  group.append(barRect(column.gradient, 'gradient'), barRect(column.activation, 'activation'));
  for (const bar of [column.gradient, column.activation]) {
    // A log axis has no 0: the bar lies on the floor, and says what it is.
    if (bar.kind !== 'bar' && plot.slot >= 12) {
      group.append(svg('text', { class: 'plot-label flow-bar-note', x: px(bar.x + bar.width / 2), y: px(plot.height - PLOT_MARGIN.bottom - 5), 'text-anchor': 'middle' }, bar.kind === 'zero' ? '0' : '∞'));
    }
  }
  if (layer.flags.length > 0) {
    const cx = column.x + plot.slot / 2;
    const top = PLOT_MARGIN.top - 4;
    const size = Math.min(6, plot.slot / 2);
    group.append(svg('path', { class: 'flow-flag', 'data-flags': layer.flags.join(' '), d: `M${px(cx - size)},${px(top - size * 1.6)} L${px(cx + size)},${px(top - size * 1.6)} L${px(cx)},${px(top)} Z` }));
  }
  return group;
}

function barRect(bar: Bar, kind: 'gradient' | 'activation'): SVGRectElement {
  return svg('rect', {
    class: `flow-bar-${kind} flow-${bar.kind}`, 'data-value': String(bar.value),
    x: px(bar.x), y: px(bar.y), width: px(Math.max(1, bar.width)), height: px(bar.height),
  });
}

function rules(flow: WireGradientFlow): HTMLElement {
  const raised = new Set(flow.layers.flatMap(l => l.flags));
  const items = (Object.keys(flow.rules) as WireLayerFlag[]).filter(f => raised.has(f)).map(f => el('li', {}, `${f}: ${flow.rules[f]}`));
  const basis = !flow.layers.some(l => l.deadReluFraction !== undefined) ? undefined : flow.batchAxis
    ? `Dead ReLU units are counted per unit over the batch axis ${flow.batchAxis.name} (size ${flow.batchAxis.size}) where a ReLU output's axis 0 is that axis, else per entry.`
    : 'Dead ReLU units are counted per entry: the model declares no batch axis.';
  return el('div', { class: 'flow-rules' }, items.length > 0 ? el('ul', {}, ...items) : el('p', {}, 'No layer is flagged.'), basis === undefined ? undefined : el('p', { class: 'caption' }, basis));
}

function layerTable(layers: readonly WireLayer[], digits: number): HTMLElement {
  const cell = (tag: 'td' | 'th', text: string): HTMLElement => el(tag, {}, text);
  const fraction = (f: number | undefined): string => (f === undefined ? '' : formatPercent(f));
  const head = el('tr', {}, ...HEADERS.map(h => cell('th', h)));
  const rows = layers.map(layer => {
    const ratios = layer.parameters.map(p => p.ratio).filter((r): r is number => r !== null);
    return el('tr', layer.flags.length > 0 ? { class: 'flow-flagged' } : {}, ...[
      String(layer.depth), layer.name, layer.ops.join(', '), formatNumber(layer.activationNorm, digits), formatNumber(layer.gradientNorm, digits),
      ratios.length > 0 ? formatNumber(Math.max(...ratios), digits) : '', fraction(layer.deadReluFraction), fraction(layer.saturatedFraction), layer.flags.join(', '),
    ].map(text => cell('td', text)));
  });
  return el('table', { class: 'flow-table', 'aria-label': 'Gradient flow per layer' }, el('thead', {}, head), el('tbody', {}, ...rows));
}
