// Scalar expressions for symbolic derivatives, kept in a normal form that reads well: sums and
// products are n-ary and flat, a product carries one numeric coefficient, equal factors merge into
// powers, equal terms merge into multiples, and numbers fold. Expressions are hash-consed (one
// object per distinct expression), so equality is identity and a sub-expression used many times is
// stored once.
import { Attrs } from './op';
import { getOp } from './ops';
import { power } from './ops/elementwise';
import { Tensor } from './tensor';

export type Relation = '>' | '<' | '>=' | '<=' | '=';

interface Node { readonly id: number }
export interface NumSym extends Node { readonly kind: 'num'; readonly value: number }
/** A leaf of the graph: a variable with its value at the point. */
export interface VarSym extends Node { readonly kind: 'var'; readonly name: string; readonly value: number }
/** A named constant (pi, e). */
export interface NamedSym extends Node { readonly kind: 'named'; readonly name: string; readonly value: number }
/** Two or more terms, none a sum, at most one a number. */
export interface SumSym extends Node { readonly kind: 'sum'; readonly terms: readonly Sym[] }
/** coef · factors: factors are neither numbers nor products; bases are distinct. */
export interface ProdSym extends Node { readonly kind: 'prod'; readonly coef: number; readonly factors: readonly Sym[] }
export interface PowSym extends Node { readonly kind: 'pow'; readonly base: Sym; readonly exponent: Sym }
/** An op-table function applied to arguments (exp, sin, sigmoid, maximum, …). */
export interface ApplySym extends Node { readonly kind: 'apply'; readonly op: string; readonly args: readonly Sym[]; readonly attrs: Attrs }
/**
 * Iverson bracket: 1 when the relation holds, else 0. `between` is lo ≤ x ≤ hi with args [lo, x, hi].
 * `atPoint` is its value decided from the graph's own values: re-evaluating the arguments from the
 * simplified expressions could round the other way at a tie and disagree with autograd.
 */
export interface IversonSym extends Node { readonly kind: 'iverson'; readonly relation: Relation | 'between'; readonly args: readonly Sym[]; readonly atPoint: number }
/** sign(x): −1, 0 or 1; `atPoint` as for IversonSym. */
export interface SignSym extends Node { readonly kind: 'sign'; readonly arg: Sym; readonly atPoint: number }

export type Sym = NumSym | VarSym | NamedSym | SumSym | ProdSym | PowSym | ApplySym | IversonSym | SignSym;

type Unidentified<T> = T extends Node ? Omit<T, 'id'> : never;

/** Thrown when a derivation grows past what could be printed (and read). */
export class ExpressionTooLarge extends Error {
  override name = 'ExpressionTooLarge';
}

export interface SymLimits {
  /** Most terms in a sum or factors in a product. */
  readonly maxWidth: number;
  /** Most distinct sub-expressions. */
  readonly maxExpressions: number;
}

/** Builds expressions, simplifying as it goes; one builder per derivation (it owns the interning). */
export class SymBuilder {
  private readonly interned = new Map<string, Sym>();

  constructor(private readonly limits: SymLimits = { maxWidth: 1000, maxExpressions: 200_000 }) {}

  num(value: number): NumSym {
    const v = value === 0 ? 0 : value;
    return this.intern(`n${v}`, { kind: 'num', value: v }) as NumSym;
  }

  variable(name: string, value: number): VarSym {
    return this.intern(`v${name}`, { kind: 'var', name, value }) as VarSym;
  }

  named(name: string, value: number): NamedSym {
    return this.intern(`c${name}`, { kind: 'named', name, value }) as NamedSym;
  }

  add(a: Sym, b: Sym): Sym { return this.sum([a, b]); }
  sub(a: Sym, b: Sym): Sym { return this.sum([a, this.neg(b)]); }
  mul(a: Sym, b: Sym): Sym { return this.product(1, [a, b]); }
  div(a: Sym, b: Sym): Sym { return this.product(1, [a, this.pow(b, this.num(-1))]); }
  neg(a: Sym): Sym { return this.product(-1, [a]); }
  scale(coef: number, a: Sym): Sym { return this.product(coef, [a]); }

  sum(items: readonly Sym[]): Sym {
    let constant = 0;
    let constantAt = -1;
    const groups = new Map<number, { rest: Sym; coef: number; order: number }>();
    let order = 0;
    const visit = (t: Sym): void => {
      if (t.kind === 'sum') { t.terms.forEach(visit); return; }
      if (t.kind === 'num') {
        constant += t.value;
        if (constantAt < 0) { constantAt = order++; }
        return;
      }
      const { coef, rest } = this.splitCoefficient(t);
      const group = groups.get(rest.id);
      if (group) { group.coef += coef; } else { groups.set(rest.id, { rest, coef, order: order++ }); }
    };
    items.forEach(visit);
    const placed: { order: number; term: Sym }[] = [];
    for (const g of groups.values()) {
      if (g.coef !== 0) { placed.push({ order: g.order, term: this.scale(g.coef, g.rest) }); }
    }
    if (constant !== 0 || Number.isNaN(constant)) { placed.push({ order: constantAt, term: this.num(constant) }); }
    placed.sort((a, b) => a.order - b.order);
    const terms = placed.map(p => p.term);
    if (terms.length === 0) { return this.num(0); }
    if (terms.length === 1) { return terms[0]; }
    this.checkWidth(terms.length);
    return this.intern(`s${terms.map(t => t.id).sort(byNumber).join(',')}`, { kind: 'sum', terms });
  }

  product(coefficient: number, items: readonly Sym[]): Sym {
    let coef = coefficient;
    const groups = new Map<number, { base: Sym; exponents: Sym[] }>();
    const visit = (f: Sym): void => {
      if (f.kind === 'num') { coef *= f.value; return; }
      if (f.kind === 'prod') { coef *= f.coef; f.factors.forEach(visit); return; }
      const { base, exponent } = f.kind === 'pow' ? f : { base: f, exponent: this.num(1) };
      const group = groups.get(base.id);
      if (group) { group.exponents.push(exponent); } else { groups.set(base.id, { base, exponents: [exponent] }); }
    };
    items.forEach(visit);
    const factors: Sym[] = [];
    for (const g of groups.values()) {
      const merged = g.exponents.length === 1 ? g.exponents[0] : this.sum(g.exponents);
      const f = this.pow(g.base, merged);
      if (f.kind === 'num') { coef *= f.value; } else if (f.kind === 'prod') { coef *= f.coef; factors.push(...f.factors); } else { factors.push(f); }
    }
    if (coef === 0 || factors.length === 0) { return this.num(coef); }
    if (coef === 1 && factors.length === 1) { return factors[0]; }
    this.checkWidth(factors.length);
    return this.intern(`p${coef}:${factors.map(f => f.id).sort(byNumber).join(',')}`, { kind: 'prod', coef, factors });
  }

  pow(base: Sym, exponent: Sym): Sym {
    if (exponent.kind === 'num') {
      const e = exponent.value;
      if (e === 0) { return this.num(1); }
      if (e === 1) { return base; }
      if (base.kind === 'num') {
        // Integer powers of numbers are rationals, which print as fractions; others (√2) only when short.
        const folded = power(base.value, e);
        if (Number.isInteger(e) || isNice(folded)) { return this.num(folded); }
      }
      if (base.kind === 'pow' && base.exponent.kind === 'num' && Number.isInteger(e) && Number.isInteger(base.exponent.value)) {
        return this.pow(base.base, this.num(base.exponent.value * e));
      }
      // (c·x)^n = c^n · x^n for integer n keeps coefficients in front, where they read best.
      if (base.kind === 'prod' && Number.isInteger(e) && base.factors.length === 1) {
        return this.product(power(base.coef, e), [this.pow(base.factors[0], exponent)]);
      }
    }
    if (base.kind === 'num' && base.value === 1) { return base; }
    return this.intern(`w${base.id},${exponent.id}`, { kind: 'pow', base, exponent });
  }

  /** op(args), folded to a number when every argument is a number and the result is short. */
  apply(op: string, args: readonly Sym[], attrs: Attrs = {}): Sym {
    if (args.every(a => a.kind === 'num')) {
      const folded = applyOp(op, args.map(a => (a as NumSym).value), attrs);
      if (isNice(folded)) { return this.num(folded); }
    }
    return this.intern(`a${op}${attrsKey(attrs)}(${args.map(a => a.id).join(',')})`, { kind: 'apply', op, args, attrs });
  }

  /** [relation(args)], given the arguments' values at the point. */
  iverson(relation: Relation | 'between', args: readonly Sym[], values: readonly number[]): Sym {
    const atPoint = iversonValue(relation, values);
    if (args.every(a => a.kind === 'num')) { return this.num(atPoint); }
    return this.intern(`i${relation}${atPoint}(${args.map(a => a.id).join(',')})`, { kind: 'iverson', relation, args, atPoint });
  }

  /** sign(arg), given its value at the point. */
  sign(arg: Sym, value: number): Sym {
    const atPoint = Math.sign(value);
    if (arg.kind === 'num') { return this.num(atPoint); }
    return this.intern(`g${atPoint}:${arg.id}`, { kind: 'sign', arg, atPoint });
  }

  /** A term as coefficient × the rest (the rest has coefficient 1). */
  splitCoefficient(t: Sym): { coef: number; rest: Sym } {
    if (t.kind === 'prod' && t.coef !== 1) {
      return { coef: t.coef, rest: t.factors.length === 1 ? t.factors[0] : this.product(1, t.factors) };
    }
    return { coef: 1, rest: t };
  }

  private checkWidth(width: number): void {
    if (width > this.limits.maxWidth) { throw new ExpressionTooLarge(`a sum or product of ${width} terms`); }
  }

  private intern(key: string, sym: Unidentified<Sym>): Sym {
    const found = this.interned.get(key);
    if (found) { return found; }
    if (this.interned.size >= this.limits.maxExpressions) { throw new ExpressionTooLarge(`more than ${this.limits.maxExpressions} sub-expressions`); }
    const made = { ...sym, id: this.interned.size } as Sym;
    this.interned.set(key, made);
    return made;
  }
}

/**
 * Computes `combine` for every sub-expression, children first, each once (the expression is a DAG).
 * Iterative, so the depth of an expression never meets the call-stack limit.
 */
export function foldDag<T>(root: Sym, combine: (s: Sym, valueOf: (child: Sym) => T) => T): T {
  const values = new Map<number, T>();
  const valueOf = (c: Sym): T => values.get(c.id) as T;
  const stack: { sym: Sym; expanded: boolean }[] = [{ sym: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (values.has(top.sym.id)) { stack.pop(); continue; }
    if (!top.expanded) {
      top.expanded = true;
      for (const c of childrenOf(top.sym)) { if (!values.has(c.id)) { stack.push({ sym: c, expanded: false }); } }
      continue;
    }
    stack.pop();
    values.set(top.sym.id, combine(top.sym, valueOf));
  }
  return values.get(root.id) as T;
}

/** Value of an expression at the point, in float64. */
export function evaluate(root: Sym): number {
  return foldDag(root, evaluateNode);
}

export function childrenOf(s: Sym): readonly Sym[] {
  switch (s.kind) {
    case 'sum': return s.terms;
    case 'prod': return s.factors;
    case 'pow': return [s.base, s.exponent];
    case 'apply':
    case 'iverson': return s.args;
    case 'sign': return [s.arg];
    default: return [];
  }
}

function evaluateNode(s: Sym, valueOf: (c: Sym) => number): number {
  switch (s.kind) {
    case 'num':
    case 'var':
    case 'named': return s.value;
    case 'sum': return s.terms.reduce((acc, t) => acc + valueOf(t), 0);
    case 'prod': return s.factors.reduce((acc, f) => acc * valueOf(f), s.coef);
    case 'pow': return power(valueOf(s.base), valueOf(s.exponent));
    case 'apply': return applyOp(s.op, s.args.map(valueOf), s.attrs);
    case 'iverson':
    case 'sign': return s.atPoint;
  }
}

function applyOp(op: string, args: readonly number[], attrs: Attrs): number {
  return getOp(op).forward(args.map(Tensor.scalar), attrs).data[0];
}

function iversonValue(relation: Relation | 'between', v: readonly number[]): number {
  switch (relation) {
    case '>': return v[0] > v[1] ? 1 : 0;
    case '<': return v[0] < v[1] ? 1 : 0;
    case '>=': return v[0] >= v[1] ? 1 : 0;
    case '<=': return v[0] <= v[1] ? 1 : 0;
    case '=': return v[0] === v[1] ? 1 : 0;
    case 'between': return v[0] <= v[1] && v[1] <= v[2] ? 1 : 0;
  }
}

/** Short enough to print exactly: a folded constant that reads better than the expression. */
export function isNice(v: number): boolean {
  return Number.isFinite(v) && String(v).length <= 8;
}

function attrsKey(attrs: Attrs): string {
  const keys = Object.keys(attrs).filter(k => attrs[k] !== undefined).sort();
  return keys.length === 0 ? '' : JSON.stringify(keys.map(k => [k, attrs[k]]));
}

function byNumber(a: number, b: number): number {
  return a - b;
}
