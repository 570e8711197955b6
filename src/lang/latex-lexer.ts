// Splits LaTeX math into tokens: numbers, single letters (in LaTeX `xy` is two symbols), commands
// (`\frac`, `\alpha`, `\,`) and one-character symbols. What only changes the typesetting is dropped
// here: spacing (`\,`, `\quad`, `~`), style switches (`\displaystyle`), delimiter sizes (`\big`,
// `\left`, `\right`: `\left(` becomes a plain `(` token whose range covers both), `\left.` and
// `\right.`, and `%` comments. The `$`, `$$`, `\(`, `\[` delimiters around the whole formula are
// skipped too, so a selection that includes them parses. Characters pasted from rendered math
// (− · × ÷ and Greek letters such as π) read as what they show.
import { InspectError, SourceRange } from '../engine/errors';
import { visibleCharacter } from './quoting';

export type LatexTokenKind = 'number' | 'letter' | 'command' | 'symbol' | 'eof';

export interface LatexToken {
  kind: LatexTokenKind;
  /** number: the digits; letter: the letter; command: the name without `\`; symbol: the character,
   *  with `\{`, `\}` and `\lvert`/`\rvert` as `\{`, `\}` and `|`. */
  text: string;
  value?: number;
  range: SourceRange;
}

const IGNORED_COMMANDS = new Set([
  ',', ';', ':', '!', ' ', 'quad', 'qquad', 'thinspace', 'medspace', 'thickspace', 'negthinspace',
  'displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits', 'nonumber', 'notag',
]);

/** `\` then a line break or a tab is a control space in TeX, like `\ `. */
const CONTROL_SPACES = new Set(['\n', '\r', '\t']);
/** After a backslash, a character that does not print is no command name. */
const INVISIBLE_AFTER_BACKSLASH = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;

const SIZE_COMMANDS = new Set([
  'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'bigm', 'Bigm',
]);

const DELIMITER_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['{', '\\{'], ['}', '\\}'], ['lbrace', '\\{'], ['rbrace', '\\}'], ['lvert', '|'], ['rvert', '|'], ['vert', '|'],
  ['lparen', '('], ['rparen', ')'], ['lbrack', '['], ['rbrack', ']'],
]);

/** Characters pasted from rendered math: operators, and Greek letters (read as their commands). */
const UNICODE_SYMBOLS: ReadonlyMap<string, string> = new Map([['−', '-'], ['·', '*'], ['⋅', '*'], ['×', '*'], ['÷', '/']]);
const UNICODE_GREEK: ReadonlyMap<string, string> = new Map([
  ['α', 'alpha'], ['β', 'beta'], ['γ', 'gamma'], ['δ', 'delta'], ['ε', 'epsilon'], ['ζ', 'zeta'], ['η', 'eta'], ['θ', 'theta'],
  ['ι', 'iota'], ['κ', 'kappa'], ['λ', 'lambda'], ['μ', 'mu'], ['ν', 'nu'], ['ξ', 'xi'], ['π', 'pi'], ['ρ', 'rho'], ['σ', 'sigma'],
  ['τ', 'tau'], ['υ', 'upsilon'], ['φ', 'phi'], ['χ', 'chi'], ['ψ', 'psi'], ['ω', 'omega'],
]);

const SYMBOLS = new Set(['^', '_', '{', '}', '(', ')', '[', ']', '|', '+', '-', '*', '/', '=', ',', '.', '<', '>', '!', "'", '&', ':', ';']);

/** At most this many tokens: a formula is short; a huge input is refused instead of parsed slowly. */
export const MAX_LATEX_TOKENS = 100_000;

export function tokenizeLatex(text: string): LatexToken[] {
  return new LatexLexer(text).run();
}

class LatexLexer {
  private pos: number;
  private readonly end: number;
  private readonly tokens: LatexToken[] = [];

  constructor(private readonly text: string) {
    const bounds = innerBounds(text);
    this.pos = bounds.start;
    this.end = bounds.end;
  }

  run(): LatexToken[] {
    while (this.pos < this.end) {
      this.step();
      if (this.tokens.length > MAX_LATEX_TOKENS) {
        throw new InspectError(`the formula has more than ${MAX_LATEX_TOKENS} tokens`, 'limit', { start: this.pos, end: this.pos });
      }
    }
    this.tokens.push({ kind: 'eof', text: '', range: { start: this.end, end: this.end } });
    return this.tokens;
  }

  private step(): void {
    const c = this.text[this.pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '~') { this.pos++; return; }
    if (c === '%') { this.skipComment(); return; }
    if (isDigit(c) || (c === '.' && isDigit(this.text[this.pos + 1] ?? ''))) { this.number(); return; }
    if (isLetter(c)) { this.push('letter', c, this.pos, this.pos + 1); this.pos++; return; }
    if (c === '\\') { this.command(); return; }
    if (SYMBOLS.has(c)) { this.push('symbol', c, this.pos, this.pos + 1); this.pos++; return; }
    const pasted = UNICODE_SYMBOLS.get(c);
    if (pasted !== undefined) { this.push('symbol', pasted, this.pos, this.pos + 1); this.pos++; return; }
    const greek = UNICODE_GREEK.get(c);
    if (greek !== undefined) { this.push('command', greek, this.pos, this.pos + 1); this.pos++; return; }
    const { shown, length } = visibleCharacter(this.text, this.pos);
    throw new InspectError(`unexpected character ${shown} in the formula`, 'syntax', { start: this.pos, end: this.pos + length }, 'a LaTeX math expression');
  }

  /** To the end of the line: `\n`, `\r\n` or a lone `\r`. */
  private skipComment(): void {
    while (this.pos < this.end && this.text[this.pos] !== '\n' && this.text[this.pos] !== '\r') { this.pos++; }
  }

  private number(): void {
    const start = this.pos;
    while (this.pos < this.end && isDigit(this.text[this.pos])) { this.pos++; }
    if (this.text[this.pos] === '.' && isDigit(this.text[this.pos + 1] ?? '') && this.pos + 1 < this.end) {
      this.pos++;
      while (this.pos < this.end && isDigit(this.text[this.pos])) { this.pos++; }
    }
    const digits = this.text.slice(start, this.pos);
    this.tokens.push({ kind: 'number', text: digits, value: Number(digits), range: { start, end: this.pos } });
  }

  private command(): void {
    const start = this.pos;
    const name = this.readCommandName();
    if (IGNORED_COMMANDS.has(name) || SIZE_COMMANDS.has(name) || CONTROL_SPACES.has(name)) { return; }
    if (name === 'left' || name === 'right') { this.sizedDelimiter(name, start); return; }
    const delimiter = DELIMITER_COMMANDS.get(name);
    if (delimiter !== undefined) { this.push('symbol', delimiter, start, this.pos); return; }
    if (name === '' || INVISIBLE_AFTER_BACKSLASH.test(name)) {
      const after = name === '' ? '' : ` (found ${visibleCharacter(this.text, start + 1).shown})`;
      throw new InspectError(`a backslash must be followed by a command name${after}`, 'syntax', { start, end: this.pos }, 'a command such as \\frac');
    }
    this.push('command', name, start, this.pos);
  }

  /** Reads `\name` (letters) or `\c` (one other character) after the backslash; '' at the end. */
  private readCommandName(): string {
    const nameStart = this.pos + 1;
    let p = nameStart;
    if (p >= this.end) { this.pos = p; return ''; }
    if (isLetter(this.text[p])) {
      while (p < this.end && isLetter(this.text[p])) { p++; }
    } else {
      p += Math.min(visibleCharacter(this.text, p).length, this.end - p);
    }
    this.pos = p;
    return this.text.slice(nameStart, p);
  }

  /** `\left(` → `(`; `\left.` and `\right.` vanish (they only balance the other side's size). */
  private sizedDelimiter(which: 'left' | 'right', start: number): void {
    while (this.pos < this.end && /\s/.test(this.text[this.pos])) { this.pos++; }
    const c = this.text[this.pos];
    if (c === '.') { this.pos++; return; }
    if (c !== undefined && this.pos < this.end && '()[]|'.includes(c)) {
      this.pos++;
      this.push('symbol', c, start, this.pos);
      return;
    }
    if (c === '\\') {
      const delimiter = DELIMITER_COMMANDS.get(this.readCommandName());
      if (delimiter !== undefined) { this.push('symbol', delimiter, start, this.pos); return; }
    }
    throw new InspectError(`\\${which} must be followed by a delimiter`, 'syntax', { start, end: start + which.length + 1 },
      'one of ( ) [ ] | \\{ \\} .');
  }

  private push(kind: LatexTokenKind, text: string, start: number, end: number): void {
    this.tokens.push({ kind, text, range: { start, end } });
  }
}

/**
 * The formula without the math delimiters written around all of it ($…$, $$…$$, \(…\), \[…\]),
 * and without surrounding white space (for `\s`, a byte-order mark is white space).
 */
function innerBounds(text: string): SourceRange {
  let start = 0;
  let end = text.length;
  while (start < end && /\s/.test(text[start])) { start++; }
  while (end > start && /\s/.test(text[end - 1])) { end--; }
  for (const [open, close] of [['$$', '$$'], ['$', '$'], ['\\(', '\\)'], ['\\[', '\\]']]) {
    if (end - start >= open.length + close.length && text.startsWith(open, start) && text.endsWith(close, end) && text[end - close.length - 1] !== '\\') {
      return { start: start + open.length, end: end - close.length };
    }
  }
  return { start, end };
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
