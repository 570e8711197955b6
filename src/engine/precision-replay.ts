// What if the model ran in float32, bfloat16 or float16? The forward and backward passes are
// replayed with every value, adjoint and accumulation rounded to that type, and each node compared
// with the float64 run: where the error grows past the type's own rounding, which subtraction
// cancels catastrophically, and what step a gradient check in that type would need. Each op's result
// is rounded once, as if computed exactly and then stored: a sum or matmul accumulating in the low
// type on real hardware rounds at every step and can be somewhat worse.
import { Graph, NodeId } from './graph';
import { LowPrecision, rounder, UNIT_ROUNDOFF } from './low-precision';
import { getOp } from './ops';
import { Tensor, zipBroadcast } from './tensor';

/** A node is over the threshold when its relative error exceeds this many unit roundoffs. */
export const THRESHOLD_ROUNDOFFS = 100;

export interface PrecisionNode {
  node: NodeId;
  label: string;
  op: string;
  /** ‖low − float64‖∞ / ‖float64‖∞ of the value (Infinity when the float64 value is 0 and the other not). */
  valueRelError: number;
  /** The same for the adjoint; absent when the node has none (constants, nodes off the gradient's path). */
  gradRelError?: number;
}

export interface Cancellation {
  node: NodeId;
  label: string;
  /** max (|a| + |b|) / |a ± b| over the entries, in float64: how much the inputs' rounding is amplified. */
  conditionNumber: number;
  valueRelError: number;
}

export interface PrecisionReport {
  type: LowPrecision;
  unitRoundoff: number;
  /** Relative error above which a node is reported: THRESHOLD_ROUNDOFFS · unitRoundoff. */
  threshold: number;
  /** Every node the output depends on, in topological order. */
  nodes: PrecisionNode[];
  /** The first node, in topological order, whose value (or else adjoint) error exceeds the threshold. */
  firstOverThreshold?: { node: NodeId; label: string; what: 'value' | 'gradient'; relError: number };
  /** Sums and differences whose condition number times the unit roundoff exceeds the threshold. */
  cancellations: Cancellation[];
  /** The relative error of the output. */
  outputRelError: number;
  /**
   * The relative step a central-difference check needs in this type, ∛u (truncation ∝ h² and
   * round-off ∝ u/h balance there), and the relative error it can reach then, about u^⅔.
   */
  checkEps: number;
  checkRelError: number;
}

/** Requires a completed float64 forward and backward pass on the graph. */
export function replayInPrecision(graph: Graph, output: NodeId, order: readonly NodeId[], type: LowPrecision): PrecisionReport {
  const { values, grads } = replay(graph, output, order, type);
  const u = UNIT_ROUNDOFF[type];
  const threshold = THRESHOLD_ROUNDOFFS * u;
  const nodes = order.map(id => precisionNode(graph, id, values, grads));
  const report: PrecisionReport = {
    type, unitRoundoff: u, threshold, nodes,
    cancellations: cancellations(graph, order, nodes, u, threshold),
    outputRelError: relativeError(values.get(output) as Tensor, graph.nodes[output].value as Tensor),
    checkEps: Math.cbrt(u),
    checkRelError: u ** (2 / 3),
  };
  const first = firstOverThreshold(nodes, threshold);
  if (first) { report.firstOverThreshold = first; }
  return report;
}

/** Every node's value and adjoint with each stored number rounded to `type`. */
export function replay(graph: Graph, output: NodeId, order: readonly NodeId[], type: LowPrecision): { values: Map<NodeId, Tensor>; grads: Map<NodeId, Tensor> } {
  const round = rounder(type);
  const roundTensor = (t: Tensor): Tensor => new Tensor(t.shape, t.data.map(round));
  const values = new Map<NodeId, Tensor>();
  for (const id of order) {
    const node = graph.nodes[id];
    values.set(id, node.kind === 'op'
      ? roundTensor(getOp(node.op).forward(node.inputs.map(i => values.get(i) as Tensor), node.attrs))
      : roundTensor(node.value as Tensor));
  }
  return { values, grads: replayBackward(graph, output, order, values, roundTensor) };
}

/** Adjoints seeded with ones at the output, each VJP result and each accumulation rounded. */
function replayBackward(graph: Graph, output: NodeId, order: readonly NodeId[], values: ReadonlyMap<NodeId, Tensor>, roundTensor: (t: Tensor) => Tensor): Map<NodeId, Tensor> {
  const grads = new Map<NodeId, Tensor>([[output, Tensor.full((values.get(output) as Tensor).shape, 1)]]);
  for (let k = order.length - 1; k >= 0; k--) {
    const node = graph.nodes[order[k]];
    const grad = grads.get(node.id);
    if (node.kind !== 'op' || !grad) { continue; }
    const inputs = node.inputs.map(i => values.get(i) as Tensor);
    const vjps = getOp(node.op).vjp({ inputs, output: values.get(node.id) as Tensor, grad, attrs: node.attrs });
    node.inputs.forEach((input, j) => {
      const g = vjps[j];
      if (!g || graph.nodes[input].kind === 'constant') { return; }
      // The VJP's own result is rounded (it is stored), then the accumulation is.
      const contribution = roundTensor(g);
      const previous = grads.get(input);
      grads.set(input, previous ? roundTensor(zipBroadcast(previous, contribution, (a, b) => a + b)) : contribution);
    });
  }
  return grads;
}

function precisionNode(graph: Graph, id: NodeId, values: ReadonlyMap<NodeId, Tensor>, grads: ReadonlyMap<NodeId, Tensor>): PrecisionNode {
  const node = graph.nodes[id];
  const entry: PrecisionNode = { node: id, label: node.label, op: node.op, valueRelError: relativeError(values.get(id) as Tensor, node.value as Tensor) };
  const low = grads.get(id);
  if (low && node.grad) { entry.gradRelError = relativeError(low, node.grad); }
  return entry;
}

/** ‖low − exact‖∞ / ‖exact‖∞; 0 when both are 0, Infinity when only the exact one is. NaN propagates. */
export function relativeError(low: Tensor, exact: Tensor): number {
  let difference = 0, scale = 0;
  for (let i = 0; i < exact.size; i++) {
    const d = Math.abs(low.data[i] - exact.data[i]);
    if (Number.isNaN(d)) { return Number.isNaN(exact.data[i]) && Number.isNaN(low.data[i]) ? 0 : NaN; }
    difference = Math.max(difference, d);
    scale = Math.max(scale, Math.abs(exact.data[i]));
  }
  if (difference === 0) { return 0; }
  return scale === 0 ? Infinity : difference / scale;
}

function firstOverThreshold(nodes: readonly PrecisionNode[], threshold: number): PrecisionReport['firstOverThreshold'] {
  for (const n of nodes) {
    if (!(n.valueRelError <= threshold)) { return { node: n.node, label: n.label, what: 'value', relError: n.valueRelError }; }
  }
  for (const n of nodes) {
    if (n.gradRelError !== undefined && !(n.gradRelError <= threshold)) { return { node: n.node, label: n.label, what: 'gradient', relError: n.gradRelError }; }
  }
  return undefined;
}

/** add and sub nodes whose float64 condition number amplifies one rounding past the threshold. */
function cancellations(graph: Graph, order: readonly NodeId[], nodes: readonly PrecisionNode[], u: number, threshold: number): Cancellation[] {
  const found: Cancellation[] = [];
  order.forEach((id, k) => {
    const node = graph.nodes[id];
    if (node.kind !== 'op' || (node.op !== 'add' && node.op !== 'sub')) { return; }
    const [a, b] = node.inputs.map(i => graph.nodes[i].value as Tensor);
    const sign = node.op === 'add' ? 1 : -1;
    const ratios = zipBroadcast(a, b, (x, y) => {
      const result = Math.abs(x + sign * y), magnitude = Math.abs(x) + Math.abs(y);
      return magnitude === 0 ? 1 : result === 0 ? Infinity : magnitude / result;
    });
    let conditionNumber = 1;
    for (const r of ratios.data) { conditionNumber = Math.max(conditionNumber, r); }
    if (conditionNumber * u > threshold) { found.push({ node: id, label: node.label, conditionNumber, valueRelError: nodes[k].valueRelError }); }
  });
  return found;
}
