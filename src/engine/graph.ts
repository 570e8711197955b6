// The computation graph: a DAG of elementary operations. Nodes are appended after their inputs,
// so the node array is itself a topological order; `order()` keeps only what the output needs.
import { Budget } from './limits';
import { Attrs } from './op';
import { getOp } from './ops';
import { SourceRange } from './errors';
import { Tensor } from './tensor';

export type NodeId = number;

/**
 * leaf: a named input the gradient is taken with respect to (variable, weight, model input).
 * constant: a literal or a non-differentiable tensor (integer indices); no gradient.
 * op: an application of an op-table entry to earlier nodes.
 */
export type NodeKind = 'leaf' | 'constant' | 'op';

export interface GraphNode {
  readonly id: NodeId;
  readonly kind: NodeKind;
  /** Op-table name for op nodes; 'leaf' or 'constant' otherwise. */
  readonly op: string;
  readonly inputs: readonly NodeId[];
  readonly attrs: Attrs;
  /** What the graph shows: the variable name, '+', 'exp', 'Conv'. */
  label: string;
  /** Leaf name (variable, initializer, model input). */
  name?: string;
  /** Where the node comes from in the text. */
  range?: SourceRange;
  /** Model node it comes from (ONNX node name and op type). */
  origin?: string;
  /** Folding group for big graphs (ONNX layer prefix, sub-expression). */
  group?: string;
  /** Model layer for the gradient-flow statistics (the ONNX node's module path, else its name). */
  layer?: string;
  /** The element type a model file stores this leaf in (float16, int8); the engine computes in float64. */
  dtype?: string;
  /** Forward value; filled for leaves and constants at creation, for ops by the forward pass. */
  value?: Tensor;
  /** Adjoint: gradient of the (summed) output with respect to this node; filled by backward. */
  grad?: Tensor;
}

export interface NodeOptions {
  range?: SourceRange;
  label?: string;
  origin?: string;
  group?: string;
  layer?: string;
  dtype?: string;
}

export class Graph {
  readonly nodes: GraphNode[] = [];

  /** Every node and every value kept on a node is charged to `budget` as it is added. */
  constructor(readonly budget: Budget = Budget.unlimited()) {}

  leaf(name: string, value: Tensor, options: NodeOptions = {}): NodeId {
    this.chargeValue(value, `the value of ${name}`, options);
    return this.push({ kind: 'leaf', op: 'leaf', inputs: [], attrs: {}, label: options.label ?? name, name, value, ...pick(options) });
  }

  constant(value: Tensor, options: NodeOptions = {}): NodeId {
    const label = options.label ?? (value.size === 1 ? formatConstant(value.data[0]) : 'const');
    this.chargeValue(value, 'a constant', options);
    return this.push({ kind: 'constant', op: 'constant', inputs: [], attrs: {}, label, value, ...pick(options) });
  }

  apply(op: string, inputs: readonly NodeId[], attrs: Attrs = {}, options: NodeOptions = {}): NodeId {
    const def = getOp(op);
    if (def.arity !== 'variadic' && def.arity !== inputs.length) {
      throw new Error(`op ${op} takes ${def.arity} inputs, got ${inputs.length}`);
    }
    for (const i of inputs) {
      if (!(i >= 0 && i < this.nodes.length)) { throw new Error(`op ${op}: input node ${i} does not exist yet`); }
    }
    return this.push({ kind: 'op', op, inputs, attrs, label: options.label ?? def.label(attrs), ...pick(options) });
  }

  node(id: NodeId): GraphNode {
    const n = this.nodes[id];
    if (!n) { throw new Error(`no node ${id}`); }
    return n;
  }

  get size(): number { return this.nodes.length; }

  /** Ids of the nodes `output` depends on (itself included), in topological order. No recursion. */
  order(output: NodeId): NodeId[] {
    const needed = new Uint8Array(this.nodes.length);
    needed[output] = 1;
    let count = 0;
    for (let id = output; id >= 0; id--) {
      if (!needed[id]) { continue; }
      count++;
      for (const i of this.nodes[id].inputs) { needed[i] = 1; }
    }
    const order = new Array<NodeId>(count);
    let k = 0;
    for (let id = 0; id <= output; id++) { if (needed[id]) { order[k++] = id; } }
    return order;
  }

  /** Leaves the output depends on, in creation order; pass the output's order when it is at hand. */
  leaves(output: NodeId, order: readonly NodeId[] = this.order(output)): GraphNode[] {
    return order.map(id => this.nodes[id]).filter(n => n.kind === 'leaf');
  }

  /** Scalars are covered by the per-node charge; a larger value is charged by its entries. */
  private chargeValue(value: Tensor, what: string, options: NodeOptions): void {
    if (value.size > 1) { this.budget.chargeEntries(value.size, what, placeOf(options)); }
  }

  private push(n: Omit<GraphNode, 'id'>): NodeId {
    this.budget.chargeNode(placeOf(n));
    const id = this.nodes.length;
    this.nodes.push({ id, ...n });
    return id;
  }
}

function placeOf(o: { range?: SourceRange; origin?: string }): { range?: SourceRange; node?: string } {
  return { range: o.range, node: o.origin };
}

function pick(o: NodeOptions): Partial<GraphNode> {
  const out: { range?: SourceRange; origin?: string; group?: string; layer?: string; dtype?: string } = {};
  if (o.range) { out.range = o.range; }
  if (o.origin) { out.origin = o.origin; }
  if (o.group) { out.group = o.group; }
  if (o.layer) { out.layer = o.layer; }
  if (o.dtype) { out.dtype = o.dtype; }
  return out;
}

export function formatConstant(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) { return String(v); }
  return String(Number(v.toPrecision(6)));
}
