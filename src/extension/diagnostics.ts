// Problems entries: a parse (or other located) error as an Error on its exact range, a failing
// gradient check as a Warning on the analysed expression. A document with an entry is re-analysed
// (parse only, debounced) as it is edited, so fixing the text clears the entry.
import * as vscode from 'vscode';
import { InspectError } from '../engine/errors';
import { Anchor, shiftAnchor } from './anchor';
import { AnalysedBlock, toDocOffset } from '../io/block';
import { visibleLine } from '../visible-text';

export const DIAGNOSTIC_SOURCE = 'Gradient Inspector';
const REVALIDATE_DELAY_MS = 300;

/** Re-analyses the anchor's text; returns the located error still there, or undefined when it is gone. */
export type Revalidate = (document: vscode.TextDocument, anchor: Anchor) => Promise<{ error: InspectError; block: AnalysedBlock } | undefined>;

export class CheckDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('gradient-inspector');
  private readonly anchors = new Map<string, Anchor>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly revalidate: Revalidate) {
    this.subscription = vscode.workspace.onDidChangeTextDocument(e => this.changed(e));
  }

  /** The error's range in the document (at least one character, so it shows). */
  static errorRange(document: vscode.TextDocument, block: AnalysedBlock, error: InspectError): vscode.Range {
    const range = error.range ?? { start: 0, end: block.text.length };
    const start = toDocOffset(block, range.start);
    let end = toDocOffset(block, range.end);
    if (end <= start) { end = start + 1; }
    const startPosition = document.positionAt(start);
    let endPosition = document.positionAt(end);
    if (endPosition.line !== startPosition.line) { endPosition = document.lineAt(startPosition.line).range.end; }
    if (endPosition.isEqual(startPosition) && startPosition.character > 0) {
      return new vscode.Range(startPosition.translate(0, -1), startPosition);
    }
    return new vscode.Range(startPosition, endPosition);
  }

  showError(document: vscode.TextDocument, block: AnalysedBlock, error: InspectError, anchor: Anchor): void {
    const diagnostic = new vscode.Diagnostic(CheckDiagnostics.errorRange(document, block, error), diagnosticMessage(error), vscode.DiagnosticSeverity.Error);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = error.kind;
    this.collection.set(document.uri, [diagnostic]);
    this.anchors.set(document.uri.toString(), anchor);
  }

  showCheckFailure(document: vscode.TextDocument, block: AnalysedBlock, message: string, anchor: Anchor): void {
    const range = new vscode.Range(document.positionAt(block.docStart), document.positionAt(block.docEnd));
    const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = 'gradient-check';
    this.collection.set(document.uri, [diagnostic]);
    this.anchors.set(document.uri.toString(), anchor);
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.collection.delete(uri);
    this.anchors.delete(key);
    const timer = this.timers.get(key);
    if (timer !== undefined) { clearTimeout(timer); }
    this.timers.delete(key);
  }

  dispose(): void {
    this.subscription.dispose();
    this.timers.forEach(timer => clearTimeout(timer));
    this.collection.dispose();
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const anchor = this.anchors.get(key);
    if (!anchor || event.contentChanges.length === 0) { return; }
    for (const change of event.contentChanges) { shiftAnchor(anchor, change); }
    const pending = this.timers.get(key);
    if (pending !== undefined) { clearTimeout(pending); }
    this.timers.set(key, setTimeout(() => void this.recheck(event.document, key), REVALIDATE_DELAY_MS));
  }

  private async recheck(document: vscode.TextDocument, key: string): Promise<void> {
    this.timers.delete(key);
    const anchor = this.anchors.get(key);
    if (!anchor || document.isClosed) { return; }
    const still = await this.revalidate(document, anchor);
    if (this.anchors.get(key) !== anchor) { return; }
    if (still) {
      this.showError(document, still.block, still.error, anchor);
    } else {
      this.clear(document.uri);
    }
  }
}

/** The error's message, with what was expected when the message does not already say it. */
/** Messages quote the source: invisible and bidi characters in it are shown as escapes in Problems. */
function diagnosticMessage(error: InspectError): string {
  return visibleLine(error.expected && !/expect/i.test(error.message) ? `${error.message} (expected ${error.expected})` : error.message);
}
