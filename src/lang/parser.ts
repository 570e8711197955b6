// One Pratt parser for the math and Python dialects. The dialect decides the power operator
// (`^` or `**`), implicit multiplication (math), and the Python-only syntax: module-prefixed
// names, keyword arguments, methods, attributes, indexing, list and tuple literals.
//
// Math reading rules: a multi-letter name is one variable (`xy` is the variable xy, `x0` and
// `theta` too; write `x y` or `x*y` for a product). A known function name followed by `(` is a
// call (`sin(x)`); any other name followed by `(` multiplies (`x(y + 1)`). Implicit
// multiplication binds like `*` and `/`, left to right: `1/2x` is (1/2)·x. Unary minus binds
// looser than `^`: `-x^2` is −(x²), and `2^-1` is allowed. `|x|` is abs(x).
import { InspectError, lineColumnAt, SourceRange } from '../engine/errors';
import { excerpt } from '../engine/excerpt';
import {
  Assignment, BinaryOperator, CallExpr, ClassDef, CompareOperator, Expr, FunctionDef, IfStatement, IndexItem, KeywordArg,
  ListExpr, Parameter, Statement, StoreStatement, Target,
} from './ast';
import { closestNames, isPlainFunction, knownFunctionNames, MODULE_ROOTS } from './aliases';
import { Token, tokenize } from './lexer';
import { MAX_NESTING } from './nesting';

export type Dialect = 'math' | 'python';

/** Binding powers: higher binds tighter. The printer parenthesises by the same scale. */
export const enum Power {
  Lowest = 0,
  /** Python: `a if c else b`, `or`, `and`, `not`, comparisons. */
  Conditional = 2,
  Or = 3,
  And = 4,
  Not = 5,
  Compare = 6,
  Sum = 10,
  Product = 20,
  Unary = 30,
  Exponent = 40,
  Postfix = 50,
}

/** Statements that open an indented block. */
const COMPOUND = new Set(['def', 'class', 'if', 'for', 'while']);
/** Python statements outside the subset, each named in its error. */
const UNSUPPORTED_STATEMENTS: ReadonlyMap<string, string> = new Map([
  ['elif', "an 'elif' without its 'if'"], ['else', "an 'else' without its 'if'"],
  ['with', 'with blocks'], ['try', 'try blocks'], ['except', 'try blocks'], ['finally', 'try blocks'],
  ['lambda', 'lambdas'], ['del', 'del statements'], ['global', 'global statements'], ['nonlocal', 'nonlocal statements'],
  ['yield', 'generators'], ['async', 'async code'], ['await', 'async code'], ['match', 'match statements'],
]);
const EXPRESSION_KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'lambda']);
/** Brackets inside a type annotation (`dict[str, np.ndarray]`), each with its partner. */
const CLOSER_OF: ReadonlyMap<string, string> = new Map([['(', ')'], ['[', ']'], ['{', '}']]);
const CLOSING_BRACKETS = new Set([')', ']', '}']);
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '@=', '**=', '//=']);

export function parseStatements(text: string, dialect: Dialect): Statement[] {
  return new Parser(text, dialect).program();
}

/** Parses text that must be one expression (no statements). */
export function parseExpression(text: string, dialect: Dialect): Expr {
  const statements = parseStatements(text, dialect);
  const only = statements[0];
  if (statements.length !== 1 || only.kind !== 'expr') {
    throw new InspectError('expected a single expression', 'syntax', only?.range ?? { start: 0, end: 0 }, 'an expression');
  }
  return only.expr;
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  /** How many `|…|` are open (math): a `|` then closes rather than starts an absolute value. */
  private absDepth = 0;
  /** Open recursive expressions: parentheses, operands of prefix and right-associative operators. */
  private nesting = 0;

  constructor(private readonly text: string, private readonly dialect: Dialect) {
    this.tokens = tokenize(text, dialect);
  }

  program(): Statement[] {
    const statements = this.dialect === 'python' ? this.block(undefined) : this.straightLine();
    if (statements.length === 0) {
      const end = this.text.length;
      throw new InspectError('empty input: nothing to differentiate', 'syntax', { start: end, end }, 'an expression');
    }
    return statements;
  }

  /** Math: statements separated by line breaks or `;`. */
  private straightLine(): Statement[] {
    const statements: Statement[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.peek().kind === 'eof') { return statements; }
      statements.push(this.simpleStatement());
    }
  }

  private skipSeparators(): void {
    while (this.isOp(';') || this.peek().kind === 'newline') { this.index++; }
  }

  /**
   * Python statements at one indentation, up to the first line indented less. At the top
   * (`indent` undefined) the indentation is the first statement's, so a block cut out of a
   * function body reads as it is.
   */
  private block(indent: string | undefined): Statement[] {
    const statements: Statement[] = [];
    const top = indent === undefined;
    for (;;) {
      this.skipSeparators();
      const t = this.peek();
      if (t.kind === 'eof') { return statements; }
      const here = this.indentOf(t);
      if (indent === undefined || (top && indent.startsWith(here))) { indent = here; }
      if (here !== indent) {
        if (here.startsWith(indent)) { throw this.syntax('unexpected indent', t, `a statement indented like the one above`); }
        if (indent.startsWith(here)) { return statements; }
        throw this.syntax('inconsistent use of tabs and spaces in indentation', t, 'the same indentation characters as the lines above');
      }
      if (this.skipImport()) { continue; }
      statements.push(...this.line());
    }
  }

  /** The whitespace between the start of `t`'s line and `t`. */
  private indentOf(t: Token): string {
    let start = t.range.start;
    while (start > 0 && this.text[start - 1] !== '\n' && this.text[start - 1] !== '\r') { start--; }
    const leading = this.text.slice(start, t.range.start);
    return /^[ \t\f]*$/.test(leading) ? leading : '';
  }

  /** One compound statement, or simple statements separated by `;` up to the end of the line. */
  private line(): Statement[] {
    if (this.dialect === 'python' && this.isOp('@')) { return [this.decorated()]; }
    const first = this.peek();
    if (first.kind === 'name' && COMPOUND.has(first.text) && !this.isOpAt(this.index + 1, '=')) {
      return [this.compound(first)];
    }
    const statements = [this.simpleStatement()];
    while (this.isOp(';') && this.peekAt(this.index + 1).kind !== 'newline' && this.peekAt(this.index + 1).kind !== 'eof') {
      this.index++;
      statements.push(this.simpleStatement());
    }
    return statements;
  }

  /** `@staticmethod` before a method (autograd.Function); other decorators change what a function is. */
  private decorated(): Statement {
    const at = this.next();
    const name = this.peek();
    if (name.kind !== 'name' || name.text !== 'staticmethod' || this.peekAt(this.index + 1).kind !== 'newline') {
      throw new InspectError('decorators other than @staticmethod are not supported', 'unsupported', span(at.range, name.range), '@staticmethod');
    }
    this.index++;
    this.skipSeparators();
    const def = this.peek();
    if (def.kind !== 'name' || def.text !== 'def' || this.indentOf(def) !== this.indentOf(at)) { throw this.unexpected(def, "a 'def' after @staticmethod"); }
    return this.functionDef();
  }

  private compound(keyword: Token): Statement {
    switch (keyword.text) {
      case 'def': return this.functionDef();
      case 'class': return this.classDef();
      case 'if': return this.ifStatement();
      case 'for': {
        this.index++;
        const target = this.targetList(Power.Compare);
        this.expectName('in', "'in'");
        const iterable = this.expressionList();
        const body = this.suite(keyword);
        return { kind: 'for', target, iterable, body, range: span(keyword.range, lastRange(body, iterable.range)) };
      }
      case 'while': {
        this.index++;
        const test = this.expression(Power.Lowest);
        const body = this.suite(keyword);
        return { kind: 'while', test, body, range: span(keyword.range, lastRange(body, test.range)) };
      }
      default:
        throw new Error(`not a compound statement: ${keyword.text}`);
    }
  }

  private functionDef(): FunctionDef {
    const keyword = this.next();
    const name = this.next();
    if (name.kind !== 'name') { throw this.unexpected(name, 'a function name'); }
    const open = this.peek();
    if (!this.isOp('(')) { throw this.unexpected(open, "'('"); }
    this.index++;
    const params: Parameter[] = [];
    while (!this.isOp(')')) {
      const p = this.next();
      if (p.kind === 'op' && (p.text === '*' || p.text === '**')) {
        throw new InspectError(`'${p.text}' parameters (variable arguments) are not supported`, 'unsupported', p.range, 'named parameters');
      }
      if (p.kind !== 'name') { throw this.unexpected(p, 'a parameter name'); }
      if (this.isOp(':')) { this.skipAnnotation(this.next(), new Set([',', ')', '='])); }
      const param: Parameter = { name: p.text, range: p.range };
      if (this.isOp('=')) {
        this.index++;
        param.default = this.expression(Power.Lowest);
        param.range = span(p.range, param.default.range);
      } else if (params.some(q => q.default)) {
        throw this.syntax('a parameter without a default follows one with a default', p, 'a default value');
      }
      params.push(param);
      if (!this.isOp(',')) { break; }
      this.index++;
    }
    this.close(open, ')', "',' or ')'");
    if (this.isOp('->')) { this.skipAnnotation(this.next(), new Set([':'])); }
    const body = this.suite(keyword);
    return { kind: 'def', name: name.text, nameRange: name.range, params, body, range: span(keyword.range, lastRange(body, name.range)) };
  }

  private classDef(): ClassDef {
    const keyword = this.next();
    const name = this.next();
    if (name.kind !== 'name') { throw this.unexpected(name, 'a class name'); }
    const bases = this.isOp('(') ? this.argumentList().args : [];
    const body = this.suite(keyword);
    const methods: FunctionDef[] = [];
    for (const s of body) {
      if (s.kind === 'def') { methods.push(s); continue; }
      if (s.kind === 'pass' || (s.kind === 'expr' && s.expr.kind === 'string')) { continue; }
      throw new InspectError('a class body may only define methods (torch.autograd.Function)', 'unsupported', s.range, 'def forward(ctx, …) and def backward(ctx, grad_output)');
    }
    return { kind: 'class', name: name.text, nameRange: name.range, bases, methods, range: span(keyword.range, lastRange(body, name.range)) };
  }

  private ifStatement(): IfStatement {
    const keyword = this.next();
    const branches: IfStatement['branches'] = [];
    let otherwise: Statement[] | undefined;
    let header = keyword;
    for (;;) {
      const test = this.expression(Power.Lowest);
      branches.push({ test, body: this.suite(header) });
      const next = this.peekAfterBlankLines();
      if (!next || this.indentOf(next.token) !== this.indentOf(keyword)) { break; }
      if (next.token.text === 'elif') {
        this.index = next.at + 1;
        header = next.token;
        continue;
      }
      if (next.token.text === 'else') {
        this.index = next.at + 1;
        otherwise = this.suite(next.token);
      }
      break;
    }
    const last = otherwise ?? branches[branches.length - 1].body;
    return { kind: 'if', branches, ...(otherwise ? { otherwise } : {}), range: span(keyword.range, lastRange(last, keyword.range)) };
  }

  /** The next `elif`/`else` after blank lines, without consuming anything. */
  private peekAfterBlankLines(): { token: Token; at: number } | undefined {
    let at = this.index;
    while (this.peekAt(at).kind === 'newline') { at++; }
    const token = this.peekAt(at);
    return token.kind === 'name' && (token.text === 'elif' || token.text === 'else') ? { token, at } : undefined;
  }

  /** `:` then an indented block, or simple statements on the same line. */
  private suite(header: Token): Statement[] {
    const colon = this.peek();
    if (!this.isOp(':')) { throw this.unexpected(colon, "':'"); }
    this.index++;
    if (this.peek().kind !== 'newline') { return this.line(); }
    this.skipSeparators();
    const first = this.peek();
    const outer = this.indentOf(header);
    const inner = this.indentOf(first);
    if (first.kind === 'eof' || !inner.startsWith(outer) || inner === outer) {
      throw this.syntax(`expected an indented block after '${header.text}'`, first, 'an indented block');
    }
    return this.block(inner);
  }

  private expectName(name: string, expected: string): Token {
    const t = this.peek();
    if (t.kind !== 'name' || t.text !== name) { throw this.unexpected(t, expected); }
    return this.next();
  }

  private skipImport(): boolean {
    const t = this.peek();
    if (this.dialect !== 'python' || t.kind !== 'name' || (t.text !== 'import' && t.text !== 'from')) { return false; }
    while (this.peek().kind !== 'newline' && this.peek().kind !== 'eof') { this.index++; }
    return true;
  }

  private simpleStatement(): Statement {
    const first = this.peek();
    if (first.kind === 'name' && this.dialect === 'python' && !this.isOpAt(this.index + 1, '=')) {
      const keywordStatement = this.keywordStatement(first);
      if (keywordStatement) {
        this.endOfStatement();
        return keywordStatement;
      }
      if (UNSUPPORTED_STATEMENTS.has(first.text)) {
        throw this.unsupportedStatement(first, `'${first.text}': ${UNSUPPORTED_STATEMENTS.get(first.text)} are not supported`);
      }
    }
    const expr = this.dialect === 'python' ? this.expressionList() : this.expression(Power.Lowest);
    const next = this.peek();
    let statement: Statement = { kind: 'expr', expr, range: expr.range };
    if (this.isOp('=')) {
      statement = this.assignment(expr);
    } else if (next.kind === 'op' && AUGMENTED.has(next.text)) {
      if (this.dialect !== 'python') { throw this.syntax(`augmented assignment '${next.text}' is Python syntax`, next, 'an operator'); }
      this.index++;
      const value = this.expressionList();
      const op = next.text.slice(0, -1);
      statement = { kind: 'store', target: this.target(expr, false), op: (op === '**' ? '^' : op) as StoreStatement['op'], value, range: span(expr.range, value.range) };
    } else if (this.isOp(':')) {
      if (this.dialect !== 'python') { throw this.unsupportedStatement(next, 'annotations are not supported'); }
      statement = this.annotatedAssignment(expr);
    }
    this.endOfStatement();
    return statement;
  }

  /** return, pass, break, continue, assert, raise; undefined for any other statement. */
  private keywordStatement(first: Token): Statement | undefined {
    const endsHere = (): boolean => { const t = this.peek(); return t.kind === 'newline' || t.kind === 'eof' || this.isOp(';'); };
    switch (first.text) {
      case 'pass': case 'break': case 'continue':
        this.index++;
        return { kind: first.text, range: first.range };
      case 'return': case 'raise': {
        this.index++;
        if (endsHere()) { return { kind: first.text, range: first.range }; }
        const value = this.expressionList();
        return { kind: first.text, value, range: span(first.range, value.range) };
      }
      case 'assert': {
        this.index++;
        const test = this.expression(Power.Lowest);
        let message: Expr | undefined;
        if (this.isOp(',')) {
          this.index++;
          message = this.expression(Power.Lowest);
        }
        return { kind: 'assert', test, ...(message ? { message } : {}), range: span(first.range, (message ?? test).range) };
      }
      default: return undefined;
    }
  }

  /** Expressions separated by commas: one expression, or a tuple (`a, b`, `x, `). */
  private expressionList(): Expr {
    const first = this.expression(Power.Lowest);
    if (!this.isOp(',')) { return first; }
    const items = [first];
    while (this.isOp(',')) {
      this.index++;
      if (this.endsExpressionList()) { break; }
      items.push(this.expression(Power.Lowest));
    }
    return { kind: 'list', items, tuple: true, range: span(first.range, items[items.length - 1].range) };
  }

  private endsExpressionList(): boolean {
    const t = this.peek();
    return t.kind === 'newline' || t.kind === 'eof' || (t.kind === 'op' && ['=', ';', ':', ')', ']', '}'].includes(t.text));
  }

  /** Targets of a `for`: `i`, `i, x`, `(a, b)`, parsed above the `in` of a comparison. */
  private targetList(power: number): Target {
    const first = this.expression(power);
    if (!this.isOp(',')) { return this.target(first, true); }
    const items = [this.target(first, true)];
    while (this.isOp(',')) {
      this.index++;
      items.push(this.target(this.expression(power), true));
    }
    return { kind: 'tuple', items, range: span(first.range, items[items.length - 1].range) };
  }

  /** An expression read as a place to store into; tuples only where unpacking is allowed. */
  private target(expr: Expr, unpacking: boolean): Target {
    switch (expr.kind) {
      case 'name':
        if (expr.name.includes('.') || ['True', 'False', 'None'].includes(expr.name)) { break; }
        return expr;
      case 'index': case 'attribute': return expr;
      case 'list':
        if (!unpacking) { break; }
        return { kind: 'tuple', items: expr.items.map(item => this.target(item, true)), range: expr.range };
      default: break;
    }
    throw new InspectError('cannot assign to this expression', 'unsupported', expr.range, 'a name, a tuple of names, x[...] or x.attribute');
  }

  private assignment(target: Expr): Statement {
    const equals = this.next();
    if (this.dialect !== 'python' && (target.kind !== 'name' || target.name.includes('.'))) {
      throw this.unsupportedStatement(equals, 'only assignments to a plain name are supported (name = expression)');
    }
    const value = this.dialect === 'python' ? this.expressionList() : this.expression(Power.Lowest);
    if (this.isOp('=')) { throw this.unsupportedStatement(this.peek(), 'chained assignment is not supported'); }
    const range = span(target.range, value.range);
    if (target.kind === 'name' && !target.name.includes('.')) {
      const assignment: Assignment = { kind: 'assign', target: target.name, targetRange: target.range, value, range };
      return assignment;
    }
    return { kind: 'store', target: this.target(target, true), value, range };
  }

  private endOfStatement(): void {
    const t = this.peek();
    if (t.kind === 'newline' || t.kind === 'eof' || this.isOp(';')) { return; }
    if (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) {
      throw this.syntax(`unmatched '${t.text}'`, t, 'an operator or the end of the line');
    }
    throw this.syntax(`unexpected ${describe(t)}`, t, 'an operator or the end of the line');
  }

  /**
   * `n: int = x.shape[0]` is the assignment; `cache: dict[str, np.ndarray]` alone binds nothing,
   * so it runs as `pass`. Python annotates one target only, never a tuple.
   */
  private annotatedAssignment(target: Expr): Statement {
    const colon = this.next();
    if (target.kind === 'list') {
      throw new InspectError('only a single target can be annotated', 'syntax', span(target.range, colon.range), 'a name, x[...] or x.attribute before the annotation');
    }
    this.target(target, false);
    const annotation = this.skipAnnotation(colon, new Set(['=', ';']));
    if (this.isOp('=')) { return this.assignment(target); }
    return { kind: 'pass', range: span(target.range, annotation) };
  }

  /**
   * Steps over a type annotation after `introducer` (`:` or `->`) up to one of `enders` outside
   * brackets (or the end of the line), and returns its range. Annotations are never evaluated,
   * as under `from __future__ import annotations`: any names, `Optional[...]`, `int | None`,
   * `Tuple[int, ...]` or a quoted type are accepted, and none of them can run code or fail.
   */
  private skipAnnotation(introducer: Token, enders: ReadonlySet<string>): SourceRange {
    const first = this.index;
    const opened: Token[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') { break; }
      if (opened.length === 0 && (t.kind === 'newline' || (t.kind === 'op' && enders.has(t.text)))) { break; }
      if (t.kind === 'op' && CLOSER_OF.has(t.text)) { opened.push(t); }
      if (t.kind === 'op' && CLOSING_BRACKETS.has(t.text)) {
        const open = opened.pop();
        if (!open) { throw this.syntax(`unmatched '${t.text}'`, t, `a type annotation after '${introducer.text}'`); }
        const closer = CLOSER_OF.get(open.text) as string;
        this.close(open, closer, `'${closer}'`);
        continue;
      }
      this.index++;
    }
    const unclosed = opened.pop();
    if (unclosed) { this.close(unclosed, CLOSER_OF.get(unclosed.text) as string, `'${CLOSER_OF.get(unclosed.text)}'`); }
    if (this.index === first) { throw this.unexpected(this.peek(), `a type annotation after '${introducer.text}'`); }
    return span(this.tokens[first].range, this.tokens[this.index - 1].range);
  }

  /** The message leaves the place to the range: every view prints it as line:column. */
  private unsupportedStatement(at: Token, what: string): InspectError {
    return new InspectError(what, 'unsupported', at.range, 'a statement of the supported Python subset');
  }

  // ---- expressions

  private expression(minPower: number): Expr {
    if (++this.nesting > MAX_NESTING) {
      throw new InspectError(`expression nested more than ${MAX_NESTING} levels deep`, 'limit', this.peek().range, 'a flatter expression');
    }
    try {
      return this.expressionAt(minPower);
    } finally {
      this.nesting--;
    }
  }

  private expressionAt(minPower: number): Expr {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      const python = this.dialect === 'python' ? this.pythonInfix(left, t, minPower) : undefined;
      if (python) {
        left = python;
        continue;
      }
      const infix = this.infixPower(t);
      if (infix !== undefined) {
        if (infix.power <= minPower) { break; }
        this.index++;
        const right = this.expression(infix.rightAssociative ? infix.power - 1 : infix.power);
        left = { kind: 'binary', op: infix.op, left, right, range: span(left.range, right.range), opRange: t.range };
        continue;
      }
      if (Power.Postfix > minPower && this.dialect === 'python' && t.kind === 'op' && (t.text === '.' || t.text === '[' || t.text === '(')) {
        left = this.postfix(left);
        continue;
      }
      if (Power.Product > minPower && this.startsImplicitFactor(t)) {
        const right = this.expression(Power.Product);
        const gap = { start: left.range.end, end: Math.max(right.range.start, left.range.end) };
        left = { kind: 'binary', op: '*', left, right, range: span(left.range, right.range), opRange: gap, implicit: true };
        continue;
      }
      break;
    }
    return left;
  }

  /** Python-only operators: conditional expressions, and/or, comparisons, `//` and `%`. */
  private pythonInfix(left: Expr, t: Token, minPower: number): Expr | undefined {
    const word = t.kind === 'name' ? t.text : undefined;
    const op = t.kind === 'op' ? t.text : undefined;
    if (word === 'if' && minPower < Power.Conditional) {
      this.index++;
      const test = this.expression(Power.Conditional);
      this.expectName('else', "'else'");
      const otherwise = this.expression(Power.Lowest);
      return { kind: 'conditional', test, then: left, otherwise, range: span(left.range, otherwise.range) };
    }
    if ((word === 'or' && minPower < Power.Or) || (word === 'and' && minPower < Power.And)) {
      this.index++;
      const right = this.expression(word === 'or' ? Power.Or : Power.And);
      return { kind: 'bool', op: word, left, right, range: span(left.range, right.range) };
    }
    if (this.comparisonAt(this.index) && minPower < Power.Compare) { return this.comparison(left); }
    if ((op === '//' || op === '%') && minPower < Power.Product) {
      this.index++;
      const right = this.expression(Power.Product);
      return { kind: 'intop', op, left, right, range: span(left.range, right.range), opRange: t.range };
    }
    return undefined;
  }

  /** The comparison operator starting at token `i` (`not in` and `is not` are two tokens). */
  private comparisonAt(i: number): CompareOperator | undefined {
    const t = this.peekAt(i);
    if (t.kind === 'op' && ['<', '>', '<=', '>=', '==', '!='].includes(t.text)) { return t.text as CompareOperator; }
    if (t.kind !== 'name') { return undefined; }
    const next = this.peekAt(i + 1);
    if (t.text === 'in') { return 'in'; }
    if (t.text === 'is') { return next.kind === 'name' && next.text === 'not' ? 'is not' : 'is'; }
    if (t.text === 'not' && next.kind === 'name' && next.text === 'in') { return 'not in'; }
    return undefined;
  }

  private comparison(first: Expr): Expr {
    const operands = [first];
    const ops: CompareOperator[] = [];
    for (let op = this.comparisonAt(this.index); op; op = this.comparisonAt(this.index)) {
      this.index += op.includes(' ') ? 2 : 1;
      ops.push(op);
      operands.push(this.expression(Power.Compare));
    }
    return { kind: 'compare', operands, ops, range: span(first.range, operands[operands.length - 1].range) };
  }

  private infixPower(t: Token): { op: BinaryOperator; power: number; rightAssociative: boolean } | undefined {
    if (t.kind !== 'op') { return undefined; }
    switch (t.text) {
      case '+': case '-': return { op: t.text, power: Power.Sum, rightAssociative: false };
      case '*': case '/': return { op: t.text, power: Power.Product, rightAssociative: false };
      case '**': return { op: '^', power: Power.Exponent, rightAssociative: true };
      case '@':
        if (this.dialect === 'math') { throw this.syntax("'@' (matrix product) is Python syntax", t, 'an operator'); }
        return { op: '@', power: Power.Product, rightAssociative: false };
      case '^':
        if (this.dialect === 'python') {
          throw new InspectError("'^' is bitwise xor in Python: write ** for a power", 'unsupported', t.range, "'**'");
        }
        return { op: '^', power: Power.Exponent, rightAssociative: true };
      case '//': case '%': case '<': case '>': case '==': case '!=': case '<=': case '>=':
        // Python reads these in pythonInfix, at their own binding power.
        if (this.dialect === 'python') { return undefined; }
        throw new InspectError(`operator '${t.text}' is not supported`, 'unsupported', t.range, 'an arithmetic operator (+ - * / ** @)');
      case '&':
        throw new InspectError(`operator '${t.text}' is not supported`, 'unsupported', t.range, 'an arithmetic operator (+ - * / ** @)');
      default: return undefined;
    }
  }

  /** Math: `2x`, `x y`, `x(y + 1)`, `(a+b)(c+d)`, `2|x|` multiply; a number never starts a factor (`2 3` is an error). */
  private startsImplicitFactor(t: Token): boolean {
    if (this.dialect !== 'math') { return false; }
    if (t.kind === 'name') { return !EXPRESSION_KEYWORDS.has(t.text); }
    return t.kind === 'op' && (t.text === '(' || (t.text === '|' && this.absDepth === 0));
  }

  private prefix(): Expr {
    const t = this.peek();
    if (t.kind === 'number') {
      this.index++;
      return { kind: 'number', value: t.value as number, range: t.range };
    }
    if (t.kind === 'string') {
      if (this.dialect !== 'python') { throw this.syntax('unexpected string', t, 'an expression'); }
      this.index++;
      return { kind: 'string', text: t.text, range: t.range };
    }
    if (t.kind === 'name' && t.text === 'not' && this.dialect === 'python') {
      this.index++;
      const operand = this.expression(Power.Not);
      return { kind: 'not', operand, range: span(t.range, operand.range) };
    }
    if (t.kind === 'name') { return this.nameOrCall(); }
    if (t.kind === 'op') {
      switch (t.text) {
        case '-': case '+': {
          this.index++;
          const operand = this.expression(Power.Unary);
          return { kind: 'unary', op: t.text, operand, range: span(t.range, operand.range) };
        }
        case '(': return this.parenthesised();
        case '[': if (this.dialect === 'python') { return this.listLiteral(); } break;
        case '{': if (this.dialect === 'python') { return this.dictLiteral(); } break;
        case '|': if (this.dialect === 'math') { return this.absoluteValue(); } break;
        case '...':
          throw new InspectError("'...' (ellipsis) is not supported", 'unsupported', t.range, 'an expression');
        default: break;
      }
    }
    throw this.unexpected(t, 'an expression');
  }

  private nameOrCall(): Expr {
    const first = this.next();
    if (this.dialect === 'python' && EXPRESSION_KEYWORDS.has(first.text)) {
      throw new InspectError(`'${first.text}' is not supported`, 'unsupported', first.range, 'an arithmetic expression');
    }
    let name = first.text;
    let range = first.range;
    if (this.dialect === 'python' && MODULE_ROOTS.has(name)) {
      while (this.isOp('.') && this.peekAt(this.index + 1).kind === 'name') {
        const part = this.peekAt(this.index + 1);
        name += '.' + part.text;
        range = span(range, part.range);
        this.index += 2;
      }
    }
    if (this.isOp('(') && this.isCallee(name, first)) { return this.call(name, range); }
    if (this.dialect === 'math' && isPlainFunction(name) && !this.isOp('(')) {
      throw this.syntax(`expected '(' after the function ${name}`, this.peek(), "'('");
    }
    return { kind: 'name', name, range };
  }

  /**
   * In Python every `name(` is a call; in math only known functions, and near misses written
   * against their parenthesis (`sinn(x)`), so they are reported rather than read as products.
   */
  private isCallee(name: string, token: Token): boolean {
    if (this.dialect === 'python' || isPlainFunction(name)) { return true; }
    const adjacent = this.peek().range.start === token.range.end;
    return adjacent && name.length >= 3 && closestNames(name, knownFunctionNames().filter(isPlainFunction), 1, 1).length > 0;
  }

  private call(callee: string, calleeRange: SourceRange): CallExpr {
    const { args, kwargs, end } = this.argumentList();
    return { kind: 'call', callee, calleeRange, args, kwargs, range: { start: calleeRange.start, end } };
  }

  private argumentList(): { args: Expr[]; kwargs: KeywordArg[]; end: number } {
    const open = this.next();
    const args: Expr[] = [];
    const kwargs: KeywordArg[] = [];
    while (!this.isOp(')')) {
      const t = this.peek();
      if (this.dialect === 'python' && t.kind === 'op' && (t.text === '*' || t.text === '**')) {
        if (t.text === '**') { throw new InspectError("'**' (keyword-argument unpacking) is not supported", 'unsupported', t.range, 'keyword arguments written out'); }
        this.index++;
        const value = this.expression(Power.Lowest);
        args.push({ kind: 'starred', value, range: span(t.range, value.range) });
      } else if (this.dialect === 'python' && t.kind === 'name' && this.isOpAt(this.index + 1, '=')) {
        this.index += 2;
        const value = this.expression(Power.Lowest);
        kwargs.push({ name: t.text, value, range: span(t.range, value.range) });
      } else {
        if (kwargs.length > 0) { throw this.syntax('positional argument after a keyword argument', t, 'a keyword argument (name=value)'); }
        args.push(this.expression(Power.Lowest));
      }
      if (!this.isOp(',')) { break; }
      this.index++;
    }
    const close = this.close(open, ')', "',' or ')'");
    return { args, kwargs, end: close.range.end };
  }

  private parenthesised(): Expr {
    const open = this.next();
    if (this.dialect === 'python' && this.isOp(')')) {
      const close = this.next();
      return { kind: 'list', items: [], tuple: true, range: span(open.range, close.range) };
    }
    const first = this.expression(Power.Lowest);
    if (this.dialect === 'python' && this.isOp(',')) {
      const items = [first];
      while (this.isOp(',')) {
        this.index++;
        if (this.isOp(')')) { break; }
        items.push(this.expression(Power.Lowest));
      }
      const close = this.close(open, ')', "',' or ')'");
      return { kind: 'list', items, tuple: true, range: span(open.range, close.range) };
    }
    const close = this.close(open, ')', "')'");
    return withRange(first, span(open.range, close.range));
  }

  private listLiteral(): ListExpr {
    const open = this.next();
    const items: Expr[] = [];
    while (!this.isOp(']')) {
      items.push(this.expression(Power.Lowest));
      this.refuseComprehension();
      if (!this.isOp(',')) { break; }
      this.index++;
    }
    const close = this.close(open, ']', "',' or ']'");
    return { kind: 'list', items, tuple: false, range: span(open.range, close.range) };
  }

  /** `[f(x) for x in xs]`: named, rather than reported as an unexpected `for`. */
  private refuseComprehension(): void {
    const t = this.peek();
    if (t.kind === 'name' && t.text === 'for') {
      throw new InspectError('comprehensions are not supported: write a for loop', 'unsupported', t.range, "',' or a closing bracket");
    }
  }

  private dictLiteral(): Expr {
    const open = this.next();
    const keys: Expr[] = [];
    const values: Expr[] = [];
    while (!this.isOp('}')) {
      keys.push(this.expression(Power.Lowest));
      this.refuseComprehension();
      const colon = this.peek();
      if (!this.isOp(':')) { throw new InspectError('sets are not supported: only dicts {key: value}', 'unsupported', colon.range, "':'"); }
      this.index++;
      values.push(this.expression(Power.Lowest));
      this.refuseComprehension();
      if (!this.isOp(',')) { break; }
      this.index++;
    }
    const close = this.close(open, '}', "',' or '}'");
    return { kind: 'dict', keys, values, range: span(open.range, close.range) };
  }

  private absoluteValue(): Expr {
    const open = this.next();
    this.absDepth++;
    const operand = this.expression(Power.Lowest);
    this.absDepth--;
    const close = this.close(open, '|', "'|'");
    const range = span(open.range, close.range);
    return { kind: 'call', callee: 'abs', calleeRange: open.range, args: [operand], kwargs: [], range };
  }

  private postfix(object: Expr): Expr {
    const t = this.peek();
    if (t.text === '(') {
      throw new InspectError('calling the result of an expression is not supported', 'unsupported', t.range, 'an operator');
    }
    if (t.text === '[') { return this.subscript(object); }
    this.index++;
    const member = this.peek();
    if (member.kind !== 'name') { throw this.unexpected(member, 'a method or attribute name after \'.\''); }
    this.index++;
    if (this.isOp('(')) {
      const { args, kwargs, end } = this.argumentList();
      return { kind: 'method', object, method: member.text, methodRange: member.range, args, kwargs, range: { start: object.range.start, end } };
    }
    return { kind: 'attribute', object, name: member.text, nameRange: member.range, range: span(object.range, member.range) };
  }

  private subscript(object: Expr): Expr {
    const open = this.next();
    const items: IndexItem[] = [];
    do {
      if (items.length > 0) { this.index++; }
      if (this.isOp(']') && items.length > 0) { break; }
      items.push(this.indexItem());
    } while (this.isOp(','));
    const close = this.close(open, ']', "',' or ']'");
    return { kind: 'index', object, items, range: span(object.range, close.range) };
  }

  private indexItem(): IndexItem {
    const t = this.peek();
    if (t.kind === 'name' && t.text === 'None' && this.endsIndexItem(this.index + 1)) {
      this.index++;
      return { kind: 'newaxis', range: t.range };
    }
    const start = this.isOp(':') ? undefined : this.expression(Power.Lowest);
    if (!this.isOp(':')) {
      if (!start) { throw this.unexpected(this.peek(), 'an index'); }
      return start;
    }
    const firstColon = this.next();
    const stop = this.endsSlicePart() ? undefined : this.expression(Power.Lowest);
    let step: Expr | undefined;
    let end = stop?.range.end ?? firstColon.range.end;
    if (this.isOp(':')) {
      const secondColon = this.next();
      step = this.endsSlicePart() ? undefined : this.expression(Power.Lowest);
      end = step?.range.end ?? secondColon.range.end;
    }
    const item: IndexItem = { kind: 'slice', range: { start: start?.range.start ?? firstColon.range.start, end } };
    if (start) { item.start = start; }
    if (stop) { item.stop = stop; }
    if (step) { item.step = step; }
    return item;
  }

  private endsSlicePart(): boolean {
    return this.isOp(':') || this.isOp(',') || this.isOp(']');
  }

  private endsIndexItem(at: number): boolean {
    return this.isOpAt(at, ',') || this.isOpAt(at, ']');
  }

  /** Consumes the closing token of `open`, or reports what was found instead. */
  private close(open: Token, closer: string, expected: string): Token {
    const t = this.peek();
    if (this.isOp(closer)) { return this.next(); }
    const { line, column } = lineColumnAt(this.text, open.range.start);
    if (t.kind === 'eof' || t.kind === 'newline') {
      throw this.syntax(`unclosed '${open.text}' (opened at ${line}:${column})`, t, expected);
    }
    throw this.syntax(`expected ${expected} to close the '${open.text}' at ${line}:${column}, found ${describe(t)}`, t, expected);
  }

  // ---- tokens

  private peek(): Token { return this.tokens[this.index]; }
  private peekAt(i: number): Token { return this.tokens[Math.min(i, this.tokens.length - 1)]; }
  private next(): Token { return this.tokens[this.index++]; }
  private isOp(text: string): boolean { return this.isOpAt(this.index, text); }
  private isOpAt(i: number, text: string): boolean {
    const t = this.peekAt(i);
    return t.kind === 'op' && t.text === text;
  }

  private unexpected(t: Token, expected: string): InspectError {
    if (t.kind === 'eof' || t.kind === 'newline') {
      return this.syntax(`unexpected end of ${t.kind === 'eof' ? 'input' : 'line'}`, t, expected);
    }
    return this.syntax(`unexpected ${describe(t)}`, t, expected);
  }

  private syntax(message: string, at: Token, expected: string): InspectError {
    return new InspectError(message, 'syntax', at.range, expected);
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'number': return `number ${excerpt(t.text)}`;
    case 'name': return `name '${excerpt(t.text)}'`;
    case 'string': return `string ${excerpt(t.text)}`;
    case 'newline': return 'end of line';
    case 'eof': return 'end of input';
    default: return `'${t.text}'`;
  }
}

/** The range a block ends at: its last statement's, or `fallback` for an empty block. */
function lastRange(body: readonly Statement[], fallback: SourceRange): SourceRange {
  return body.length > 0 ? body[body.length - 1].range : fallback;
}

function span(a: SourceRange, b: SourceRange): SourceRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** A parenthesised expression covers its parentheses, so errors and hovers point at all of it. */
function withRange(expr: Expr, range: SourceRange): Expr {
  return { ...expr, range };
}
