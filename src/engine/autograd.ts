// Forward pass (keeps every intermediate value on its node) and reverse pass (fills every adjoint),
// both over an explicit topological order: no recursion, so depth is bounded only by memory.
import { PassBuffers, withBuffers } from './buffers';
import { Graph, GraphNode, NodeId } from './graph';
import { getOp } from './ops';
import { OpDef } from './op';
import { InspectError } from './errors';
import { resultEntries } from './result-size';
import { MAX_RANK, ShapeError, Tensor, addInto, sameShape, shapeToString } from './tensor';

/**
 * Computes and stores the value of every op node the output depends on. A node's first value is
 * charged to the graph's budget before it is computed; a recomputed one replaces what was charged.
 * With `buffers` (a graph evaluated many times), the arrays of the previous passes with them are
 * reused: every value and adjoint they left on the nodes, and the tensor the previous forward pass
 * returned, may be overwritten from here on (see buffers.ts). Without, every value is a fresh array.
 */
export function forward(graph: Graph, output: NodeId, order: readonly NodeId[] = graph.order(output), buffers?: PassBuffers): Tensor {
  if (buffers) {
    buffers.claim(graph, output);
    buffers.beginForward();
  }
  return withBuffers(buffers, () => evaluate(graph, output, order));
}

function evaluate(graph: Graph, output: NodeId, order: readonly NodeId[]): Tensor {
  const nodes = graph.nodes;
  const valueOf = (i: NodeId): Tensor => nodes[i].value as Tensor;
  let current: GraphNode | undefined;
  try {
    for (const id of order) {
      current = nodes[id];
      if (current.kind !== 'op') { continue; }
      if (!current.value) { chargeResult(graph, current, valueOf); }
      current.value = applyNode(current, valueOf);
    }
  } catch (e) {
    throw current ? locate(e, current) : e;
  }
  return nodes[output].value as Tensor;
}

function chargeResult(graph: Graph, node: GraphNode, valueOf: (id: NodeId) => Tensor): void {
  const entries = resultEntries(getOp(node.op), node.inputs.map(valueOf), node.attrs);
  // Scalars are covered by the per-node charge.
  if (entries > 1) { graph.budget.chargeEntries(entries, `the result of ${node.label}`, { range: node.range, node: node.origin }); }
}

/**
 * Ops know shapes, not places: an op's error gets the node's source range (text) or its model
 * node (ONNX), so every view can say where it happened.
 */
function locate(e: unknown, node: GraphNode): unknown {
  if (e instanceof InspectError) {
    if (e.range || e.node) { return e; }
    return new InspectError(e.message, e.kind, node.range, e.expected, node.origin, e.detail);
  }
  if (e instanceof ShapeError) {
    return new InspectError(e.message, 'shape', node.range, undefined, node.origin);
  }
  return e;
}

export function applyNode(node: GraphNode, valueOf: (id: NodeId) => Tensor): Tensor {
  return applyOp(node, getOp(node.op), node.inputs.map(valueOf));
}

/** applyNode with the node's op already looked up and its input values gathered (a plan keeps both). */
export function applyOp(node: GraphNode, op: OpDef, inputs: readonly Tensor[]): Tensor {
  const value = op.forward(inputs, node.attrs);
  // Views (reshape, indexing with None) make shapes without the constructor's checks.
  if (value.shape.length > MAX_RANK) { throw new ShapeError(`${node.label}: a result of ${value.shape.length} dimensions, over the most a tensor may have (${MAX_RANK})`); }
  return value;
}

export interface BackwardResult {
  /** True when the output is not a scalar and was differentiated as sum(output). */
  summedOutput: boolean;
}

/**
 * Fills `grad` on every node the output depends on (leaves, constants and ops), seeded with ones:
 * d(sum(output))/d(output). Fan-out accumulates. Requires a completed forward pass. With `buffers`
 * (those of the forward pass), the adjoints' arrays come from them and stay valid until the next
 * forward or backward pass with them.
 */
export function backward(graph: Graph, output: NodeId, order: readonly NodeId[] = graph.order(output), buffers?: PassBuffers): BackwardResult {
  if (buffers) {
    buffers.claim(graph, output);
    buffers.beginBackward();
  }
  return withBuffers(buffers, () => propagate(graph, output, order));
}

function propagate(graph: Graph, output: NodeId, order: readonly NodeId[]): BackwardResult {
  const nodes = graph.nodes;
  for (const id of order) { nodes[id].grad = undefined; }
  const out = nodes[output];
  if (!out.value) { throw new Error('backward before forward'); }
  out.grad = Tensor.full(out.value.shape, 1);
  // Adjoints are accumulated in tensors this pass owns, so in-place addition is safe.
  const owned = new Set<NodeId>();
  for (let k = order.length - 1; k >= 0; k--) {
    const node = nodes[order[k]];
    if (node.kind !== 'op' || !node.grad) { continue; }
    const def = getOp(node.op);
    const inputs = node.inputs.map(i => nodes[i].value as Tensor);
    const grads = def.vjp({ inputs, output: node.value as Tensor, grad: node.grad, attrs: node.attrs });
    for (let j = 0; j < node.inputs.length; j++) {
      const g = grads[j];
      if (!g) { continue; }
      const target = nodes[node.inputs[j]];
      if (target.kind === 'constant') { continue; }
      if (!sameShape(g.shape, inputs[j].shape)) {
        throw new Error(`vjp of ${node.op} returned a gradient of shape ${shapeToString(g.shape)} for an input of shape ${shapeToString(inputs[j].shape)}`);
      }
      if (!target.grad) {
        target.grad = g;
      } else {
        if (!owned.has(target.id)) {
          target.grad = target.grad.clone();
          owned.add(target.id);
        }
        addInto(target.grad, g);
      }
    }
  }
  return { summedOutput: out.value.size !== 1 || out.value.rank !== 0 };
}

export interface NonFinite {
  node: NodeId;
  what: 'value' | 'gradient';
}

/**
 * The first node, in topological order, whose value has a NaN or ±Inf; else the node whose
 * vector-Jacobian product first produced a non-finite adjoint contribution, in the order backward
 * ran (sqrt at 0 is to blame for ∂/∂x = ∞, not the leaf x that receives it).
 */
export function firstNonFinite(graph: Graph, order: readonly NodeId[]): NonFinite | undefined {
  for (const id of order) {
    if (makesNonFiniteValue(graph, graph.nodes[id])) { return { node: id, what: 'value' }; }
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const g = graph.nodes[order[k]].grad;
    if (g && !allFinite(g)) { return { node: producerOfNonFiniteAdjoint(graph, order, k), what: 'gradient' }; }
  }
  return undefined;
}

/**
 * Every node after position k has a finite adjoint, so the consumer of order[k] whose VJP returned a
 * non-finite contribution made it; if every contribution was finite, their sum overflowed at order[k].
 */
function producerOfNonFiniteAdjoint(graph: Graph, order: readonly NodeId[], k: number): NodeId {
  const target = order[k];
  for (let j = order.length - 1; j > k; j--) {
    const node = graph.nodes[order[j]];
    if (node.kind !== 'op' || !node.grad || !node.inputs.includes(target)) { continue; }
    const inputs = node.inputs.map(i => graph.nodes[i].value as Tensor);
    const contributions = getOp(node.op).vjp({ inputs, output: node.value as Tensor, grad: node.grad, attrs: node.attrs });
    if (node.inputs.some((input, i) => input === target && isNonFinite(contributions[i]))) {
      return node.id;
    }
  }
  return target;
}

/**
 * Whether a node is where a non-finite value starts: a leaf holding one; a constant holding a NaN
 * (an infinite constant is deliberate: an attention mask's −∞, a clip bound); an op whose inputs are
 * all finite, or that makes a NaN from inputs without one (softmax of a fully masked row). An op that
 * passes on an infinity it was given (−∞ + x, where(mask, −∞, x)) is not.
 */
function makesNonFiniteValue(graph: Graph, node: GraphNode): boolean {
  const value = node.value;
  if (!value || allFinite(value)) { return false; }
  if (node.kind === 'leaf') { return true; }
  if (node.kind === 'constant') { return hasNaN(value); }
  const inputs = node.inputs.map(i => graph.nodes[i].value).filter((t): t is Tensor => t !== undefined);
  if (inputs.every(allFinite)) { return true; }
  return hasNaN(value) && !inputs.some(hasNaN);
}

function hasNaN(t: Tensor): boolean {
  const d = t.data;
  for (let i = 0; i < d.length; i++) { if (Number.isNaN(d[i])) { return true; } }
  return false;
}

function isNonFinite(t: Tensor | null | undefined): boolean {
  return t !== null && t !== undefined && !allFinite(t);
}

function allFinite(t: Tensor): boolean {
  const d = t.data;
  for (let i = 0; i < d.length; i++) { if (!Number.isFinite(d[i])) { return false; } }
  return true;
}
