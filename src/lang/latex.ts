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
//
// The file holds the entry points and the assembly of a formula (a definition head, relations, an
// update rule); the grammar is in latex-expressions.ts, the commands in latex-commands.ts, the
// token cursor in latex-cursor.ts.
import { InspectError } from '../engine/errors';
import { Expr, Program, Statement } from './ast';
import { LatexCommandParser, relationError } from './latex-commands';
import { span } from './latex-cursor';
import { children, containsDerivative } from './latex-derivative-terms';
import { DefinitionHead, LatexContext, LatexFormula, NO_CONTEXT, RelationKind } from './latex-formula';
import { tokenizeLatex } from './latex-lexer';
import { ACCENTS, FONT_COMMANDS, GREEK, RELATIONS } from './latex-vocabulary';

/** The formula's statements; a definition head, claims and derivatives are read by parseLatexFormula. */
export function parseLatex(text: string): Program {
  return parseLatexFormula(text).program;
}

/** A formula as the document reader needs it: its program, definition head, relations and subject. */
export function parseLatexFormula(text: string, context: LatexContext = NO_CONTEXT): LatexFormula {
  return new LatexParser(text, tokenizeLatex(text), context).formula();
}

class LatexParser extends LatexCommandParser {
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
