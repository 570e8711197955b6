// The panel host: one webview per document (a WebviewPanel beside the editor, or the ONNX custom
// editor's own webview), its HTML shell with a strict CSP, the message queue until the webview says
// it is ready, and what it last showed (kept host-side for sweeps, reruns and the test seams).
import * as vscode from 'vscode';
import type { Inspection } from '../inspect';
import type { FromWebview, PanelSettings, PanelState, PanelTab, ToWebview, WebviewReport, WireInspection } from '../protocol';
import type { Anchor } from './anchor';
import type { AnalysedBlock } from '../io/block';
import { parseFromWebview } from './panel-messages';

export const PANEL_VIEW_TYPE = 'gradientInspector.panel';
export const ONNX_EDITOR_VIEW_TYPE = 'gradientInspector.onnxEditor';
const REPORT_TIMEOUT_MS = 10_000;
const COALESCED = new Set<ToWebview['type']>(['inspection', 'settings', 'progress', 'highlight', 'showTab', 'documentClaims']);

/** What a panel shows, so it can be re-run and its node ranges mapped back to the document. */
export type PanelSource =
  | { kind: 'text'; documentUri: string; block: AnalysedBlock; anchor: Anchor }
  | { kind: 'onnx'; uri: string };

export interface PanelMessageHandler {
  (panel: InspectorPanel, message: FromWebview): void | Promise<void>;
}

export class InspectorPanel {
  /** What it shows; unknown after a restore until the first rerun. */
  source?: PanelSource;
  /** The host-side result behind `wire` (its graph answers sweep requests). */
  inspection?: Inspection;
  wire?: WireInspection;
  settings?: PanelSettings;
  activeTab: PanelTab = 'graph';
  private ready = false;
  private everReady = false;
  private readonly queue: ToWebview[] = [];
  private readonly readyWaiters: (() => void)[] = [];
  private readonly reportWaiters: ((report: WebviewReport) => void)[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly webviewPanel: vscode.WebviewPanel,
    readonly documentUri: string,
    extensionUri: vscode.Uri,
    onMessage: PanelMessageHandler,
    private readonly onDisposed: (panel: InspectorPanel) => void,
  ) {
    const webview = webviewPanel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    this.disposables.push(
      webview.onDidReceiveMessage(raw => this.receive(raw, onMessage)),
      webviewPanel.onDidDispose(() => this.disposed()),
    );
    webview.html = panelHtml(webview, extensionUri, webviewPanel.viewType === ONNX_EDITOR_VIEW_TYPE ? 'onnx' : 'panel');
  }

  get viewType(): string { return this.webviewPanel.viewType; }

  /**
   * Posts now if the webview is listening, else when it says `ready`. A hidden webview is destroyed
   * (no retainContextWhenHidden), so an undelivered message waits for the next `ready`.
   */
  post(message: ToWebview): void {
    if (message.type === 'inspection') {
      this.wire = message.inspection;
      this.settings = message.settings;
    } else if (message.type === 'settings') {
      this.settings = message.settings;
    }
    if (this.ready) {
      this.send(message);
    } else {
      this.enqueue(message);
    }
  }

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise(resolve => this.readyWaiters.push(resolve));
  }

  /** The webview's account of what it rendered (a test seam); rejects after 10 s without answer. */
  requestReport(): Promise<WebviewReport> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.reportWaiters.indexOf(answer);
        if (i >= 0) { this.reportWaiters.splice(i, 1); }
        reject(new Error(`the Gradient Inspector webview for ${this.documentUri} did not answer requestReport within ${REPORT_TIMEOUT_MS / 1000} s`));
      }, REPORT_TIMEOUT_MS);
      const answer = (report: WebviewReport): void => {
        clearTimeout(timer);
        resolve(report);
      };
      this.reportWaiters.push(answer);
      this.post({ type: 'requestReport' });
    });
  }

  /** What the webview keeps with setState, as far as the host knows it (the serializer test seam uses it). */
  state(): PanelState {
    const state: PanelState = { documentUri: this.documentUri, activeTab: this.activeTab };
    if (this.wire) { state.inspection = this.wire; }
    if (this.settings) { state.settings = this.settings; }
    return state;
  }

  dispose(): void {
    this.webviewPanel.dispose();
  }

  private async receive(raw: unknown, onMessage: PanelMessageHandler): Promise<void> {
    const message = parseFromWebview(raw);
    if (!message) { return; }
    if (message.type === 'ready') {
      this.markReady();
    } else if (message.type === 'report') {
      this.reportWaiters.splice(0).forEach(resolve => resolve(message.report));
    } else if (message.type === 'tabChanged') {
      this.activeTab = message.tab;
    }
    await onMessage(this, message);
  }

  private markReady(): void {
    // A webview re-created after being hidden starts from its own saved state; the latest
    // inspection is sent again in case that state is older.
    if (this.everReady && this.wire && this.settings && !this.queue.some(m => m.type === 'inspection')) {
      this.queue.unshift({ type: 'inspection', inspection: this.wire, settings: this.settings });
    }
    this.ready = true;
    this.everReady = true;
    for (const message of this.queue.splice(0)) { this.send(message); }
    this.readyWaiters.splice(0).forEach(resolve => resolve());
  }

  private send(message: ToWebview): void {
    void this.webviewPanel.webview.postMessage(message).then(delivered => {
      if (!delivered) {
        this.ready = false;
        this.enqueue(message);
      }
    });
  }

  /** Queued state messages replace older ones of their type: only the latest matters. */
  private enqueue(message: ToWebview): void {
    if (COALESCED.has(message.type)) {
      const i = this.queue.findIndex(m => m.type === message.type);
      if (i >= 0) { this.queue.splice(i, 1); }
    }
    this.queue.push(message);
  }

  private disposed(): void {
    this.disposables.forEach(d => d.dispose());
    this.onDisposed(this);
  }
}

/**
 * The HTML shell: the bundled script, loaded by nonce under a strict CSP, and a line of text that
 * shows until it runs (the bundle takes a moment to load: an empty page looked broken).
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, viewKind: 'panel' | 'onnx'): string {
  const nonce = makeNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'main.js'));
  const csp = [
    `default-src 'none'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `script-src 'nonce-${nonce}'`,
    // The graph's layout worker: its script is fetched from dist/webview and started from a blob: URL.
    `connect-src ${webview.cspSource}`,
    `worker-src blob:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Gradient Inspector</title>
</head>
<body data-view-kind="${viewKind}">
<p id="gi-loading">Loading the Gradient Inspector panel…</p>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function makeNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** Open panels by document; the custom editors of .onnx files separately (they have their own tab). */
export class PanelRegistry implements vscode.Disposable {
  private readonly panels = new Map<string, InspectorPanel>();
  private readonly editors = new Map<string, InspectorPanel>();
  /** Last state of each document's panel, kept after it is closed (for the restore test seam). */
  private readonly savedStates = new Map<string, PanelState>();
  private lastActive?: InspectorPanel;

  constructor(private readonly extensionUri: vscode.Uri, private readonly onMessage: PanelMessageHandler) {}

  /** The document's panel, revealed beside the editor; created when there is none. */
  show(documentUri: string, title: string): InspectorPanel {
    const existing = this.panels.get(documentUri);
    if (existing) {
      existing.webviewPanel.title = title;
      if (!existing.webviewPanel.visible) { existing.webviewPanel.reveal(undefined, true); }
      this.lastActive = existing;
      return existing;
    }
    const webviewPanel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
    webviewPanel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    return this.adopt(webviewPanel, documentUri);
  }

  /** Wires an existing webview panel (serializer restore, custom editor) to a document. */
  adopt(webviewPanel: vscode.WebviewPanel, documentUri: string): InspectorPanel {
    const isEditor = webviewPanel.viewType === ONNX_EDITOR_VIEW_TYPE;
    const map = isEditor ? this.editors : this.panels;
    map.get(documentUri)?.dispose();
    const panel = new InspectorPanel(webviewPanel, documentUri, this.extensionUri, this.onMessage, p => this.forget(p, map));
    map.set(documentUri, panel);
    webviewPanel.onDidChangeViewState(e => { if (e.webviewPanel.active) { this.lastActive = panel; } });
    this.lastActive = panel;
    return panel;
  }

  panel(documentUri: string): InspectorPanel | undefined {
    return this.panels.get(documentUri);
  }

  editor(documentUri: string): InspectorPanel | undefined {
    return this.editors.get(documentUri);
  }

  /** A panel or custom editor, the most recently active one when no document is named. */
  find(documentUri?: string): InspectorPanel | undefined {
    if (documentUri === undefined) { return this.lastActive; }
    return this.panels.get(documentUri) ?? this.editors.get(documentUri);
  }

  all(): InspectorPanel[] {
    return [...this.panels.values(), ...this.editors.values()];
  }

  savedState(documentUri: string): PanelState | undefined {
    return this.panels.get(documentUri)?.state() ?? this.savedStates.get(documentUri);
  }

  disposePanels(): void {
    for (const panel of [...this.panels.values()]) { panel.dispose(); }
  }

  dispose(): void {
    for (const panel of this.all()) { panel.dispose(); }
  }

  private forget(panel: InspectorPanel, map: Map<string, InspectorPanel>): void {
    if (map.get(panel.documentUri) === panel) { map.delete(panel.documentUri); }
    if (map === this.panels) { this.savedStates.set(panel.documentUri, panel.state()); }
    if (this.lastActive === panel) { this.lastActive = this.all()[0]; }
  }
}
