// Vector and matrix notation: norms \|v\|, \|v\|_1, \|v\|_2, \|v\|^2; transposes ^\top, ^T,
// ^{\mathsf{T}}; products by shape: a product that involves a bold name (\mathbf, \boldsymbol,
// \vec, \bm) or a transpose is numpy's dot (a matrix product for matrices and vectors, a dot
// product for two vectors, an ordinary product with a scalar), any other product is elementwise.
import { InspectError, SourceRange } from '../engine/errors';
import { CallExpr, Expr } from './ast';
import type { LatexToken } from './latex-lexer';
import { children } from './latex-derivative-terms';

export interface VectorReader {
  peek(): LatexToken;
  next(): LatexToken;
  atSymbol(text: string): boolean;
  end(): number;
  /** The expression inside a pair of delimiters (bars do not close it). */
  innerExpression(): Expr;
  note(text: string): void;
}

export const NORM_DELIMITERS: ReadonlySet<string> = new Set(['|', 'Vert', 'lVert', 'rVert']);
/** Fonts that mark vectors and matrices. */
export const BOLD_FONTS: ReadonlySet<string> = new Set(['mathbf', 'boldsymbol', 'bm', 'vec']);
const TRANSPOSE_COMMANDS: ReadonlySet<string> = new Set(['top', 'intercal', 'mathsf', 'mathrm']);
const TRANSPOSE_CALLEE = 'np.transpose';

/** `\|…\|` with an optional `_1` / `_2` (the opening delimiter was just taken). */
export function readNorm(p: VectorReader, open: LatexToken): Expr {
  const inner = p.innerExpression();
  const close = p.peek();
  if (!(close.kind === 'command' && NORM_DELIMITERS.has(close.text))) {
    throw new InspectError(`the norm opened at \\${open.text} is not closed`, 'syntax', close.range, '\\| to close the norm');
  }
  p.next();
  let order = 2;
  if (p.atSymbol('_')) {
    const underscore = p.next();
    const t = p.next();
    const braced = t.kind === 'symbol' && t.text === '{';
    const digit = braced ? p.next() : t;
    if (braced) { closeBrace(p); }
    if (!(digit.kind === 'number' && (digit.text === '1' || digit.text === '2'))) {
      throw new InspectError('only the 1- and 2-norms are supported', 'unsupported', { start: underscore.range.start, end: p.end() }, '\\|v\\|_1 or \\|v\\|_2');
    }
    order = Number(digit.text);
  }
  const range = { start: open.range.start, end: p.end() };
  return order === 1 ? call('sum', [call('abs', [inner], range)], range) : call('np.linalg.norm', [inner], range);
}

/** Is the exponent after `^` a transpose mark: T, \top, \intercal, {T}, {\top}, {\mathsf{T}}? */
export function atTranspose(tokens: readonly LatexToken[], index: number): boolean {
  const t = tokens[index];
  if (t.kind === 'letter' && t.text === 'T') { return true; }
  if (t.kind === 'command' && (t.text === 'top' || t.text === 'intercal')) { return true; }
  if (!(t.kind === 'symbol' && t.text === '{')) { return false; }
  const inner = tokens.slice(index + 1, index + 6).map(x => x.text).join(' ');
  return /^(?:T \}|top \}|intercal \}|(?:mathsf|mathrm) \{ T \} \})/.test(inner);
}

/** Takes the transpose mark after `^` (atTranspose said there is one) and applies it. */
export function readTranspose(p: VectorReader, base: Expr): Expr {
  const t = p.next();
  if (t.kind === 'symbol' && t.text === '{') {
    let depth = 1;
    while (depth > 0) {
      const x = p.next();
      if (x.kind === 'symbol' && x.text === '{') { depth++; }
      if (x.kind === 'symbol' && x.text === '}') { depth--; }
    }
  } else if (!(t.kind === 'letter' || TRANSPOSE_COMMANDS.has(t.text) || t.text === 'top')) {
    throw new InspectError('expected a transpose mark', 'syntax', t.range, '^\\top or ^T');
  }
  return call(TRANSPOSE_CALLEE, [base], { start: base.range.start, end: p.end() });
}

/**
 * Does the expression involve a vector or matrix: a bold name or a transpose? Answers are kept in
 * `known`, and products record theirs, so a long chain of products is walked once, not once a factor.
 */
export function isVectorExpression(e: Expr, bold: ReadonlySet<string>, known: WeakMap<Expr, boolean>): boolean {
  const cached = known.get(e);
  if (cached !== undefined) { return cached; }
  let found = false;
  const pending = [e];
  for (let x = pending.pop(); x && !found; x = pending.pop()) {
    const seen = known.get(x);
    if (seen !== undefined) { found = seen; continue; }
    found = (x.kind === 'name' && bold.has(x.name)) || (x.kind === 'call' && x.callee === TRANSPOSE_CALLEE);
    pending.push(...children(x));
  }
  known.set(e, found);
  return found;
}

export function dotProduct(left: Expr, right: Expr, opRange: SourceRange): CallExpr {
  return { kind: 'call', callee: 'dot', calleeRange: opRange, args: [left, right], kwargs: [], range: { start: Math.min(left.range.start, right.range.start), end: Math.max(left.range.end, right.range.end) } };
}

function call(callee: string, args: Expr[], range: SourceRange): CallExpr {
  return { kind: 'call', callee, calleeRange: range, args, kwargs: [], range };
}

function closeBrace(p: VectorReader): void {
  if (!p.atSymbol('}')) { throw new InspectError("expected '}'", 'syntax', p.peek().range, "'}'"); }
  p.next();
}
