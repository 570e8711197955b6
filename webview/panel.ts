// The panel's controller: owns the state, routes validated messages to the views, keeps the state
// with setState, and answers the test seam's requestReport from the live DOM.
import type { PanelSettings, PanelState, PanelTab, ToWebview, WebviewReport, WireInspection } from '../src/protocol';
import { custom, el } from './dom';
import { summarizeTensor } from './format';
import { DEFAULT_SETTINGS, inspectionProblem, PANEL_TABS, sanitizeSettings, validateMessage } from './messages';
import { currentTheme, watchTheme } from './theme';
import { CheckView } from './views/check-view';
import { ClaimsView } from './views/claims-view';
import { DerivativesView } from './views/derivatives-view';
import { GraphView } from './views/graph-view';
import { HeaderView } from './views/header-view';
import { MemoryView } from './views/memory-view';
import { ValuesView } from './views/values-view';
import { post, vscodeApi } from './vscode-api';

const TAB_TITLES: Record<PanelTab, string> = {
  graph: 'Graph', values: 'Values & gradients', check: 'Gradient check', memory: 'Memory', derivatives: 'Derivatives',
};

export class Panel {
  private readonly header = new HeaderView();
  private readonly graph = new GraphView(nodeId => post({ type: 'revealNode', nodeId }));
  private readonly values = new ValuesView();
  private readonly check = new CheckView();
  private readonly memory = new MemoryView();
  private readonly derivatives = new DerivativesView();
  private readonly claims = new ClaimsView();
  private readonly tabs: HTMLElement;
  private readonly checkBadge = custom('vscode-badge', { 'aria-hidden': 'true' });
  private state: PanelState = { activeTab: 'graph' };
  private settings: PanelSettings = DEFAULT_SETTINGS;

  constructor(root: HTMLElement) {
    this.tabs = this.buildTabs();
    root.append(this.header.element, this.tabs);
    this.tabs.addEventListener('change', event => {
      const id = (event.target as HTMLElement & { activeid?: string }).activeid ?? '';
      const tab = PANEL_TABS.find(t => `tab-${t}` === id);
      if (event.target === this.tabs && tab !== undefined && tab !== this.state.activeTab) {
        this.state.activeTab = tab;
        this.save();
        post({ type: 'tabChanged', tab });
      }
    });
    watchTheme(() => this.graph.rerender());
  }

  private buildTabs(): HTMLElement {
    const views: Record<PanelTab, HTMLElement> = {
      graph: this.graph.element, values: this.values.element, check: this.check.element,
      memory: this.memory.element, derivatives: el('div', {}, this.claims.element, this.derivatives.element),
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
        break;
      case 'highlight':
        this.graph.highlight(message.nodeIds);
        break;
      case 'sweep':
        this.check.showSweep(message.sweep);
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
      case 'requestReport':
        post({ type: 'report', report: this.report() });
        break;
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
    this.claims.show(inspection);
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

  private save(): void {
    vscodeApi().setState({ ...this.state });
  }

  private report(): WebviewReport {
    return {
      activeTab: this.state.activeTab,
      theme: currentTheme(),
      graph: this.graph.report(),
      valuesRows: this.values.rowCount(),
      check: this.check.report(),
      memoryText: this.memory.text(),
      derivativesText: this.derivatives.text(),
      claimsText: this.claims.text(),
    };
  }
}

export function mountPanel(): Panel {
  const root = el('main', { class: 'panel' });
  document.body.append(root);
  return new Panel(root);
}
