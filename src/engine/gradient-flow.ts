// Per-layer gradient-flow statistics of one finished inspection (forward and backward done): for
// each layer, in depth order, the norm of its output and of that output's gradient, its parameters'
// norms and gradient norms, its dead ReLU and saturated tanh/sigmoid fractions, and the flags of
// gradient-flow-rules.ts. A layer is the set of op nodes sharing a layer name (an ONNX module path).
import { deadRelu, DeadReluBasis, Fraction, saturated } from './activation-fractions';
import { Graph, GraphNode, NodeId } from './graph';
import { FLOW_THRESHOLDS, LayerFlag } from './gradient-flow-rules';
import { Tensor } from './tensor';

export interface LayerParameter {
  name: string;
  shape: number[];
  norm: number;
  gradientNorm: number;
  /** gradientNorm / norm: the size of one SGD step relative to the weight, per unit learning rate (NaN when norm is 0). */
  ratio: number;
}

export interface LayerFlow {
  name: string;
  /** Position through the model, 0 at the input: layers in the order their first node is computed. */
  depth: number;
  /** The op types of the layer's nodes, in order of first appearance. */
  ops: string[];
  /** Euclidean norm of the layer's output(s): its values used outside the layer. */
  activationNorm: number;
  /** Euclidean norm of the loss's gradient with respect to those outputs. */
  gradientNorm: number;
  /** Weights the layer reads directly (a weight shared by layers belongs to the first). */
  parameters: LayerParameter[];
  deadReluFraction?: number;
  deadReluBasis?: DeadReluBasis;
  saturatedFraction?: number;
  flags: LayerFlag[];
}

export interface FlowOptions {
  /** The node's layer name, or undefined when it belongs to no layer (the loss, loose nodes). */
  layerOf: (node: GraphNode) => string | undefined;
  /** Whether a leaf is a weight (rather than a model input). */
  isParameter: (leaf: GraphNode) => boolean;
  /** The batch size when axis 0 is known to be the batch axis: dead ReLU units are then counted over it. */
  batchSize?: number;
}

interface LayerNodes {
  name: string;
  nodes: GraphNode[];
  outputs: GraphNode[];
  parameters: GraphNode[];
}

/** The layers of the nodes in `order` (forward and backward done); [] when no node has a layer. */
export function gradientFlow(graph: Graph, output: NodeId, order: readonly NodeId[], options: FlowOptions): LayerFlow[] {
  const layers = collectLayers(graph, output, order, options);
  const flows = layers.map((layer, depth) => layerFlow(layer, depth, options.batchSize));
  flagLayers(flows);
  return flows;
}

function collectLayers(graph: Graph, output: NodeId, order: readonly NodeId[], options: FlowOptions): LayerNodes[] {
  const byName = new Map<string, LayerNodes>();
  const layerOfId = new Map<NodeId, string>();
  for (const id of order) {
    const node = graph.nodes[id];
    const name = node.kind === 'op' ? options.layerOf(node) : undefined;
    if (name === undefined) { continue; }
    layerOfId.set(id, name);
    let layer = byName.get(name);
    if (!layer) {
      layer = { name, nodes: [], outputs: [], parameters: [] };
      byName.set(name, layer);
    }
    layer.nodes.push(node);
  }
  const leaving = usedOutsideTheirLayer(graph, output, order, layerOfId);
  const owned = new Set<NodeId>();
  for (const layer of byName.values()) {
    layer.outputs = layer.nodes.filter(n => leaving.has(n.id));
    for (const node of layer.nodes) {
      for (const input of node.inputs) {
        const leaf = graph.nodes[input];
        if (leaf.kind === 'leaf' && !owned.has(input) && options.isParameter(leaf)) {
          owned.add(input);
          layer.parameters.push(leaf);
        }
      }
    }
  }
  return [...byName.values()];
}

/** Nodes whose value a node of another layer (or of none) reads, and the output itself. */
function usedOutsideTheirLayer(graph: Graph, output: NodeId, order: readonly NodeId[], layerOfId: ReadonlyMap<NodeId, string>): Set<NodeId> {
  const leaving = new Set<NodeId>([output]);
  for (const id of order) {
    const reader = layerOfId.get(id);
    for (const input of graph.nodes[id].inputs) {
      if (layerOfId.get(input) !== reader) { leaving.add(input); }
    }
  }
  return leaving;
}

function layerFlow(layer: LayerNodes, depth: number, batchSize: number | undefined): LayerFlow {
  const flow: LayerFlow = {
    name: layer.name,
    depth,
    ops: [...new Set(layer.nodes.map(n => n.label))],
    activationNorm: jointNorm(layer.outputs.map(n => n.value)),
    gradientNorm: jointNorm(layer.outputs.map(n => n.grad)),
    parameters: layer.parameters.map(parameterFlow),
    flags: [],
  };
  const relus = layer.nodes.filter(n => n.op === 'relu' && n.value).map(n => n.value as Tensor);
  if (relus.length > 0) {
    const dead = deadRelu(relus, batchSize);
    flow.deadReluFraction = share(dead.fraction);
    flow.deadReluBasis = dead.basis;
  }
  const saturation = saturated(layer.nodes);
  if (saturation.total > 0) { flow.saturatedFraction = share(saturation); }
  return flow;
}

function parameterFlow(leaf: GraphNode): LayerParameter {
  const norm = jointNorm([leaf.value]);
  const gradientNorm = jointNorm([leaf.grad]);
  return { name: leaf.name ?? leaf.label, shape: [...(leaf.value?.shape ?? [])], norm, gradientNorm, ratio: norm > 0 ? gradientNorm / norm : NaN };
}

function share(f: Fraction): number {
  return f.total > 0 ? f.count / f.total : 0;
}

/** Below this a sum of squares may have lost digits to underflow (and 0 may hide tiny entries). */
const SMALLEST_SAFE_SQUARES = 1e-280;

/**
 * √(Σ x²) over every entry of the tensors (a missing gradient counts as zeros): one plain pass, and
 * a second one scaled by the largest |x| only when the squares overflow or underflow (entries near
 * 1e200 or 1e-160); NaN or ∞ when an entry is.
 */
export function jointNorm(tensors: readonly (Tensor | undefined)[]): number {
  let squares = 0;
  for (const t of tensors) {
    const d = t?.data ?? [];
    for (let i = 0; i < d.length; i++) { squares += d[i] * d[i]; }
  }
  return Number.isFinite(squares) && squares >= SMALLEST_SAFE_SQUARES ? Math.sqrt(squares) : scaledNorm(tensors);
}

function scaledNorm(tensors: readonly (Tensor | undefined)[]): number {
  let largest = 0, nan = false;
  for (const t of tensors) {
    const d = t?.data ?? [];
    for (let i = 0; i < d.length; i++) {
      const a = Math.abs(d[i]);
      if (a > largest) { largest = a; } else if (Number.isNaN(a)) { nan = true; }
    }
  }
  if (nan) { return NaN; }
  if (largest === 0 || largest === Infinity) { return largest; }
  let sum = 0;
  for (const t of tensors) {
    const d = t?.data ?? [];
    for (let i = 0; i < d.length; i++) { const x = d[i] / largest; sum += x * x; }
  }
  return largest * Math.sqrt(sum);
}

/**
 * The flags of gradient-flow-rules.ts, from every layer's numbers. Exploding is decided first, so
 * that the largest gradient vanishing is measured against is the largest of the other layers: one
 * exploding layer does not make every healthy one look vanishing.
 */
function flagLayers(flows: LayerFlow[]): void {
  const T = FLOW_THRESHOLDS;
  const atOutput = flows.length > 0 ? flows[flows.length - 1].gradientNorm : 0;
  const exploding = (g: number): boolean => !Number.isFinite(g) || (Number.isFinite(atOutput) && atOutput > 0 && g > T.explodingRelative * atOutput);
  const largest = Math.max(0, ...flows.map(f => f.gradientNorm).filter(g => !exploding(g)));
  for (const flow of flows) {
    const g = flow.gradientNorm;
    if (g < T.vanishingRelative * largest || (g > 0 && g < T.vanishingAbsolute)) { flow.flags.push('vanishing'); }
    if (exploding(g)) { flow.flags.push('exploding'); }
    if ((flow.deadReluFraction ?? 0) > T.deadReluFraction) { flow.flags.push('dead-relu'); }
    if ((flow.saturatedFraction ?? 0) > T.saturatedFraction) { flow.flags.push('saturated'); }
  }
}
