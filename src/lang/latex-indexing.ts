// Indexed names against vector values: `w_2` written where only the vector `w` has a value is its
// second entry (1-based, as lecture notes count), and the symbolic bound `n` of \sum_{i=1}^{n} is
// the length of the vectors it indexes. Both happen only for names without a value of their own.
import { Tensor } from '../engine/tensor';
import { Expr } from './ast';
import { Bindings } from './bindings';
import { ClaimSide } from './latex-claim-eval';
import { someNode } from './latex-derivative-terms';
import { PreparedClaim } from './latex-claims';

const INDEXED = /^(.+)_(\d+)$/;

/** The expression with each `w_k` (no value, `w` a vector of length ≥ k) read as w[k-1]. */
export function indexEntries(expr: Expr, bindings: Bindings, notes: Set<string>): Expr {
  // Only a tree with such a name is rebuilt (recursively, so not a long product).
  if (!someNode(expr, e => e.kind === 'name' && isEntry(e.name, bindings))) { return expr; }
  const walk = (e: Expr): Expr => {
    switch (e.kind) {
      case 'name': return entry(e, bindings, notes) ?? e;
      case 'unary': return { ...e, operand: walk(e.operand) };
      case 'binary': return { ...e, left: walk(e.left), right: walk(e.right) };
      case 'call': return { ...e, args: e.args.map(walk) };
      case 'list': return { ...e, items: e.items.map(walk) };
      default: return e;
    }
  };
  return walk(expr);
}

function isEntry(name: string, bindings: Bindings): boolean {
  const match = INDEXED.exec(name);
  return match !== null && !bindings.has(name) && bindings.get(match[1])?.shape.length === 1;
}

function entry(e: Expr & { kind: 'name' }, bindings: Bindings, notes: Set<string>): Expr | undefined {
  const match = INDEXED.exec(e.name);
  if (!match || bindings.has(e.name)) { return undefined; }
  const vector = bindings.get(match[1]);
  const k = Number(match[2]);
  if (!vector || vector.shape.length !== 1 || k < 1 || k > vector.shape[0]) { return undefined; }
  notes.add(`read ${e.name} as entry ${k} of the vector ${match[1]} (counted from 1)`);
  return { kind: 'index', object: { kind: 'name', name: match[1], range: e.range }, items: [{ kind: 'number', value: k - 1, range: e.range }], range: e.range };
}

/** Values for symbolic sum bounds without one: the length of the first indexed vector that has a value. */
export function lengthValues(lengths: ReadonlyMap<string, readonly string[]>, bindings: Bindings, notes: Set<string>): Bindings {
  const found: Bindings = new Map();
  for (const [bound, vectors] of lengths) {
    if (bindings.has(bound)) { continue; }
    const vector = vectors.find(v => bindings.get(v)?.shape.length === 1);
    if (vector === undefined) { continue; }
    const length = (bindings.get(vector) as Tensor).shape[0];
    found.set(bound, Tensor.scalar(length));
    notes.add(`${bound} = ${length}, the length of ${vector}`);
  }
  return found;
}

/** A claim with its indexed names read against the values (its sides and its derivatives' bodies). */
export function indexClaim(claim: PreparedClaim, bindings: Bindings, notes: Set<string>): PreparedClaim {
  return { ...claim, lhs: indexSide(claim.lhs, bindings, notes), rhs: indexSide(claim.rhs, bindings, notes) };
}

function indexSide(side: ClaimSide, bindings: Bindings, notes: Set<string>): ClaimSide {
  const derivatives = new Map([...side.derivatives].map(([name, d]) => [name, {
    ...d,
    body: indexEntries(d.body, bindings, notes),
    at: new Map([...d.at].map(([param, arg]) => [param, indexEntries(arg, bindings, notes)])),
  }]));
  return { expr: indexEntries(side.expr, bindings, notes), derivatives };
}
