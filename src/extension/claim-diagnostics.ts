// The claims of a Markdown document or notebook cell, verified as it is opened and edited (debounced):
// every math span with a relation, with the document's definitions in scope. Each false claim is a
// Warning on its range in Problems; all of them, with their ranges, are kept for the panel's list of
// the document's claims (one evaluation for both). Formulas that do not analyse are left to Check
// Gradient, which reports them.
import * as vscode from 'vscode';
import { InspectError } from '../engine/errors';
import { inspectAnalysedBlock } from '../inspect-block';
import { toDocOffset } from '../io/block';
import { fileBlocks } from '../io/file-blocks';
import type { ClaimResult } from '../lang/latex-claims';
import { parseBindings } from '../lang/bindings';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { documentLines } from './document-lines';
import { latexScopeFor } from './latex-scope';
import { HOVER_MEMORY_MIB } from './settings';

const DELAY_MS = 500;
/** Formulas verified per document: past this, the rest is left to Check Gradient. */
const MAX_FORMULAS = 500;
/** Relations: a formula without one has no claim and is not analysed here. */
const RELATION = /=|\\approx|\\underbrace|\\overbrace/;

/** A verified claim and where it is written in its document. */
export interface DocumentClaim {
  claim: ClaimResult;
  range: vscode.Range;
}

export class ClaimDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('gradient-inspector-claims');
  private readonly verified = new Map<string, DocumentClaim[]>();
  private readonly verifiedEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** A document's claims were verified anew. */
  readonly onDidVerify = this.verifiedEmitter.event;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument(d => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument(e => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument(d => this.forget(d.uri)),
      // An untitled document can be opened before its language is known: its editor showing is the later signal.
      vscode.window.onDidChangeActiveTextEditor(e => { if (e) { this.schedule(e.document); } }),
    ];
    vscode.workspace.textDocuments.forEach(d => this.schedule(d));
  }

  /** The claims of the document at `uri` as last verified, in document order; undefined before the first verification. */
  claimsOf(uri: vscode.Uri): readonly DocumentClaim[] | undefined {
    return this.verified.get(uri.toString());
  }

  dispose(): void {
    this.subscriptions.forEach(s => s.dispose());
    this.timers.forEach(t => clearTimeout(t));
    this.verifiedEmitter.dispose();
    this.collection.dispose();
  }

  private schedule(document: vscode.TextDocument): void {
    if (document.languageId !== 'markdown') { return; }
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending !== undefined) { clearTimeout(pending); }
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.verify(document);
    }, DELAY_MS));
  }

  private async verify(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    const claims = await documentClaims(document);
    if (document.isClosed || document.version !== version) { return; }
    this.verified.set(document.uri.toString(), claims);
    this.collection.set(document.uri, claims.filter(c => !c.claim.passed && c.claim.error === undefined).map(falseClaimDiagnostic));
    this.verifiedEmitter.fire(document);
  }

  private forget(uri: vscode.Uri): void {
    this.verified.delete(uri.toString());
    this.collection.delete(uri);
  }
}

/** Every claim of the document's math spans, each with its range in the document. */
async function documentClaims(document: vscode.TextDocument): Promise<DocumentClaim[]> {
  const lines = documentLines(document);
  const found: DocumentClaim[] = [];
  for (const block of fileBlocks(lines, 'markdown', 'auto').blocks.slice(0, MAX_FORMULAS)) {
    if (!RELATION.test(block.text)) { continue; }
    for (const claim of await claimsOf(document, lines, block)) {
      const range = new vscode.Range(document.positionAt(toDocOffset(block, claim.range.start)), document.positionAt(toDocOffset(block, claim.range.end)));
      found.push({ claim, range });
    }
  }
  return found;
}

function falseClaimDiagnostic({ claim, range }: DocumentClaim): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range, claimMessage(claim), vscode.DiagnosticSeverity.Warning);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = 'false-claim';
  return diagnostic;
}
async function claimsOf(document: vscode.TextDocument, lines: ReturnType<typeof documentLines>, block: Parameters<typeof inspectAnalysedBlock>[1]): Promise<ClaimResult[]> {
  try {
    const bindings = block.valuesText ? parseBindings(block.valuesText) : new Map();
    const inspection = await inspectAnalysedBlock(lines, block, bindings,
      { check: false, symbolic: false, memoryMiB: HOVER_MEMORY_MIB, latex: latexScopeFor(document, block) });
    return inspection.claims ?? [];
  } catch (err) {
    if (err instanceof InspectError) { return []; }
    throw err;
  }
}

export function claimMessage(claim: ClaimResult): string {
  const at = Object.entries(claim.at).map(([name, v]) => `${name}=${JSON.stringify(v)}`).join(', ');
  return `false claim: the left side is ${JSON.stringify(claim.lhs)}, the right side ${JSON.stringify(claim.rhs)}${at ? ` at ${at}` : ''} (${claim.tolerance})`;
}
