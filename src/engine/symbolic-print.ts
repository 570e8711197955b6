// Prints normal-form expressions as plain text (`5 * cos(5 * exp(x)) * exp(x)`) and LaTeX
// (`5 \cos(5 e^{x}) e^{x}`), with parentheses only where precedence needs them. Functions print
// through their op's written form (src/engine/op.ts); sums, products, quotients and powers are
// printed here because the normal form makes them n-ary. In a product the numeric coefficient
// comes first, then named constants and variables, then the other factors in the order the chain
// rule produced them; factors with negative powers go to the denominator.
import { Attrs, Precedence } from './op';
import { getOp, hasOp } from './ops';
import { childrenOf, ExpressionTooLarge, foldDag, NumSym, PowSym, ProdSym, Relation, Sym, SymBuilder } from './symbolic-expr';

export interface Printed { text: string; latex: string; precedence: Precedence }

// Greek names print as their commands (the engine does not depend on src/lang, hence its own list).
const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi',
  'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);
const ACCENTS = new Set(['hat', 'bar', 'tilde', 'dot', 'ddot', 'check', 'breve']);

const RELATION_TEXT: Readonly<Record<Relation, string>> = { '>': '>', '<': '<', '>=': '>=', '<=': '<=', '=': '=' };
const RELATION_LATEX: Readonly<Record<Relation, string>> = { '>': '>', '<': '<', '>=': '\\geq', '<=': '\\leq', '=': '=' };

/** Deeper nesting than this does not read and is not printed (printing recurses once per level). */
const MAX_PRINT_DEPTH = 400;

/** Largest denominator shown as a fraction (1/2, 2/3, 1/12); other non-integers print as decimals. */
const MAX_DENOMINATOR = 12;

export class SymPrinter {
  private readonly memo = new Map<number, Printed>();

  constructor(private readonly b: SymBuilder, private readonly maxLength: number) {}

  /** Prints `s`, or throws ExpressionTooLarge before starting when the result would be too long or deep. */
  printChecked(s: Sym): Printed {
    const { length, depth } = printedExtent(s, this.maxLength);
    if (length > this.maxLength || depth > MAX_PRINT_DEPTH) { throw new ExpressionTooLarge('expression too large to print'); }
    return this.print(s);
  }

  private print(s: Sym): Printed {
    const known = this.memo.get(s.id);
    if (known) { return known; }
    const printed = this.printNode(s);
    if (printed.text.length > this.maxLength || printed.latex.length > 2 * this.maxLength) {
      throw new ExpressionTooLarge('expression too large to print');
    }
    this.memo.set(s.id, printed);
    return printed;
  }

  private printNode(s: Sym): Printed {
    switch (s.kind) {
      case 'num': return printNumber(s.value);
      case 'var': return { text: s.name, latex: latexName(s.name), precedence: Precedence.Atom };
      case 'named': return { text: s.name, latex: GREEK.has(s.name) ? `\\${s.name}` : s.name, precedence: Precedence.Atom };
      case 'sum': return this.sum(s.terms);
      case 'prod': return this.product(s);
      case 'pow': return this.power(s);
      case 'apply': return this.apply(s.op, s.args.map(a => this.print(a)), s.attrs);
      case 'iverson': return this.iverson(s.relation, s.args.map(a => this.print(a)));
      case 'sign': {
        const a = this.print(s.arg);
        return { text: `sign(${a.text})`, latex: `\\operatorname{sign}(${a.latex})`, precedence: Precedence.Atom };
      }
    }
  }

  /** Terms in order, except that a sum starting with a negative term starts with its first positive one (a − b, not −b + a). */
  private sum(terms: readonly Sym[]): Printed {
    const isNegative = (t: Sym): boolean => (t.kind === 'num' ? t.value < 0 : this.b.splitCoefficient(t).coef < 0);
    const firstPositive = terms.findIndex(t => !isNegative(t));
    const ordered = firstPositive > 0 ? [terms[firstPositive], ...terms.filter((_, i) => i !== firstPositive)] : terms;
    let text = '';
    let latex = '';
    ordered.forEach((t, i) => {
      const { coef, rest } = this.b.splitCoefficient(t);
      const negative = isNegative(t);
      const shown = !negative ? t : t.kind === 'num' ? this.b.num(-t.value) : this.b.scale(-coef, rest);
      const p = this.print(shown);
      const sign = negative ? (i === 0 ? '-' : ' - ') : i === 0 ? '' : ' + ';
      const wrap = negative && p.precedence <= Precedence.Sum;
      text += sign + (wrap ? `(${p.text})` : p.text);
      latex += sign + (wrap ? `\\left(${p.latex}\\right)` : p.latex);
    });
    return { text, latex, precedence: Precedence.Sum };
  }

  private product(p: ProdSym): Printed {
    const numerators: Sym[] = [];
    const denominators: Sym[] = [];
    for (const f of p.factors) {
      if (f.kind === 'pow' && f.exponent.kind === 'num' && f.exponent.value < 0) {
        denominators.push(this.b.pow(f.base, this.b.num(-f.exponent.value)));
      } else {
        numerators.push(f);
      }
    }
    const ordered = [0, 1, 2].flatMap(rank => numerators.filter(f => factorRank(f) === rank));
    const negative = p.coef < 0;
    const { numerator: coefTop, denominator: coefBottom } = fraction(Math.abs(p.coef));
    const top = this.factors(coefTop === 1 && ordered.length > 0 ? [] : [this.b.num(coefTop)], ordered);
    const bottom = coefBottom === 1 && denominators.length === 0 ? undefined
      : this.factors(coefBottom === 1 ? [] : [this.b.num(coefBottom)], denominators);
    const sign = negative ? '-' : '';
    if (!bottom) {
      const wrapped = negative && top.precedence < Precedence.Product;
      return {
        text: sign + (wrapped ? `(${top.text})` : top.text),
        latex: sign + (wrapped ? `\\left(${top.latex}\\right)` : top.latex),
        precedence: negative ? Precedence.Unary : Precedence.Product,
      };
    }
    const topText = top.precedence < Precedence.Product ? `(${top.text})` : top.text;
    const bottomText = bottom.precedence <= Precedence.Product ? `(${bottom.text})` : bottom.text;
    return {
      text: `${sign}${topText} / ${bottomText}`,
      latex: `${sign}\\frac{${top.latex}}{${bottom.latex}}`,
      precedence: negative ? Precedence.Unary : Precedence.Product,
    };
  }

  /** Factors of one side of a fraction: juxtaposed in LaTeX (\cdot before a digit), `*` in text. */
  private factors(leading: readonly NumSym[], rest: readonly Sym[]): Printed {
    const all = [...leading, ...rest];
    if (all.length === 1) { return this.print(all[0]); }
    const parts = all.map(f => {
      const p = this.print(f);
      return p.precedence <= Precedence.Product
        ? { text: `(${p.text})`, latex: `\\left(${p.latex}\\right)` }
        : { text: p.text, latex: p.latex };
    });
    const text = parts.map(q => q.text).join(' * ');
    let latex = parts[0].latex;
    for (let i = 1; i < parts.length; i++) {
      latex += /^[0-9.]/.test(parts[i].latex) ? ` \\cdot ${parts[i].latex}` : ` ${parts[i].latex}`;
    }
    return { text, latex, precedence: Precedence.Product };
  }

  private power(p: PowSym): Printed {
    if (p.exponent.kind === 'num' && p.exponent.value < 0) {
      return this.product({ kind: 'prod', id: -1, coef: 1, factors: [p] });
    }
    const base = this.print(p.base);
    if (p.exponent.kind === 'num' && p.exponent.value === 0.5) {
      return { text: `sqrt(${base.text})`, latex: `\\sqrt{${base.latex}}`, precedence: Precedence.Atom };
    }
    const exponent = this.print(p.exponent);
    const simpleBase = p.base.kind === 'var' || p.base.kind === 'named' || (p.base.kind === 'num' && p.base.value >= 0 && Number.isInteger(p.base.value));
    const baseText = base.precedence < Precedence.Atom ? `(${base.text})` : base.text;
    const baseLatex = simpleBase ? base.latex : base.precedence < Precedence.Atom ? `\\left(${base.latex}\\right)` : `{${base.latex}}`;
    const exponentText = exponent.precedence < Precedence.Atom ? `(${exponent.text})` : exponent.text;
    return { text: `${baseText}^${exponentText}`, latex: `${baseLatex}^{${exponent.latex}}`, precedence: Precedence.Power };
  }

  private apply(op: string, args: readonly Printed[], attrs: Attrs): Printed {
    const written = hasOp(op) ? getOp(op).written : undefined;
    if (!written) {
      return {
        text: `${op}(${args.map(a => a.text).join(', ')})`,
        latex: `\\operatorname{${op.replace(/_/g, '\\_')}}\\left(${args.map(a => a.latex).join(', ')}\\right)`,
        precedence: Precedence.Atom,
      };
    }
    const needsParens = (a: Printed): boolean => written.precedence !== Precedence.Atom && a.precedence <= written.precedence;
    return {
      text: written.text(args.map(a => (needsParens(a) ? `(${a.text})` : a.text)), attrs),
      latex: written.latex(args.map(a => (needsParens(a) ? `\\left(${a.latex}\\right)` : a.latex)), attrs),
      precedence: written.precedence,
    };
  }

  private iverson(relation: Relation | 'between', args: readonly Printed[]): Printed {
    if (relation === 'between') {
      const [lo, x, hi] = args;
      return { text: `[${lo.text} <= ${x.text} <= ${hi.text}]`, latex: `\\mathbb{1}[${lo.latex} \\leq ${x.latex} \\leq ${hi.latex}]`, precedence: Precedence.Atom };
    }
    const [a, c] = args;
    return {
      text: `[${a.text} ${RELATION_TEXT[relation]} ${c.text}]`,
      latex: `\\mathbb{1}[${a.latex} ${RELATION_LATEX[relation]} ${c.latex}]`,
      precedence: Precedence.Atom,
    };
  }
}

/**
 * A lower bound on the printed text's length (saturating just above `cap`), and the nesting depth,
 * computed without recursion.
 */
function printedExtent(root: Sym, cap: number): { length: number; depth: number } {
  return foldDag(root, (s, of) => {
    const children = childrenOf(s).map(of);
    const sum = Math.min(cap + 1, children.reduce((acc, c) => acc + c.length, 0));
    const depth = 1 + children.reduce((acc, c) => Math.max(acc, c.depth), 0);
    return { length: Math.min(cap + 1, sum + ownLength(s, children.length)), depth };
  });
}

/** Characters a node adds around its children, at least. */
function ownLength(s: Sym, children: number): number {
  switch (s.kind) {
    case 'num': return 1;
    case 'var':
    case 'named': return s.name.length;
    case 'sum': return 3 * (children - 1);
    case 'prod': return 3 * (children - 1) + (s.coef === 1 ? 0 : 1);
    case 'pow': return s.exponent.kind === 'num' && s.exponent.value === -1 ? 0 : 1;
    case 'apply':
    case 'iverson': return 2;
    case 'sign': return 6;
  }
}

/** Order of factors after the coefficient: named constants (2πx), then variables, then the rest. */
function factorRank(f: Sym): number {
  const base = f.kind === 'pow' ? f.base : f;
  return base.kind === 'named' ? 0 : base.kind === 'var' ? 1 : 2;
}

/** v as numerator/denominator when it is a fraction with a small denominator, else v/1. */
function fraction(v: number): { numerator: number; denominator: number } {
  if (Number.isInteger(v) || !Number.isFinite(v)) { return { numerator: v, denominator: 1 }; }
  for (let q = 2; q <= MAX_DENOMINATOR; q++) {
    const p = Math.round(v * q);
    // A few ulps of slack: 1/3 − 1 is not exactly −2/3 in float64 but reads as it.
    if (p !== 0 && Math.abs(p / q - v) <= 4 * Number.EPSILON * v) { return { numerator: p, denominator: q }; }
  }
  return { numerator: v, denominator: 1 };
}

function printNumber(v: number): Printed {
  const { numerator, denominator } = fraction(Math.abs(v));
  const sign = v < 0 ? '-' : '';
  if (denominator !== 1) {
    return { text: `${sign}${numerator}/${denominator}`, latex: `${sign}\\frac{${numerator}}{${denominator}}`, precedence: v < 0 ? Precedence.Unary : Precedence.Product };
  }
  const text = formatNumber(Math.abs(v));
  return { text: sign + text, latex: sign + latexNumber(text), precedence: v < 0 ? Precedence.Unary : Precedence.Atom };
}

/** Compact: integers exactly, others to 6 significant digits (the value itself stays exact). */
function formatNumber(v: number): string {
  if (!Number.isFinite(v)) { return v > 0 ? 'inf' : 'nan'; }
  if (Number.isInteger(v) && v < 1e15) { return String(v); }
  return String(Number(v.toPrecision(6)));
}

function latexNumber(text: string): string {
  if (text === 'inf') { return '\\infty'; }
  if (text === 'nan') { return '\\mathrm{NaN}'; }
  const m = /^([0-9.]+)e([+-]?)(\d+)$/.exec(text);
  return m ? `${m[1]} \\times 10^{${m[2] === '-' ? '-' : ''}${m[3]}}` : text;
}

/**
 * A variable name in LaTeX: `w_0` → `w_{0}`, `w0` → `w_{0}`, `y_hat` → `\hat{y}`, `theta_1` →
 * `\theta_{1}`, `loss` → `\mathrm{loss}`.
 */
export function latexName(name: string): string {
  const parts = name.split('_');
  let base = parts[0];
  let rest = parts.slice(1);
  const digits = /^([A-Za-z])(\d+)$/.exec(base);
  if (digits && rest.length === 0) {
    base = digits[1];
    rest = [digits[2]];
  }
  if (base === '' || !/^[A-Za-z]+$/.test(base) || (base.length > 1 && !GREEK.has(base))) {
    return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
  }
  let latex = GREEK.has(base) ? `\\${base}` : base;
  while (rest.length > 0 && ACCENTS.has(rest[0])) {
    latex = `\\${rest[0]}{${latex}}`;
    rest = rest.slice(1);
  }
  if (rest.length === 0) { return latex; }
  const subscript = rest.map(r => (GREEK.has(r) ? `\\${r}` : /^[A-Za-z0-9]+$/.test(r) ? r : `\\mathrm{${r}}`)).join(',');
  return `${latex}_{${subscript}}`;
}
