// The panel's controller: owns the state, routes validated messages to the views, keeps the state
// with setState, and answers the test seam's requestReport from the live DOM.
import type { PanelSettings, PanelState, PanelTab, ToWebview, WebviewReport, WireInspection, WireTensor } from '../src/protocol';
import { custom, el } from './dom';
import { summarizeTensor } from './format';
import { DEFAULT_SETTINGS, inspectionProblem, PANEL_TABS, sanitizeSettings, validateMessage } from './messages';
import { currentTheme, watchTheme } from './theme';
import { CheckView } from './views/check-view';
import { ClaimsView } from './views/claims-view';
import { DerivativesView } from './views/derivatives-view';
import { DocumentClaimsView } from './views/document-claims-view';
import { GraphView } from './views/graph-view';
import { HandwrittenView } from './views/handwritten-view';
import { HeaderView } from './views/header-view';
import { HessianView } from './views/hessian-view';
import { InspectorView } from './views/inspector-view';
import { LayersView } from './views/layers-view';
import { MemoryView } from './views/memory-view';
import { PrecisionView } from './views/precision-view';
import { ValuesView } from './views/values-view';
import { post, vscodeApi } from './vscode-api';

const TAB_TITLES: Record<PanelTab, string> = {
  graph: 'Graph', values: 'Values & gradients', check: 'Gradient check', memory: 'Memory', derivatives: 'Derivatives',
  layers: 'Gradient flow',
};

export class Panel {
  private readonly header = new HeaderView();
  private readonly graph = new GraphView({
    onSelect: nodeId => this.selectNode(nodeId),
    onReveal: nodeId => post({ type: 'revealNode', nodeId }),
  });
  private readonly values = new ValuesView(nodeId => this.selectNode(nodeId));
  private readonly check = new CheckView((leafId, flat) => this.selectNode(leafId, flat));
  private readonly inspector = new InspectorView();
  private readonly memory = new MemoryView();
  private readonly derivatives = new DerivativesView();
  private readonly layers = new LayersView();
  private readonly handwritten = new HandwrittenView();
  private readonly claims = new ClaimsView();
  private readonly hessian = new HessianView();
  private readonly precision = new PrecisionView(nodeId => this.selectNode(nodeId));
  private readonly documentClaims = new DocumentClaimsView(index => post({ type: 'revealClaim', index }));
  private readonly tabs: HTMLElement;
  private readonly checkBadge = custom('vscode-badge', { 'aria-hidden': 'true' });
  private state: PanelState = { activeTab: 'graph' };
  private settings: PanelSettings = DEFAULT_SETTINGS;

  constructor(root: HTMLElement) {
    this.tabs = this.buildTabs();
    // The inspector sits beside the tabs in a wide panel and below them in a narrow one (styles.css).
    root.append(this.header.element, el('div', { class: 'panel-body' }, this.tabs, this.inspector.element));
    this.tabs.addEventListener('change', event => {
      const id = (event.target as HTMLElement & { activeid?: string }).activeid ?? '';
      const tab = PANEL_TABS.find(t => `tab-${t}` === id);
      if (event.target === this.tabs && tab !== undefined && tab !== this.state.activeTab) {
        this.state.activeTab = tab;
        this.save();
        post({ type: 'tabChanged', tab });
        // After the tab's view is laid out: the graph may have been drawn while it was hidden.
        requestAnimationFrame(() => tab === 'graph' && this.graph.revealed());
      }
    });
    watchTheme(() => this.graph.rerender());
  }

  private buildTabs(): HTMLElement {
    const views: Record<PanelTab, HTMLElement> = {
      graph: this.graph.element, values: this.values.element, check: el('div', {}, this.check.element, this.precision.element, this.handwritten.element),
      memory: this.memory.element, derivatives: el('div', {}, this.claims.element, this.documentClaims.element, this.derivatives.element, this.hessian.element), layers: this.layers.element,
    };
    const tabs = PANEL_TABS.map(tab => custom('vscode-panel-tab', { id: `tab-${tab}` }, TAB_TITLES[tab], tab === 'check' ? this.checkBadge : undefined));
    const panels = PANEL_TABS.map(tab => custom('vscode-panel-view', { id: `view-${tab}` }, views[tab]));
    return custom('vscode-panels', { 'aria-label': 'Inspection', activeid: 'tab-graph' }, ...tabs, ...panels);
  }

  /** Shows what a reloaded webview had, before the host says anything. */
  restore(): void {
    const saved = vscodeApi().getState() as Partial<PanelState> | undefined;
    if (saved === undefined || saved === null || typeof saved !== 'object') {
      this.header.showEmpty();
      return;
    }
    this.state = {
      activeTab: PANEL_TABS.includes(saved.activeTab as PanelTab) ? (saved.activeTab as PanelTab) : 'graph',
      documentUri: typeof saved.documentUri === 'string' ? saved.documentUri : undefined,
    };
    this.settings = sanitizeSettings(saved.settings);
    this.showTab(this.state.activeTab);
    if (saved.inspection !== undefined && inspectionProblem(saved.inspection) === undefined) {
      this.showInspection(saved.inspection, this.settings);
    } else {
      this.header.showEmpty();
    }
  }

  receive(data: unknown): void {
    const validated = validateMessage(data);
    if (validated.kind === 'ignored') {
      return;
    }
    if (validated.kind === 'malformed') {
      const message = `The panel received a malformed message: ${validated.reason}.`;
      this.header.showError(message);
      post({ type: 'webviewError', message });
      return;
    }
    this.handle(validated.message);
  }

  private handle(message: ToWebview): void {
    switch (message.type) {
      case 'inspection':
        this.showInspection(message.inspection, message.settings);
        break;
      case 'progress':
        this.header.showProgress(message.phase, message.done, message.total);
        break;
      case 'error':
        this.header.showError(message.message, message.location);
        this.check.noteError(message.message);
        break;
      case 'highlight':
        this.graph.highlight(message.nodeIds);
        break;
      case 'sweep':
        this.check.showSweep(message.sweep);
        break;
      case 'nodeDetail':
        this.receiveNodeDetail(message.nodeId, message.value, message.grad);
        break;
      case 'settings':
        this.settings = message.settings;
        if (this.state.inspection !== undefined) {
          this.showInspection(this.state.inspection, message.settings);
        }
        break;
      case 'showTab':
        this.showTab(message.tab);
        break;
      case 'documentClaims':
        this.documentClaims.show(message.file, message.claims);
        break;
      case 'requestReport':
        post({ type: 'report', report: this.report() });
        break;
      case 'graphAction':
        this.graph.act(message.action);
        break;
      case 'simulate':
        simulate(message.selector, message.event, message.value);
        break;
    }
  }

  /**
   * Selection: the graph's boxes and the Values and check tables call this; the node's numbers go
   * to the inspector (with `flat`, the check row's entry is outlined) and its box is highlighted.
   */
  selectNode(nodeId: number, flat?: number): void {
    const inspection = this.state.inspection;
    if (inspection === undefined) {
      return;
    }
    if (this.inspector.show(inspection, nodeId, flat, this.settings.significantDigits)) {
      this.graph.highlight([nodeId]);
      this.requestNodeDetail(inspection, nodeId);
    }
  }

  /** A large graph's nodes came as summaries: the shown node's entries are asked for once. */
  private requestNodeDetail(inspection: WireInspection, nodeId: number): void {
    const node = inspection.nodeDetailOnRequestAbove === undefined ? undefined : inspection.nodes.find(n => n.id === nodeId);
    if (node !== undefined && node.value.distribution === undefined && node.value.data === undefined) {
      post({ type: 'requestNodeDetail', nodeId });
    }
  }

  /** The entries of a node the inspector asked for; shown if it is still the selected one. */
  private receiveNodeDetail(nodeId: number, value: WireTensor, grad: WireTensor | undefined): void {
    const inspection = this.state.inspection;
    const node = inspection?.nodes.find(n => n.id === nodeId);
    if (inspection === undefined || node === undefined) {
      return;
    }
    node.value = value;
    if (grad !== undefined) {
      node.grad = grad;
    }
    if (this.inspector.selectedNode() === nodeId) {
      this.inspector.show(inspection, nodeId, this.inspector.selectedEntry(), this.settings.significantDigits);
    }
  }

  /** After a new inspection: the same node again if it is still there, else the first failing leaf, else the output. */
  private refreshInspector(inspection: WireInspection): void {
    const previous = this.inspector.selectedNode();
    const failing = inspection.nodes.find(n => n.kind === 'leaf' && n.checkStatus === 'fail');
    const target = [previous, failing?.id, inspection.output].find(id => id !== undefined && inspection.nodes.some(n => n.id === id));
    if (target === undefined) {
      this.inspector.showHint();
    } else {
      this.inspector.show(inspection, target, undefined, this.settings.significantDigits);
      this.requestNodeDetail(inspection, target);
    }
  }

  private showInspection(inspection: WireInspection, settings: PanelSettings): void {
    const same = this.state.inspection === inspection;
    this.settings = settings;
    this.state.inspection = inspection;
    this.state.settings = settings;
    const digits = settings.significantDigits;
    this.header.show(inspection, summarizeTensor(inspection.value, digits));
    this.graph.show(inspection, settings, same);
    this.values.show(inspection, settings);
    this.check.show(inspection, settings, same);
    this.memory.show(inspection.memory);
    this.derivatives.show(inspection, digits);
    this.refreshInspector(inspection);
    this.layers.show(inspection.gradientFlow, digits);
    this.handwritten.show(inspection, digits);
    this.claims.show(inspection);
    this.hessian.show(inspection, digits);
    this.precision.show(inspection);
    this.updateCheckBadge(inspection);
    this.save();
  }

  private updateCheckBadge(inspection: WireInspection): void {
    const check = inspection.check;
    this.checkBadge.hidden = check === undefined;
    this.checkBadge.textContent = check === undefined ? '' : check.passed ? '✓' : String(check.counts.fail);
  }

  private showTab(tab: PanelTab): void {
    this.state.activeTab = tab;
    this.tabs.setAttribute('activeid', `tab-${tab}`);
    (this.tabs as HTMLElement & { activeid?: string }).activeid = `tab-${tab}`;
    this.save();
  }

  /**
   * A graph sent as summaries (over `nodeDetailOnRequestAbove` nodes) is tens of MB, which setState
   * would copy on every tab switch: it is not kept, and after a reload the panel asks for a new check.
   */
  private save(): void {
    const { inspection, ...rest } = this.state;
    vscodeApi().setState(inspection?.nodeDetailOnRequestAbove === undefined ? { ...this.state } : rest);
  }

  private report(): WebviewReport {
    return {
      activeTab: this.state.activeTab,
      headerText: this.header.text(),
      theme: currentTheme(),
      graph: this.graph.report(),
      valuesRows: this.values.rowCount(),
      check: this.check.report(),
      memoryText: this.memory.text(),
      derivativesText: this.derivatives.text(),
      inspector: this.inspector.report(),
      layout: this.inspector.element.getBoundingClientRect().left > this.tabs.getBoundingClientRect().left + 40 ? 'beside' : 'below',
      layers: this.layers.report(),
      handwrittenText: this.handwritten.text(),
      claimsText: this.claims.text(),
      hessianText: this.hessian.text(),
      precision: this.precision.report(),
      documentClaimsText: this.documentClaims.text(),
    };
  }
}

/** The test seam's stand-in for a user: a click, or a choice in a dropdown or text field. */
function simulate(selector: string, event: 'click' | 'change', value: string | undefined): void {
  const target = document.querySelector<HTMLElement>(selector);
  if (target === null) {
    post({ type: 'webviewError', message: `simulate: nothing matches ${selector}` });
    return;
  }
  if (event === 'click') {
    // A dispatched event, not .click(): graph boxes are SVG elements, which have no click().
    target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    return;
  }
  (target as HTMLElement & { value?: string }).value = value ?? '';
  target.dispatchEvent(new Event('change', { bubbles: true }));
}

export function mountPanel(): Panel {
  document.getElementById('gi-loading')?.remove();
  const root = el('main', { class: 'panel' });
  document.body.append(root);
  return new Panel(root);
}
