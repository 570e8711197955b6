// The LaTeX definitions in scope at a formula in the editor: every math span of the Markdown
// document, or of all the Markdown cells of the notebook a cell belongs to (read in cell order, as
// one text). Read once per document version. Cached by the document object, not its URI: an untitled
// document's URI (untitled:Untitled-1) comes back for the next new document, at the same version.
import * as vscode from 'vscode';
import type { AnalysedBlock } from '../io/block';
import { fileBlocks } from '../io/file-blocks';
import { documentOfBlocks, markdownDocument } from '../io/latex-scope';
import { textLines } from '../io/source-lines';
import type { LatexDocument } from '../lang/latex-definitions';
import type { LatexScope } from '../lang/latex-reader';
import { documentLines } from './document-lines';

/** Per open document or notebook: the version it was read at, and what it said. */
const cache = new WeakMap<object, { version: string; document: LatexDocument }>();

/** The scope of a LaTeX block of a Markdown document or notebook cell; undefined for anything else. */
export function latexScopeFor(document: vscode.TextDocument, block: AnalysedBlock): LatexScope | undefined {
  if (block.language !== 'latex' || document.languageId !== 'markdown') { return undefined; }
  const notebook = document.uri.scheme === 'vscode-notebook-cell' ? vscode.workspace.notebookDocuments.find(n => !n.isClosed && n.getCells().some(c => c.document === document)) : undefined;
  if (!notebook) { return { document: cached(document, String(document.version), () => markdownDocument(documentLines(document))), offset: block.docStart }; }
  const cells = notebook.getCells().filter(c => c.kind === vscode.NotebookCellKind.Markup);
  const starts: number[] = [];
  let text = '';
  for (const cell of cells) {
    starts.push(text.length);
    text += `${cell.document.getText()}\n\n`;
  }
  const version = `${notebook.version}:${cells.map(c => c.document.version).join(',')}`;
  const joined = cached(notebook, version, () => {
    const source = textLines(text);
    return documentOfBlocks(fileBlocks(source, 'markdown', 'auto').blocks, source);
  });
  const index = cells.findIndex(c => c.document === document);
  return { document: joined, offset: (index < 0 ? 0 : starts[index]) + block.docStart };
}

function cached(owner: object, version: string, read: () => LatexDocument): LatexDocument {
  const known = cache.get(owner);
  if (known?.version === version) { return known.document; }
  const document = read();
  cache.set(owner, { version, document });
  return document;
}
