// Evaluates one side of a claim at a point: derivative terms by our own autograd (the function's
// body built as a graph with its parameters as leaves, forward, backward, the variable's adjoint),
// everything else by the forward pass. Each side is its own small graph, so a claim's derivative is
// computed exactly as the panel computes gradients.
import { backward, forward } from '../engine/autograd';
import { InspectError, SourceRange } from '../engine/errors';
import { Tensor } from '../engine/tensor';
import { Expr, Program } from './ast';
import { namedConstant } from './aliases';
import { Bindings } from './bindings';
import { children, containsDerivative, derivativeTerm } from './latex-derivative-terms';
import { Expander, LatexDefinition, signature } from './latex-definitions';
import { lowerProgram } from './lower';

/** A derivative term resolved against the document: what is differentiated, by what, where. */
export interface ResolvedDerivative {
  body: Expr;
  variable: string;
  /** Parameter → argument expression; empty: the parameters take the point's values. */
  at: Map<string, Expr>;
}

/** A side of a claim with its derivative terms replaced by placeholder names ∂0, ∂1, …. */
export interface ClaimSide {
  expr: Expr;
  derivatives: Map<string, ResolvedDerivative>;
}

/** Placeholders cannot collide with a parsed name: no front-end reads '∂' into a name. */
const PLACEHOLDER = '∂';

export function prepareSide(expr: Expr, expander: Expander, offset: number, counter: { next: number }): ClaimSide {
  const derivatives = new Map<string, ResolvedDerivative>();
  if (!containsDerivative(expr)) { return { expr, derivatives }; }
  const walk = (e: Expr): Expr => {
    if (e.kind === 'call') {
      const term = derivativeTerm(e);
      if (term) {
        const name = `${PLACEHOLDER}${counter.next++}`;
        derivatives.set(name, resolve(term, e, expander, offset));
        return { kind: 'name', name, range: e.range };
      }
      return { ...e, args: e.args.map(walk) };
    }
    if (e.kind === 'unary') { return { ...e, operand: walk(e.operand) }; }
    if (e.kind === 'binary') { return { ...e, left: walk(e.left), right: walk(e.right) }; }
    if (e.kind === 'list') { return { ...e, items: e.items.map(walk) }; }
    if (e.kind === 'index') { return { ...e, object: walk(e.object) }; }
    return e;
  };
  return { expr: walk(expr), derivatives };
}

function resolve(term: ReturnType<typeof derivativeTerm> & object, call: Expr & { kind: 'call' }, expander: Expander, offset: number): ResolvedDerivative {
  if (!term.fn) { return { body: requireNoDerivative(term.body as Expr), variable: term.variable, at: new Map() }; }
  const definition = expander.definition(term.fn, offset, call.calleeRange);
  const variable = term.variable === '' ? primeVariable(definition, call.calleeRange) : term.variable;
  const body = requireNoDerivative(expander.applied(definition, [], call.range));
  if (term.args.length > 0 && term.args.length !== definition.params.length) {
    throw new InspectError(`${term.fn} takes ${definition.params.length} arguments (${signature(definition)}, line ${definition.line}), got ${term.args.length}`, 'unsupported', call.range, `${definition.params.length} arguments`);
  }
  return { body, variable, at: new Map(term.args.map((a, i) => [definition.params[i], a])) };
}

/** The variable of g': g's only parameter; a function of several parameters has partials instead. */
export function primeVariable(definition: LatexDefinition, range: SourceRange): string {
  if (definition.params.length !== 1) {
    throw new InspectError(`${definition.name}' needs ${definition.name} to have one parameter; ${signature(definition)} (line ${definition.line}) has ${definition.params.length}`,
      'unsupported', range, `\\frac{\\partial ${definition.name}}{\\partial ${definition.params[0] ?? 'x'}}`);
  }
  return definition.params[0];
}

function requireNoDerivative(body: Expr): Expr {
  const pending = [body];
  for (let e = pending.pop(); e; e = pending.pop()) {
    if (e.kind === 'call' && derivativeTerm(e)) {
      throw new InspectError('a derivative of an expression that contains a derivative is not supported', 'unsupported', e.range, 'a first derivative of a defined function');
    }
    pending.push(...children(e));
  }
  return body;
}

/** The variables a side needs values for, in order of appearance (placeholders resolved). */
export function sideVariables(side: ClaimSide): string[] {
  const names: string[] = [];
  const add = (n: string): void => { if (!names.includes(n) && namedConstant(n, 'math') === undefined) { names.push(n); } };
  const visit = (root: Expr, skip: ReadonlySet<string>): void => {
    const pending = [root];
    for (let e = pending.pop(); e; e = pending.pop()) {
      if (e.kind === 'name') {
        const derivative = side.derivatives.get(e.name);
        if (derivative) { visitDerivative(derivative); } else if (!skip.has(e.name)) { add(e.name); }
      }
      pending.push(...children(e).reverse());
    }
  };
  const visitDerivative = (d: ResolvedDerivative): void => {
    for (const arg of d.at.values()) { visit(arg, new Set()); }
    visit(d.body, new Set(d.at.keys()));
  };
  visit(side.expr, new Set());
  return names;
}

export function evaluateSide(side: ClaimSide, point: Bindings): Tensor {
  const bindings = new Map(point);
  for (const [name, derivative] of side.derivatives) { bindings.set(name, derivativeAt(derivative, point)); }
  return valueOf(side.expr, bindings);
}

function derivativeAt(d: ResolvedDerivative, point: Bindings): Tensor {
  const bindings = new Map(point);
  for (const [param, arg] of d.at) { bindings.set(param, valueOf(arg, point)); }
  const { graph, output } = lowerProgram(program(d.body), bindings);
  forward(graph, output);
  backward(graph, output);
  const leaves = graph.leaves(output);
  const leaf = leaves.find(l => l.name === d.variable);
  if (leaf) { return leaf.grad ?? Tensor.zeros(leaf.value?.shape ?? []); }
  // ∇_w f over w_0, w_1, …: the gradient with respect to the indexed scalars, in index order.
  const indexed = leaves.filter(l => new RegExp(`^${escape(d.variable)}_\\d+$`).test(l.name ?? ''))
    .sort((a, b) => Number((a.name as string).split('_').pop()) - Number((b.name as string).split('_').pop()));
  if (indexed.length > 0) { return Tensor.fromNested(indexed.map(l => l.grad?.data[0] ?? 0)); }
  return Tensor.zeros(bindings.get(d.variable)?.shape ?? []);
}

function valueOf(expr: Expr, bindings: Bindings): Tensor {
  const { graph, output } = lowerProgram(program(expr), bindings);
  return forward(graph, output);
}

function program(expr: Expr): Program {
  return { language: 'latex', statements: [{ kind: 'expr', expr, range: expr.range }], notes: [] };
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

