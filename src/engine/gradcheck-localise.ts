// Which node's backward is wrong. Each op node is checked alone, at the inputs the forward pass gave
// it: for a seeded random cotangent v and direction u per input, its VJP gives uᵀ(Jᵀv), and a
// forward-mode derivative of that node alone gives vᵀ(J u) (the dot-product test): the complex step
// where the op is analytic (exact to rounding), else a central difference. The first
// node, in topological order, where they disagree is the one to look at: a wrong hand-written
// backward or a wrong op shows there, whatever the graph around it.
import { complexForward, complexRefusal } from './complex-forward';
import { randomUnitVector } from './gradcheck-sampling';
import { COMPLEX_STEP } from './reference-complex';
import { LocalisedNode } from './gradcheck-types';
import { Graph, GraphNode, NodeId } from './graph';
import { getOp } from './ops';
import { uniformGenerator } from './random';
import { compensatedSum, relativeStep } from './reevaluate';
import { Tensor } from './tensor';

/**
 * The relative step of each node's own difference: not the check's eps, which may be the very
 * thing that is wrong (too large or too small); one op alone is well conditioned at 1e-6.
 */
export const NODE_CHECK_EPS = 1e-6;

export interface LocaliseSettings {
  atol: number;
  rtol: number;
  seed: number;
}

/**
 * The first op node of `order` whose VJP disagrees with its own central difference, or undefined.
 * `shouldStop` is asked between nodes.
 */
export async function localiseWrongNode(
  graph: Graph, order: readonly NodeId[], s: LocaliseSettings, shouldStop: () => Promise<boolean>,
): Promise<{ node?: LocalisedNode; checked: number }> {
  let checked = 0;
  // Only inputs a leaf reaches carry a gradient that matters (a constant exponent's may be NaN).
  const reached = new Uint8Array(graph.size);
  for (const id of order) {
    const node = graph.nodes[id];
    if (node.kind === 'leaf') { reached[id] = 1; }
    if (node.kind !== 'op' || !node.inputs.some(i => reached[i] === 1)) { continue; }
    reached[id] = 1;
    if (await shouldStop()) { break; }
    checked++;
    const found = checkNode(graph, node, reached, s);
    if (found) { return { node: found, checked }; }
  }
  return { checked };
}

/** The node's first input whose dot-product test fails, as a LocalisedNode. */
function checkNode(graph: Graph, node: GraphNode, reached: Uint8Array, s: LocaliseSettings): LocalisedNode | undefined {
  const op = getOp(node.op);
  const inputs = node.inputs.map(i => graph.nodes[i].value as Tensor);
  const output = node.value as Tensor;
  const random = uniformGenerator(s.seed + node.id);
  const [cotangent] = randomUnitVector([output.size], random);
  const vjps = op.vjp({ inputs, output, grad: new Tensor(output.shape, cotangent), attrs: node.attrs });
  for (let k = 0; k < inputs.length; k++) {
    const vjp = vjps[k];
    if (!vjp || inputs[k].size === 0 || reached[node.inputs[k]] !== 1) { continue; }
    const [direction] = randomUnitVector([inputs[k].size], random);
    const analytic = compensatedSum(direction.length, i => vjp.data[i] * direction[i]);
    const numeric = complexRefusal(node.op) === undefined
      ? complexDirectional(node, inputs, k, direction, cotangent)
      : directional(node, inputs, k, direction, cotangent);
    // Straddling a kink, or NaN on both sides (outside the domain): no verdict here.
    if (numeric === undefined || (Number.isNaN(numeric) && Number.isNaN(analytic))) { continue; }
    const absError = Math.abs(analytic - numeric);
    if (!(absError <= s.atol + s.rtol * Math.abs(numeric))) {
      const scale = Math.max(Math.abs(analytic), Math.abs(numeric));
      const found: LocalisedNode = { node: node.id, op: node.op, label: node.label, input: k, analytic, numeric, absError, relError: scale === 0 ? 0 : absError / scale };
      if (node.range) { found.range = { start: node.range.start, end: node.range.end }; }
      if (node.origin !== undefined) { found.origin = node.origin; }
      return found;
    }
  }
  return undefined;
}

/**
 * vᵀ(f(x + h·u) − f(x − h·u)) / 2h for input k moved along u, the other inputs fixed; undefined
 * when the two evaluations take different branches of a kinked op.
 */
function directional(node: GraphNode, inputs: readonly Tensor[], k: number, u: Float64Array, v: Float64Array): number | undefined {
  const op = getOp(node.op);
  let largest = 0;
  for (const x of inputs[k].data) { largest = Math.max(largest, Math.abs(x)); }
  const h = relativeStep(NODE_CHECK_EPS, largest);
  const shifted = (sign: number): { value: Tensor; branch?: ArrayLike<number> } => {
    const moved = inputs[k].clone();
    for (let i = 0; i < moved.size; i++) { moved.data[i] += sign * h * u[i]; }
    const args = inputs.map((t, j) => (j === k ? moved : t));
    const value = op.forward(args, node.attrs);
    return { value, branch: op.branch?.(args, node.attrs, value) };
  };
  const plus = shifted(1), minus = shifted(-1);
  if (plus.branch && minus.branch && !sameBranches(plus.branch, minus.branch)) { return undefined; }
  return compensatedSum(v.length, i => v[i] * (plus.value.data[i] - minus.value.data[i])) / (2 * h);
}

/** vᵀ Im f(x + ih·u) / h for input k: the JVP J u of an analytic op by the complex step, no step to tune. */
function complexDirectional(node: GraphNode, inputs: readonly Tensor[], k: number, u: Float64Array, v: Float64Array): number {
  const h = COMPLEX_STEP;
  const args = inputs.map((re, j) => ({ re, im: j === k ? new Tensor(re.shape, u.map(x => x * h)) : null }));
  const { im } = complexForward(getOp(node.op), args, node.attrs);
  return im === null ? 0 : compensatedSum(v.length, i => v[i] * im.data[i]) / h;
}

function sameBranches(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) { return false; }
  for (let i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
  return true;
}
