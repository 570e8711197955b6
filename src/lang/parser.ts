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
  Assignment, BinaryOperator, CallExpr, Expr, IndexItem, KeywordArg, ListExpr, Statement,
} from './ast';
import { closestNames, isPlainFunction, knownFunctionNames, MODULE_ROOTS } from './aliases';
import { Token, tokenize } from './lexer';
import { MAX_NESTING } from './nesting';

export type Dialect = 'math' | 'python';

/** Binding powers: higher binds tighter. The printer parenthesises by the same scale. */
export const enum Power {
  Lowest = 0,
  Sum = 10,
  Product = 20,
  Unary = 30,
  Exponent = 40,
  Postfix = 50,
}

const STATEMENT_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['for', 'loops'], ['while', 'loops'], ['def', 'function definitions'], ['class', 'class definitions'],
  ['if', 'conditionals'], ['elif', 'conditionals'], ['else', 'conditionals'], ['return', 'return statements'],
  ['with', 'with blocks'], ['try', 'try blocks'], ['except', 'try blocks'], ['finally', 'try blocks'],
  ['lambda', 'lambdas'], ['del', 'del statements'], ['global', 'global statements'], ['assert', 'assert statements'],
  ['raise', 'raise statements'], ['yield', 'generators'], ['async', 'async code'], ['await', 'async code'],
  ['pass', 'pass statements'],
]);
const EXPRESSION_KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'lambda']);
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
    const statements: Statement[] = [];
    for (;;) {
      while (this.isOp(';') || this.peek().kind === 'newline') { this.index++; }
      if (this.peek().kind === 'eof') { break; }
      if (this.skipImport()) { continue; }
      statements.push(this.statement());
    }
    if (statements.length === 0) {
      const end = this.text.length;
      throw new InspectError('empty input: nothing to differentiate', 'syntax', { start: end, end }, 'an expression');
    }
    return statements;
  }

  private skipImport(): boolean {
    const t = this.peek();
    if (this.dialect !== 'python' || t.kind !== 'name' || (t.text !== 'import' && t.text !== 'from')) { return false; }
    while (this.peek().kind !== 'newline' && this.peek().kind !== 'eof') { this.index++; }
    return true;
  }

  private statement(): Statement {
    const first = this.peek();
    if (first.kind === 'name' && this.dialect === 'python' && STATEMENT_KEYWORDS.has(first.text) && !this.isOpAt(this.index + 1, '=')) {
      throw this.unsupportedStatement(first, `'${first.text}': ${STATEMENT_KEYWORDS.get(first.text)} are not supported yet`);
    }
    const expr = this.expression(Power.Lowest);
    const next = this.peek();
    let statement: Statement = { kind: 'expr', expr, range: expr.range };
    if (this.isOp('=')) {
      statement = this.assignment(expr);
    } else if (next.kind === 'op' && AUGMENTED.has(next.text)) {
      throw this.unsupportedStatement(next, `augmented assignment '${next.text}' is not supported (write name = name ${next.text.slice(0, -1)} …)`);
    } else if (this.isOp(',')) {
      throw this.unsupportedStatement(next, 'tuples and tuple unpacking are not supported');
    } else if (this.isOp(':')) {
      throw this.unsupportedStatement(next, 'annotations are not supported');
    }
    this.endOfStatement();
    return statement;
  }

  private assignment(target: Expr): Assignment {
    const equals = this.next();
    if (target.kind !== 'name' || target.name.includes('.')) {
      throw this.unsupportedStatement(equals, 'only assignments to a plain name are supported (name = expression)');
    }
    const value = this.expression(Power.Lowest);
    if (this.isOp('=')) { throw this.unsupportedStatement(this.peek(), 'chained assignment is not supported'); }
    return { kind: 'assign', target: target.name, targetRange: target.range, value, range: span(target.range, value.range) };
  }

  private endOfStatement(): void {
    const t = this.peek();
    if (t.kind === 'newline' || t.kind === 'eof' || this.isOp(';')) { return; }
    if (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) {
      throw this.syntax(`unmatched '${t.text}'`, t, 'an operator or the end of the line');
    }
    throw this.syntax(`unexpected ${describe(t)}`, t, 'an operator or the end of the line');
  }

  /** The message leaves the place to the range: every view prints it as line:column. */
  private unsupportedStatement(at: Token, what: string): InspectError {
    return new InspectError(`${what}; only straight-line code is (assignments, then an expression)`, 'unsupported', at.range, 'an assignment or an expression');
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
      case '//': case '%': case '&': case '<': case '>': case '==': case '!=': case '<=': case '>=':
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
      if (this.dialect === 'python' && t.kind === 'name' && this.isOpAt(this.index + 1, '=')) {
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
      if (!this.isOp(',')) { break; }
      this.index++;
    }
    const close = this.close(open, ']', "',' or ']'");
    return { kind: 'list', items, tuple: false, range: span(open.range, close.range) };
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

function span(a: SourceRange, b: SourceRange): SourceRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** A parenthesised expression covers its parentheses, so errors and hovers point at all of it. */
function withRange(expr: Expr, range: SourceRange): Expr {
  return { ...expr, range };
}
