// The token cursor under the LaTeX parser (src/lang/latex.ts): where it is in the formula's tokens,
// attempts that can be undone, the nesting it allows, the notes and relations it collects, and the
// bracket and bar state that decides what closes.
import { InspectError, lineColumnAt, SourceRange } from '../engine/errors';
import { excerpt } from '../engine/excerpt';
import type { LatexContext, LatexRelation } from './latex-formula';
import type { LatexToken } from './latex-lexer';
import { MAX_NESTING } from './nesting';

export const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '\\{': '\\}' };

export abstract class LatexCursor {
  protected index = 0;
  private depth = 0;
  protected lastEnd = 0;
  protected readonly notes = new Set<string>();
  protected readonly relations: LatexRelation[] = [];
  readonly lengths = new Map<string, string[]>();
  /** Tokens split by firstDigit, with what they were, so an attempt can be undone. */
  private readonly tokenEdits: { index: number; token: LatexToken }[] = [];
  /** Inside |…|, a bar closes; elsewhere it opens. */
  protected barCloses = false;
  /** Inside \\|…\\|, a double bar closes. */
  protected normCloses = false;

  constructor(readonly text: string, protected readonly tokens: LatexToken[], readonly context: LatexContext) {}

  peek(): LatexToken {
    return this.tokens[this.index];
  }

  next(): LatexToken {
    const t = this.tokens[this.index];
    if (t.kind !== 'eof') { this.index++; }
    this.lastEnd = t.range.end;
    return t;
  }

  end(): number {
    return this.lastEnd;
  }

  attempt<T>(read: () => T | undefined): T | undefined {
    const saved = { index: this.index, lastEnd: this.lastEnd, notes: [...this.notes], relations: this.relations.length, edits: this.tokenEdits.length };
    const restore = (): undefined => {
      this.index = saved.index;
      this.lastEnd = saved.lastEnd;
      this.notes.clear();
      for (const n of saved.notes) { this.notes.add(n); }
      this.relations.length = saved.relations;
      while (this.tokenEdits.length > saved.edits) {
        const edit = this.tokenEdits.pop() as { index: number; token: LatexToken };
        this.tokens[edit.index] = edit.token;
      }
      return undefined;
    };
    try {
      return read() ?? restore();
    } catch (err) {
      if (err instanceof InspectError && err.kind === 'syntax') { return restore(); }
      throw err;
    }
  }

  atSymbol(text: string): boolean {
    const t = this.peek();
    return t.kind === 'symbol' && t.text === text;
  }

  protected atCommand(name: string): boolean {
    const t = this.peek();
    return t.kind === 'command' && t.text === name;
  }

  protected atOpener(): boolean {
    const t = this.peek();
    return t.kind === 'symbol' && t.text in CLOSERS;
  }

  protected expectCloser(open: LatexToken, closer: string): LatexToken {
    const t = this.peek();
    if (t.kind === 'symbol' && t.text === closer) { return this.next(); }
    if (t.kind === 'eof') { throw unclosed(open, closer); }
    const { line, column } = lineColumnAt(this.text, open.range.start);
    throw new InspectError(`expected '${closer}' to close the '${open.text}' at ${line}:${column}, found '${this.source(t.range)}'`, 'syntax', t.range, `'${closer}'`);
  }

  protected inside<T>(barCloses: boolean, parse: () => T): T {
    const saved = this.barCloses;
    this.barCloses = barCloses;
    try {
      return parse();
    } finally {
      this.barCloses = saved;
    }
  }

  protected nested<T>(t: LatexToken, parse: () => T): T {
    if (++this.depth > MAX_NESTING) {
      throw new InspectError(`the formula nests deeper than ${MAX_NESTING} levels`, 'limit', t.range);
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** The text of a range, for messages and notes: at most 40 characters of it. */
  protected source(range: SourceRange): string {
    return excerpt(this.text.slice(range.start, range.end));
  }

  note(text: string): void {
    this.notes.add(text);
  }

  /** Takes the first digit of the number token ahead, leaving the rest as the next token. */
  protected firstDigit(script: string): number {
    const t = this.peek();
    if (t.text.length === 1) { this.next(); return t.value as number; }
    const rest = t.text.slice(1);
    this.tokenEdits.push({ index: this.index, token: t });
    this.tokens[this.index] = { kind: 'number', text: rest, value: Number(rest), range: { start: t.range.start + 1, end: t.range.end } };
    this.lastEnd = t.range.start + 1;
    this.note(`read "${script}${excerpt(t.text)}" as LaTeX typesets it: ${script}${t.text[0]} followed by ${excerpt(rest)}; write ${script}{${excerpt(t.text)}} for the whole number`);
    return Number(t.text[0]);
  }
}

export function span(a: SourceRange, b: SourceRange): SourceRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export function unclosed(open: LatexToken, closer: string): InspectError {
  return new InspectError(`'${open.text}' is never closed`, 'syntax', open.range, `'${closer}'`);
}
