// The expression grammar of the LaTeX parser: sums, products (explicit, implicit and by shape),
// signs, powers and atoms; names with their subscripts, fonts and accents; brackets, bars, groups and
// the arguments of scripts. Commands (functions, fractions, roots, sums…) are read by the subclass,
// src/lang/latex-commands.ts.
import { InspectError, SourceRange } from '../engine/errors';
import { excerpt } from '../engine/excerpt';
import { BinaryExpr, CallExpr, Expr, NameExpr } from './ast';
import { CLOSERS, LatexCursor, span, unclosed } from './latex-cursor';
import { DerivativeReader, readPrime } from './latex-derivatives';
import type { LatexToken } from './latex-lexer';
import { atTranspose, BOLD_FONTS, dotProduct, isVectorExpression, NORM_DELIMITERS, readTranspose, VectorReader } from './latex-vectors';
import { ACCENTS, FONT_COMMANDS, FUNCTION_COMMANDS, GREEK, PRODUCT_COMMANDS, RELATIONS, SUPPORTED_SUMMARY, WORD_COMMANDS } from './latex-vocabulary';

/** Factors of a run of letters listed in its note; a longer run ends with '…'. */
const MAX_LISTED_FACTORS = 12;

export abstract class LatexExpressionParser extends LatexCursor implements DerivativeReader, VectorReader {
  /** End of the run of adjacent letters already noted as a product. */
  private notedRunEnd = -1;
  /** Names written in a bold font: products with them go by shape. */
  private readonly bold = new Set<string>();
  private readonly vectorExpressions = new WeakMap<Expr, boolean>();

  protected expression(): Expr {
    let left = this.product();
    while (this.atSymbol('+') || this.atSymbol('-')) {
      const op = this.next();
      const right = this.product();
      left = binary(op.text as '+' | '-', left, right, op.range);
    }
    return left;
  }

  product(): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (isExplicitProduct(t)) {
        this.next();
        const right = this.unary();
        const leftVector = this.isVector(left), rightVector = this.isVector(right);
        const isDot = (t.text === 'cdot' || t.text === '*') && leftVector && rightVector;
        left = isDot ? dotProduct(left, right, t.range) : binary(t.text === '/' || t.text === 'div' ? '/' : '*', left, right, t.range);
        this.vectorExpressions.set(left, leftVector || rightVector);
      } else if (this.startsFactor(t)) {
        left = this.implicitProduct(left, this.power());
      } else {
        return left;
      }
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'symbol' && (t.text === '-' || t.text === '+')) {
      return this.nested(t, () => {
        this.next();
        const operand = this.unary();
        return { kind: 'unary', op: t.text as '-' | '+', operand, range: span(t.range, operand.range) };
      });
    }
    return this.power();
  }

  power(): Expr {
    const base = this.primary();
    this.refusePostfix();
    if (!this.atSymbol('^')) { return base; }
    const caret = this.next();
    if (atTranspose(this.tokens, this.index)) { return readTranspose(this, base); }
    // An exponent nests like a group: x^{x^{x^{…}}} counts one level per superscript.
    const exponent = this.nested(caret, () => this.scriptArgument('an exponent after ^', caret));
    if (this.atSymbol('^')) {
      throw new InspectError('double superscript', 'syntax', this.peek().range, 'braces around the base, as in {x^a}^b');
    }
    if (this.atSymbol('_')) {
      throw new InspectError('a subscript after a superscript', 'syntax', this.peek().range, 'the subscript first, as in x_0^2');
    }
    return binary('^', base, exponent, caret.range);
  }

  private primary(): Expr {
    const t = this.peek();
    return this.nested(t, () => {
      switch (t.kind) {
        case 'number':
          this.next();
          return { kind: 'number', value: t.value as number, range: t.range };
        case 'letter':
          return this.letter();
        case 'command':
          return this.command(t);
        case 'symbol':
          return this.symbolAtom(t);
        default:
          throw new InspectError('the formula ends too early', 'syntax', t.range, 'an expression');
      }
    });
  }

  private symbolAtom(t: LatexToken): Expr {
    if (t.text in CLOSERS) { return this.group(); }
    if (t.text === '{') { return this.braced('an expression inside { }'); }
    if (t.text === '|' && !this.barCloses) { return this.absolute(); }
    throw new InspectError(`unexpected '${excerpt(t.text)}'`, 'syntax', t.range, 'an expression');
  }

  private letter(): Expr {
    const t = this.next();
    if (t.text === 'e' && this.atSymbol('^')) { return this.naturalExp(t); }
    return this.callable(this.name(t.text, t.range));
  }

  /** `e^{…}` is exp(…). */
  protected naturalExp(e: LatexToken): CallExpr {
    const caret = this.next();
    const exponent = this.scriptArgument('an exponent after ^', caret);
    return { kind: 'call', callee: 'exp', calleeRange: e.range, args: [exponent], kwargs: [], range: { start: e.range.start, end: this.lastEnd } };
  }

  /** A name, then a call of a defined function (`g(x, y)`) or a derivative (`g'(x)`). */
  protected callable(name: NameExpr): Expr {
    if (this.atSymbol("'")) { return readPrime(this, name); }
    if (this.context.functions.has(name.name) && this.atSymbol('(')) {
      const args = this.argumentList();
      return { kind: 'call', callee: name.name, calleeRange: name.range, args, kwargs: [], range: { start: name.range.start, end: this.lastEnd } };
    }
    return name;
  }

  /** A variable or function name as written, without the call after it. */
  readName(): NameExpr {
    const t = this.peek();
    if (t.kind === 'letter') { this.next(); return this.name(t.text, t.range); }
    if (t.kind === 'command' && GREEK.has(t.text)) { this.next(); return this.name(GREEK.get(t.text) as string, t.range); }
    if (t.kind === 'command' && FONT_COMMANDS.has(t.text)) { return this.font(); }
    if (t.kind === 'command' && ACCENTS.has(t.text)) { return this.accented(); }
    throw new InspectError(`expected a name, found '${this.source(t.range)}'`, 'syntax', t.range, 'a variable or function name');
  }

  /** A variable: `base` and an optional subscript, which becomes part of its name. */
  protected name(base: string, range: SourceRange): NameExpr {
    let name = base;
    if (this.atSymbol('_')) {
      this.next();
      name += '_' + this.subscript();
      if (this.atSymbol('_')) {
        throw new InspectError('double subscript', 'syntax', this.peek().range, 'one subscript, as in x_{ij}');
      }
    }
    return { kind: 'name', name, range: { start: range.start, end: this.lastEnd } };
  }

  private subscript(): string {
    const t = this.peek();
    if (t.kind === 'symbol' && t.text === '{') {
      const open = this.next();
      let text = '';
      while (!this.atSymbol('}')) {
        const part = this.peek();
        if (part.kind === 'eof') { throw unclosed(open, '}'); }
        if (part.kind === 'symbol' && part.text === ',') { this.next(); continue; }
        text += this.subscriptPart(part);
      }
      this.next();
      if (text === '') { throw new InspectError('empty subscript', 'syntax', { start: open.range.start, end: this.lastEnd }, 'letters or digits inside _{ }'); }
      return text;
    }
    return this.subscriptPart(t, true);
  }

  /** One piece of a subscript: a letter, digits, a Greek letter or a \text{…} word. */
  private subscriptPart(t: LatexToken, single = false): string {
    if (t.kind === 'letter') { this.next(); return t.text; }
    if (t.kind === 'number' && /^\d+$/.test(t.text)) {
      if (single) { return String(this.firstDigit('_')); }
      this.next();
      return t.text;
    }
    if (t.kind === 'command' && GREEK.has(t.text)) { this.next(); return GREEK.get(t.text) as string; }
    if (t.kind === 'command' && WORD_COMMANDS.has(t.text)) { this.next(); return this.word(t).word; }
    if (t.kind === 'command' && FUNCTION_COMMANDS.has(t.text)) { this.next(); return t.text; }
    if (t.kind === 'command' && (FONT_COMMANDS.has(t.text) || ACCENTS.has(t.text))) { return this.readName().name; }
    throw new InspectError('a subscript must be letters, digits, Greek letters or a bold or accented name', 'unsupported', t.range, 'a subscript such as x_0, w_{ij}, f_{\\mathbf{w}} or x_{\\text{max}}');
  }

  protected accented(): NameExpr {
    const accent = this.next();
    const inner = this.nameArgument(accent);
    return this.name(`${inner}_${ACCENTS.get(accent.text) as string}`, accent.range);
  }

  protected font(): NameExpr {
    const font = this.next();
    const name = this.name(this.nameArgument(font), font.range);
    if (BOLD_FONTS.has(font.text)) { this.bold.add(name.name); }
    return name;
  }

  /** The name inside an accent or font command: \hat{y}, \hat y, \bar{x_1}, \mathbf{\theta}. */
  private nameArgument(command: LatexToken): string {
    const braced = this.atSymbol('{');
    const open = braced ? this.next() : undefined;
    const t = this.peek();
    let name: string;
    if (t.kind === 'letter') {
      this.next();
      name = braced ? this.name(t.text, t.range).name : t.text;
    } else if (t.kind === 'command' && GREEK.has(t.text)) {
      this.next();
      name = braced ? this.name(GREEK.get(t.text) as string, t.range).name : (GREEK.get(t.text) as string);
    } else if (t.kind === 'command' && FONT_COMMANDS.has(t.text)) {
      name = this.font().name;
    } else {
      throw new InspectError(`\\${command.text} must be applied to a letter`, 'unsupported', braced ? t.range : command.range, `a letter, as in \\${command.text}{y}`);
    }
    if (open) { this.expectCloser(open, '}'); }
    return name;
  }

  /** The word in braces after a word command, spaces as underscores. */
  protected word(command: LatexToken): { word: string; range: SourceRange } {
    const open = this.peek();
    if (!(open.kind === 'symbol' && open.text === '{')) {
      throw new InspectError(`\\${command.text} needs a braced argument`, 'syntax', command.range, `\\${command.text}{…}`);
    }
    this.next();
    while (!this.atSymbol('}')) {
      if (this.peek().kind === 'eof') { throw unclosed(open, '}'); }
      this.next();
    }
    const close = this.next();
    const raw = this.text.slice(open.range.end, close.range.start).trim().replace(/\\_/g, '_').replace(/\s+/g, '_');
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(raw)) {
      throw new InspectError(`'${excerpt(raw)}' is not a name`, 'unsupported', { start: open.range.end, end: close.range.start }, 'letters, digits and _ (a function or variable name)');
    }
    return { word: raw, range: { start: command.range.start, end: close.range.end } };
  }

  argumentList(): Expr[] {
    const open = this.next();
    const closer = CLOSERS[open.text];
    const args = this.inside(false, () => {
      const list = [this.expression()];
      while (this.atSymbol(',')) {
        this.next();
        list.push(this.expression());
      }
      return list;
    });
    this.expectCloser(open, closer);
    return args;
  }

  /** `( … )`, `[ … ]`, `\{ … \}`: the expression, its range widened to the brackets. */
  private group(): Expr {
    const open = this.next();
    const inner = this.inside(false, () => this.expression());
    if (open.text === '[' && this.atSymbol(',')) { return this.vectorLiteral(open, inner); }
    if (open.text === '\\{' && (this.atSymbol(',') || this.atCommand('mid'))) {
      throw new InspectError('a set \\{…\\} cannot be evaluated: sets are not values', 'unsupported', span(open.range, this.peek().range), 'a value, or ( ) for grouping');
    }
    const close = this.expectCloser(open, CLOSERS[open.text]);
    return { ...inner, range: span(open.range, close.range) };
  }

  /** `[a, b, c]`: a vector written out (its first entry already read). */
  private vectorLiteral(open: LatexToken, first: Expr): Expr {
    const items = [first];
    while (this.atSymbol(',')) {
      this.next();
      items.push(this.inside(false, () => this.expression()));
    }
    const close = this.expectCloser(open, ']');
    return { kind: 'list', items, tuple: false, range: span(open.range, close.range) };
  }

  /** `{ … }`: LaTeX grouping, invisible in the result. */
  private braced(what: string): Expr {
    const open = this.next();
    if (this.atSymbol('}')) {
      throw new InspectError('empty group { }', 'syntax', span(open.range, this.peek().range), what);
    }
    const inner = this.inside(false, () => this.expression());
    const close = this.expectCloser(open, '}');
    return { ...inner, range: span(open.range, close.range) };
  }

  private absolute(): Expr {
    const open = this.next();
    const inner = this.inside(true, () => this.expression());
    const close = this.expectCloser(open, '|');
    return { kind: 'call', callee: 'abs', calleeRange: open.range, args: [inner], kwargs: [], range: span(open.range, close.range) };
  }

  innerExpression(): Expr {
    const saved = this.normCloses;
    this.normCloses = true;
    try {
      return this.inside(false, () => this.expression());
    } finally {
      this.normCloses = saved;
    }
  }

  /** The argument of ^, _ (in \log_b) : a braced expression or one token, as LaTeX reads it. */
  protected scriptArgument(what: string, script: LatexToken): Expr {
    const t = this.peek();
    if (t.kind === 'symbol' && t.text === '{') { return this.braced(what); }
    if (t.kind === 'number') {
      const start = t.range.start;
      const digit = this.firstDigit(script.text);
      return { kind: 'number', value: digit, range: { start, end: this.lastEnd } };
    }
    if (t.kind === 'letter') { this.next(); return { kind: 'name', name: t.text, range: t.range }; }
    if (t.kind === 'command' && GREEK.has(t.text)) { this.next(); return { kind: 'name', name: GREEK.get(t.text) as string, range: t.range }; }
    if (t.kind === 'eof') { throw new InspectError(`missing ${what}`, 'syntax', script.range, what); }
    throw new InspectError(`${script.text} takes one token or a braced group`, 'syntax', t.range, `braces, as in ${script.text}{${this.source(t.range)}…}`);
  }

  /** The argument of \frac or \sqrt: `{…}` or a single token (`\frac12`). */
  protected argument(command: LatexToken, role: string): Expr {
    const t = this.peek();
    if (t.kind === 'eof' || (t.kind === 'symbol' && t.text !== '{')) {
      throw new InspectError(`\\${command.text} is missing its ${role}`, 'syntax', command.range, `{${role}} after \\${command.text}`);
    }
    return this.scriptArgument(`the ${role} of \\${command.text}`, command);
  }

  private isVector(e: Expr): boolean {
    return this.bold.size > 0 && isVectorExpression(e, this.bold, this.vectorExpressions);
  }

  protected implicitProduct(left: Expr, right: Expr): Expr {
    if (this.isVector(left) || this.isVector(right)) {
      const dot = dotProduct(left, right, { start: left.range.end, end: right.range.start });
      this.vectorExpressions.set(dot, true);
      return dot;
    }
    const gap = { start: left.range.end, end: right.range.start };
    // Inside a run already noted, nothing is scanned again: n adjacent letters cost O(n), not O(n²).
    if (gap.start === gap.end && gap.start >= this.notedRunEnd && isLetterAt(this.text, gap.start - 1)) {
      if (isLetterAt(this.text, gap.start)) {
        const bounds = letterRun(this.text, gap.start);
        this.notedRunEnd = bounds.end;
        const letters = this.text.slice(bounds.start, bounds.end);
        const run = excerpt(letters);
        const factors = [...letters.slice(0, MAX_LISTED_FACTORS + 1)];
        const product = factors.length > MAX_LISTED_FACTORS ? `${factors.slice(0, MAX_LISTED_FACTORS).join('·')}·…` : factors.join('·');
        this.note(`read "${run}" as a product of the single-letter variables ${product}; write \\mathrm{${run}} for one variable`);
      } else if (/[0-9]/.test(this.text[gap.start])) {
        const written = this.text[gap.start - 1] + this.source(right.range);
        this.note(`read "${written}" as the product ${this.text[gap.start - 1]}·${this.source(right.range)}; write ${this.text[gap.start - 1]}_{${this.source(right.range)}} for a subscript`);
      }
    }
    const product: BinaryExpr = { kind: 'binary', op: '*', left, right, range: span(left.range, right.range), opRange: gap, implicit: true };
    this.vectorExpressions.set(product, false);
    return product;
  }

  /** Can this token begin the next factor of an implicit product? */
  protected startsFactor(t: LatexToken): boolean {
    switch (t.kind) {
      case 'number':
      case 'letter':
        return true;
      case 'command':
        return !PRODUCT_COMMANDS.has(t.text) && !RELATIONS.has(t.text) && !(this.normCloses && NORM_DELIMITERS.has(t.text));
      case 'symbol':
        return t.text in CLOSERS || t.text === '{' || (t.text === '|' && !this.barCloses);
      default:
        return false;
    }
  }

  protected startsFunction(t: LatexToken): boolean {
    return t.kind === 'command' && (FUNCTION_COMMANDS.has(t.text) || WORD_COMMANDS.has(t.text) || (t.text === 'sigma' && (this.tokens[this.index + 1]?.text ?? '') in CLOSERS));
  }

  /** Primes and factorials are typeset after an atom but have no meaning here. */
  private refusePostfix(): void {
    const t = this.peek();
    if (t.kind === 'symbol' && t.text === "'") {
      throw new InspectError('a prime marks the derivative of a named function only', 'unsupported', t.range, "a defined function with a prime, as in g'(x)");
    }
    if (t.kind === 'symbol' && t.text === '!') {
      throw new InspectError('factorials are not supported', 'unsupported', t.range, SUPPORTED_SUMMARY);
    }
    // A name takes its own subscript: one left here follows a bracket or a function's value.
    if (t.kind === 'symbol' && t.text === '_') {
      throw new InspectError('a subscript indexes a name only, not the value of a bracket or a function', 'unsupported', t.range,
        'a named vector, as in \\hat{y} = \\operatorname{softmax}(z), then \\hat{y}_i');
    }
  }

  /** A command token (`\\sin`, `\\frac`, `\\sum`, `\\alpha`…) as an atom. */
  protected abstract command(t: LatexToken): Expr;
}

export function binary(op: BinaryExpr['op'], left: Expr, right: Expr, opRange: SourceRange): BinaryExpr {
  return { kind: 'binary', op, left, right, range: span(left.range, right.range), opRange };
}

function isExplicitProduct(t: LatexToken): boolean {
  return (t.kind === 'symbol' && (t.text === '*' || t.text === '/')) || (t.kind === 'command' && PRODUCT_COMMANDS.has(t.text));
}

function isLetterAt(text: string, i: number): boolean {
  return /[A-Za-z]/.test(text[i] ?? '') && text[i - 1] !== '\\' && !isCommandLetter(text, i);
}

/** Is text[i] part of a `\command` name? */
function isCommandLetter(text: string, i: number): boolean {
  let p = i;
  while (p > 0 && /[A-Za-z]/.test(text[p - 1])) { p--; }
  return text[p - 1] === '\\';
}

function letterRun(text: string, at: number): SourceRange {
  let start = at - 1;
  let end = at;
  while (start > 0 && /[A-Za-z]/.test(text[start - 1])) { start--; }
  while (end < text.length && /[A-Za-z]/.test(text[end])) { end++; }
  return { start, end };
}
