// The definitions in scope for a LaTeX formula of a document: every math block of the Markdown file
// (or the notebook's Markdown cells) read once, the same way by the CLI and the extension.
import type { LatexScope } from '../lang/latex-reader';
import { LatexDocument } from '../lang/latex-definitions';
import { readLatexDocument } from '../lang/latex-document';
import type { AnalysedBlock } from './block';
import { fileBlocks } from './file-blocks';
import type { SourceLines } from './source-lines';

/** The definitions of the LaTeX blocks among `blocks`. */
export function documentOfBlocks(blocks: readonly AnalysedBlock[], source: SourceLines): LatexDocument {
  return readLatexDocument(blocks
    .filter(b => b.language === 'latex')
    .map(b => ({ text: b.text, offset: b.docStart, line: source.lineOf(b.docStart) + 1 })));
}

/** The definitions of a whole Markdown document. */
export function markdownDocument(source: SourceLines): LatexDocument {
  return documentOfBlocks(fileBlocks(source, 'markdown', 'auto').blocks, source);
}

/** The scope of `block` in `document`, for a LaTeX block; undefined otherwise. */
export function scopeOf(block: AnalysedBlock, document: LatexDocument | undefined): LatexScope | undefined {
  return document && block.language === 'latex' ? { document, offset: block.docStart } : undefined;
}
