// A LaTeX formula read in its document: parsed knowing the document's functions, calls of defined
// functions expanded, its relations prepared as claims. A formula whose output is a derivative
// (`\frac{d}{dx} g(x)`, or a claim `g'(x) = …`) is analysed through what is differentiated: the
// panel then shows that function, and its gradient is the derivative.
import { InspectError } from '../engine/errors';
import { Expr, Program, Statement } from './ast';
import { primeVariable } from './latex-claim-eval';
import { PreparedClaim, prepareClaim } from './latex-claims';
import { derivativeTerm } from './latex-derivative-terms';
import { Expander, LatexDocument } from './latex-definitions';
import { readLatexDocument } from './latex-document';
import { parseLatexFormula } from './latex';

/** Where a formula sits: its document's definitions and its offset there. */
export interface LatexScope {
  document: LatexDocument;
  offset: number;
}

export interface LatexReading {
  program: Program;
  claims: PreparedClaim[];
  /** The formula defines a function (`g(x) = …`): its parameters are variables without values. */
  defines: boolean;
  /** Symbolic sum bounds → the vectors they count. */
  lengths: Map<string, string[]>;
}

export function readLatex(text: string, scope: LatexScope = { document: readLatexDocument([{ text, offset: 0, line: 1 }]), offset: 0 }): LatexReading {
  const formula = parseLatexFormula(text, { functions: scope.document.functions });
  const expander = new Expander(scope.document);
  const at = scope.offset;
  const statements = formula.program.statements.map(s => expandStatement(s, expander, at));
  const counter = { next: 0 };
  const claims = formula.relations.map(r => prepareClaim(r, text, expander, at, counter));
  const notes = [...formula.program.notes, ...expander.notes];
  return { program: { ...formula.program, statements, notes }, claims, defines: formula.head !== undefined, lengths: formula.lengths };
}

function expandStatement(s: Statement, expander: Expander, offset: number): Statement {
  if (s.kind === 'assign') { return { ...s, value: expander.expand(s.value, offset) }; }
  // A formula has only assignments and expressions (the Python statements never come from LaTeX).
  return s.kind === 'expr' ? { ...s, expr: subject(expander.expand(s.expr, offset), expander, offset) } : s;
}

/** The derivative's function in place of the derivative; a derivative deeper inside is refused. */
function subject(expr: Expr, expander: Expander, offset: number): Expr {
  const term = expr.kind === 'call' ? derivativeTerm(expr) : undefined;
  if (expr.kind === 'call' && term) {
    if (term.body) { return refuseInnerDerivative(term.body); }
    const definition = expander.definition(term.fn as string, offset, expr.calleeRange);
    if (term.variable === '') { primeVariable(definition, expr.calleeRange); }
    expander.notes.add(`analysed what is differentiated, ${definition.name}; its gradient is the derivative`);
    return refuseInnerDerivative(expander.applied(definition, term.args, expr.range));
  }
  return refuseInnerDerivative(expr);
}

function refuseInnerDerivative(expr: Expr): Expr {
  const pending = [expr];
  for (let e = pending.pop(); e; e = pending.pop()) {
    if (e.kind === 'call' && derivativeTerm(e)) {
      throw new InspectError('a derivative inside an expression is evaluated only in a claim (lhs = rhs)', 'unsupported', e.range, 'a claim, as in g\'(x) = …, or the function itself');
    }
    if (e.kind === 'unary') { pending.push(e.operand); }
    if (e.kind === 'binary') { pending.push(e.left, e.right); }
    if (e.kind === 'call') { pending.push(...e.args); }
  }
  return expr;
}
