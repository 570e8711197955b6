// Re-evaluation of the output with some leaves replaced, on private values: the graph's own values
// and adjoints are never touched. Every finite-difference reference (central, Richardson, the sweep,
// the diagnosis) is built on it.
import { applyOp } from './autograd';
import { PassBuffers, withBuffers } from './buffers';
import { Graph, GraphNode, NodeId } from './graph';
import { OpDef } from './op';
import { getOp } from './ops';
import { Tensor } from './tensor';

export function leafValue(leaf: GraphNode): Tensor {
  return leaf.value as Tensor; // requireForwardAndBackward has checked every node of the order
}

export function leafName(leaf: GraphNode): string {
  return leaf.name ?? leaf.label;
}

/** A leaf that reaches the output only through non-differentiable inputs gets no adjoint: its gradient is 0. */
export function leafGradient(leaf: GraphNode, flat: number): number {
  return leaf.grad ? leaf.grad.data[flat] : 0;
}

/** The op nodes downstream of some leaves, in topological order: all that changes when they do. */
export interface Plan {
  readonly leafIds: readonly NodeId[];
  readonly nodes: readonly GraphNode[];
  /** Parallel to `nodes`: each node's op, looked up once per plan rather than once per evaluation. */
  readonly ops: readonly OpDef[];
  /** Parallel to `nodes`: the op's branch function when it has kinks. */
  readonly kinked: readonly (OpDef['branch'] | undefined)[];
}

export interface Evaluation {
  /** A copy of the output's entries. */
  output: Float64Array;
  /** Branch signature of each kinked node of the plan, in plan order. */
  signatures: { node: NodeId; branch: Float64Array }[];
}

export class Reevaluator {
  evaluations = 0;
  /** Private values of the perturbed leaves and of the nodes downstream; unset ids read the graph. */
  private readonly overlay: (Tensor | undefined)[];
  /** The arrays of the downstream values, reused by the next evaluation: only copies leave evaluate(). */
  private readonly buffers = new PassBuffers();

  constructor(private readonly graph: Graph, private readonly output: NodeId, private readonly order: readonly NodeId[]) {
    this.overlay = new Array<Tensor | undefined>(graph.size);
  }

  plan(leafIds: readonly NodeId[]): Plan {
    const changes = new Uint8Array(this.graph.size);
    for (const id of leafIds) { changes[id] = 1; }
    const nodes: GraphNode[] = [];
    for (const id of this.order) {
      const node = this.graph.nodes[id];
      if (node.kind === 'op' && anyChanged(node.inputs, changes)) {
        changes[id] = 1;
        nodes.push(node);
      }
    }
    const ops = nodes.map(n => getOp(n.op));
    return { leafIds, nodes, ops, kinked: ops.map(op => op.branch) };
  }

  /** Evaluates the plan with `leafValues` (parallel to plan.leafIds) in place of the leaves' values. */
  evaluate(plan: Plan, leafValues: readonly Tensor[]): Evaluation {
    const nodes = this.graph.nodes;
    const overlay = this.overlay;
    const valueOf = (id: NodeId): Tensor => overlay[id] ?? (nodes[id].value as Tensor);
    plan.leafIds.forEach((id, k) => { overlay[id] = leafValues[k]; });
    const signatures: Evaluation['signatures'] = [];
    this.buffers.beginForward();
    withBuffers(this.buffers, () => {
      for (let k = 0; k < plan.nodes.length; k++) {
        const node = plan.nodes[k];
        const inputs = inputValues(node.inputs, overlay, nodes);
        const value = applyOp(node, plan.ops[k], inputs);
        overlay[node.id] = value;
        const branch = plan.kinked[k];
        if (branch) {
          signatures.push({ node: node.id, branch: Float64Array.from(branch(inputs, node.attrs, value)) });
        }
      }
    });
    this.evaluations++;
    // A copy: an op may pass its input tensor through unchanged, and the output may then be the
    // perturbed leaf's private buffer, which the next perturbation overwrites.
    const output = valueOf(this.output).data.slice();
    for (const id of plan.leafIds) { overlay[id] = undefined; }
    for (const node of plan.nodes) { overlay[node.id] = undefined; }
    return { output, signatures };
  }
}

/** The values of `ids`: private ones from the overlay, else the graph's. A plain loop: it runs once per node per evaluation. */
function inputValues(ids: readonly NodeId[], overlay: readonly (Tensor | undefined)[], nodes: readonly GraphNode[]): Tensor[] {
  const values = new Array<Tensor>(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    values[i] = overlay[id] ?? (nodes[id].value as Tensor);
  }
  return values;
}

/** Whether any of `inputs` is marked in `changes`; a plain loop, since plan() runs it on every node for every leaf. */
function anyChanged(inputs: readonly NodeId[], changes: Uint8Array): boolean {
  for (let i = 0; i < inputs.length; i++) {
    if (changes[inputs[i]] === 1) { return true; }
  }
  return false;
}

/** The first node, in topological order, whose branch differs between the two evaluations. */
export function firstKink(plus: Evaluation, minus: Evaluation): NodeId | undefined {
  for (let k = 0; k < plus.signatures.length; k++) {
    const a = plus.signatures[k].branch, b = minus.signatures[k].branch;
    if (a.length !== b.length) { return plus.signatures[k].node; }
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) { return plus.signatures[k].node; }
    }
  }
  return undefined;
}

/** Σ term(i) for i < n, compensated (Neumaier) so that many small terms keep their digits. */
export function compensatedSum(n: number, term: (i: number) => number): number {
  let sum = 0, compensation = 0;
  for (let i = 0; i < n; i++) {
    const v = term(i);
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * sum(plus) − sum(minus) taken entry by entry: entries the perturbation did not reach cancel
 * exactly instead of drowning the difference in the round-off of two large sums.
 */
export function differenceOfSums(plus: Float64Array, minus: Float64Array): number {
  return compensatedSum(plus.length, i => plus[i] - minus[i]);
}

/** f with one entry of the leaf's private copy set to `shifted`; the entry is restored exactly. */
export function evaluateWithEntry(evaluator: Reevaluator, plan: Plan, perturbed: Tensor, flat: number, shifted: number): Evaluation {
  const data = perturbed.data;
  const x = data[flat];
  data[flat] = shifted;
  try {
    return evaluator.evaluate(plan, [perturbed]);
  } finally {
    data[flat] = x;
  }
}

/**
 * (f(x + h) − f(x − h)) / step, and the first node whose branch differs between the two. For one
 * entry the step is (x + h) − (x − h), the step actually taken, which removes the rounding of x ± h;
 * when h is below the spacing of doubles at x that step is 0 and the derivative NaN: a failure, as
 * it should be, since no step was taken.
 */
export function centralDifference(plus: Evaluation, minus: Evaluation, step: number): { numeric: number; kinkNode?: NodeId } {
  return { numeric: differenceOfSums(plus.output, minus.output) / step, kinkNode: firstKink(plus, minus) };
}

/**
 * h = eps·max(1, |x|), as SciPy and numdifftools scale it: a step below the spacing of doubles at
 * a large |x| would not move x at all. A non-finite x keeps the plain eps.
 */
export function relativeStep(eps: number, x: number): number {
  return Number.isFinite(x) ? eps * Math.max(1, Math.abs(x)) : eps;
}
