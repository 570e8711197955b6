// What every integration test needs: the examples workspace, the extension's test seams
// (/work/notes/seams.md), waiting for the webview, hovers, and screenshot requests to the runner.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WebviewReport, WireInspection } from '../../src/protocol';

export const EXTENSION_ID = 'gradient-inspector.gradient-inspector';
export const PANEL_VIEW_TYPE = 'gradientInspector.panel';
export const ONNX_EDITOR_VIEW_TYPE = 'gradientInspector.onnxEditor';

export interface PanelInfo {
  count: number;
  panels: { documentUri: string; title: string; visible: boolean; viewType: string }[];
}

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is not loaded`);
  return found;
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) { return value; }
    if (Date.now() > end) { throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`); }
    await sleep(100);
  }
}

/** Rejects when `promise` takes longer than `ms`: a hung command fails its test instead of the run. */
export function within<T>(promise: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms); });
  return Promise.race([Promise.resolve(promise), deadline]).finally(() => clearTimeout(timer));
}

export function exampleUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder: the runner opens examples/');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openExample(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(exampleUri(name));
  return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
}

export async function openText(content: string, language: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
}

/** The range of the first occurrence of `text` at or after `from` (a string the line must contain first). */
export function rangeOf(document: vscode.TextDocument, text: string, after?: string): vscode.Range {
  const whole = document.getText();
  const start = after === undefined ? 0 : whole.indexOf(after);
  assert.ok(start >= 0, `${JSON.stringify(after)} not found in ${document.uri.toString()}`);
  const at = whole.indexOf(text, start);
  assert.ok(at >= 0, `${JSON.stringify(text)} not found in ${document.uri.toString()}`);
  return new vscode.Range(document.positionAt(at), document.positionAt(at + text.length));
}

/** The last non-blank, non-comment line: the loss. */
export function lossLine(document: vscode.TextDocument): vscode.TextLine {
  for (let line = document.lineCount - 1; line >= 0; line--) {
    const text = document.lineAt(line);
    if (!text.isEmptyOrWhitespace && !text.text.trimStart().startsWith('#')) { return text; }
  }
  throw new Error(`${document.uri.toString()} has no code`);
}

export function select(editor: vscode.TextEditor, range: vscode.Range): void {
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range);
}

/** Runs Check Gradient on the active editor; it resolves once the panel was sent its inspection. */
export function checkGradient(...args: unknown[]): Promise<unknown> {
  return within(vscode.commands.executeCommand('gradientInspector.checkGradient', ...args), 45_000, 'Check Gradient');
}

export async function panelInfo(): Promise<PanelInfo> {
  const info = await vscode.commands.executeCommand<PanelInfo>('gradientInspector.test.panelInfo');
  assert.ok(info && Array.isArray(info.panels), 'gradientInspector.test.panelInfo returned nothing');
  return info;
}

export function panelsFor(info: PanelInfo, documentUri: vscode.Uri): PanelInfo['panels'] {
  return info.panels.filter(panel => panel.documentUri === documentUri.toString());
}

export async function lastInspection(documentUri?: vscode.Uri): Promise<WireInspection> {
  const wire = await vscode.commands.executeCommand<WireInspection | undefined>('gradientInspector.test.lastInspection', documentUri?.toString());
  assert.ok(wire, `no inspection was sent to the panel of ${documentUri?.toString() ?? 'the active document'}`);
  return wire;
}

export function requestReport(documentUri?: vscode.Uri): Promise<WebviewReport> {
  return within(vscode.commands.executeCommand<WebviewReport>('gradientInspector.test.requestReport', documentUri?.toString()), 15_000, 'the webview report');
}

/**
 * The webview's report once `ready` accepts it. Mermaid renders asynchronously, and a webview busy
 * rendering may miss a request: both are retried until the deadline.
 */
export async function reportWhen(ready: (report: WebviewReport) => boolean, what: string, documentUri?: vscode.Uri, timeoutMs = 30_000): Promise<WebviewReport> {
  let last: WebviewReport | undefined;
  let lastError: unknown;
  try {
    return await waitFor(async () => {
      try {
        last = await requestReport(documentUri);
      } catch (error) {
        lastError = error;
        return undefined;
      }
      return ready(last) ? last : undefined;
    }, what, timeoutMs);
  } catch (error) {
    const why = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
    throw new Error(`${error instanceof Error ? error.message : error}${why}; last report: ${JSON.stringify(last)}`);
  }
}

export const graphRendered = (report: WebviewReport): boolean => report.graph.rendered && report.graph.svgNodeCount > 0;

/**
 * Asks test/run-web.js for a screenshot of the workbench as it is now (kept with --screenshot DIR).
 * The runner answers this request once the picture is saved, so the test cannot move on too early.
 * Under another runner the request fails or is not found, and the test goes on.
 */
export async function screenshot(name: string): Promise<void> {
  // The Node extension host (test:electron) has no page to take a picture of.
  if (typeof self === 'undefined') { return; }
  const started = Date.now();
  try {
    const response = await within(fetch(`${self.location.origin}/__screenshot__/${encodeURIComponent(name)}`), 30_000, `screenshot ${name}`);
    if (response.ok) { return; }
  } catch (error) {
    console.log(`[screenshot] ${name}: no acknowledgement (${error instanceof Error ? error.message : error})`);
    return;
  }
  console.log(`[screenshot] ${name}`);
  await sleep(Math.max(0, 1000 - (Date.now() - started)));
}

/** The Markdown of every hover at `position`, joined. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return (hovers ?? [])
    .flatMap(hover => hover.contents)
    .map(content => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/**
 * For the screenshots that illustrate the README: the whole graph must show, so the side bar is
 * closed (reopen it with showSideBar in the suite's teardown).
 */
export async function hideSideBar(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
}

export async function showSideBar(): Promise<void> {
  await vscode.commands.executeCommand('workbench.view.explorer');
}

/** Between suites: no panel, no editor, and no notification left over for the next suite's screenshots. */
export async function closeEverything(): Promise<void> {
  await vscode.commands.executeCommand('gradientInspector.test.disposePanels');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('notifications.clearAll');
}

export function gradientDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(diagnostic => diagnostic.source === 'Gradient Inspector');
}

/** Numbers as the panel and hovers print them (6 significant digits by default). */
export function assertNear(actual: number, expected: number, what: string, relative = 1e-5): void {
  const tolerance = Math.max(relative * Math.abs(expected), 1e-12);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, expected ${expected} (±${tolerance})`);
}
