// One input's influence on one output, inside a bigger graph: the nodes on the paths between
// them, a vector-Jacobian product over those nodes alone, and re-evaluation with the input's
// value replaced. The hand-written gradient checks use these after the forward pass; they keep
// their adjoints and values to themselves, so the nodes' own `value` and `grad` stay as the
// main passes left them.
import { applyNode } from './autograd';
import { Graph, NodeId } from './graph';
import { getOp } from './ops';
import { Tensor, addInto } from './tensor';

/** The nodes `output` depends on through `input` (both included), in topological order. */
export function pathBetween(graph: Graph, input: NodeId, output: NodeId): NodeId[] {
  if (output < input) { return []; }
  const reaches = new Set<NodeId>([input]);
  const path: NodeId[] = [input];
  for (const id of graph.order(output)) {
    if (id > input && graph.nodes[id].inputs.some(i => reaches.has(i))) {
      reaches.add(id);
      path.push(id);
    }
  }
  return reaches.has(output) ? path : [];
}

/** ∂⟨output, upstream⟩/∂input over `path` (from pathBetween); zeros when the output does not depend on the input. */
export function vectorJacobianProduct(graph: Graph, input: NodeId, path: readonly NodeId[], upstream: Tensor): Tensor {
  const inputValue = graph.nodes[input].value as Tensor;
  if (path.length === 0) { return Tensor.zeros(inputValue.shape); }
  const onPath = new Set(path);
  const adjoints = new Map<NodeId, Tensor>([[path[path.length - 1], upstream]]);
  for (let k = path.length - 1; k > 0; k--) {
    const node = graph.nodes[path[k]];
    const grad = adjoints.get(node.id);
    if (!grad) { continue; }
    const inputs = node.inputs.map(i => graph.nodes[i].value as Tensor);
    const grads = getOp(node.op).vjp({ inputs, output: node.value as Tensor, grad, attrs: node.attrs });
    node.inputs.forEach((i, j) => {
      const g = grads[j];
      if (!g || !onPath.has(i)) { return; }
      const known = adjoints.get(i);
      if (known) { addInto(known, g); } else { adjoints.set(i, g.clone()); }
    });
  }
  return adjoints.get(input) ?? Tensor.zeros(inputValue.shape);
}

/** The output's value when the input (path[0]) holds `replacement`: only the path is recomputed. */
export function evaluateWith(graph: Graph, path: readonly NodeId[], replacement: Tensor): Tensor {
  const values = new Map<NodeId, Tensor>([[path[0], replacement]]);
  const valueOf = (id: NodeId): Tensor => values.get(id) ?? (graph.nodes[id].value as Tensor);
  for (const id of path.slice(1)) { values.set(id, applyNode(graph.nodes[id], valueOf)); }
  return valueOf(path[path.length - 1]);
}
