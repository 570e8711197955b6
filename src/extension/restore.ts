// Restoring a panel after a window reload: the WebviewPanelSerializer hands back the webview's saved
// PanelState; the panel is re-wired to its document and sent its inspection again.
import * as vscode from 'vscode';
import type { PanelState } from '../protocol';
import { PANEL_TABS } from './panel-messages';
import type { InspectorPanel, PanelRegistry } from './panel';
import { panelSettings } from './settings';

/** The saved state, if it is one this version can use. */
export function readPanelState(raw: unknown): PanelState | undefined {
  if (typeof raw !== 'object' || raw === null) { return undefined; }
  const s = raw as Partial<PanelState>;
  if (typeof s.documentUri !== 'string') { return undefined; }
  const state: PanelState = {
    documentUri: s.documentUri,
    activeTab: typeof s.activeTab === 'string' && PANEL_TABS.includes(s.activeTab) ? s.activeTab : 'graph',
  };
  if (typeof s.inspection === 'object' && s.inspection !== null && Array.isArray(s.inspection.nodes)) { state.inspection = s.inspection; }
  return state;
}

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
