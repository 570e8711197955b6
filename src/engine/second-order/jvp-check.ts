// The forward-mode dot-product test, node by node: for seeded random unit u (per input a leaf
// reaches) and v (on the output), uᵀ(Jᵀv) from the op's VJP must equal vᵀ(J·u) from its tangent
// rule to rounding. Both are exact derivatives derived apart, so a disagreement means one is wrong.
import { Graph, GraphNode, NodeId } from '../graph';
import { randomUnitVector } from '../gradcheck-sampling';
import { getOp } from '../ops';
import { uniformGenerator } from '../random';
import { compensatedSum } from '../reevaluate';
import { Tensor } from '../tensor';
import { reachedFromLeaves } from './forward-over-reverse';
import { JvpCheck, JvpNodeCheck } from './second-order-types';
import { requireTangentRule } from './tangent-table';

/** Relative to the sum of the terms' magnitudes: both sides are exact up to rounding. */
export const JVP_TOLERANCE = 1e-10;

/** The test on every op node of `order` a leaf reaches. Requires a completed forward pass. */
export function jvpCheck(graph: Graph, order: readonly NodeId[], seed: number): JvpCheck {
  const reached = reachedFromLeaves(graph, order);
  const nodes: JvpNodeCheck[] = [];
  for (const id of order) {
    const node = graph.nodes[id];
    if (node.kind === 'op' && reached[id] === 1) { nodes.push(checkNode(graph, node, reached, seed)); }
  }
  return { nodes, passed: nodes.every(n => n.passed), tolerance: JVP_TOLERANCE };
}

function checkNode(graph: Graph, node: GraphNode, reached: Uint8Array, seed: number): JvpNodeCheck {
  const inputs = node.inputs.map(i => graph.nodes[i].value as Tensor);
  const output = node.value as Tensor;
  const random = uniformGenerator(seed + node.id);
  const cotangent = new Tensor(output.shape, randomUnitVector([output.size], random)[0]);
  const vjps = getOp(node.op).vjp({ inputs, output, grad: cotangent, attrs: node.attrs });
  const moved = inputs.map((x, k) => vjps[k] !== null && reached[node.inputs[k]] === 1 && x.size > 0);
  const tangents = inputs.map((x, k) => (moved[k] ? new Tensor(x.shape, randomUnitVector([x.size], random)[0]) : null));
  const reverseTerms: number[] = [];
  tangents.forEach((u, k) => {
    const g = vjps[k];
    if (u && g) { for (let i = 0; i < u.size; i++) { reverseTerms.push(u.data[i] * g.data[i]); } }
  });
  const jvp = tangents.some(t => t !== null)
    ? requireTangentRule(node).jvp({ inputs, output, tangents, attrs: node.attrs })
    : Tensor.zeros(output.shape);
  const forwardTerms = Array.from(cotangent.data, (v, i) => v * jvp.data[i]);
  const reverse = compensatedSum(reverseTerms.length, i => reverseTerms[i]);
  const forward = compensatedSum(forwardTerms.length, i => forwardTerms[i]);
  const scale = magnitude(reverseTerms) + magnitude(forwardTerms);
  const absError = Math.abs(reverse - forward);
  const relError = scale === 0 ? absError : absError / scale;
  const bothNaN = Number.isNaN(reverse) && Number.isNaN(forward);
  const result: JvpNodeCheck = {
    node: node.id, op: node.op, label: node.label, reverse, forward, absError, relError,
    passed: bothNaN || reverse === forward || (Number.isFinite(reverse) && Number.isFinite(forward) && relError <= JVP_TOLERANCE),
  };
  if (node.range) { result.range = { start: node.range.start, end: node.range.end }; }
  if (node.origin !== undefined) { result.origin = node.origin; }
  return result;
}

function magnitude(terms: readonly number[]): number {
  let total = 0;
  for (const t of terms) { total += Math.abs(t); }
  return total;
}
