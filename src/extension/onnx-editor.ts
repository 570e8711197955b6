// "Open With… Gradient Inspector" for .onnx files: a read-only custom editor whose webview is the
// same panel UI, filled by the same ONNX check as the Check Gradient command.
import * as vscode from 'vscode';
import type { CheckRunner } from './checks';
import type { PanelRegistry } from './panel';

export class OnnxEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly panels: PanelRegistry, private readonly runner: CheckRunner) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, webviewPanel: vscode.WebviewPanel): Promise<void> {
    const panel = this.panels.adopt(webviewPanel, document.uri.toString());
    await this.runner.checkOnnx(document.uri, panel);
  }
}
