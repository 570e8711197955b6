// What to analyse around a cursor or selection: the text handed to inspect(), its language, and the
// map from offsets in that text back to the document (pieces may be dedented or skipped, so the map
// is piecewise). No vscode import: the document is seen through SourceLines, so this is unit-tested.
import type { LanguageChoice } from '../inspect';
import { findMathSpan } from '../lang/latex-span';
import { findValuesAbove } from '../lang/values-above';
import type { SourceLines } from './source-lines';

/** A run of the analysed text copied verbatim from the document. */
export interface Segment {
  textStart: number;
  docStart: number;
  length: number;
}

export interface AnalysedBlock {
  text: string;
  language: LanguageChoice;
  segments: Segment[];
  /** Document range covered, from the first piece's start to the last piece's end. */
  docStart: number;
  docEnd: number;
  /** The values comment or `values:` line found above the block, if any (`x=1, W=[[1,2],[3,4]]`). */
  valuesText?: string;
}

/** Where a text offset lies in the document. Offsets between pieces go to the end of the previous one. */
export function toDocOffset(block: AnalysedBlock, textOffset: number): number {
  let best = block.segments[0];
  for (const s of block.segments) {
    if (s.textStart <= textOffset) { best = s; } else { break; }
  }
  if (!best) { return block.docStart; }
  return best.docStart + Math.min(Math.max(textOffset - best.textStart, 0), best.length);
}

/** Where a document offset lies in the analysed text, if it is inside one of its pieces. */
export function toTextOffset(block: AnalysedBlock, docOffset: number): number | undefined {
  for (const s of block.segments) {
    if (docOffset >= s.docStart && docOffset <= s.docStart + s.length) { return s.textStart + docOffset - s.docStart; }
  }
  return undefined;
}

export function contiguousBlock(source: SourceLines, start: number, end: number, language: LanguageChoice): AnalysedBlock {
  const text = source.slice(start, end);
  return { text, language, segments: [{ textStart: 0, docStart: start, length: text.length }], docStart: start, docEnd: end };
}

export function languageForDocument(languageId: string): 'python' | 'markdown' | 'other' {
  if (languageId === 'python') { return 'python'; }
  if (languageId === 'markdown') { return 'markdown'; }
  return 'other';
}

const BACKSLASH_COMMAND = /\\[A-Za-z]/;

function guessLanguage(text: string): LanguageChoice {
  return BACKSLASH_COMMAND.test(text) ? 'latex' : 'auto';
}

export interface BlockOptions {
  /**
   * With the cursor in a function the file calls, take the whole file so the calls run (default).
   * False in a paused debug frame: the function's body is read as a block, with the frame's values.
   */
  wholeFileForCallSites?: boolean;
}

/** The selection [start, end), or with an empty selection the block around `start`. */
export function analysedBlock(source: SourceLines, languageId: string, start: number, end: number, options: BlockOptions = {}): AnalysedBlock | undefined {
  const block = start < end ? selectionBlock(source, languageId, start, end) : blockAround(source, languageId, start, options);
  if (!block || block.text.trim() === '') { return undefined; }
  return withValuesAbove(source, block);
}

/** The block with the values comment or `values:` line found above it, if any. */
export function withValuesAbove(source: SourceLines, block: AnalysedBlock): AnalysedBlock {
  const values = valuesAbove(source, block.docStart);
  return values === undefined ? block : { ...block, valuesText: values };
}

function selectionBlock(source: SourceLines, languageId: string, start: number, end: number): AnalysedBlock {
  const kind = languageForDocument(languageId);
  if (kind === 'python') { return dedentedSelection(source, start, end) ?? contiguousBlock(source, start, end, 'python'); }
  if (kind === 'markdown') {
    const stripped = stripMathDelimiters(source.slice(start, end));
    if (stripped) { return contiguousBlock(source, start + stripped.start, start + stripped.end, 'latex'); }
    const span = mathSpanAround(source, start);
    if (span && span.docEnd >= end) { return contiguousBlock(source, start, end, 'latex'); }
  }
  return contiguousBlock(source, start, end, guessLanguage(source.slice(start, end)));
}

function blockAround(source: SourceLines, languageId: string, offset: number, options: BlockOptions): AnalysedBlock | undefined {
  const kind = languageForDocument(languageId);
  if (kind === 'python') { return pythonBlock(source, source.lineOf(offset), options); }
  if (kind === 'markdown') { return mathSpanAround(source, offset); }
  return currentLine(source, source.lineOf(offset));
}

function currentLine(source: SourceLines, lineIndex: number): AnalysedBlock | undefined {
  const text = source.line(lineIndex);
  const indent = text.length - text.trimStart().length;
  const body = text.trimEnd();
  if (body.trim() === '') { return undefined; }
  const start = source.lineStart(lineIndex) + indent;
  return contiguousBlock(source, start, source.lineStart(lineIndex) + body.length, guessLanguage(body));
}

// ---- Markdown math spans --------------------------------------------------------------------

const DELIMITERS: readonly [string, string][] = [['$$', '$$'], ['\\[', '\\]'], ['\\(', '\\)'], ['$', '$']];

/** The inner range of `text` when it is wrapped in one pair of math delimiters (whitespace allowed). */
function stripMathDelimiters(text: string): { start: number; end: number } | undefined {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  for (const [open, close] of DELIMITERS) {
    if (trimmed.length > open.length + close.length && trimmed.startsWith(open) && trimmed.endsWith(close)) {
      return { start: lead + open.length, end: lead + trimmed.length - close.length };
    }
  }
  return undefined;
}

/** Math after the cursor is looked for this far: a formula is never longer. */
const MATH_LOOKAHEAD = 20_000;

/** The math span containing `offset` (code fences, code spans and comments are not math). */
export function mathSpanAround(source: SourceLines, offset: number): AnalysedBlock | undefined {
  const last = source.lineCount - 1;
  const documentEnd = source.lineStart(last) + source.line(last).length;
  const span = findMathSpan(source.slice(0, Math.min(documentEnd, offset + MATH_LOOKAHEAD)), offset);
  return span ? contiguousBlock(source, span.inner.start, span.inner.end, 'latex') : undefined;
}

// ---- Values written in the document -----------------------------------------------------------

/** Values are looked for this many lines above a block: further up they belong to something else. */
const VALUES_SEARCH_LINES = 2000;

/** The nearest values comment or `values:` line ending at or before `offset` (see findValuesAbove). */
function valuesAbove(source: SourceLines, offset: number): string | undefined {
  const line = source.lineOf(offset);
  const searchStart = source.lineStart(Math.max(0, line - VALUES_SEARCH_LINES));
  // Up to the end of the offset's line, so the rest of a line is never taken for values.
  const searchEnd = source.lineStart(line) + source.line(line).length;
  return findValuesAbove(source.slice(searchStart, searchEnd), offset - searchStart);
}

// ---- Python: straight-line code from the top of the block to the cursor ------------------------

const BLOCK_HEADER = /^(?:async\s+)?(?:def|class|for|if|elif|else|while|with|try|except|finally|match|case)\b/;
const SKIPPED_STATEMENT = /^(?:import\s|from\s+\S+\s+import\s|print\s*\(|assert\b|pass\b|del\s|raise\b|global\s|nonlocal\s|@|#)/;
const RETURN = /^return\s+/;
const MAX_CONTINUATION_LINES = 500;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Change in bracket depth over a line, ignoring strings and comments. */
export function bracketDelta(line: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') { i++; } else if (c === quote) { quote = ''; }
      continue;
    }
    if (c === '#') { break; }
    if (c === '"' || c === '\'') { quote = c; } else if (c === '(' || c === '[' || c === '{') { depth++; } else if (c === ')' || c === ']' || c === '}') { depth--; }
  }
  return depth;
}

interface StatementLine {
  index: number;
  /** Inside the brackets of a statement that started on an earlier line. */
  continuation: boolean;
  /** First line of the statement this line belongs to. */
  statementStart: number;
}

/** Lines from `top` on, each with the statement it belongs to, until `last` and its statement's end. */
function statementLines(source: SourceLines, top: number, last: number): StatementLine[] {
  const out: StatementLine[] = [];
  let depth = 0, statementStart = top;
  for (let i = top; i < source.lineCount; i++) {
    if (i > last && (depth <= 0 || i - last > MAX_CONTINUATION_LINES)) { break; }
    const continuation = depth > 0;
    if (!continuation) { statementStart = i; }
    out.push({ index: i, continuation, statementStart });
    depth = Math.max(0, depth + bracketDelta(source.line(i)));
  }
  return out;
}

export function pythonBlock(source: SourceLines, cursorLine: number, options: BlockOptions = {}): AnalysedBlock | undefined {
  const cursorText = source.line(cursorLine).trim();
  if (cursorText === '' || cursorText.startsWith('#')) { return undefined; }
  const callSites = options.wholeFileForCallSites === false ? undefined : wholeFileForCallSites(source, cursorLine);
  if (callSites) { return callSites; }
  if (BLOCK_HEADER.test(cursorText)) { return currentLine(source, cursorLine); }
  let top = cursorLine;
  while (top > 0) {
    const above = source.line(top - 1).trim();
    if (above === '' || BLOCK_HEADER.test(above)) { break; }
    top--;
  }
  const lines = statementLines(source, top, cursorLine);
  const cursorStatement = lines.find(l => l.index === cursorLine)?.statementStart ?? cursorLine;
  const baseIndent = indentOf(source.line(cursorStatement));
  const cursorStatementText = source.line(cursorStatement).trim();
  if (SKIPPED_STATEMENT.test(cursorStatementText) || BLOCK_HEADER.test(cursorStatementText)) { return undefined; }
  const pieces: { docStart: number; text: string }[] = [];
  for (const l of lines) {
    const startText = source.line(l.statementStart);
    const kept = indentOf(startText) === baseIndent && !SKIPPED_STATEMENT.test(startText.trim()) && !BLOCK_HEADER.test(startText.trim());
    if (!kept) { continue; }
    const text = source.line(l.index);
    let from = l.continuation ? 0 : indentOf(text);
    if (!l.continuation) {
      const ret = RETURN.exec(text.slice(from));
      if (ret) { from += ret[0].length; }
    }
    const body = text.slice(from).trimEnd();
    if (body === '') { continue; }
    pieces.push({ docStart: source.lineStart(l.index) + from, text: body });
  }
  return joinPieces(pieces, 'python');
}

const TOP_LEVEL_DEFINITION = /^(?:def|class)\s+([A-Za-z_][A-Za-z0-9_]*)/;

/**
 * With the cursor in a top-level function (or autograd.Function class) that the file calls from
 * somewhere else, the whole file: the tracer runs the top-level code, and so the calls with their
 * real arguments. A function nothing calls keeps the body-as-a-block reading (values are asked for).
 */
function wholeFileForCallSites(source: SourceLines, cursorLine: number): AnalysedBlock | undefined {
  const definition = enclosingDefinition(source, cursorLine);
  if (!definition) { return undefined; }
  const called = new RegExp(`\\b${definition.name}\\s*(?:\\.\\s*apply\\s*)?\\(`);
  let calledElsewhere = false, topLevelCode = false;
  let inside = false;
  for (let i = 0; i < source.lineCount; i++) {
    const line = source.line(i);
    const text = line.trim();
    if (text === '' || text.startsWith('#')) { continue; }
    if (indentOf(line) === 0) {
      inside = i === definition.line;
      if (!TOP_LEVEL_DEFINITION.test(text) && !text.startsWith('@') && !/^(?:import|from)\s/.test(text)) { topLevelCode = true; }
    }
    if (!inside && i !== definition.line && called.test(line.replace(/#.*$/, ''))) { calledElsewhere = true; }
  }
  if (!calledElsewhere || !topLevelCode) { return undefined; }
  const last = source.lineCount - 1;
  return contiguousBlock(source, 0, source.lineStart(last) + source.line(last).length, 'python');
}

/**
 * The top-level function holding the line when no top-level code calls it (so the whole-file
 * reading does not apply): Check Gradient there calls it with argument values the user accepts.
 */
export function uncalledFunctionAt(source: SourceLines, line: number): string | undefined {
  const definition = enclosingDefinition(source, line);
  if (!definition || !/^def\s/.test(source.line(definition.line)) || wholeFileForCallSites(source, line)) { return undefined; }
  return definition.name;
}

/** The top-level def or class whose header or body holds the line. */
function enclosingDefinition(source: SourceLines, line: number): { name: string; line: number } | undefined {
  for (let i = line; i >= 0; i--) {
    const text = source.line(i);
    if (text.trim() === '' || text.trim().startsWith('#') || indentOf(text) > 0) { continue; }
    const match = TOP_LEVEL_DEFINITION.exec(text);
    return match ? { name: match[1], line: i } : undefined;
  }
  return undefined;
}

/**
 * A Python selection without the indentation its lines share (code selected inside a function body
 * parses as top-level code). Blank lines are dropped; offsets still map back through the pieces.
 */
function dedentedSelection(source: SourceLines, start: number, end: number): AnalysedBlock | undefined {
  const firstLine = source.lineOf(start), lastLine = source.lineOf(end);
  const rows: { docStart: number; text: string }[] = [];
  for (let i = firstLine; i <= lastLine; i++) {
    const lineStart = source.lineStart(i);
    const from = Math.max(start, lineStart), to = Math.min(end, lineStart + source.line(i).length);
    if (to > from) { rows.push({ docStart: from, text: source.slice(from, to) }); }
  }
  const rest = rows.slice(1).filter(r => r.text.trim() !== '');
  const common = rest.length ? Math.min(...rest.map(r => indentOf(r.text))) : 0;
  const pieces = rows.filter(r => r.text.trim() !== '').map((r, k) => {
    const cut = k === 0 && r === rows[0] ? indentOf(r.text) : Math.min(common, indentOf(r.text));
    return { docStart: r.docStart + cut, text: r.text.slice(cut).trimEnd() };
  });
  return joinPieces(pieces, 'python');
}

function joinPieces(pieces: readonly { docStart: number; text: string }[], language: LanguageChoice): AnalysedBlock | undefined {
  if (pieces.length === 0) { return undefined; }
  const segments: Segment[] = [];
  let text = '';
  for (const p of pieces) {
    if (text) { text += '\n'; }
    segments.push({ textStart: text.length, docStart: p.docStart, length: p.text.length });
    text += p.text;
  }
  const last = pieces[pieces.length - 1];
  return { text, language, segments, docStart: pieces[0].docStart, docEnd: last.docStart + last.text.length };
}
