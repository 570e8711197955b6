// The complex-step derivative: f′(x) = Im f(x + ih) / h + O(h²), with no subtraction, so no
// round-off grows as h shrinks and h can be tiny: machine precision. It needs every op between the
// leaf and the output to be analytic with a complex forward (complex-forward.ts); the first one
// that is not is refused, by name and place, before any work.
import { complexForward, complexRefusal, ComplexTensor } from './complex-forward';
import { InspectError } from './errors';
import { Graph, GraphNode, NodeId } from './graph';
import { getOp } from './ops';
import { compensatedSum, leafValue, Plan } from './reevaluate';
import { Tensor } from './tensor';

/** Relative imaginary step: far below any truncation error, and nothing is subtracted to lose it. */
export const COMPLEX_STEP = 1e-20;

/** Throws for the first op of `plan`, in topological order, without an analytic complex forward. */
export function requireAnalytic(plan: Plan): void {
  for (const node of plan.nodes) {
    const refusal = complexRefusal(node.op);
    if (refusal !== undefined) {
      throw new InspectError(
        `the complex-step reference needs analytic ops: ${node.label} (${node.op}${node.origin !== undefined ? `, ONNX node ${node.origin}` : ''}) ${refusal}; use the central or richardson reference instead`,
        'unsupported', node.range, undefined, node.origin);
    }
  }
}

/** Complex-step derivatives of sum(output) with respect to the entries of one leaf. */
export class ComplexProbe {
  private readonly nodes: readonly GraphNode[];

  constructor(private readonly graph: Graph, private readonly output: NodeId, private readonly leaf: GraphNode, plan: Plan) {
    this.nodes = plan.nodes;
  }

  /** Im Σ f(x + ih·e_flat) / h. */
  derivative(flat: number, h: number): number {
    const base = leafValue(this.leaf);
    const im = new Tensor(base.shape);
    im.data[flat] = h;
    const values = new Map<NodeId, ComplexTensor>([[this.leaf.id, { re: base, im }]]);
    const valueOf = (id: NodeId): ComplexTensor => values.get(id) ?? { re: this.graph.nodes[id].value as Tensor, im: null };
    for (const node of this.nodes) {
      values.set(node.id, complexForward(getOp(node.op), node.inputs.map(valueOf), node.attrs));
    }
    const result = valueOf(this.output).im;
    return result === null ? 0 : compensatedSum(result.size, i => result.data[i]) / h;
  }
}
