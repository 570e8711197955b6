// The Graph tab: the folded DAG rendered by mermaid, clickable boxes, highlights and exports.
import type { PanelSettings, WebviewReport, WireInspection } from '../../src/protocol';
import { clear, custom, el, onActivate, valueOf } from '../dom';
import { buildFlowchart, type Direction, type Flowchart } from '../graph/flowchart';
import { foldGraph, type FoldResult } from '../graph/fold';
import { mergeByOrigin, type MergedGraph } from '../graph/merge';
import { MAX_TEXT_SIZE, renderMermaid } from '../graph/mermaid-render';
import { currentTheme, graphPalette, mermaidTheme } from '../theme';
import type { ColourMode } from '../graph/node-colour';
import { colourLegend, colourModePicker } from './colour-legend';
import { exportBar } from './export-bar';

/**
 * Most boxes ever laid out, whatever the setting: mermaid's layout runs on the UI thread and takes
 * about 3 s for 150 boxes and 9 s for 300 on a slow machine.
 */
const MAX_BOXES = 300;

export class GraphView {
  readonly element: HTMLElement;
  private readonly canvas = el('div', { class: 'graph-canvas', tabindex: '-1' });
  private readonly message = el('p', { class: 'graph-message', 'aria-live': 'polite' });
  private readonly status = el('div', { class: 'graph-status', 'aria-live': 'polite' });
  private readonly legend = el('div', { class: 'graph-legend', 'aria-label': 'Legend' });
  private readonly collapseButton: HTMLElement;
  private inspection?: WireInspection;
  private settings?: PanelSettings;
  private readonly expanded = new Set<string>();
  private direction: Direction = 'LR';
  private colourBy: ColourMode = 'gradient';
  private flowchart?: Flowchart;
  private fold?: FoldResult;
  private merged?: MergedGraph;
  private highlighted: number[] = [];
  private generation = 0;
  private renderCount = 0;
  private renderMs = 0;
  private rendered = false;

  constructor(private readonly onReveal: (nodeId: number) => void) {
    const directionPicker = custom('vscode-dropdown', { id: 'graph-direction', 'aria-label': 'Graph direction' },
      custom('vscode-option', { value: 'LR' }, 'Left to right'),
      custom('vscode-option', { value: 'TB' }, 'Top to bottom'),
    );
    directionPicker.addEventListener('change', () => {
      this.direction = valueOf(directionPicker) === 'TB' ? 'TB' : 'LR';
      this.rerender();
    });
    this.collapseButton = custom('vscode-button', { appearance: 'secondary', 'aria-label': 'Fold the graph again' }, 'Fold again');
    this.collapseButton.addEventListener('click', () => {
      this.expanded.clear();
      this.rerender();
    });
    this.collapseButton.hidden = true;
    const fitButton = custom('vscode-button', { appearance: 'secondary', 'aria-label': 'Fit the graph to the panel width', 'aria-pressed': 'false' }, 'Fit width');
    fitButton.addEventListener('click', () => {
      const fit = this.canvas.classList.toggle('fit');
      fitButton.setAttribute('aria-pressed', String(fit));
    });
    const toolbar = el('div', { class: 'toolbar' },
      el('label', { for: 'graph-direction', class: 'toolbar-label' }, 'Direction'), directionPicker,
      ...colourModePicker(this.colourBy, mode => {
        this.colourBy = mode;
        this.rerender();
      }),
      fitButton, this.collapseButton,
      exportBar([
        { label: 'SVG', format: 'svg', what: 'graph', content: () => this.svgText() },
        { label: 'Mermaid', format: 'mermaid', what: 'graph', content: () => this.flowchart?.text },
      ]),
    );
    this.element = el('section', { class: 'graph-view' }, toolbar, this.message, this.legend, this.status, this.canvas);
  }

  show(inspection: WireInspection, settings: PanelSettings, sameInspection: boolean): void {
    if (!sameInspection) {
      this.expanded.clear();
      this.highlighted = [];
    }
    this.inspection = inspection;
    this.settings = settings;
    this.rerender();
  }

  /** Renders again with the current theme, settings and folding (theme switches come here). */
  rerender(): void {
    const inspection = this.inspection;
    const settings = this.settings;
    if (inspection === undefined || settings === undefined) {
      return;
    }
    const theme = currentTheme();
    const limit = Math.min(settings.maxGraphNodes, MAX_BOXES);
    const merged = mergeByOrigin(inspection.nodes, inspection.output);
    this.merged = merged;
    this.fold = foldGraph({ nodes: merged.nodes, output: merged.output, limit, expanded: this.expanded });
    this.flowchart = buildFlowchart(merged.nodes, merged.output, this.fold, {
      direction: this.direction, digits: settings.significantDigits, palette: graphPalette(theme), colourBy: this.colourBy, check: inspection.check,
    });
    const capped = settings.maxGraphNodes > MAX_BOXES && this.fold.groups.length > 0
      ? ` The node limit setting (${settings.maxGraphNodes}) is capped at ${MAX_BOXES}: mermaid's layout blocks the panel for seconds above that.`
      : '';
    this.message.textContent = this.fold.message + capped;
    this.collapseButton.hidden = this.expanded.size === 0;
    this.legend.replaceChildren(...colourLegend(this.colourBy, this.flowchart.scale, graphPalette(theme).none));
    void this.draw(this.flowchart, theme);
  }

  private async draw(flowchart: Flowchart, theme: ReturnType<typeof currentTheme>): Promise<void> {
    const generation = ++this.generation;
    if (flowchart.text.length > MAX_TEXT_SIZE) {
      this.showStatus(`The graph text (${flowchart.text.length} characters) is above mermaid's limit of ${MAX_TEXT_SIZE}; lower the node limit setting.`, false);
      return;
    }
    this.showStatus('Rendering…', true);
    // Let the "Rendering…" state paint before mermaid's synchronous layout work starts.
    await new Promise(resolve => setTimeout(resolve, 0));
    if (generation !== this.generation) {
      return;
    }
    const started = performance.now();
    try {
      const svg = await renderMermaid(`gi-graph-${generation}`, flowchart.text, mermaidTheme(theme));
      if (generation !== this.generation) {
        return;
      }
      this.canvas.innerHTML = svg;
      this.renderMs = performance.now() - started;
      this.renderCount++;
      this.rendered = true;
      this.wireBoxes(flowchart);
      this.applyHighlight(false);
      this.showStatus('', false);
    } catch (error) {
      if (generation === this.generation) {
        this.rendered = false;
        clear(this.canvas);
        this.showStatus(`The graph could not be drawn: ${error instanceof Error ? error.message : String(error)}`, false);
      }
    }
  }

  private showStatus(text: string, busy: boolean): void {
    clear(this.status);
    if (busy) {
      this.status.append(custom('vscode-progress-ring', { 'aria-label': 'Rendering the graph' }));
    }
    if (text !== '') {
      this.status.append(el('span', {}, text));
    }
    this.status.hidden = text === '' && !busy;
  }

  private boxElements(): SVGGElement[] {
    return Array.from(this.canvas.querySelectorAll<SVGGElement>('svg g.node'));
  }

  /** mermaid's click callbacks are off under strict security, so boxes get DOM listeners. */
  private wireBoxes(flowchart: Flowchart): void {
    for (const box of this.boxElements()) {
      const boxId = mermaidBoxId(box);
      const target = flowchart.boxes.get(boxId);
      if (target === undefined) {
        continue;
      }
      box.dataset.box = boxId;
      const text = visibleText(box);
      box.setAttribute('tabindex', '0');
      box.setAttribute('role', 'button');
      if (target.kind === 'node') {
        box.setAttribute('aria-label', `${text}. Reveal in the editor`);
        onActivate(box, () => this.onReveal(target.id));
      } else {
        box.setAttribute('aria-label', `${text}. Expand the group`);
        box.classList.add('folded-group');
        box.dataset.group = target.key;
        onActivate(box, () => {
          this.expanded.add(target.key);
          this.rerender();
        });
      }
    }
  }

  highlight(nodeIds: readonly number[]): void {
    this.highlighted = [...nodeIds];
    this.applyHighlight(true);
  }

  private applyHighlight(scroll: boolean): void {
    const shownAs = (id: number): number => this.merged?.shownAs.get(id) ?? id;
    const boxes = new Set(this.highlighted.map(id => this.flowchart?.boxOfNode.get(shownAs(id))).filter((b): b is string => b !== undefined));
    let first: Element | undefined;
    for (const box of this.boxElements()) {
      const on = boxes.has(box.dataset.box ?? '');
      box.classList.toggle('highlighted', on);
      first ??= on ? box : undefined;
    }
    if (scroll && first !== undefined) {
      first.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  private svgText(): string | undefined {
    return this.canvas.querySelector('svg')?.outerHTML;
  }

  report(): WebviewReport['graph'] {
    const boxes = this.boxElements();
    return {
      rendered: this.rendered && this.canvas.querySelector('svg') !== null,
      svgNodeCount: boxes.length,
      renderCount: this.renderCount,
      foldedNodes: this.fold?.foldedNodes ?? 0,
      message: this.message.textContent ?? '',
      colourBy: this.colourBy,
      legend: Array.from(this.legend.querySelectorAll('.legend-item')).map(item => (item.textContent ?? '').trim()),
      renderMs: this.renderMs,
      labels: boxes.map(visibleText),
      activeContent: activeContent(this.canvas),
    };
  }
}

/**
 * The flowchart id of a rendered box: mermaid 11 names node groups "<svg id>-flowchart-<id>-<n>"
 * (and some versions add data-id).
 */
function mermaidBoxId(box: SVGGElement): string {
  return box.dataset.id ?? /-flowchart-([ng]\d+)-\d+$/.exec(box.id)?.[1] ?? '';
}

const ACTIVE_TAGS = new Set(['a', 'img', 'image', 'script', 'iframe', 'object', 'embed', 'animate', 'set']);

/**
 * Elements of the drawing that could load or run something, as `tag[attribute=value]`: the test
 * seam shows that labels made from file text stayed text. mermaid draws none of them itself.
 */
function activeContent(root: Element): string[] {
  const found: string[] = [];
  for (const element of Array.from(root.querySelectorAll('*'))) {
    const tag = element.tagName.toLowerCase();
    const risky = element.getAttributeNames().filter(name => /^on/i.test(name) || (/href$/i.test(name) && !(element.getAttribute(name) ?? '').startsWith('#')));
    if (ACTIVE_TAGS.has(tag) || risky.length > 0) {
      found.push(`${tag}${risky.map(name => `[${name}=${element.getAttribute(name) ?? ''}]`).join('')}`);
    }
  }
  return found;
}

/** The text of a rendered box with its line breaks as spaces (textContent would glue the lines). */
function visibleText(box: Element): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.nodeValue ?? '');
    } else if ((node as Element).tagName.toLowerCase() === 'br') {
      parts.push(' ');
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}
