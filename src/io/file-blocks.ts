// What a whole file gives to analyse, by the rules the extension applies at a cursor:
//   Python   — the whole file (or, at a line, the statement block the extension takes there);
//   Markdown — every math span ($…$, $$…$$, \(…\), \[…\]) outside code and comments;
//   text     — every line that is a formula: not blank, not a `values:` line, not a comment
//              (#, %, //) and not prose (see isProse).
// Each block carries the values comment or line above it, as in the editor.
import type { LanguageChoice } from '../inspect';
import { findMathSpans } from '../lang/latex-span';
import { isValuesLine } from '../lang/values-above';
import { AnalysedBlock, analysedBlock, contiguousBlock, withValuesAbove } from './block';
import type { SourceLines } from './source-lines';

export type FileKind = 'python' | 'markdown' | 'text';

export interface FileBlocks {
  blocks: AnalysedBlock[];
  /** Lines (0-based) of a text file read as prose and not analysed. */
  prose: number[];
}

const MARKDOWN_EXTENSIONS = /\.(?:md|markdown|mdown|mkd)$/i;

/** How a file is read: by its name, unless the language is forced to Python. */
export function fileKind(fileName: string, language: LanguageChoice): FileKind {
  if (language === 'python' || fileName.toLowerCase().endsWith('.py')) { return 'python'; }
  return MARKDOWN_EXTENSIONS.test(fileName) ? 'markdown' : 'text';
}

/**
 * The blocks of a file, in order; with `line` (0-based) only those on that line (for Python, the
 * block the extension takes with the cursor there). A forced math or LaTeX `language` applies to
 * every block of a Markdown or text file.
 */
export function fileBlocks(source: SourceLines, kind: FileKind, language: LanguageChoice, line?: number): FileBlocks {
  if (kind === 'python') { return { blocks: pythonBlocks(source, line), prose: [] }; }
  const found = kind === 'markdown' ? { blocks: markdownBlocks(source), prose: [] } : textBlocks(source);
  const blocks = found.blocks
    .filter(block => line === undefined || (source.lineOf(block.docStart) <= line && line <= source.lineOf(block.docEnd)))
    .map(block => (language === 'auto' ? block : { ...block, language }));
  return { blocks, prose: found.prose.filter(l => line === undefined || l === line) };
}

function pythonBlocks(source: SourceLines, line: number | undefined): AnalysedBlock[] {
  if (line !== undefined) {
    const block = analysedBlock(source, 'python', source.lineStart(line), source.lineStart(line));
    return block ? [block] : [];
  }
  const end = source.lineStart(source.lineCount - 1) + source.line(source.lineCount - 1).length;
  return source.slice(0, end).trim() === '' ? [] : [contiguousBlock(source, 0, end, 'python')];
}

function markdownBlocks(source: SourceLines): AnalysedBlock[] {
  const last = source.lineCount - 1;
  const text = source.slice(0, source.lineStart(last) + source.line(last).length);
  return findMathSpans(text)
    .filter(span => text.slice(span.inner.start, span.inner.end).trim() !== '')
    .map(span => withValuesAbove(source, contiguousBlock(source, span.inner.start, span.inner.end, 'latex')));
}

const LINE_COMMENT = /^\s*(?:#|%|\/\/)/;

function textBlocks(source: SourceLines): FileBlocks {
  const blocks: AnalysedBlock[] = [];
  const prose: number[] = [];
  for (let i = 0; i < source.lineCount; i++) {
    const text = source.line(i);
    if (text.trim() === '' || isValuesLine(text) || LINE_COMMENT.test(text)) { continue; }
    if (isProse(text)) {
      prose.push(i);
      continue;
    }
    const block = analysedBlock(source, 'plaintext', source.lineStart(i), source.lineStart(i));
    if (block) { blocks.push(block); }
  }
  return { blocks, prose };
}

/** Three words of two or more letters in a row: no formula reads like that (`x y z` and `w0 x0` do not count). */
const THREE_WORDS = /(?:^|[^\w\\])[A-Za-z][A-Za-z']+[ \t]+[A-Za-z][A-Za-z']+[ \t]+[A-Za-z][A-Za-z']+(?![\w(])/;
/** A word followed by sentence punctuation at the end of the line (`Examples:`, `… the point.`). */
const SENTENCE_END = /[A-Za-z'")][.:;?!,][ \t]*$/;

/**
 * A line of prose in a text file, not a formula. Deliberately narrow: anything else is analysed, so
 * a mistyped formula is reported, not skipped; the skipped lines are listed in the report.
 */
export function isProse(line: string): boolean {
  return THREE_WORDS.test(line) || SENTENCE_END.test(line);
}
