// Restoring a panel after a window reload: the WebviewPanelSerializer hands back the webview's saved
// PanelState, checked as untrusted input (panel-state.ts); the panel is re-wired to its document
// and sent its inspection again.
import * as vscode from 'vscode';
import type { InspectorPanel, PanelRegistry } from './panel';
import { readPanelState } from './panel-state';
import { panelSettings } from './settings';

/** With `waitUntilReady`, resolves once the webview has loaded and asked for its messages. */
export async function restorePanel(panels: PanelRegistry, webviewPanel: vscode.WebviewPanel, raw: unknown, waitUntilReady = false): Promise<InspectorPanel | undefined> {
  const state = readPanelState(raw);
  if (!state?.documentUri) {
    // Nothing to show again: a blank panel would only confuse.
    webviewPanel.dispose();
    return undefined;
  }
  const panel = panels.adopt(webviewPanel, state.documentUri);
  panel.activeTab = state.activeTab;
  const settings = panelSettings();
  if (state.inspection) {
    webviewPanel.title = state.inspection.title;
    panel.post({ type: 'inspection', inspection: state.inspection, settings });
  } else {
    panel.post({ type: 'settings', settings });
  }
  if (state.activeTab !== 'graph') { panel.post({ type: 'showTab', tab: state.activeTab }); }
  if (waitUntilReady) { await panel.whenReady(); }
  return panel;
}
