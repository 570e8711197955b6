// A graph that computes each op's value as the op is added: the tracer needs values while it runs
// (shapes, loop bounds, masks, the branch an `if` takes). The forward pass later recomputes the
// same values; the budget is charged once, here.
import { applyNode } from '../../engine/autograd';
import { InspectError } from '../../engine/errors';
import { Graph, NodeId, NodeOptions } from '../../engine/graph';
import { Attrs } from '../../engine/op';
import { getOp } from '../../engine/ops';
import { resultEntries } from '../../engine/result-size';
import { ShapeError, Tensor } from '../../engine/tensor';

export class TracingGraph extends Graph {
  /** The call path of user functions the next nodes are made in (`two_layer_net/affine_forward`). */
  group: string | undefined;

  override leaf(name: string, value: Tensor, options: NodeOptions = {}): NodeId {
    return super.leaf(name, value, this.grouped(options));
  }

  override constant(value: Tensor, options: NodeOptions = {}): NodeId {
    return super.constant(value, this.grouped(options));
  }

  override apply(op: string, inputs: readonly NodeId[], attrs: Attrs = {}, options: NodeOptions = {}): NodeId {
    const id = super.apply(op, inputs, attrs, this.grouped(options));
    const node = this.nodes[id];
    const valueOf = (i: NodeId): Tensor => this.nodes[i].value as Tensor;
    try {
      const entries = resultEntries(getOp(op), inputs.map(valueOf), attrs);
      if (entries > 1) { this.budget.chargeEntries(entries, `the result of ${node.label}`, { range: node.range }); }
      node.value = applyNode(node, valueOf);
    } catch (e) {
      if (e instanceof ShapeError) { throw new InspectError(e.message, 'shape', node.range); }
      if (e instanceof InspectError && !e.range) { throw new InspectError(e.message, e.kind, node.range, e.expected, undefined, e.detail); }
      throw e;
    }
    return id;
  }

  value(id: NodeId): Tensor {
    return this.nodes[id].value as Tensor;
  }

  private grouped(options: NodeOptions): NodeOptions {
    return this.group === undefined || options.group !== undefined ? options : { ...options, group: this.group };
  }
}
