// Entry point of both extension hosts (Node and web worker): nothing here may use Node-only APIs.
// It wires the commands, the hover, the panel host, the ONNX editor and the settings together.
import * as vscode from 'vscode';
import { showInfo } from './notify';
import { nodesForSelection, PanelActions } from './panel-actions';
import { CheckRunner } from './checks';
import { DebugFrames } from './debug-frame';
import { ClaimDiagnostics } from './claim-diagnostics';
import { DocumentClaimsList } from './document-claims';
import { GradientHoverProvider, HOVER_LANGUAGES } from './hover';
import { OnnxEditorProvider } from './onnx-editor';
import { InspectorPanel, ONNX_EDITOR_VIEW_TYPE, PANEL_VIEW_TYPE, PanelRegistry } from './panel';
import { restorePanel } from './restore';
import { panelSettings, SECTION } from './settings';
import { registerTestSeams } from './test-seams';
import { ValueStore } from './values';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Gradient Inspector');
  const values = new ValueStore(context.workspaceState);
  // The panel's message handler needs the runner, which needs the registry: the handler is only
  // called once a webview speaks, after `actions` exists.
  const panels: PanelRegistry = new PanelRegistry(context.extensionUri, (panel, message): Promise<void> => actions.handle(panel, message));
  const frames = new DebugFrames();
  const runner = new CheckRunner(panels, values, log, frames);
  const claims = new ClaimDiagnostics();
  const documentClaims = new DocumentClaimsList(claims, panels, runner);
  const actions: PanelActions = new PanelActions(runner, log, documentClaims);
  const hover = new GradientHoverProvider(runner, values);

  context.subscriptions.push(
    log, panels, runner.diagnostics, frames, claims, documentClaims,
    frames.onDidChange(latestOnly(() => runner.refreshFromDebugger())),
    vscode.commands.registerCommand('gradientInspector.checkGradient', (arg?: unknown, range?: unknown) => runner.checkGradient(arg, range)),
    vscode.commands.registerCommand('gradientInspector.setValues', () => setValues(values, runner)),
    vscode.commands.registerCommand('gradientInspector.openPanel', (uri?: unknown, range?: unknown) => openPanel(panels, runner, uri, range)),
    vscode.languages.registerHoverProvider(HOVER_LANGUAGES.map(language => ({ language })), hover),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state) => { await restorePanel(panels, webviewPanel, state); },
    }),
    vscode.window.registerCustomEditorProvider(ONNX_EDITOR_VIEW_TYPE, new OnnxEditorProvider(panels, runner), {
      supportsMultipleEditorsPerDocument: false,
    }),
    vscode.window.onDidChangeTextEditorSelection(e => highlightSelection(panels.panel(e.textEditor.document.uri.toString()), e)),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (!e.affectsConfiguration(SECTION)) { return; }
      const settings = panelSettings();
      for (const panel of panels.all()) { panel.post({ type: 'settings', settings }); }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => runner.recheckAfterTrust()),
    ...registerTestSeams(panels, values),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

async function setValues(values: ValueStore, runner: CheckRunner): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    showInfo('open the document whose variables you want to set.');
    return;
  }
  const uri = editor.document.uri.toString();
  if (await values.prompt(uri, values.current(uri), 'Set Variable Values…')) { await runner.refresh(uri); }
}

/** The hover's link (a document and the hovered offset): that block in the document's panel. Else reveal or check. */
async function openPanel(panels: PanelRegistry, runner: CheckRunner, uriArg: unknown, rangeArg: unknown): Promise<void> {
  const uri = typeof uriArg === 'string' ? uriArg : uriArg instanceof vscode.Uri ? uriArg.toString() : vscode.window.activeTextEditor?.document.uri.toString();
  if (uri !== undefined && rangeArg !== undefined) { return runner.checkGradient(uri, rangeArg); }
  const existing = uri !== undefined ? panels.find(uri) : undefined;
  if (existing) {
    existing.webviewPanel.reveal(undefined, true);
    return;
  }
  return runner.checkGradient();
}

/**
 * Runs `task` on each call, never two at once: calls while it runs are folded into one more run
 * afterwards (several debugger steps in a row refresh once for the last frame).
 */
function latestOnly(task: () => Promise<void>): () => void {
  let running = false, again = false;
  const run = async (): Promise<void> => {
    if (running) { again = true; return; }
    running = true;
    try {
      do { again = false; await task(); } while (again);
    } finally {
      running = false;
    }
  };
  return () => { void run(); };
}

const lastHighlight = new WeakMap<InspectorPanel, string>();

function highlightSelection(panel: InspectorPanel | undefined, e: vscode.TextEditorSelectionChangeEvent): void {
  if (!panel?.wire || panel.source?.kind !== 'text') { return; }
  const document = e.textEditor.document;
  const selection = e.selections[0];
  const ids = nodesForSelection(panel.wire, panel.source.block, document.offsetAt(selection.start), document.offsetAt(selection.end));
  const key = ids.join(',');
  if (lastHighlight.get(panel) === key) { return; }
  lastHighlight.set(panel, key);
  panel.post({ type: 'highlight', nodeIds: ids });
}
