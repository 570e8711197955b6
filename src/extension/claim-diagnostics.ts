// A false claim in a Markdown document or notebook cell is a Warning on its range in Problems, kept
// up to date as the document is opened and edited (debounced). Every math span with a relation is
// verified with the document's definitions in scope; formulas that do not analyse, and claims that
// cannot be evaluated, are left to Check Gradient, which reports them.
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

export class ClaimDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('gradient-inspector-claims');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument(d => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument(e => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument(d => this.collection.delete(d.uri)),
      // An untitled document can be opened before its language is known: its editor showing is the later signal.
      vscode.window.onDidChangeActiveTextEditor(e => { if (e) { this.schedule(e.document); } }),
    ];
    vscode.workspace.textDocuments.forEach(d => this.schedule(d));
  }

  dispose(): void {
    this.subscriptions.forEach(s => s.dispose());
    this.timers.forEach(t => clearTimeout(t));
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
    const diagnostics = await falseClaimDiagnostics(document);
    if (document.isClosed || document.version !== version) { return; }
    this.collection.set(document.uri, diagnostics);
  }
}

/** A Warning for each false claim of the document, on the claim's range. */
export async function falseClaimDiagnostics(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  const lines = documentLines(document);
  const diagnostics: vscode.Diagnostic[] = [];
  for (const block of fileBlocks(lines, 'markdown', 'auto').blocks.slice(0, MAX_FORMULAS)) {
    if (!RELATION.test(block.text)) { continue; }
    const claims = await claimsOf(document, lines, block);
    for (const claim of claims.filter(c => !c.passed && c.error === undefined)) {
      const range = new vscode.Range(document.positionAt(toDocOffset(block, claim.range.start)), document.positionAt(toDocOffset(block, claim.range.end)));
      const diagnostic = new vscode.Diagnostic(range, claimMessage(claim), vscode.DiagnosticSeverity.Warning);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = 'false-claim';
      diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
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
