// Derivative notation on the left (or right) of a claim: g'(x), \frac{d}{dx} …, \frac{dg}{dx},
// \frac{\partial g}{\partial x}(a, b, c), \nabla_{\mathbf{w}} f. Each becomes a derivative term
// (latex-derivative-terms.ts); only first derivatives are read, higher ones are refused by name.
import { InspectError, SourceRange } from '../engine/errors';
import { Expr, NameExpr } from './ast';
import { derivativeCall } from './latex-derivative-terms';
import type { LatexContext } from './latex-formula';
import type { LatexToken } from './latex-lexer';

/** What the derivative readers need from the parser. */
export interface DerivativeReader {
  readonly context: LatexContext;
  readonly text: string;
  peek(): LatexToken;
  next(): LatexToken;
  atSymbol(text: string): boolean;
  /** The end offset of the last token taken. */
  end(): number;
  /** A variable or function name (with subscript, font or accent), never a call. */
  readName(): NameExpr;
  argumentList(): Expr[];
  /** One factor (an atom with its exponent): what d/dx applies to. */
  power(): Expr;
  note(text: string): void;
  /** Runs `read`; on undefined or a syntax error, puts the parser back where it was. */
  attempt<T>(read: () => T | undefined): T | undefined;
}

const SECOND_DERIVATIVE = 'second and higher derivatives are not supported: claims are checked for first derivatives';

/** `g'` (after the name was read), with `(args)` when g is a defined function. */
export function readPrime(p: DerivativeReader, name: NameExpr): Expr {
  const prime = p.next();
  if (p.atSymbol("'")) { throw new InspectError(`${name.name}'': ${SECOND_DERIVATIVE}`, 'unsupported', { start: prime.range.start, end: p.peek().range.end }, "one prime, as in g'(x)"); }
  const args = p.atSymbol('(') ? p.argumentList() : [];
  return derivativeCall({ fn: name.name, variable: '', args }, { start: name.range.start, end: p.end() }, { start: name.range.start, end: prime.range.end });
}

/**
 * `\frac{d}{dx} …`, `\frac{dg}{dx}`, `\frac{\partial g}{\partial x}(…)`; undefined when the fraction
 * is not derivative notation (the caller reads it as a quotient).
 */
export function readDerivativeFraction(p: DerivativeReader, command: LatexToken): Expr | undefined {
  const read = p.attempt(() => {
    const numerator = differentialPart(p, 'numerator');
    if (!numerator) { return undefined; }
    const denominator = differentialPart(p, 'denominator');
    if (!denominator?.name) { return undefined; }
    return { numerator, variable: denominator.name };
  });
  if (!read) { return undefined; }
  const calleeRange = { start: command.range.start, end: p.end() };
  const variable = read.variable.name;
  if (!read.numerator.name) {
    const body = p.power();
    p.note(`read ${p.text.slice(calleeRange.start, calleeRange.end)} as the derivative of the factor after it, ${p.text.slice(body.range.start, body.range.end)}`);
    return derivativeCall({ variable, args: [], body }, { start: command.range.start, end: p.end() }, calleeRange);
  }
  const fn = read.numerator.name.name;
  const args = p.context.functions.has(fn) && p.atSymbol('(') ? p.argumentList() : [];
  return derivativeCall({ fn, variable, args }, { start: command.range.start, end: p.end() }, calleeRange);
}

/** `\nabla_{\mathbf{w}} f` (the gradient of f with respect to w), with `(args)` when f is a defined function. */
export function readNabla(p: DerivativeReader): Expr {
  const nabla = p.next();
  if (!p.atSymbol('_')) {
    throw new InspectError('\\nabla needs the variable as a subscript', 'unsupported', nabla.range, 'a subscript, as in \\nabla_{\\mathbf{w}} f');
  }
  p.next();
  const braced = p.atSymbol('{');
  if (braced) { p.next(); }
  const variable = p.readName();
  if (braced) { closeBrace(p); }
  const calleeRange = { start: nabla.range.start, end: p.end() };
  const fn = p.readName();
  const args = p.context.functions.has(fn.name) && p.atSymbol('(') ? p.argumentList() : [];
  return derivativeCall({ fn: fn.name, variable: variable.name, args }, { start: nabla.range.start, end: p.end() }, calleeRange);
}

interface DifferentialPart {
  /** The name after d or \partial; undefined for a bare d. */
  name?: NameExpr;
}

/** `{d}`, `{dg}`, `{\partial g_2}`, `{dx}`: the letter d or \partial, then at most one name. */
function differentialPart(p: DerivativeReader, role: string): DifferentialPart | undefined {
  if (!p.atSymbol('{')) { return undefined; }
  p.next();
  const d = p.peek();
  const isD = (d.kind === 'letter' && d.text === 'd') || (d.kind === 'command' && d.text === 'partial');
  if (!isD) { return undefined; }
  p.next();
  if (p.atSymbol('^')) {
    throw new InspectError(`a derivative of order above one in the ${role}: ${SECOND_DERIVATIVE}`, 'unsupported', rangeFrom(d.range, p.peek().range), 'a first derivative, as in \\frac{\\partial g}{\\partial x}');
  }
  if (p.atSymbol('}')) { p.next(); return {}; }
  const name = p.readName();
  if (p.atSymbol('^')) {
    throw new InspectError(`a derivative of order above one in the ${role}: ${SECOND_DERIVATIVE}`, 'unsupported', rangeFrom(d.range, p.peek().range), 'a first derivative, as in \\frac{\\partial g}{\\partial x}');
  }
  if (!p.atSymbol('}')) { return undefined; }
  p.next();
  return { name };
}

function closeBrace(p: DerivativeReader): void {
  if (!p.atSymbol('}')) { throw new InspectError("expected '}' after the variable of \\nabla", 'syntax', p.peek().range, "'}'"); }
  p.next();
}

function rangeFrom(a: SourceRange, b: SourceRange): SourceRange {
  return { start: a.start, end: b.end };
}
