// `--order 2`: Hessian-vector products by forward-over-reverse against central differences of the
// gradient along seeded random directions, the per-node forward-mode dot-product test, and the
// full Hessian of a scalar function of few inputs.
import { backward, forward } from '../autograd';
import { DEFAULT_ATOL, DEFAULT_EPS, DEFAULT_RTOL } from '../gradcheck';
import { randomUnitVector } from '../gradcheck-sampling';
import { Graph, GraphNode, NodeId } from '../graph';
import { uniformGenerator } from '../random';
import { compensatedSum, leafName, leafValue, relativeStep } from '../reevaluate';
import { Tensor, unravelIndex } from '../tensor';
import { hessianVectorProduct } from './forward-over-reverse';
import { jvpCheck } from './jvp-check';
import { HessianMatrix, HvpCheck, HvpDirection, SecondOrderReport } from './second-order-types';

/** The full Hessian costs one H·v per input entry and is shown as a matrix: kept to small functions. */
export const MAX_HESSIAN_INPUTS = 16;
export const DEFAULT_DIRECTIONS = 3;

export interface SecondOrderOptions {
  /** Relative step of the gradient differences: h = eps·max(1, max |x|). Default 1e-6. */
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Random directions H·v is checked along. Default 3. */
  directions?: number;
  seed?: number;
}

/**
 * The second-order report of sum(output). Requires a completed forward and backward pass; leaves
 * the graph's values and adjoints as it found them. Refuses, naming it, an op without a tangent rule.
 */
export function secondOrderCheck(graph: Graph, output: NodeId, order: readonly NodeId[], options: SecondOrderOptions = {}): SecondOrderReport {
  const seed = options.seed ?? 0;
  requireMemory(graph, order);
  const leaves = graph.leaves(output, order);
  const jvp = jvpCheck(graph, order, seed);
  const hvp = hvpCheck(graph, output, order, leaves, options);
  const report: SecondOrderReport = { hvp, jvp, passed: hvp.passed && jvp.passed };
  const inputs = leaves.reduce((n, leaf) => n + leafValue(leaf).size, 0);
  const outputSize = (graph.nodes[output].value as Tensor).size;
  if (outputSize !== 1) {
    report.hessianUnavailable = `the output has ${outputSize} entries; the Hessian is shown for scalar functions`;
  } else if (inputs === 0 || inputs > MAX_HESSIAN_INPUTS) {
    report.hessianUnavailable = `the function has ${inputs} input entries; the Hessian is shown for 1 to ${MAX_HESSIAN_INPUTS}`;
  } else {
    report.hessian = fullHessian(graph, order, leaves);
  }
  return report;
}

/**
 * A tangent and an adjoint's tangent per node, and the saved values and adjoints while the gradient
 * is differenced: about as many entries again as the values, refused before any of it is computed.
 */
function requireMemory(graph: Graph, order: readonly NodeId[]): void {
  let entries = 0;
  for (const id of order) { entries += graph.nodes[id].value?.size ?? 0; }
  graph.budget.requireEntries(entries, 'the second-order check (a tangent and an adjoint tangent per value)');
}

function hvpCheck(graph: Graph, output: NodeId, order: readonly NodeId[], leaves: readonly GraphNode[], options: SecondOrderOptions): HvpCheck {
  const eps = options.eps ?? DEFAULT_EPS, atol = options.atol ?? DEFAULT_ATOL, rtol = options.rtol ?? DEFAULT_RTOL;
  const random = uniformGenerator((options.seed ?? 0) + 2);
  const count = leaves.length === 0 ? 0 : options.directions ?? DEFAULT_DIRECTIONS;
  let largest = 0;
  for (const leaf of leaves) { for (const x of leafValue(leaf).data) { largest = Math.max(largest, Math.abs(x)); } }
  const h = relativeStep(eps, largest);
  const directions: HvpDirection[] = [];
  for (let index = 0; index < count; index++) {
    const parts = randomUnitVector(leaves.map(leaf => leafValue(leaf).size), random);
    const direction = new Map(leaves.map((leaf, k) => [leaf.id, new Tensor(leafValue(leaf).shape, parts[k])]));
    const analytic = hessianVectorProduct(graph, order, direction);
    const numeric = gradientDifference(graph, output, order, leaves, direction, h);
    directions.push(compare(index, h, leaves, parts, analytic, numeric, { atol, rtol }));
  }
  return { directions, passed: directions.every(d => d.passed), eps, atol, rtol };
}

/**
 * (∇f(x + h·v) − ∇f(x − h·v)) / 2h by leaf id, from two forward and backward passes on the graph
 * itself; every value and adjoint is put back afterwards (the views read them).
 */
function gradientDifference(graph: Graph, output: NodeId, order: readonly NodeId[], leaves: readonly GraphNode[], direction: ReadonlyMap<NodeId, Tensor>, h: number): Map<NodeId, Tensor> {
  const saved = order.map(id => ({ node: graph.nodes[id], value: graph.nodes[id].value, grad: graph.nodes[id].grad }));
  const original = new Map(leaves.map(leaf => [leaf.id, leafValue(leaf)]));
  const gradientsAt = (sign: number): Tensor[] => {
    for (const leaf of leaves) {
      const x = original.get(leaf.id) as Tensor, v = direction.get(leaf.id) as Tensor;
      leaf.value = new Tensor(x.shape, x.data.map((xi, i) => xi + sign * h * v.data[i]));
    }
    forward(graph, output, order);
    backward(graph, output, order);
    return leaves.map(leaf => leaf.grad ?? Tensor.zeros(leafValue(leaf).shape));
  };
  try {
    const plus = gradientsAt(1), minus = gradientsAt(-1);
    return new Map(leaves.map((leaf, k) => [leaf.id, new Tensor(plus[k].shape, plus[k].data.map((p, i) => (p - minus[k].data[i]) / (2 * h)))]));
  } finally {
    for (const s of saved) {
      s.node.value = s.value;
      s.node.grad = s.grad;
    }
  }
}

function compare(
  index: number, h: number, leaves: readonly GraphNode[], parts: readonly Float64Array[],
  analytic: ReadonlyMap<NodeId, Tensor>, numeric: ReadonlyMap<NodeId, Tensor>, tolerance: { atol: number; rtol: number },
): HvpDirection {
  let maxAbsError = 0, maxRelError = 0, passed = true;
  let worst: HvpDirection['worst'];
  const curvatureTerms: number[] = [], numericTerms: number[] = [];
  leaves.forEach((leaf, k) => {
    const a = (analytic.get(leaf.id) as Tensor).data, n = (numeric.get(leaf.id) as Tensor).data;
    for (let i = 0; i < a.length; i++) {
      curvatureTerms.push(parts[k][i] * a[i]);
      numericTerms.push(parts[k][i] * n[i]);
      const absError = Math.abs(a[i] - n[i]);
      const scale = Math.max(Math.abs(a[i]), Math.abs(n[i]));
      if (!(absError <= tolerance.atol + tolerance.rtol * Math.abs(n[i]))) { passed = false; }
      // A NaN error is the worst of all.
      if (!worst || !(absError <= maxAbsError)) {
        worst = { leaf: leafName(leaf), index: unravelIndex(i, leafValue(leaf).shape), analytic: a[i], numeric: n[i] };
      }
      maxAbsError = worseOf(maxAbsError, absError);
      maxRelError = worseOf(maxRelError, scale === 0 ? 0 : absError / scale);
    }
  });
  const curvature = compensatedSum(curvatureTerms.length, i => curvatureTerms[i]);
  const numericCurvature = compensatedSum(numericTerms.length, i => numericTerms[i]);
  return { index, h, curvature, numericCurvature, maxAbsError, maxRelError, passed, ...(worst ? { worst } : {}) };
}

function worseOf(current: number, error: number): number {
  return Number.isNaN(current) || Number.isNaN(error) ? NaN : Math.max(current, error);
}

/** H column by column, H·e_i for every input entry, named `leaf` or `leaf[i,j]`. */
function fullHessian(graph: Graph, order: readonly NodeId[], leaves: readonly GraphNode[]): HessianMatrix {
  const entries = leaves.flatMap(leaf => Array.from({ length: leafValue(leaf).size }, (_, flat) => ({ leaf, flat })));
  const inputs = entries.map(({ leaf, flat }) => entryName(leaf, flat));
  const columns = entries.map(({ leaf, flat }) => {
    const unit = Tensor.zeros(leafValue(leaf).shape);
    unit.data[flat] = 1;
    const products = hessianVectorProduct(graph, order, new Map([[leaf.id, unit]]));
    return entries.map(e => (products.get(e.leaf.id) as Tensor).data[e.flat]);
  });
  const rows = entries.map((_, i) => columns.map(column => column[i]));
  let asymmetry = 0;
  rows.forEach((row, i) => row.forEach((v, j) => { asymmetry = Math.max(asymmetry, Math.abs(v - rows[j][i])); }));
  return { inputs, rows, asymmetry };
}

function entryName(leaf: GraphNode, flat: number): string {
  const shape = leafValue(leaf).shape;
  return shape.length === 0 ? leafName(leaf) : `${leafName(leaf)}[${unravelIndex(flat, shape).join(',')}]`;
}
