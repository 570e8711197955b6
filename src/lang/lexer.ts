// Splits math or Python text into tokens. Newlines are tokens (they end statements) except inside
// brackets, where an expression may span lines; comments and `\` line continuations are dropped.
// As in Python, `\n`, `\r\n` and a lone `\r` are each one line break, and a byte-order mark at
// the start is ignored.
import { InspectError, SourceRange } from '../engine/errors';
import { readNumber } from './number-literal';
import type { Dialect } from './parser';
import { visibleCharacter } from './quoting';

export type TokenKind = 'number' | 'name' | 'string' | 'op' | 'newline' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The text as written ('' for eof, '\n' for newline). */
  text: string;
  /** Parsed value of a number token. */
  value?: number;
  range: SourceRange;
}

// Longest first, so `**` wins over `*` and `+=` over `+`.
const OPERATORS = [
  '...', '**=', '//=', '**', '//', '+=', '-=', '*=', '/=', '@=', '==', '!=', '<=', '>=', '->',
  '+', '-', '*', '/', '^', '@', '(', ')', '[', ']', '{', '}', ',', ':', ';', '=', '.', '|', '<', '>', '%', '&', '~', '!',
];

/** Operators by first character, longest first. */
const OPERATORS_BY_START = new Map<string, string[]>();
for (const op of OPERATORS) { OPERATORS_BY_START.set(op[0], [...(OPERATORS_BY_START.get(op[0]) ?? []), op]); }

/** Signs pasted from typeset text, read as the operators they stand for. */
const TYPOGRAPHIC: ReadonlyMap<string, string> = new Map([['−', '-'], ['×', '*'], ['·', '*'], ['⋅', '*'], ['÷', '/']]);

const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

export function tokenize(text: string, dialect: Dialect): Token[] {
  return new Lexer(text, dialect).run();
}

const BYTE_ORDER_MARK = '\ufeff';

class Lexer {
  private pos: number;
  private depth = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly text: string, private readonly dialect: Dialect) {
    this.pos = text.startsWith(BYTE_ORDER_MARK) ? 1 : 0;
  }

  run(): Token[] {
    while (this.pos < this.text.length) { this.step(); }
    this.push('eof', '', this.text.length, this.text.length);
    return this.tokens;
  }

  private step(): void {
    const c = this.text[this.pos];
    if (c === '\n' || c === '\r') { this.lineBreak(); return; }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v') { this.pos++; return; }
    if (c === '#') { this.skipComment(); return; }
    if (c === '\\' && this.isContinuation()) { return; }
    if (isDigit(c) || (c === '.' && isDigit(this.text[this.pos + 1] ?? ''))) { this.number(); return; }
    if (this.dialect === 'python' && this.isStringPrefix()) { return; }
    if (isNameStart(c)) { this.name(); return; }
    if (c === '"' || c === "'") { this.string(this.pos); return; }
    this.operator();
  }

  private lineBreak(): void {
    const end = this.pos + lineBreakLength(this.text, this.pos);
    if (this.depth === 0) {
      this.push('newline', '\n', this.pos, end);
    } else {
      this.pos = end;
    }
  }

  private skipComment(): void {
    while (this.pos < this.text.length && lineBreakLength(this.text, this.pos) === 0) { this.pos++; }
  }

  /** A backslash followed only by spaces up to the end of the line joins the next line. */
  private isContinuation(): boolean {
    let p = this.pos + 1;
    while (p < this.text.length && (this.text[p] === ' ' || this.text[p] === '\t')) { p++; }
    if (p < this.text.length && lineBreakLength(this.text, p) === 0) { return false; }
    this.pos = p + lineBreakLength(this.text, p);
    return true;
  }

  private number(): void {
    const start = this.pos;
    const { end, value } = readNumber(this.text, start, this.dialect);
    this.push('number', this.text.slice(start, end), start, end, value);
  }

  private name(): void {
    const start = this.pos;
    let p = start + 1;
    while (p < this.text.length && isNamePart(this.text[p])) { p++; }
    this.push('name', this.text.slice(start, p), start, p);
  }

  /** `f'…'`, `r"…"`, `rb'…'`: the prefix belongs to the string token (its text keeps it). */
  private isStringPrefix(): boolean {
    const prefix = /^(?:[rRfFbBuU]|[rR][fFbB]|[fFbB][rR])(?=["'])/.exec(this.text.slice(this.pos, this.pos + 3));
    if (!prefix) { return false; }
    const start = this.pos;
    this.pos += prefix[0].length;
    this.string(start);
    return true;
  }

  /** A quoted string from `start` (its prefix, if any); the quote is at the current position. */
  private string(start: number): void {
    const quote = this.text[this.pos];
    if (this.text.startsWith(quote.repeat(3), this.pos)) { this.longString(start, quote.repeat(3)); return; }
    let p = this.pos + 1;
    while (p < this.text.length && this.text[p] !== quote && lineBreakLength(this.text, p) === 0) {
      p += this.text[p] === '\\' ? 2 : 1;
    }
    if (this.text[p] !== quote) {
      // A backslash as the last character steps past the end: the range stops at the text's end.
      const end = Math.min(Math.max(p, start + 1), this.text.length);
      throw new InspectError('unterminated string', 'syntax', { start, end }, `a closing ${quote}`);
    }
    this.push('string', this.text.slice(start, p + 1), start, p + 1);
  }

  /** A triple-quoted string (a docstring), which may span lines. */
  private longString(start: number, quotes: string): void {
    let p = this.pos + 3;
    while (p < this.text.length && !this.text.startsWith(quotes, p)) { p += this.text[p] === '\\' ? 2 : 1; }
    if (p >= this.text.length) {
      throw new InspectError('unterminated triple-quoted string', 'syntax', { start, end: this.text.length }, `a closing ${quotes}`);
    }
    this.push('string', this.text.slice(start, p + 3), start, p + 3);
  }

  private operator(): void {
    const start = this.pos;
    const typographic = TYPOGRAPHIC.get(this.text[start]);
    if (typographic) {
      this.push('op', typographic, start, start + 1);
      return;
    }
    const op = OPERATORS_BY_START.get(this.text[start])?.find(o => this.text.startsWith(o, start));
    if (!op) {
      const { shown, length } = visibleCharacter(this.text, start);
      throw new InspectError(`unexpected character ${shown}`, 'syntax', { start, end: start + length }, 'an expression');
    }
    if (OPENERS.has(op)) { this.depth++; }
    if (CLOSERS.has(op) && this.depth > 0) { this.depth--; }
    this.push('op', op, start, start + op.length);
  }

  private push(kind: TokenKind, text: string, start: number, end: number, value?: number): void {
    const token: Token = { kind, text, range: { start, end } };
    if (value !== undefined) { token.value = value; }
    this.tokens.push(token);
    this.pos = end;
  }
}

/** 2 for `\r\n`, 1 for `\n` or a lone `\r`, 0 when no line ends at `p`. */
function lineBreakLength(text: string, p: number): number {
  if (text[p] === '\n') { return 1; }
  if (text[p] === '\r') { return text[p + 1] === '\n' ? 2 : 1; }
  return 0;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isAsciiLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function isNameStart(c: string): boolean {
  return isAsciiLetter(c) || c === '_' || (c > '\x7f' && /\p{L}/u.test(c));
}

function isNamePart(c: string): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === '_' || (c > '\x7f' && /[\p{L}\p{N}]/u.test(c));
}
