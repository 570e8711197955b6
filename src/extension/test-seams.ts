// Commands for the integration suite only (registered always, never contributed in package.json,
// so they are not in the palette). See /work/notes/seams.md for the contract.
import * as vscode from 'vscode';
import type { GraphAction, WebviewReport, WireInspection } from '../protocol';
import { PANEL_VIEW_TYPE, PanelRegistry } from './panel';
import { restorePanel } from './restore';
import type { ValueStore } from './values';

export interface PanelInfo {
  count: number;
  panels: { documentUri: string; title: string; visible: boolean; viewType: string }[];
}

export function registerTestSeams(panels: PanelRegistry, values: ValueStore): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('gradientInspector.test.panelInfo', (): PanelInfo => {
      const all = panels.all();
      return {
        count: all.length,
        panels: all.map(p => ({ documentUri: p.documentUri, title: p.webviewPanel.title, visible: p.webviewPanel.visible, viewType: p.viewType })),
      };
    }),
    vscode.commands.registerCommand('gradientInspector.test.requestReport', (documentUri?: string): Promise<WebviewReport> => {
      const panel = panels.find(documentUri);
      if (!panel) { return Promise.reject(new Error(`no Gradient Inspector panel${documentUri ? ` for ${documentUri}` : ''}`)); }
      return panel.requestReport();
    }),
    vscode.commands.registerCommand('gradientInspector.test.simulate', (documentUri: string, selector: string, event: 'click' | 'change', value?: string): void => {
      const panel = panels.find(documentUri);
      if (!panel) { throw new Error(`no Gradient Inspector panel for ${documentUri}`); }
      panel.post({ type: 'simulate', selector, event, ...(value === undefined ? {} : { value }) });
    }),
    vscode.commands.registerCommand('gradientInspector.test.graphAction', (documentUri: string | undefined, action: GraphAction): void => {
      const panel = panels.find(documentUri);
      if (!panel) { throw new Error(`no Gradient Inspector panel${documentUri ? ` for ${documentUri}` : ''}`); }
      panel.post({ type: 'graphAction', action });
    }),
    vscode.commands.registerCommand('gradientInspector.test.lastInspection', (documentUri?: string): WireInspection | undefined =>
      panels.find(documentUri)?.wire),
    vscode.commands.registerCommand('gradientInspector.test.setPromptAnswer', (answer: string | null) => {
      values.setPromptAnswer(typeof answer === 'string' ? answer : null);
    }),
    vscode.commands.registerCommand('gradientInspector.test.acceptPrompt', () => values.acceptNextPrompt()),
    vscode.commands.registerCommand('gradientInspector.test.lastPromptValue', (): string | undefined => values.lastPromptValue()),
    vscode.commands.registerCommand('gradientInspector.test.disposePanels', () => panels.disposePanels()),
    vscode.commands.registerCommand('gradientInspector.test.restorePanel', async (documentUri: string): Promise<void> => {
      const state = panels.savedState(documentUri);
      if (!state) { throw new Error(`no saved panel state for ${documentUri}`); }
      const webviewPanel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, state.inspection?.title ?? 'Gradient Inspector', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
      await restorePanel(panels, webviewPanel, state, true);
    }),
  ];
}
