// \sum, \prod and \max over indexed terms. With integer bounds written (\sum_{i=1}^{3} w_i x_i) the
// terms are written out, the index replaced by each value: w_1 x_1 + w_2 x_2 + w_3 x_3 (1-based, as
// written). With no bounds or a symbolic one (\sum_i, \sum_{i=1}^{n}) the indexed names are the
// vectors themselves and the term is reduced over their length: \sum_i w_i x_i is sum(w * x),
// \log\sum_j e^{z_j} is log(sum(exp(z))), \max_i z_i is max(z).
import { InspectError, SourceRange } from '../engine/errors';
import { excerpt } from '../engine/excerpt';
import { Expr } from './ast';
import { children } from './latex-derivative-terms';
import type { LatexToken } from './latex-lexer';
import { MAX_EXPANDED_NODES, rebuildTree, TreeMeasure } from './latex-tree';

export interface SumReader {
  readonly text: string;
  peek(): LatexToken;
  next(): LatexToken;
  atSymbol(text: string): boolean;
  end(): number;
  /** The term after the operator: a product, up to the next + or -. */
  product(): Expr;
  note(text: string): void;
  /** Symbolic bounds → the vectors indexed under them (their length is the bound's value). */
  readonly lengths: Map<string, string[]>;
}

/** Terms written out at most: a longer sum is refused before it is built. */
export const MAX_WRITTEN_TERMS = 10_000;

type Reduction = 'sum' | 'prod' | 'max';
const REDUCERS: Readonly<Record<Reduction, { callee: string; join: '+' | '*' | undefined }>> = {
  sum: { callee: 'sum', join: '+' },
  prod: { callee: 'np.prod', join: '*' },
  max: { callee: 'np.max', join: undefined },
};

interface Bounds { index: string; from?: number; to?: number; symbolic?: string }

/** `\sum`, `\prod`, `\max` with a subscript index (the command token was just taken). */
export function readReduction(p: SumReader, command: LatexToken): Expr {
  const reduction = command.text as Reduction;
  const bounds = readBounds(p, command);
  const term = p.product();
  const range = { start: command.range.start, end: p.end() };
  if (bounds.from !== undefined && bounds.to !== undefined && REDUCERS[reduction].join) {
    return writtenOut(term, bounds as Required<Omit<Bounds, 'symbolic'>>, REDUCERS[reduction].join as '+' | '*', range);
  }
  const vector = substitute(term, bounds.index, undefined);
  if (bounds.symbolic) { p.lengths.set(bounds.symbolic, [...(p.lengths.get(bounds.symbolic) ?? []), ...indexedNames(term, bounds.index)]); }
  return { kind: 'call', callee: REDUCERS[reduction].callee, calleeRange: command.range, args: [vector], kwargs: [], range };
}

function readBounds(p: SumReader, command: LatexToken): Bounds {
  if (!p.atSymbol('_')) {
    throw new InspectError(`\\${command.text} needs its index as a subscript`, 'unsupported', command.range, `\\${command.text}_{i=1}^{n} or \\${command.text}_i`);
  }
  p.next();
  const braced = p.atSymbol('{');
  if (braced) { p.next(); }
  const index = p.next();
  if (index.kind !== 'letter') { throw new InspectError('the index must be one letter', 'unsupported', index.range, 'i, j or k'); }
  const bounds: Bounds = { index: index.text };
  if (braced && p.atSymbol('=')) {
    p.next();
    bounds.from = integer(p, 'the lower bound');
  }
  if (braced) { expect(p, '}'); }
  if (p.atSymbol('^')) {
    p.next();
    readUpper(p, bounds);
  }
  if (bounds.from !== undefined && bounds.from !== 1 && bounds.to === undefined) {
    throw new InspectError('a sum over a vector starts at 1', 'unsupported', { start: command.range.start, end: p.end() }, '\\sum_{i=1}^{n}');
  }
  return bounds;
}

function readUpper(p: SumReader, bounds: Bounds): void {
  const braced = p.atSymbol('{');
  if (braced) { p.next(); }
  const t = p.peek();
  if (t.kind === 'number') {
    bounds.to = braced ? power(p, 'the upper bound') : integer(p, 'the upper bound');
  } else if (t.kind === 'letter') {
    p.next();
    bounds.symbolic = t.text;
  } else {
    throw new InspectError('the upper bound must be an integer or a letter', 'unsupported', t.range, 'n or 10');
  }
  if (braced) { expect(p, '}'); }
  if (bounds.to !== undefined && bounds.from === undefined) { bounds.from = 1; }
}

function integer(p: SumReader, what: string): number {
  const t = p.next();
  if (t.kind !== 'number' || !/^\d+$/.test(t.text)) { throw new InspectError(`${what} must be an integer`, 'unsupported', t.range, 'an integer such as 1'); }
  return Number(t.text);
}

/** An integer, or a power of one as bounds are written (`10^9`, `2^{10}`) inside braces. */
function power(p: SumReader, what: string): number {
  const start = p.peek().range.start;
  const base = integer(p, what);
  if (!p.atSymbol('^')) { return base; }
  p.next();
  const braced = p.atSymbol('{');
  if (braced) { p.next(); }
  const value = base ** integer(p, `the exponent of ${what}`);
  if (braced) { expect(p, '}'); }
  if (!Number.isSafeInteger(value)) {
    throw new InspectError(`${what} ${excerpt(p.text.slice(start, p.end()))} is too large to write out (a sum is written out up to ${MAX_WRITTEN_TERMS} terms)`, 'limit', { start, end: p.end() },
      `at most ${MAX_WRITTEN_TERMS} terms`);
  }
  return value;
}

function expect(p: SumReader, symbol: string): void {
  if (!p.atSymbol(symbol)) { throw new InspectError(`expected '${symbol}'`, 'syntax', p.peek().range, `'${symbol}'`); }
  p.next();
}

function writtenOut(term: Expr, bounds: { index: string; from: number; to: number }, join: '+' | '*', range: SourceRange): Expr {
  const count = bounds.to - bounds.from + 1;
  const noun = join === '+' ? 'sum' : 'product';
  if (count < 1) { throw new InspectError(`the bounds ${bounds.from}..${bounds.to} give no terms`, 'unsupported', range, 'a lower bound <= the upper bound'); }
  if (count > MAX_WRITTEN_TERMS) { throw new InspectError(`the ${noun} has ${count} terms, more than ${MAX_WRITTEN_TERMS}`, 'limit', range, `at most ${MAX_WRITTEN_TERMS} terms`); }
  // Nested sums multiply: each term is written out again for every value of this index.
  const nodes = count * new TreeMeasure().measure(term).nodes + count - 1;
  if (nodes > MAX_EXPANDED_NODES) {
    throw new InspectError(`written out, the ${noun}'s ${count} terms have ${nodes.toLocaleString('en-US')} nodes, more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')}`, 'limit', range,
      `at most ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes`);
  }
  let result = substitute(term, bounds.index, bounds.from);
  for (let k = bounds.from + 1; k <= bounds.to; k++) {
    result = { kind: 'binary', op: join, left: result, right: substitute(term, bounds.index, k), range, opRange: range };
  }
  return result;
}

/** The vectors a term indexes, left to right. */
function indexedNames(term: Expr, index: string): string[] {
  const names: string[] = [];
  const pending = [term];
  for (let e = pending.pop(); e; e = pending.pop()) {
    if (e.kind === 'name' && e.name.endsWith(`_${index}`)) { names.push(e.name.slice(0, -index.length - 1)); }
    pending.push(...children(e).reverse());
  }
  return names;
}

/** `w_i` → `w_k` (k given) or the vector `w` (k undefined); a lone `i` → k. */
function substitute(term: Expr, index: string, k: number | undefined): Expr {
  const suffix = `_${index}`;
  return rebuildTree(term, e => {
    if (e.kind !== 'name') { return e; }
    if (e.name === index) {
      if (k === undefined) { throw new InspectError(`the index ${index} alone needs integer bounds`, 'unsupported', e.range, `\\sum_{${index}=1}^{3}`); }
      return { kind: 'number', value: k, range: e.range };
    }
    return e.name.endsWith(suffix) ? { ...e, name: k === undefined ? e.name.slice(0, -suffix.length) : `${e.name.slice(0, -suffix.length)}_${k}` } : e;
  });
}
