// The Graph tab: the (folded) DAG laid out in a worker and drawn as SVG by us, with pan and zoom,
// find, the selected box's path to the output, editor ↔ graph highlights, and exports (SVG, and
// mermaid text, the graph's text form).
import type { GraphAction, PanelSettings, WebviewReport, WireInspection } from '../../src/protocol';
import { clear, custom, el, setValue, valueOf } from '../dom';
import { plainLabel } from '../graph/escape';
import { findBoxes, stepMatch } from '../graph/find';
import type { Direction } from '../graph/flowchart';
import { measureFont } from '../graph/font-metrics';
import { LayoutClient } from '../graph/layout-client';
import { Navigator } from '../graph/navigation';
import { pathToOutput } from '../graph/paths';
import type { Scene } from '../graph/scene';
import { drawScene, exportableSvg, type DrawnScene, type SceneLook } from '../graph/svg-scene';
import { isInView, toWorld, ZOOM_STEP } from '../graph/viewport';
import type { ColourMode } from '../graph/node-colour';
import { currentTheme, graphPalette, mermaidTheme } from '../theme';
import { colourLegend, colourModePicker } from './colour-legend';
import { exportBar } from './export-bar';

/** Most boxes ever drawn, whatever the setting: above it the graph folds (10⁵-node models included). */
export const MAX_BOXES = 5000;
/** A revealed or found box is shown at least this large. */
const REVEAL_SCALE = 0.8;
const LINE_HEIGHT_FACTOR = 1.35;
/** Above this many boxes they are not tab stops (a thousand Tab presses help nobody). */
const MAX_TAB_STOPS = 200;

export interface GraphViewOptions {
  /** A node's box was activated: show its source. */
  onReveal: (nodeId: number) => void;
  /** A node's box was selected (click, or select()). */
  onSelect?: (nodeId: number) => void;
}

export class GraphView {
  readonly element: HTMLElement;
  private readonly canvas = el('div', { class: 'graph-canvas', tabindex: '0', role: 'application', 'aria-label': 'Graph: drag to pan, wheel or + and − to zoom, 0 to fit' });
  private readonly message = el('p', { class: 'graph-message', 'aria-live': 'polite' });
  private readonly status = el('div', { class: 'graph-status', 'aria-live': 'polite' });
  private readonly legend = el('div', { class: 'graph-legend', 'aria-label': 'Legend' });
  private readonly collapseBar = el('div', { class: 'graph-collapse-bar' });
  private readonly findField = el('input', { type: 'search', class: 'graph-find', placeholder: 'Find name or op', 'aria-label': 'Find a node by name or op' });
  private readonly findCount = el('span', { class: 'graph-find-count', 'aria-live': 'polite' });
  private readonly navigator: Navigator;
  private readonly layout = new LayoutClient();
  private inspection?: WireInspection;
  private settings?: PanelSettings;
  private readonly expanded = new Set<string>();
  private direction: Direction | 'auto' = 'auto';
  private colourBy: ColourMode = 'gradient';
  private readonly colourPicker: HTMLElement;
  /** The type of the precision replay last shown: its arrival colours the boxes by its error. */
  private replayType?: string;
  private scene?: Scene;
  private drawn?: DrawnScene;
  private highlighted: number[] = [];
  private selectedBox?: string;
  private pathBoxes = 0;
  private matches: number[] = [];
  private currentMatch?: number;
  private generation = 0;
  private renderCount = 0;
  /** Drawings whose boxes were placed anew (a re-check of the same graph reuses the placing). */
  private layoutCount = 0;
  private renderMs = 0;
  private rendered = false;
  /** The next drawing keeps the current pan and zoom (a theme switch, not a new graph). */
  private keepView = false;
  /** The last drawing was placed while the tab was hidden (a 0×0 canvas): it is fitted when the tab shows. */
  private placedUnseen = false;

  constructor(private readonly options: GraphViewOptions) {
    this.navigator = new Navigator(this.canvas);
    this.layout.warmUp();
    const directionPicker = custom('vscode-dropdown', { id: 'graph-direction', 'aria-label': 'Graph direction' },
      custom('vscode-option', { value: 'auto' }, 'Auto'),
      custom('vscode-option', { value: 'LR' }, 'Left to right'),
      custom('vscode-option', { value: 'TB' }, 'Top to bottom'),
    );
    directionPicker.addEventListener('change', () => {
      const picked = valueOf(directionPicker);
      this.direction = picked === 'TB' || picked === 'LR' ? picked : 'auto';
      this.keepView = false;
      this.rerender();
    });
    const [colourLabel, colourPicker] = colourModePicker(this.colourBy, mode => {
      this.colourBy = mode;
      this.keepView = this.rendered;
      this.rerender();
    });
    this.colourPicker = colourPicker;
    const toolbar = el('div', { class: 'toolbar' },
      el('label', { for: 'graph-direction', class: 'toolbar-label' }, 'Direction'), directionPicker,
      colourLabel, colourPicker,
      this.toolButton('zoom-out', '−', 'Zoom out (−)', () => this.navigator.zoomBy(1 / ZOOM_STEP)),
      this.toolButton('zoom-in', '+', 'Zoom in (+)', () => this.navigator.zoomBy(ZOOM_STEP)),
      this.toolButton('fit', 'Fit', 'Fit the graph to the view (0)', () => this.navigator.fit()),
      el('span', { class: 'graph-find-box' },
        this.findField,
        this.toolButton('find-previous', '↑', 'Previous match (Shift+Enter)', () => this.stepFind(-1)),
        this.toolButton('find-next', '↓', 'Next match (Enter)', () => this.stepFind(1)),
        this.findCount,
      ),
      exportBar([
        { label: 'SVG', format: 'svg', what: 'graph', content: () => this.svgText() },
        { label: 'Mermaid', format: 'mermaid', what: 'graph', content: () => this.scene?.flowchart.text },
      ]),
    );
    this.findField.addEventListener('input', () => this.find(this.findField.value));
    this.findField.addEventListener('keydown', event => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.stepFind(event.shiftKey ? -1 : 1);
      }
    });
    this.canvas.addEventListener('click', event => this.onCanvasClick(event));
    this.canvas.addEventListener('keydown', event => this.onCanvasKey(event));
    this.element = el('section', { class: 'graph-view' }, toolbar, this.message, this.collapseBar, this.legend, this.status, this.canvas);
  }

  private toolButton(name: string, text: string, label: string, action: () => void): HTMLElement {
    const b = custom('vscode-button', { appearance: 'icon', 'aria-label': label, title: label, 'data-graph-button': name }, text);
    b.addEventListener('click', action);
    return b;
  }

  show(inspection: WireInspection, settings: PanelSettings, sameInspection: boolean): void {
    if (!sameInspection) {
      this.expanded.clear();
      this.highlighted = [];
      this.selectedBox = undefined;
    }
    this.keepView = sameInspection && this.rendered;
    this.inspection = inspection;
    this.settings = settings;
    this.followReplay(inspection);
    this.rerender();
  }

  /** The Graph tab is showing: a drawing placed while it was hidden gets its first view now. */
  revealed(): void {
    if (this.placedUnseen && this.canvas.clientWidth > 0) {
      this.placedUnseen = false;
      this.keepView = false;
      this.rerender();
    }
  }

  /** A new precision replay colours the boxes by its error; without one, that colouring gives way to |gradient|. */
  private followReplay(inspection: WireInspection): void {
    const type = inspection.precision?.type;
    if (type === this.replayType) {
      return;
    }
    this.replayType = type;
    const mode = type !== undefined ? 'precision' : this.colourBy === 'precision' ? 'gradient' : this.colourBy;
    this.colourBy = mode;
    setValue(this.colourPicker, mode);
  }

  /** Lays out and draws again with the current theme, settings and folding (theme switches come here). */
  rerender(): void {
    const inspection = this.inspection;
    const settings = this.settings;
    if (inspection === undefined || settings === undefined) {
      return;
    }
    const theme = currentTheme();
    const look = sceneLook(theme);
    const generation = ++this.generation;
    const started = performance.now();
    this.showStatus(`Laying out ${inspection.nodes.length} nodes…`, true);
    this.renderCollapseBar();
    const request = {
      generation,
      nodes: inspection.nodes,
      output: inspection.output,
      limit: Math.min(settings.maxGraphNodes, MAX_BOXES),
      expanded: [...this.expanded],
      direction: this.direction,
      view: this.navigator.view(),
      digits: settings.significantDigits,
      palette: graphPalette(theme),
      colourBy: this.colourBy,
      check: inspection.check,
      precision: inspection.precision,
      metrics: measureFont(`${look.fontSize}px ${look.font}`, look.lineHeight),
    };
    this.layout.layout(request).then(scene => {
      if (scene !== undefined && generation === this.generation) {
        this.draw(scene, look, started);
      }
    }, (error: unknown) => {
      if (generation === this.generation) {
        this.rendered = false;
        clear(this.canvas);
        this.showStatus(`The graph could not be drawn: ${error instanceof Error ? error.message : String(error)}`, false);
      }
    });
  }

  private draw(scene: Scene, look: SceneLook, started: number): void {
    const capped = this.settings !== undefined && this.settings.maxGraphNodes > MAX_BOXES && scene.groupCount > 0
      ? ` The node limit setting (${this.settings.maxGraphNodes}) is capped at ${MAX_BOXES} boxes.`
      : '';
    this.message.textContent = scene.foldMessage + capped;
    this.legend.replaceChildren(...colourLegend(this.colourBy, scene.flowchart.scale, graphPalette(currentTheme()).none));
    const drawn = drawScene(scene, look);
    // Boxes are tab stops in a small graph; in a large one Find is the keyboard's way to a box.
    const tabIndex = drawn.boxes.size <= MAX_TAB_STOPS ? '0' : '-1';
    scene.flowchart.shapes.forEach(box => {
      const group = drawn.boxes.get(box.id);
      const action = box.target.kind === 'group' ? 'Expand the group' : 'Select, and reveal in the editor';
      group?.setAttribute('tabindex', tabIndex);
      group?.setAttribute('role', 'button');
      group?.setAttribute('aria-label', `${box.lines.map(plainLabel).join(' ')}. ${action}`);
    });
    const output = scene.placed[scene.flowchart.shapes.findIndex(box => box.id === scene.outputBox)];
    // The view is placed while the drawing is still detached: no layout of its thousands of elements.
    this.navigator.attach(drawn.viewport, { width: scene.width, height: scene.height }, output, this.keepView);
    this.placedUnseen = !this.keepView && this.canvas.clientWidth === 0;
    this.scene = scene;
    this.drawn = drawn;
    this.applyHighlight(false);
    this.applySelection(false);
    this.find(this.findField.value, false);
    this.canvas.replaceChildren(drawn.svg);
    this.keepView = true;
    this.rendered = true;
    this.renderCount++;
    this.layoutCount += scene.layoutReused ? 0 : 1;
    this.showStatus('', false);
    this.renderMs = performance.now() - started;
  }

  private onCanvasClick(event: MouseEvent): void {
    const box = (event.target as Element | null)?.closest?.('g.node');
    if (box instanceof SVGGElement && box.dataset.box !== undefined) {
      this.activate(box.dataset.box);
    }
  }

  private onCanvasKey(event: KeyboardEvent): void {
    const box = (event.target as Element | null)?.closest?.('g.node');
    if ((event.key === 'Enter' || event.key === ' ') && box instanceof SVGGElement && box.dataset.box !== undefined) {
      event.preventDefault();
      this.activate(box.dataset.box);
    }
  }

  private activate(boxId: string): void {
    const target = this.scene?.flowchart.boxes.get(boxId);
    if (target === undefined) {
      return;
    }
    if (target.kind === 'group') {
      this.expanded.add(target.key);
      this.rerender();
      return;
    }
    this.selectBox(boxId, false);
    this.options.onSelect?.(target.id);
    this.options.onReveal(target.id);
  }

  /** Selects a node's box: highlights its path to the output and centres it. */
  select(nodeId: number): void {
    const box = this.boxOfNode(nodeId);
    if (box !== undefined) {
      this.selectBox(box, true);
      this.options.onSelect?.(nodeId);
    }
  }

  /** Centres a node's box (editor ↔ graph linking), zooming in to a readable size. */
  reveal(nodeId: number): void {
    const box = this.boxOfNode(nodeId);
    if (box !== undefined) {
      this.centreBox(box);
    }
  }

  private boxOfNode(nodeId: number): string | undefined {
    const scene = this.scene;
    return scene?.flowchart.boxOfNode.get(scene.shownAs.get(nodeId) ?? nodeId);
  }

  private selectBox(boxId: string, centre: boolean): void {
    this.selectedBox = boxId;
    this.applySelection(centre);
  }

  private applySelection(centre: boolean): void {
    const { scene, drawn, selectedBox } = this;
    if (scene === undefined || drawn === undefined) {
      return;
    }
    const path = selectedBox === undefined || !drawn.boxes.has(selectedBox) ? undefined : pathToOutput(scene.flowchart.edges, selectedBox, scene.outputBox);
    drawn.svg.classList.toggle('path-mode', path !== undefined);
    for (const [id, group] of drawn.boxes) {
      group.classList.toggle('on-path', path?.boxes.has(id) ?? false);
      group.classList.toggle('selected', id === selectedBox);
    }
    drawn.edges.forEach((edge, i) => edge.classList.toggle('on-path', path?.edges.has(i) ?? false));
    this.pathBoxes = path?.boxes.size ?? 0;
    if (centre && selectedBox !== undefined && path !== undefined) {
      this.centreBox(selectedBox);
    }
  }

  private centreBox(boxId: string): void {
    const scene = this.scene;
    const index = scene?.flowchart.shapes.findIndex(box => box.id === boxId) ?? -1;
    if (scene !== undefined && index >= 0) {
      this.navigator.centre(scene.placed[index], REVEAL_SCALE);
    }
  }

  highlight(nodeIds: readonly number[]): void {
    this.highlighted = [...nodeIds];
    this.applyHighlight(true);
  }

  private applyHighlight(reveal: boolean): void {
    const drawn = this.drawn;
    if (drawn === undefined) {
      return;
    }
    const boxes = new Set(this.highlighted.map(id => this.boxOfNode(id)).filter((b): b is string => b !== undefined));
    for (const [id, group] of drawn.boxes) {
      group.classList.toggle('highlighted', boxes.has(id));
    }
    const first = [...boxes][0];
    if (reveal && first !== undefined && !this.boxInView(first)) {
      this.centreBox(first);
    }
  }

  private boxInView(boxId: string): boolean {
    const scene = this.scene;
    const index = scene?.flowchart.shapes.findIndex(box => box.id === boxId) ?? -1;
    return scene !== undefined && index >= 0 && isInView(this.navigator.current(), this.navigator.view(), scene.placed[index]);
  }

  /** Marks every box matching `query` and centres the first. */
  private find(query: string, centre = true): void {
    const { scene, drawn } = this;
    if (scene === undefined || drawn === undefined) {
      return;
    }
    this.matches = findBoxes(query, scene.flowchart.shapes, scene.placed, scene.flowchart.direction);
    this.currentMatch = undefined;
    const matching = new Set(this.matches.map(i => scene.flowchart.shapes[i].id));
    for (const [id, group] of drawn.boxes) {
      group.classList.toggle('match', matching.has(id));
    }
    if (centre) {
      this.stepFind(1);
    } else {
      this.showFindCount();
    }
  }

  private stepFind(step: 1 | -1): void {
    const { scene, drawn } = this;
    this.currentMatch = stepMatch(this.currentMatch, this.matches.length, step);
    if (scene !== undefined && drawn !== undefined) {
      const current = this.currentMatch === undefined ? undefined : scene.flowchart.shapes[this.matches[this.currentMatch]].id;
      for (const [id, group] of drawn.boxes) {
        group.classList.toggle('current-match', id === current);
      }
      if (current !== undefined) {
        this.centreBox(current);
      }
    }
    this.showFindCount();
  }

  private showFindCount(): void {
    const query = this.findField.value.trim();
    this.findCount.textContent = query === '' ? '' : this.matches.length === 0 ? 'no match' : `${(this.currentMatch ?? -1) + 1} of ${this.matches.length}`;
  }

  /** The test seam's actions, replayed as the DOM events a user would cause. */
  act(action: GraphAction): void {
    switch (action.kind) {
      case 'key':
        this.canvas.focus();
        this.canvas.dispatchEvent(new KeyboardEvent('keydown', { key: action.key, bubbles: true, cancelable: true }));
        break;
      case 'wheel': {
        const bounds = this.canvas.getBoundingClientRect();
        this.canvas.dispatchEvent(new WheelEvent('wheel', {
          deltaY: action.deltaY, clientX: bounds.left + bounds.width / 2, clientY: bounds.top + bounds.height / 2, bubbles: true, cancelable: true,
        }));
        break;
      }
      case 'button':
        this.element.querySelector<HTMLElement>(`[data-graph-button="${action.name}"]`)?.click();
        break;
      case 'find':
        this.findField.value = action.query;
        this.findField.dispatchEvent(new Event('input'));
        break;
      case 'select':
        this.select(action.nodeId);
        break;
      case 'reveal':
        this.reveal(action.nodeId);
        break;
    }
  }

  private renderCollapseBar(): void {
    clear(this.collapseBar);
    const labels = new Map(this.inspection?.nodes.map(n => [n.id, n.label]) ?? []);
    for (const key of this.expanded) {
      const title = key.startsWith('layer:') ? key.slice(6) : `${labels.get(Number(key.slice(4))) ?? key} sub-expression`;
      const chip = custom('vscode-button', { appearance: 'secondary', 'aria-label': `Fold ${title} again` }, `⊟ ${title}`);
      chip.addEventListener('click', () => {
        this.expanded.delete(key);
        this.rerender();
      });
      this.collapseBar.append(chip);
    }
    if (this.expanded.size > 1) {
      const all = custom('vscode-button', { appearance: 'secondary', 'aria-label': 'Fold every group again' }, 'Fold all again');
      all.addEventListener('click', () => {
        this.expanded.clear();
        this.rerender();
      });
      this.collapseBar.append(all);
    }
    this.collapseBar.hidden = this.expanded.size === 0;
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

  private svgText(): string | undefined {
    return this.drawn === undefined || this.scene === undefined ? undefined : exportableSvg(this.drawn, this.scene);
  }

  report(): WebviewReport['graph'] {
    const { scene, drawn } = this;
    const boxes = drawn === undefined ? [] : [...drawn.boxes.values()];
    const transform = this.navigator.current();
    const view = this.navigator.view();
    const labelOf = (boxId: string | undefined): string | undefined => {
      const box = boxId === undefined ? undefined : drawn?.boxes.get(boxId);
      return box === undefined ? undefined : boxText(box);
    };
    const outputIndex = scene?.flowchart.shapes.findIndex(box => box.id === scene.outputBox) ?? -1;
    const current = this.currentMatch === undefined || scene === undefined ? undefined : scene.flowchart.shapes[this.matches[this.currentMatch]].id;
    return {
      rendered: this.rendered && this.canvas.querySelector('svg') !== null,
      svgNodeCount: boxes.length,
      renderCount: this.renderCount,
      layoutCount: this.layoutCount,
      status: this.status.hidden ? '' : this.status.textContent ?? '',
      foldedNodes: scene?.foldedNodes ?? 0,
      message: this.message.textContent ?? '',
      colourBy: this.colourBy,
      legend: Array.from(this.legend.querySelectorAll('.legend-item')).map(item => (item.textContent ?? '').trim()),
      renderMs: this.renderMs,
      labels: boxes.map(boxText),
      activeContent: activeContent(this.canvas),
      layoutPlace: this.layout.place,
      layoutMs: scene?.millis,
      transform,
      view,
      outputInView: scene !== undefined && outputIndex >= 0 && isInView(transform, view, scene.placed[outputIndex]),
      centreLabel: labelOf(this.boxNearestCentre()),
      selectedLabel: labelOf(this.selectedBox),
      pathBoxes: this.pathBoxes,
      findMatches: this.matches.length,
      currentMatchLabel: labelOf(current),
    };
  }

  private boxNearestCentre(): string | undefined {
    const scene = this.scene;
    if (scene === undefined) {
      return undefined;
    }
    const view = this.navigator.view();
    const centre = toWorld(this.navigator.current(), { x: view.width / 2, y: view.height / 2 });
    let best: { id: string; distance: number } | undefined;
    scene.placed.forEach((place, i) => {
      const distance = Math.hypot(place.x - centre.x, place.y - centre.y);
      if (best === undefined || distance < best.distance) {
        best = { id: scene.flowchart.shapes[i].id, distance };
      }
    });
    return best?.id;
  }
}

/** Font, line height and edge colour of the drawing, from the theme's CSS variables. */
function sceneLook(theme: ReturnType<typeof currentTheme>): SceneLook {
  const mermaid = mermaidTheme(theme);
  const fontSize = parseFloat(String(mermaid.themeVariables.fontSize)) || 13;
  return {
    font: mermaid.fontFamily,
    fontSize,
    lineHeight: Math.round(fontSize * LINE_HEIGHT_FACTOR),
    edgeColor: String(mermaid.themeVariables.lineColor),
    background: String(mermaid.themeVariables.background),
  };
}

const ACTIVE_TAGS = new Set(['a', 'img', 'image', 'script', 'iframe', 'object', 'embed', 'animate', 'set', 'foreignobject']);

/**
 * Elements of the drawing that could load or run something, as `tag[attribute=value]`: the test
 * seam shows that labels made from file text stayed text. The drawing makes none of them itself.
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

/** The text of a drawn box, its lines joined by spaces. */
function boxText(box: Element): string {
  return Array.from(box.querySelectorAll('tspan'), span => span.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim();
}
