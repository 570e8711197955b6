// A derivative written in LaTeX (g'(x), \frac{\partial g}{\partial x}(a, b), \nabla_{w} f,
// \frac{d}{dx} …) travels in the shared syntax tree as a call with a reserved callee, so no
// front-end or lowering switch needs a new node kind. The claims module evaluates these calls; the
// lowering never sees them (a formula containing one is analysed through its subject instead).
import { CallExpr, Expr } from './ast';

/** No name the parsers accept contains a colon, so this prefix never meets a user's function. */
const PREFIX = 'derivative:';

export interface DerivativeTerm {
  /** The defined function (or defined name) differentiated; undefined for an expression after d/dx. */
  fn?: string;
  /** The variable: a parameter of `fn`, a free variable, or '' for the only parameter (g'). */
  variable: string;
  /** Where the derivative is evaluated (bound to the parameters in order); empty: at the variables of the same names. */
  args: Expr[];
  /** The expression differentiated when there is no `fn`. */
  body?: Expr;
}

export function derivativeCall(term: DerivativeTerm, range: CallExpr['range'], calleeRange: CallExpr['range']): CallExpr {
  const args = term.body ? [term.body] : term.args;
  return { kind: 'call', callee: `${PREFIX}${term.variable}:${term.fn ?? ''}`, calleeRange, args, kwargs: [], range };
}

/** The derivative a call stands for, or undefined for an ordinary call. */
export function derivativeTerm(call: CallExpr): DerivativeTerm | undefined {
  if (!call.callee.startsWith(PREFIX)) { return undefined; }
  const [variable, fn] = call.callee.slice(PREFIX.length).split(':');
  return fn === '' ? { variable, args: [], body: call.args[0] } : { fn, variable, args: call.args };
}

/** Does the expression contain a derivative term? Iterative: long sums cannot exhaust the stack. */
export function containsDerivative(root: Expr): boolean {
  const pending: Expr[] = [root];
  for (let e = pending.pop(); e; e = pending.pop()) {
    if (e.kind === 'call' && e.callee.startsWith(PREFIX)) { return true; }
    pending.push(...children(e));
  }
  return false;
}

/** Does any node of the expression satisfy `test`? Iterative: long chains cannot exhaust the stack. */
export function someNode(root: Expr, test: (e: Expr) => boolean): boolean {
  const pending: Expr[] = [root];
  for (let e = pending.pop(); e; e = pending.pop()) {
    if (test(e)) { return true; }
    pending.push(...children(e));
  }
  return false;
}

/** The sub-expressions of a node, for walks over LaTeX trees (no methods, attributes or slices there). */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'unary': return [e.operand];
    case 'binary': return [e.left, e.right];
    case 'call': return e.args;
    case 'index': return [e.object];
    case 'list': return e.items;
    default: return [];
  }
}
