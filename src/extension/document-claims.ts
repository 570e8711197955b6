// The panel's list of its document's claims: every claim of the Markdown file, or of all the Markdown
// cells of the notebook, as ClaimDiagnostics last verified them (nothing is evaluated here). Sent
// when the webview is ready and whenever one of those documents is verified anew; choosing one
// selects it in its editor and re-inspects the formula it is written in.
import * as vscode from 'vscode';
import type { WireDocumentClaim } from '../protocol';
import { toWireClaim } from '../wire-claims';
import type { CheckRunner } from './checks';
import type { ClaimDiagnostics, DocumentClaim } from './claim-diagnostics';
import { baseName } from './document-lines';
import type { InspectorPanel, PanelRegistry } from './panel';

/** A claim as listed, with the document it is written in. */
interface ListedClaim extends DocumentClaim {
  uri: vscode.Uri;
  /** 1-based cell of the notebook, for a notebook's claims. */
  cell?: number;
}

export class DocumentClaimsList implements vscode.Disposable {
  /** What each panel was last sent, so that the webview's index names a claim. */
  private readonly listed = new WeakMap<InspectorPanel, ListedClaim[]>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly claims: ClaimDiagnostics, private readonly panels: PanelRegistry, private readonly runner: CheckRunner) {
    this.subscription = claims.onDidVerify(document => this.verified(document));
  }

  dispose(): void {
    this.subscription.dispose();
  }

  /** Sends the panel its document's claims as last verified (nothing when none has been yet). */
  publish(panel: InspectorPanel): void {
    const uri = vscode.Uri.parse(panel.documentUri);
    const notebook = notebookOf(uri);
    const listed = notebook ? this.notebookClaims(notebook) : this.fileClaims(uri);
    if (listed === undefined) { return; }
    this.listed.set(panel, listed);
    panel.post({ type: 'documentClaims', file: baseName(notebook?.uri ?? uri), claims: listed.map(toWireDocumentClaim) });
  }

  /** Selects the listed claim in its editor and checks the formula it is in. */
  async reveal(panel: InspectorPanel, index: number): Promise<void> {
    const chosen = this.listed.get(panel)?.[index];
    if (!chosen) { return; }
    const document = await vscode.workspace.openTextDocument(chosen.uri);
    const editor = await editorFor(document, chosen);
    if (editor) {
      editor.selection = new vscode.Selection(chosen.range.start, chosen.range.end);
      editor.revealRange(chosen.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    // The claim's start as a cursor: the formula around it is what gets inspected, as from the hover.
    const start = document.offsetAt(chosen.range.start);
    await this.runner.checkDocument(document, { start, end: start });
  }

  private verified(document: vscode.TextDocument): void {
    const notebook = notebookOf(document.uri);
    const related = notebook ? new Set(notebook.getCells().map(c => c.document.uri.toString())) : new Set([document.uri.toString()]);
    for (const panel of this.panels.all()) {
      if (related.has(panel.documentUri)) { this.publish(panel); }
    }
  }

  private fileClaims(uri: vscode.Uri): ListedClaim[] | undefined {
    return this.claims.claimsOf(uri)?.map(c => ({ ...c, uri }));
  }

  private notebookClaims(notebook: vscode.NotebookDocument): ListedClaim[] | undefined {
    const cells = notebook.getCells().filter(c => c.kind === vscode.NotebookCellKind.Markup);
    const perCell = cells.map(cell => ({ cell, claims: this.claims.claimsOf(cell.document.uri) }));
    if (perCell.every(c => c.claims === undefined)) { return undefined; }
    return perCell.flatMap(({ cell, claims }) => (claims ?? []).map(c => ({ ...c, uri: cell.document.uri, cell: cell.index + 1 })));
  }
}

function toWireDocumentClaim(listed: ListedClaim): WireDocumentClaim {
  const claim: WireDocumentClaim = { ...toWireClaim(listed.claim), line: listed.range.start.line + 1 };
  if (listed.cell !== undefined) { claim.cell = listed.cell; }
  return claim;
}

function notebookOf(uri: vscode.Uri): vscode.NotebookDocument | undefined {
  if (uri.scheme !== 'vscode-notebook-cell') { return undefined; }
  const key = uri.toString();
  return vscode.workspace.notebookDocuments.find(n => !n.isClosed && n.getCells().some(c => c.document.uri.toString() === key));
}

/** The editor showing the claim's document: a visible one, else the document opened in the first column (a notebook: the notebook, its cell selected). */
async function editorFor(document: vscode.TextDocument, chosen: ListedClaim): Promise<vscode.TextEditor | undefined> {
  const visible = vscode.window.visibleTextEditors.find(e => e.document === document);
  if (visible) { return visible; }
  const notebook = notebookOf(document.uri);
  if (notebook && chosen.cell !== undefined) {
    await vscode.window.showNotebookDocument(notebook, { viewColumn: vscode.ViewColumn.One, selections: [new vscode.NotebookRange(chosen.cell - 1, chosen.cell)] });
    return vscode.window.visibleTextEditors.find(e => e.document === document);
  }
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
}
