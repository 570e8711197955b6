// Walks over LaTeX expression trees that grow after parsing: sums written out term by term and
// definitions expanded into their uses. Both rebuild trees without recursion (a 5,000-term sum is a
// 5,000-deep left chain), and both must stay within what the later stages take: the nesting they
// recurse on (MAX_NESTING) and a number of nodes. Expanded trees share sub-trees (an argument is
// placed at every use of its parameter), so both are measured as the later stages see them, as trees,
// but computed once per shared node.
import { InspectError, SourceRange } from '../engine/errors';
import { Expr } from './ast';
import { children } from './latex-derivative-terms';
import { MAX_NESTING } from './nesting';

/** Nodes a formula may have once its sums are written out and its definitions expanded. */
export const MAX_EXPANDED_NODES = 200_000;

/** `e` with its children (in the order `children` gives them) replaced. */
function withChildren(e: Expr, kids: readonly Expr[]): Expr {
  switch (e.kind) {
    case 'unary': return { ...e, operand: kids[0] };
    case 'binary': return { ...e, left: kids[0], right: kids[1] };
    case 'call': return { ...e, args: [...kids] };
    case 'index': return { ...e, object: kids[0] };
    case 'list': return { ...e, items: [...kids] };
    default: return e;
  }
}

interface Frame { expr: Expr; kids: Expr[]; done: Expr[] }

/**
 * The tree rebuilt bottom-up without recursion: `leave` gets each node with its children already
 * rebuilt and returns what stands in its place. `skip` keeps a node as it is, its children unvisited.
 */
export function rebuildTree(root: Expr, leave: (rebuilt: Expr) => Expr, skip: (e: Expr) => boolean = () => false): Expr {
  const frame = (expr: Expr): Frame => ({ expr, kids: skip(expr) ? [] : children(expr), done: [] });
  const stack: Frame[] = [frame(root)];
  for (;;) {
    const top = stack[stack.length - 1];
    if (top.done.length < top.kids.length) {
      stack.push(frame(top.kids[top.done.length]));
      continue;
    }
    stack.pop();
    const result = skip(top.expr) ? top.expr : leave(withChildren(top.expr, top.done));
    if (stack.length === 0) { return result; }
    stack[stack.length - 1].done.push(result);
  }
}

/** Does the later stages' recursion go one level deeper into `child` of `parent`? Not along a left chain (they walk its spine). */
function deepens(parent: Expr, index: number): boolean {
  return !(parent.kind === 'binary' && parent.op !== '^' && index === 0);
}

/** Size (nodes, counted as a tree) and nesting of expressions, each shared node measured once. */
export class TreeMeasure {
  private readonly known = new WeakMap<Expr, { nodes: number; nesting: number }>();

  measure(root: Expr): { nodes: number; nesting: number } {
    const stack: Expr[] = [root];
    while (stack.length > 0) {
      const e = stack[stack.length - 1];
      if (this.known.has(e)) { stack.pop(); continue; }
      const kids = children(e);
      const pending = kids.filter(k => !this.known.has(k));
      // One push at a time: a list of 100,000 items would overflow a spread call's arguments.
      if (pending.length > 0) { pending.forEach(k => stack.push(k)); continue; }
      stack.pop();
      let nodes = 1, nesting = 0;
      kids.forEach((k, i) => {
        const m = this.known.get(k) as { nodes: number; nesting: number };
        nodes += m.nodes;
        nesting = Math.max(nesting, m.nesting + (deepens(e, i) ? 1 : 0));
      });
      this.known.set(e, { nodes, nesting });
    }
    return this.known.get(root) as { nodes: number; nesting: number };
  }

  /** Refuses, at `range`, a tree the later stages could not take; `what` says how it grew. */
  require(root: Expr, range: SourceRange, what: string): void {
    const { nodes, nesting } = this.measure(root);
    if (nesting > MAX_NESTING) {
      throw new InspectError(`${what}, the formula nests deeper than ${MAX_NESTING} levels (${nesting})`, 'limit', range, `at most ${MAX_NESTING} levels of nesting`);
    }
    if (nodes > MAX_EXPANDED_NODES) {
      throw new InspectError(`${what}, the formula has ${nodes.toLocaleString('en-US')} nodes, more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')}`, 'limit', range,
        `at most ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes`);
    }
  }
}
