// Symbolic derivatives of a scalar graph: ∂output/∂leaf for every leaf as an expression, built by
// reverse-mode accumulation over the graph with the per-op rules of symbolic-rules.ts, simplified
// as it is built (symbolic-expr.ts), printed as text and LaTeX (symbolic-print.ts) and evaluated at
// the point, where it equals the autograd gradient.
import { forward } from './autograd';
import { Graph, GraphNode, NodeId } from './graph';
import { evaluate, ExpressionTooLarge, Sym, SymBuilder, SumSym } from './symbolic-expr';
import { SymPrinter } from './symbolic-print';
import { DERIVATIVE_RULES, DerivativeRule, primalOf } from './symbolic-rules';

export interface SymbolicDerivative {
  /** Plain text: `5 * cos(5 * exp(x)) * exp(x)`. */
  text: string;
  /** LaTeX: `5 \cos(5 e^{x}) e^{x}`. */
  latex: string;
  /** The expression evaluated at the point, in float64. */
  value: number;
}

export type SymbolicResult =
  | { ok: true; derivatives: Map<string, SymbolicDerivative> }
  | { ok: false; reason: string };

export const TENSOR_REASON = 'symbolic form not available for tensors';
export const TOO_LARGE_REASON = 'expression too large to print';
/** Longest printed derivative (plain text; LaTeX may be twice as long). */
export const MAX_PRINTED_LENGTH = 2000;
/** Graphs bigger than this are not differentiated symbolically: their derivatives cannot print. */
export const MAX_SYMBOLIC_NODES = 5000;
/** Distinct sub-expressions a derivation may build. */
const MAX_EXPRESSIONS = 200_000;

export function symbolicDerivatives(graph: Graph, output: NodeId, order: readonly NodeId[] = graph.order(output)): SymbolicResult {
  if (order.length > MAX_SYMBOLIC_NODES) { return { ok: false, reason: TOO_LARGE_REASON }; }
  if (order.some(id => graph.nodes[id].value === undefined)) { forward(graph, output, order); }
  if (order.some(id => graph.nodes[id].value?.size !== 1)) { return { ok: false, reason: TENSOR_REASON }; }
  const missing = order.map(id => graph.nodes[id]).find(n => n.kind === 'op' && !DERIVATIVE_RULES.has(n.op));
  if (missing) { return { ok: false, reason: `symbolic form not available: no derivative rule for op ${missing.op}` }; }
  // A printed sum or product of n parts is at least 4n − 3 characters long.
  const b = new SymBuilder({ maxWidth: Math.ceil(MAX_PRINTED_LENGTH / 4), maxExpressions: MAX_EXPRESSIONS });
  const derivatives = new Map<string, SymbolicDerivative>();
  try {
    const primal = primals(graph, order, b);
    const adjoints = accumulate(graph, order, output, primal, b);
    const printer = new SymPrinter(b, MAX_PRINTED_LENGTH);
    for (const leaf of graph.leaves(output, order)) {
      const derivative = pullCommonFactors(b, sumInSourceOrder(b, adjoints.get(leaf.id)));
      const printed = printer.printChecked(derivative);
      derivatives.set(leaf.name ?? leaf.label, { text: printed.text, latex: printed.latex, value: evaluate(derivative) });
    }
  } catch (err) {
    if (err instanceof ExpressionTooLarge) { return { ok: false, reason: TOO_LARGE_REASON }; }
    throw err;
  }
  return { ok: true, derivatives };
}

/** Each node's value as an expression in the leaves. */
function primals(graph: Graph, order: readonly NodeId[], b: SymBuilder): Sym[] {
  const primal: Sym[] = [];
  for (const id of order) {
    const node = graph.nodes[id];
    const value = scalarOf(node);
    if (node.kind === 'leaf') {
      primal[id] = b.variable(node.name ?? node.label, value);
    } else if (node.kind === 'constant') {
      primal[id] = constantSym(node, value, b);
    } else {
      primal[id] = primalOf(b, node.op, node.inputs.map(i => primal[i]), node.attrs);
    }
  }
  return primal;
}

/** Reverse mode: each op passes adjoint · ∂op/∂input to its inputs. */
function accumulate(graph: Graph, order: readonly NodeId[], output: NodeId, primal: readonly Sym[], b: SymBuilder): Map<NodeId, Contribution[]> {
  const adjoints = new Map<NodeId, Contribution[]>([[output, [{ term: b.num(1), from: graph.nodes[output] }]]]);
  for (let k = order.length - 1; k >= 0; k--) {
    const node = graph.nodes[order[k]];
    const contributions = adjoints.get(node.id);
    if (node.kind !== 'op' || !contributions) { continue; }
    const seed = sumInSourceOrder(b, contributions);
    const wanted = node.inputs.map(i => graph.nodes[i].kind !== 'constant');
    // Every op of the graph has a rule: symbolicDerivatives checked before starting.
    const rule = DERIVATIVE_RULES.get(node.op) as DerivativeRule;
    const partials = rule({
      b, args: node.inputs.map(i => primal[i]), out: primal[node.id], attrs: node.attrs, values: node.inputs.map(i => scalarOf(graph.nodes[i])), wanted,
    });
    node.inputs.forEach((input, j) => {
      const partial = partials[j];
      if (!wanted[j] || !partial) { return; }
      const list = adjoints.get(input);
      const contribution = { term: b.mul(seed, partial), from: node };
      if (list) { list.push(contribution); } else { adjoints.set(input, [contribution]); }
    });
  }
  return adjoints;
}

/** One term of a node's adjoint: what the consumer `from` passes back. */
interface Contribution { term: Sym; from: GraphNode }

/**
 * Terms in the order their consumers appear in the source (by range, else by creation), so the
 * derivative follows the text: d/dx of x^3 - 2x^2 + 5x reads 3x^2 - 4x + 5, of x·sin(x) reads
 * sin(x) + x·cos(x).
 */
function sumInSourceOrder(b: SymBuilder, contributions: readonly Contribution[] | undefined): Sym {
  if (!contributions) { return b.num(0); }
  const position = (c: Contribution): number => c.from.range?.start ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...contributions].sort((p, q) => position(p) - position(q) || p.from.id - q.from.id);
  return b.sum(sorted.map(c => c.term));
}

function scalarOf(node: GraphNode): number {
  return (node.value as NonNullable<GraphNode['value']>).data[0];
}

/** A literal prints as its number; a named constant (pi, np.e) by its name. */
function constantSym(node: GraphNode, value: number, b: SymBuilder): Sym {
  const name = /^[A-Za-z_π][\w.]*$/u.test(node.label) ? node.label.slice(node.label.lastIndexOf('.') + 1) : undefined;
  return name === undefined ? b.num(value) : b.named(name === 'π' ? 'pi' : name, value);
}

/** y·a + y·b → y·(a + b), for factors every term has (at the top, and in a product's sums). */
function pullCommonFactors(b: SymBuilder, s: Sym): Sym {
  if (s.kind === 'sum') { return pullFromSum(b, s); }
  if (s.kind === 'prod') { return b.product(s.coef, s.factors.map(f => (f.kind === 'sum' ? pullFromSum(b, f) : f))); }
  return s;
}

/** Polynomials read best expanded (3x^2 - 4x), so only sums with other terms are factored. */
function pullFromSum(b: SymBuilder, s: SumSym): Sym {
  if (s.terms.some(t => t.kind === 'num') || s.terms.every(isMonomial)) { return s; }
  const powers = s.terms.map(factorPowers);
  const common: { base: Sym; exponent: number }[] = [];
  for (const [id, first] of powers[0]) {
    let exponent = first.exponent;
    for (const other of powers.slice(1)) {
      const match = other.get(id);
      exponent = match ? Math.min(exponent, match.exponent) : 0;
    }
    if (exponent > 0) { common.push({ base: first.base, exponent }); }
  }
  if (common.length === 0) { return s; }
  const shared = common.map(c => b.pow(c.base, b.num(c.exponent)));
  const inverse = common.map(c => b.pow(c.base, b.num(-c.exponent)));
  const rest = b.sum(s.terms.map(t => b.product(1, [t, ...inverse])));
  return b.product(1, [...shared, rest]);
}

function isMonomial(t: Sym): boolean {
  return (t.kind === 'prod' ? t.factors : [t]).every(f => f.kind === 'var' || f.kind === 'named' || (f.kind === 'pow' && f.base.kind === 'var' && f.exponent.kind === 'num'));
}

/** A term's factors with positive numeric exponents, by base. */
function factorPowers(t: Sym): Map<number, { base: Sym; exponent: number }> {
  const out = new Map<number, { base: Sym; exponent: number }>();
  for (const f of t.kind === 'prod' ? t.factors : [t]) {
    if (f.kind === 'pow') {
      if (f.exponent.kind === 'num' && f.exponent.value > 0) { out.set(f.base.id, { base: f.base, exponent: f.exponent.value }); }
    } else {
      out.set(f.id, { base: f, exponent: 1 });
    }
  }
  return out;
}
