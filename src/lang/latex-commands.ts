// The command vocabulary of the LaTeX parser: Greek letters, functions applied with or without
// brackets (with powers, inverses and log bases), \\frac and \\sqrt, word commands
// (\\operatorname, \\mathrm), \\underbrace labels, and the constructs read by their own modules
// (sums, norms, derivative notation). What it does not know is refused by name.
import { InspectError } from '../engine/errors';
import { excerpt } from '../engine/excerpt';
import { BinaryExpr, CallExpr, Expr } from './ast';
import { span, unclosed } from './latex-cursor';
import { readDerivativeFraction, readNabla } from './latex-derivatives';
import { LatexExpressionParser } from './latex-expressions';
import type { LatexToken } from './latex-lexer';
import { readReduction, SumReader } from './latex-sums';
import { NORM_DELIMITERS, readNorm } from './latex-vectors';
import {
  ACCENTS, FONT_COMMANDS, FRACTION_COMMANDS, FUNCTION_COMMANDS, FUNCTION_WORDS, GREEK, INVERSES, PRODUCT_COMMANDS,
  REFUSED, RELATION_REASONS, RELATIONS, SUPPORTED_SUMMARY, TWO_ARGUMENT_FUNCTIONS, WORD_COMMANDS,
} from './latex-vocabulary';

export abstract class LatexCommandParser extends LatexExpressionParser implements SumReader {
  protected command(t: LatexToken): Expr {
    const name = t.text;
    if (GREEK.has(name)) { return this.greek(t); }
    if (name === 'sum' || name === 'prod' || (name === 'max' && this.tokens[this.index + 1]?.text === '_')) { return readReduction(this, this.next()); }
    const fn = FUNCTION_COMMANDS.get(name);
    if (fn !== undefined) { this.next(); return this.application(t, fn); }
    if (name === 'sqrt') { return this.sqrt(); }
    if (FRACTION_COMMANDS.has(name)) { return readDerivativeFraction(this, this.next()) ?? this.fraction(); }
    if (name === 'nabla') { return readNabla(this); }
    if (NORM_DELIMITERS.has(name)) { return readNorm(this, this.next()); }
    if (name === 'underbrace' || name === 'overbrace') { return this.brace(); }
    if (ACCENTS.has(name)) { return this.callable(this.accented()); }
    if (FONT_COMMANDS.has(name)) { return this.callable(this.font()); }
    if (WORD_COMMANDS.has(name)) { return this.wordAtom(); }
    throw refusal(t);
  }

  private greek(t: LatexToken): Expr {
    this.next();
    if (t.text === 'sigma' && this.atOpener()) {
      this.note('read \\sigma(…) as the sigmoid function (\\sigma without brackets is the variable sigma)');
      return this.application(t, 'sigmoid');
    }
    return this.callable(this.name(GREEK.get(t.text) as string, t.range));
  }

  /** `\underbrace{…}_{= label}`: the expression; a label starting with = is a claim about it. */
  private brace(): Expr {
    const command = this.next();
    const inner = this.argument(command, 'argument');
    if (!(this.atSymbol('_') || this.atSymbol('^'))) { return inner; }
    this.next();
    if (!this.atSymbol('{')) { throw new InspectError(`the label of \\${command.text} needs braces`, 'syntax', this.peek().range, '{= value} or {text}'); }
    const open = this.next();
    if (!this.atSymbol('=')) {
      this.skipGroup(open);
      this.note(`the label of \\${command.text} is not a claim (it does not start with =): not checked`);
      return inner;
    }
    this.next();
    const label = this.inside(false, () => this.expression());
    this.expectCloser(open, '}');
    this.relations.push({ lhs: inner, rhs: label, kind: 'equal', range: { start: command.range.start, end: this.lastEnd } });
    return inner;
  }

  /** Past the `}` that closes `open`. */
  private skipGroup(open: LatexToken): void {
    for (let depth = 1; depth > 0;) {
      const t = this.next();
      if (t.kind === 'eof') { throw unclosed(open, '}'); }
      if (t.kind === 'symbol' && t.text === '{') { depth++; }
      if (t.kind === 'symbol' && t.text === '}') { depth--; }
    }
  }

  /** \operatorname{…}, \mathrm{…}, \text{…}: a function when the word names one, else a variable. */
  private wordAtom(): Expr {
    const command = this.next();
    const { word, range } = this.word(command);
    const fn = FUNCTION_WORDS.get(word.toLowerCase());
    if (fn !== undefined) { return this.application({ ...command, range: { start: command.range.start, end: range.end } }, fn); }
    if (command.text === 'operatorname') {
      throw new InspectError(`unknown function ${excerpt(word)}`, 'unsupported', range, `one of ${[...new Set(FUNCTION_WORDS.keys())].join(', ')}`);
    }
    if (word === 'e' && this.atSymbol('^')) { return this.naturalExp({ ...command, range: { start: command.range.start, end: range.end } }); }
    return this.name(word, command.range);
  }

  /** The fraction whose command token was just taken (derivative notation was tried first). */
  private fraction(): Expr {
    const command = this.tokens[this.index - 1];
    const numerator = this.argument(command, 'numerator');
    const denominator = this.argument(command, 'denominator');
    if (isDifferential(numerator) && isDifferential(denominator)) {
      throw new InspectError('derivative notation (d/dx) is not supported: give the expression to differentiate', 'unsupported',
        { start: command.range.start, end: this.lastEnd }, 'the expression itself; its derivatives are computed for every variable');
    }
    return { kind: 'binary', op: '/', left: numerator, right: denominator, range: { start: command.range.start, end: this.lastEnd }, opRange: command.range };
  }

  /** \sqrt{x} is sqrt(x); \sqrt[n]{x} is x^(1/n). */
  private sqrt(): Expr {
    const command = this.next();
    if (!this.atSymbol('[')) {
      const arg = this.argument(command, 'argument');
      return { kind: 'call', callee: 'sqrt', calleeRange: command.range, args: [arg], kwargs: [], range: { start: command.range.start, end: this.lastEnd } };
    }
    const open = this.next();
    const degree = this.inside(false, () => this.expression());
    const close = this.expectCloser(open, ']');
    const radicand = this.argument(command, 'argument');
    const one = { kind: 'number' as const, value: 1, range: command.range };
    const exponent: BinaryExpr = { kind: 'binary', op: '/', left: one, right: degree, range: span(open.range, close.range), opRange: open.range };
    return { kind: 'binary', op: '^', left: radicand, right: exponent, range: { start: command.range.start, end: this.lastEnd }, opRange: command.range };
  }

  /** A function applied to bracketed arguments, or (unary functions) to the product that follows. */
  private application(fnToken: LatexToken, callee: string): Expr {
    let fn = callee;
    const written = this.source(fnToken.range);
    const logBase = fn === 'log' && this.atSymbol('_') ? this.logBase() : undefined;
    if (fn === 'log' && !logBase) { this.note('read \\log as the natural logarithm (as \\ln)'); }
    if (this.atSymbol('_')) {
      throw new InspectError(`${written} with a subscript is not supported`, 'unsupported', this.peek().range, `${written}(…)`);
    }
    let power: { caret: LatexToken; exponent: Expr } | undefined;
    if (this.atSymbol('^')) {
      const caret = this.next();
      const exponent = this.scriptArgument('an exponent after ^', caret);
      const inverse = INVERSES.get(fn);
      if (inverse !== undefined && isMinusOne(exponent)) {
        this.note(`read ${written}^{-1} as the inverse function ${inverse}`);
        fn = inverse;
      } else {
        power = { caret, exponent };
      }
    }
    const args = this.arguments(fnToken, fn);
    let result: Expr = { kind: 'call', callee: fn, calleeRange: fnToken.range, args, kwargs: [], range: { start: fnToken.range.start, end: this.lastEnd } };
    if (logBase) {
      const baseLog: CallExpr = { kind: 'call', callee: 'log', calleeRange: logBase.range, args: [logBase], kwargs: [], range: logBase.range };
      result = { kind: 'binary', op: '/', left: result, right: baseLog, range: result.range, opRange: logBase.range };
    }
    if (power) {
      result = { kind: 'binary', op: '^', left: result, right: power.exponent, range: result.range, opRange: power.caret.range };
    }
    return result;
  }

  private logBase(): Expr {
    const underscore = this.next();
    const base = this.scriptArgument('the base of the logarithm after \\log_', underscore);
    this.note(`read \\log_{${this.source(base.range)}} x as log(x) / log(${this.source(base.range)})`);
    return base;
  }

  private arguments(fnToken: LatexToken, fn: string): Expr[] {
    if (this.atOpener()) {
      const args = this.argumentList();
      const wanted = TWO_ARGUMENT_FUNCTIONS.has(fn) ? 2 : 1;
      if (args.length !== wanted) {
        throw new InspectError(`${fn} takes ${wanted} argument${wanted === 1 ? '' : 's'}, got ${args.length}`, 'syntax',
          { start: fnToken.range.start, end: this.lastEnd }, wanted === 1 ? 'one argument' : 'two arguments separated by a comma');
      }
      return args;
    }
    if (TWO_ARGUMENT_FUNCTIONS.has(fn)) {
      throw new InspectError(`${fn} needs its arguments in brackets`, 'syntax', this.peek().range, `(a, b) after ${this.source(fnToken.range)}`);
    }
    return [this.implicitArgument(fnToken)];
  }

  /** `\sin 2x`: the implicit product that follows, up to an operator or another function. */
  private implicitArgument(fnToken: LatexToken): Expr {
    const sign = this.peek();
    if (sign.kind === 'symbol' && sign.text === '-') {
      this.next();
      const operand = this.implicitFactors(fnToken);
      return { kind: 'unary', op: '-', operand, range: span(sign.range, operand.range) };
    }
    return this.implicitFactors(fnToken);
  }

  private implicitFactors(fnToken: LatexToken): Expr {
    const first = this.peek();
    if (!this.startsFactor(first)) {
      const written = this.source(fnToken.range);
      throw new InspectError(`${written} needs an argument`, 'syntax', first.range, `an argument after ${written}, as in ${written}(x)`);
    }
    let arg = this.power();
    let factors = 1;
    while (this.startsFactor(this.peek()) && !this.startsFunction(this.peek())) {
      arg = this.implicitProduct(arg, this.power());
      factors++;
    }
    if (factors > 1) {
      this.note(`read "${this.source({ start: fnToken.range.start, end: this.lastEnd })}" with the whole product as the argument of ${this.source(fnToken.range)}`);
    }
    return arg;
  }
}

function isMinusOne(e: Expr): boolean {
  return e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number' && e.operand.value === 1;
}

/** `d`, `dx`, `d f`: the leftmost factor is the letter d (as in \frac{d}{dx} or \frac{dy}{dx}). */
function isDifferential(e: Expr): boolean {
  let leftmost = e;
  while (leftmost.kind === 'binary' && leftmost.implicit) { leftmost = leftmost.left; }
  return leftmost.kind === 'name' && leftmost.name === 'd';
}

function refusal(t: LatexToken): InspectError {
  const reason = REFUSED.get(t.text);
  // A reason with advice after its colon says what to write; the others list what is supported.
  if (reason !== undefined) { return new InspectError(`\\${t.text}: ${reason}`, 'unsupported', t.range, reason.includes(':') ? undefined : SUPPORTED_SUMMARY); }
  if (RELATIONS.has(t.text)) { return relationError(t); }
  if (PRODUCT_COMMANDS.has(t.text)) { return new InspectError(`\\${t.text} needs an operand before it`, 'syntax', t.range, 'an expression'); }
  return new InspectError(`unknown command \\${excerpt(t.text)}`, 'unsupported', t.range, SUPPORTED_SUMMARY);
}

export function relationError(t: LatexToken): InspectError {
  const reason = RELATION_REASONS.get(t.text) ?? `the relation \\${t.text} cannot be evaluated`;
  return new InspectError(reason, 'unsupported', t.range, 'an expression, name = expression, or a claim lhs = rhs');
}
