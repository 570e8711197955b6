// LaTeX math → Program (the shared AST), with a source range on every node. A hand-written
// recursive-descent parser: the formula grammar is small, and owning it gives exact ranges and our
// own error messages without a large dependency in the web-worker bundle.
//
// Grammar, loosest first:
//   formula  := expr [ '=' expr ]                 `L = …` defines L; `f(x) = …` keeps the right side
//   expr     := product (('+' | '-') product)*
//   product  := unary ((('*' | '/' | \cdot | \times | \div) unary) | power)*   juxtaposition multiplies
//   unary    := ('-' | '+') unary | power
//   power    := primary ['^' script]
//   primary  := number | name | group | |expr| | \frac a b | \sqrt[n] a | function application
// How ambiguities are read (each pushes a note onto Program.notes when it happens):
// - Adjacent letters are separate symbols, as LaTeX typesets them: `xy` is x·y, `x2` is x·2.
// - `^` and `_` take one token without braces, as LaTeX does: `x^23` is x²·3, `x_12` is x₁·2.
// - `\sigma(…)` (no sub- or superscript, directly followed by a bracket) is the sigmoid function;
//   any other `\sigma` is the variable sigma.
// - A function written without brackets (`\sin 2x`, `\log x^2`) takes as its argument the implicit
//   product that follows, up to the next explicit operator (+ - \cdot / …), relation, closing
//   bracket or function name: `\sin x \cos y` is sin(x)·cos(y), `\sin 2x + 1` is sin(2x) + 1.
// - `\sin^2 x` is (sin x)²; `\sin^{-1} x` (also cos, tan) is the inverse function arcsin x.
// - `\log` is the natural logarithm (as `\ln`); `\log_b x` is log(x)/log(b).
// - `\frac{d}{dx}` and `\frac{dy}{dx}` are derivative notation, refused (not d divided by d·x).
import { InspectError, lineColumnAt, SourceRange } from '../engine/errors';
import { BinaryExpr, CallExpr, Expr, NameExpr, Program, Statement } from './ast';
import { LatexToken, tokenizeLatex } from './latex-lexer';
import { excerpt } from '../engine/excerpt';
import { MAX_NESTING } from './nesting';
import { children, containsDerivative } from './latex-derivative-terms';
import { DefinitionHead, LatexContext, LatexFormula, LatexRelation, NO_CONTEXT, RelationKind } from './latex-formula';
import { atTranspose, BOLD_FONTS, dotProduct, isVectorExpression, NORM_DELIMITERS, readNorm, readTranspose, VectorReader } from './latex-vectors';
import { readReduction, SumReader } from './latex-sums';
import { readDerivativeFraction, readNabla, readPrime, DerivativeReader } from './latex-derivatives';
import {
  ACCENTS, FONT_COMMANDS, FRACTION_COMMANDS, FUNCTION_COMMANDS, FUNCTION_WORDS, GREEK, INVERSES, PRODUCT_COMMANDS,
  REFUSED, RELATION_REASONS, RELATIONS, SUPPORTED_SUMMARY, TWO_ARGUMENT_FUNCTIONS, WORD_COMMANDS,
} from './latex-vocabulary';


/** The formula's statements; a definition head, claims and derivatives are read by parseLatexFormula. */
export function parseLatex(text: string): Program {
  return parseLatexFormula(text).program;
}

/** A formula as the document reader needs it: its program, definition head, relations and subject. */
export function parseLatexFormula(text: string, context: LatexContext = NO_CONTEXT): LatexFormula {
  return new LatexParser(text, tokenizeLatex(text), context).formula();
}

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '\\{': '\\}' };

/** Factors of a run of letters listed in its note; a longer run ends with '…'. */
const MAX_LISTED_FACTORS = 12;

class LatexParser implements DerivativeReader, VectorReader, SumReader {
  private index = 0;
  private depth = 0;
  /** End of the run of adjacent letters already noted as a product. */
  private notedRunEnd = -1;
  /** Inside |…|, a bar closes; elsewhere it opens. */
  private barCloses = false;
  /** Inside \\|…\\|, a double bar closes. */
  private normCloses = false;
  /** Names written in a bold font: products with them go by shape. */
  private readonly bold = new Set<string>();
  private readonly vectorExpressions = new WeakMap<Expr, boolean>();
  private lastEnd = 0;
  private readonly notes = new Set<string>();
  private readonly relations: LatexRelation[] = [];
  readonly lengths = new Map<string, string[]>();
  /** Tokens split by firstDigit, with what they were, so an attempt can be undone. */
  private readonly tokenEdits: { index: number; token: LatexToken }[] = [];

  constructor(readonly text: string, private readonly tokens: LatexToken[], readonly context: LatexContext) {}

  formula(): LatexFormula {
    if (this.peek().kind === 'eof') {
      throw new InspectError('the formula is empty', 'syntax', this.peek().range, 'an expression');
    }
    let head = this.definitionHead();
    if (head && this.context.headOnly) { return { program: { language: 'latex', statements: [], notes: [] }, head, relations: [], lengths: this.lengths }; }
    const parts: Expr[] = [this.expression()];
    if (head && this.context.functions.has(head.name) && !usesAny(parts[0], head.params)) {
      // `g(x, y, z) = -12` uses no parameter: a value claimed for g, not a new definition.
      parts.unshift(this.headCall(head));
      this.notes.clear();
      head = undefined;
    }
    if (!head && this.atUpdate()) { return this.updateRule(parts[0]); }
    const kinds: RelationKind[] = [];
    while (this.atSymbol('=') || this.atCommand('approx')) {
      kinds.push(this.next().text === '=' ? 'equal' : 'approx');
      parts.push(this.expression());
    }
    this.skipTrailingPunctuation();
    this.expectEnd();
    const relations = parts.slice(1).map((rhs, i) => ({ lhs: parts[i], rhs, kind: kinds[i], range: span(parts[i].range, rhs.range) }));
    const statements = head ? [exprStatement(parts[0])] : this.statements(parts, kinds);
    return {
      program: { language: 'latex', statements, notes: [...this.notes] },
      head, body: head ? parts[0] : undefined, lengths: this.lengths,
      relations: [...this.relations, ...(parts.length === 2 && statements[0].kind === 'assign' ? [] : relations)],
    };
  }

  /** `L = …` defines L; a claim is analysed through its subject; otherwise the right-hand side. */
  private statements(parts: readonly Expr[], kinds: readonly RelationKind[]): Statement[] {
    const [first, value] = parts;
    if (value === undefined) { return [exprStatement(first)]; }
    if (parts.length === 2 && kinds[0] === 'equal' && first.kind === 'name' && !containsDerivative(value)) {
      return [
        { kind: 'assign', target: first.name, targetRange: first.range, value, range: span(first.range, value.range) },
        { kind: 'expr', expr: { ...first }, range: first.range },
      ];
    }
    const withDerivative = parts.find(containsDerivative);
    if (withDerivative) { return [exprStatement(withDerivative)]; }
    this.note(`read "${this.source(first.range)} = …" as a claim, checked; its left side is analysed`);
    return [exprStatement(first)];
  }

  /** `x \leftarrow x - \eta \cdot 2`: the updated value is the output. */
  private updateRule(target: Expr): LatexFormula {
    const arrow = this.next();
    if (target.kind !== 'name') {
      throw new InspectError('an update rule must assign a variable', 'unsupported', span(target.range, arrow.range), 'a name, as in x \\leftarrow x - \\eta g');
    }
    const value = this.expression();
    this.skipTrailingPunctuation();
    this.expectEnd();
    this.note(`read the update rule as the new value of ${target.name}, computed from its current value`);
    return { program: { language: 'latex', statements: [exprStatement(value)], notes: [...this.notes] }, relations: [...this.relations], lengths: this.lengths };
  }

  /** The head `g(x, y, z)` as a call of g at its parameters. */
  private headCall(head: DefinitionHead): Expr {
    const args: Expr[] = head.params.map(name => ({ kind: 'name', name, range: head.range }));
    return { kind: 'call', callee: head.name, calleeRange: head.range, args, kwargs: [], range: head.range };
  }

  private atUpdate(): boolean {
    return this.atCommand('leftarrow') || this.atCommand('gets');
  }

  private atCommand(name: string): boolean {
    const t = this.peek();
    return t.kind === 'command' && t.text === name;
  }

  /** `g(x, y, z) =`, `f_{\mathbf{w}}(\mathbf{x}) =`, `L(\theta) =`: a name, parameter names, then =. */
  private definitionHead(): DefinitionHead | undefined {
    const first = this.peek();
    if (!(first.kind === 'letter' || (first.kind === 'command' && (GREEK.has(first.text) || FONT_COMMANDS.has(first.text) || ACCENTS.has(first.text))))) {
      return undefined;
    }
    return this.attempt(() => {
      const name = this.readName();
      if (!this.atSymbol('(')) { return undefined; }
      this.next();
      const params = [this.readName().name];
      while (this.atSymbol(',')) {
        this.next();
        params.push(this.readName().name);
      }
      if (!this.atSymbol(')')) { return undefined; }
      this.next();
      const range = { start: name.range.start, end: this.lastEnd };
      if (!this.atSymbol('=')) { return undefined; }
      this.next();
      this.note(`read "${this.source(range)} = …" as the definition of ${name.name}(${params.join(', ')}); its right-hand side is analysed`);
      return { name: name.name, params, range };
    });
  }

  // ---- levels -------------------------------------------------------------------------------

  private expression(): Expr {
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

  // ---- atoms --------------------------------------------------------------------------------

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
  private naturalExp(e: LatexToken): CallExpr {
    const caret = this.next();
    const exponent = this.scriptArgument('an exponent after ^', caret);
    return { kind: 'call', callee: 'exp', calleeRange: e.range, args: [exponent], kwargs: [], range: { start: e.range.start, end: this.lastEnd } };
  }

  /** A name, then a call of a defined function (`g(x, y)`) or a derivative (`g'(x)`). */
  private callable(name: NameExpr): Expr {
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
  private name(base: string, range: SourceRange): NameExpr {
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

  private command(t: LatexToken): Expr {
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

  private accented(): NameExpr {
    const accent = this.next();
    const inner = this.nameArgument(accent);
    return this.name(`${inner}_${ACCENTS.get(accent.text) as string}`, accent.range);
  }

  private font(): NameExpr {
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

  /** The word in braces after a word command, spaces as underscores. */
  private word(command: LatexToken): { word: string; range: SourceRange } {
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

  /** The argument of ^, _ (in \log_b) : a braced expression or one token, as LaTeX reads it. */
  private scriptArgument(what: string, script: LatexToken): Expr {
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
  private argument(command: LatexToken, role: string): Expr {
    const t = this.peek();
    if (t.kind === 'eof' || (t.kind === 'symbol' && t.text !== '{')) {
      throw new InspectError(`\\${command.text} is missing its ${role}`, 'syntax', command.range, `{${role}} after \\${command.text}`);
    }
    return this.scriptArgument(`the ${role} of \\${command.text}`, command);
  }

  /** Takes the first digit of the number token ahead, leaving the rest as the next token. */
  private firstDigit(script: string): number {
    const t = this.peek();
    if (t.text.length === 1) { this.next(); return t.value as number; }
    const rest = t.text.slice(1);
    this.tokenEdits.push({ index: this.index, token: t });
    this.tokens[this.index] = { kind: 'number', text: rest, value: Number(rest), range: { start: t.range.start + 1, end: t.range.end } };
    this.lastEnd = t.range.start + 1;
    this.note(`read "${script}${excerpt(t.text)}" as LaTeX typesets it: ${script}${t.text[0]} followed by ${excerpt(rest)}; write ${script}{${excerpt(t.text)}} for the whole number`);
    return Number(t.text[0]);
  }

  private isVector(e: Expr): boolean {
    return this.bold.size > 0 && isVectorExpression(e, this.bold, this.vectorExpressions);
  }

  private implicitProduct(left: Expr, right: Expr): Expr {
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

  // ---- tokens -------------------------------------------------------------------------------

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

  private atOpener(): boolean {
    const t = this.peek();
    return t.kind === 'symbol' && t.text in CLOSERS;
  }

  /** Can this token begin the next factor of an implicit product? */
  private startsFactor(t: LatexToken): boolean {
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

  private startsFunction(t: LatexToken): boolean {
    return t.kind === 'command' && (FUNCTION_COMMANDS.has(t.text) || WORD_COMMANDS.has(t.text) || (t.text === 'sigma' && (this.tokens[this.index + 1]?.text ?? '') in CLOSERS));
  }

  private expectCloser(open: LatexToken, closer: string): LatexToken {
    const t = this.peek();
    if (t.kind === 'symbol' && t.text === closer) { return this.next(); }
    if (t.kind === 'eof') { throw unclosed(open, closer); }
    const { line, column } = lineColumnAt(this.text, open.range.start);
    throw new InspectError(`expected '${closer}' to close the '${open.text}' at ${line}:${column}, found '${this.source(t.range)}'`, 'syntax', t.range, `'${closer}'`);
  }

  private expectEnd(): void {
    const t = this.peek();
    if (t.kind === 'eof') { return; }
    if (t.kind === 'command' && RELATIONS.has(t.text)) {
      throw relationError(t);
    }
    if (t.kind === 'symbol' && [')', ']', '\\}', '}', '|'].includes(t.text)) {
      throw new InspectError(`unmatched '${t.text}'`, 'syntax', t.range, 'an operator or the end of the formula');
    }
    if (t.kind === 'symbol' && (t.text === '<' || t.text === '>')) {
      throw new InspectError(`the relation ${t.text} cannot be evaluated`, 'unsupported', t.range, 'an expression, or name = expression');
    }
    throw new InspectError(`unexpected '${this.source(t.range)}'`, 'syntax', t.range, 'an operator or the end of the formula');
  }

  private skipTrailingPunctuation(): void {
    const t = this.peek();
    if (t.kind === 'symbol' && (t.text === '.' || t.text === ',') && this.tokens[this.index + 1].kind === 'eof') { this.next(); }
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

  innerExpression(): Expr {
    const saved = this.normCloses;
    this.normCloses = true;
    try {
      return this.inside(false, () => this.expression());
    } finally {
      this.normCloses = saved;
    }
  }

  private inside<T>(barCloses: boolean, parse: () => T): T {
    const saved = this.barCloses;
    this.barCloses = barCloses;
    try {
      return parse();
    } finally {
      this.barCloses = saved;
    }
  }

  private nested<T>(t: LatexToken, parse: () => T): T {
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
  private source(range: SourceRange): string {
    return excerpt(this.text.slice(range.start, range.end));
  }

  note(text: string): void {
    this.notes.add(text);
  }
}

function usesAny(root: Expr, names: readonly string[]): boolean {
  const pending = [root];
  for (let e = pending.pop(); e; e = pending.pop()) {
    // x_0 and x_1 in the body use the parameter x: `f_{\mathbf{w}}(\mathbf{x}) = σ(w_0 x_0 + …)`.
    if (e.kind === 'name' && names.some(n => e.name === n || e.name.startsWith(`${n}_`))) { return true; }
    pending.push(...children(e));
  }
  return false;
}

function exprStatement(expr: Expr): Statement {
  return { kind: 'expr', expr, range: expr.range };
}

function binary(op: BinaryExpr['op'], left: Expr, right: Expr, opRange: SourceRange): BinaryExpr {
  return { kind: 'binary', op, left, right, range: span(left.range, right.range), opRange };
}

function span(a: SourceRange, b: SourceRange): SourceRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function isExplicitProduct(t: LatexToken): boolean {
  return (t.kind === 'symbol' && (t.text === '*' || t.text === '/')) || (t.kind === 'command' && PRODUCT_COMMANDS.has(t.text));
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

function unclosed(open: LatexToken, closer: string): InspectError {
  return new InspectError(`'${open.text}' is never closed`, 'syntax', open.range, `'${closer}'`);
}

function refusal(t: LatexToken): InspectError {
  const reason = REFUSED.get(t.text);
  // A reason with advice after its colon says what to write; the others list what is supported.
  if (reason !== undefined) { return new InspectError(`\\${t.text}: ${reason}`, 'unsupported', t.range, reason.includes(':') ? undefined : SUPPORTED_SUMMARY); }
  if (RELATIONS.has(t.text)) { return relationError(t); }
  if (PRODUCT_COMMANDS.has(t.text)) { return new InspectError(`\\${t.text} needs an operand before it`, 'syntax', t.range, 'an expression'); }
  return new InspectError(`unknown command \\${excerpt(t.text)}`, 'unsupported', t.range, SUPPORTED_SUMMARY);
}

function relationError(t: LatexToken): InspectError {
  const reason = RELATION_REASONS.get(t.text) ?? `the relation \\${t.text} cannot be evaluated`;
  return new InspectError(reason, 'unsupported', t.range, 'an expression, name = expression, or a claim lhs = rhs');
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
