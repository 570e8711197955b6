// Hessian-vector products by forward-over-reverse: a forward-mode pass carries a tangent u along
// with every value (J·u per op), then the tangent of every adjoint is carried back along the
// backward pass. The tangent of an op's VJP Jᵀg is the VJP of the adjoint's tangent, Jᵀġ, plus the
// op's second-order term (∂(Jᵀg)/∂x)·u; at the leaves the adjoints' tangents are H·u.
import { Graph, NodeId } from '../graph';
import { getOp } from '../ops';
import { addInto, Tensor } from '../tensor';
import { requireTangentRule } from './tangent-table';

/** The leaves' directions, by leaf node id (a missing leaf does not move). */
export type LeafDirections = ReadonlyMap<NodeId, Tensor>;

/**
 * Which nodes of `order` a leaf reaches: only they carry tangents, and only their adjoints' tangents
 * matter. Every op among them must have a tangent rule: the first that has none is refused by name.
 */
export function reachedFromLeaves(graph: Graph, order: readonly NodeId[]): Uint8Array {
  const reached = new Uint8Array(graph.size);
  for (const id of order) {
    const node = graph.nodes[id];
    if (node.kind === 'leaf') { reached[id] = 1; }
    if (node.kind !== 'op' || !node.inputs.some(i => reached[i] === 1)) { continue; }
    requireTangentRule(node);
    reached[id] = 1;
  }
  return reached;
}

/**
 * J·u for every node (null where zero): leaves move along `directions`, constants stay. Requires a
 * completed forward pass.
 */
export function forwardTangents(graph: Graph, order: readonly NodeId[], directions: LeafDirections, reached: Uint8Array): (Tensor | null)[] {
  const tangents: (Tensor | null)[] = new Array<Tensor | null>(graph.size).fill(null);
  for (const id of order) {
    const node = graph.nodes[id];
    if (node.kind === 'leaf') { tangents[id] = directions.get(id) ?? null; }
    if (node.kind !== 'op' || reached[id] !== 1) { continue; }
    const inputTangents = node.inputs.map(i => tangents[i]);
    if (inputTangents.every(t => t === null)) { continue; }
    tangents[id] = requireTangentRule(node).jvp({
      inputs: node.inputs.map(i => graph.nodes[i].value as Tensor), output: node.value as Tensor, tangents: inputTangents, attrs: node.attrs,
    });
  }
  return tangents;
}

/**
 * H·u, by leaf node id: the tangent of the gradient of sum(output) along `directions`. Requires a
 * completed forward and backward pass; the graph's values and adjoints are read, never changed.
 */
export function hessianVectorProduct(graph: Graph, order: readonly NodeId[], directions: LeafDirections): Map<NodeId, Tensor> {
  const reached = reachedFromLeaves(graph, order);
  const tangents = forwardTangents(graph, order, directions, reached);
  // The backward pass's seed is the constant ones: its tangent is zero.
  const adjointTangents: (Tensor | null)[] = new Array<Tensor | null>(graph.size).fill(null);
  const owned = new Uint8Array(graph.size);
  const accumulate = (target: NodeId, contribution: Tensor | null): void => {
    if (!contribution || reached[target] !== 1) { return; }
    const current = adjointTangents[target];
    if (!current) {
      adjointTangents[target] = contribution;
      return;
    }
    if (owned[target] !== 1) {
      adjointTangents[target] = current.clone();
      owned[target] = 1;
    }
    addInto(adjointTangents[target] as Tensor, contribution);
  };
  for (let k = order.length - 1; k >= 0; k--) {
    const node = graph.nodes[order[k]];
    if (node.kind !== 'op' || reached[node.id] !== 1 || !node.grad) { continue; }
    const inputs = node.inputs.map(i => graph.nodes[i].value as Tensor);
    const output = node.value as Tensor, attrs = node.attrs;
    const adjointTangent = adjointTangents[node.id];
    if (adjointTangent) {
      getOp(node.op).vjp({ inputs, output, grad: adjointTangent, attrs }).forEach((g, j) => accumulate(node.inputs[j], g));
    }
    const inputTangents = node.inputs.map(i => tangents[i]);
    const curvature = requireTangentRule(node).curvature;
    if (curvature && inputTangents.some(t => t !== null)) {
      const outputTangent = tangents[node.id] as Tensor;
      curvature({ inputs, output, tangents: inputTangents, attrs, grad: node.grad, outputTangent }).forEach((g, j) => accumulate(node.inputs[j], g));
    }
  }
  const products = new Map<NodeId, Tensor>();
  for (const id of order) {
    const node = graph.nodes[id];
    if (node.kind === 'leaf') { products.set(id, adjointTangents[id] ?? Tensor.zeros((node.value as Tensor).shape)); }
  }
  return products;
}
