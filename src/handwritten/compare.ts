// Compares each hand-written gradient with the engine's autograd (a vector-Jacobian product over
// the nodes between the input and the output) and with central differences of ⟨output, upstream⟩,
// entry by entry, and says what is wrong when it is wrong: a shape, a transpose, a constant ratio
// (a missing `/ N` reads as ratio N), a missing upstream-gradient factor, or the worst entries.
import { DEFAULT_ATOL, DEFAULT_EPS, DEFAULT_RTOL } from '../engine/gradcheck';
import { Graph } from '../engine/graph';
import { evaluateWith, pathBetween, vectorJacobianProduct } from '../engine/subgraph';
import { Tensor, sameShape, shapeToString, unravelIndex } from '../engine/tensor';
import { HandwrittenPair } from './pairs';
import { HandwrittenEntry, HandwrittenResult } from './types';

/** Entries shown as the worst of one gradient. */
const WORST_SHOWN = 5;
/** Most entries per gradient checked by central differences; beyond, an even sample. */
export const MAX_NUMERIC_ENTRIES = 4096;

export function compareHandwritten(graph: Graph, pair: HandwrittenPair): HandwrittenResult {
  const path = pathBetween(graph, pair.input, pair.output);
  const autograd = vectorJacobianProduct(graph, pair.input, path, pair.upstream);
  const base = { name: pair.name, of: pair.of, function: pair.function, convention: pair.convention, range: pair.range, definition: pair.definition, path: pair.path, truth: autograd, ...(pair.handwritten ? { value: pair.handwritten } : {}) };
  const h = pair.handwritten;
  if (!h) {
    const zero = autograd.data.every(v => v === 0);
    return { ...base, passed: zero, maxAbsError: maxAbs(autograd.data), maxRelError: zero ? 0 : 1, worst: [], diagnosis: zero ? 'None, and the true gradient is zero' : `None, but the true gradient is not zero` };
  }
  if (!sameShape(h.shape, autograd.shape)) {
    return { ...base, passed: false, maxAbsError: Infinity, maxRelError: Infinity, worst: [], diagnosis: shapeDiagnosis(h, autograd, pair.of) };
  }
  const numeric = centralDifferences(graph, path, pair);
  const entries = compareEntries(h, autograd, numeric);
  const passed = entries.every(e => Math.abs(e.handwritten - e.autograd) <= DEFAULT_ATOL + DEFAULT_RTOL * Math.abs(e.autograd));
  const errors = entries.map(e => Math.abs(e.handwritten - e.autograd));
  const relative = entries.map((e, i) => (e.autograd === 0 ? 0 : errors[i] / Math.abs(e.autograd)));
  const worst = entries.map((e, i) => ({ e, error: errors[i] })).sort((a, b) => b.error - a.error).slice(0, WORST_SHOWN).map(w => w.e);
  return {
    ...base,
    passed,
    maxAbsError: errors.reduce((m, v) => Math.max(m, v), 0),
    maxRelError: relative.reduce((m, v) => Math.max(m, v), 0),
    worst,
    diagnosis: passed ? 'matches' : valueDiagnosis(graph, path, pair, h, autograd, entries.filter((e, i) => errors[i] > DEFAULT_ATOL + DEFAULT_RTOL * Math.abs(e.autograd)).length),
  };
}

function compareEntries(h: Tensor, autograd: Tensor, numeric: Map<number, number>): HandwrittenEntry[] {
  return Array.from(h.data, (v, flat) => {
    const entry: HandwrittenEntry = { index: indexText(flat, h.shape), handwritten: v, autograd: autograd.data[flat] };
    const n = numeric.get(flat);
    if (n !== undefined) { entry.numeric = n; }
    return entry;
  });
}

/** ⟨output(x + εe_i), u⟩ − ⟨output(x − εe_i), u⟩ over 2ε, for every entry or an even sample. */
function centralDifferences(graph: Graph, path: readonly number[], pair: HandwrittenPair): Map<number, number> {
  const numeric = new Map<number, number>();
  if (path.length === 0) { return numeric; }
  const x = graph.nodes[pair.input].value as Tensor;
  const stride = Math.max(1, Math.ceil(x.size / MAX_NUMERIC_ENTRIES));
  const contracted = (t: Tensor): number => {
    let s = 0;
    for (let k = 0; k < t.size; k++) { s += t.data[k] * pair.upstream.data[pair.upstream.size === 1 ? 0 : k]; }
    return s;
  };
  for (let flat = 0; flat < x.size; flat += stride) {
    const shifted = x.clone();
    shifted.data[flat] = x.data[flat] + DEFAULT_EPS;
    const plus = contracted(evaluateWith(graph, path, shifted));
    shifted.data[flat] = x.data[flat] - DEFAULT_EPS;
    const minus = contracted(evaluateWith(graph, path, shifted));
    numeric.set(flat, (plus - minus) / (2 * DEFAULT_EPS));
  }
  return numeric;
}

function shapeDiagnosis(h: Tensor, truth: Tensor, of: string): string {
  const shapes = `shape ${shapeToString(h.shape)} where ${of} has shape ${shapeToString(truth.shape)}`;
  if (h.rank === 2 && truth.rank === 2 && h.shape[0] === truth.shape[1] && h.shape[1] === truth.shape[0]) {
    const transposed = Array.from(truth.data, (_, k) => h.data[(k % truth.shape[1]) * h.shape[1] + Math.floor(k / truth.shape[1])]);
    if (transposed.every((v, k) => close(v, truth.data[k]))) { return `transposed: ${shapes}, and its transpose is the true gradient`; }
    return `transposed shape: ${shapes}`;
  }
  if (h.size === truth.size && h.data.every((v, k) => close(v, truth.data[k]))) { return `mis-shaped: the right entries with ${shapes} (reshape to ${of}'s shape)`; }
  return `mis-shaped: ${shapes}`;
}

function valueDiagnosis(graph: Graph, path: readonly number[], pair: HandwrittenPair, h: Tensor, truth: Tensor, wrong: number): string {
  const ratio = constantRatio(h, truth);
  if (ratio !== undefined) { return ratioText(ratio); }
  const upstreamIsOnes = pair.upstream.data.every(v => v === 1);
  if (!upstreamIsOnes && pair.convention !== 'loss-and-gradient') {
    const ones = vectorJacobianProduct(graph, pair.input, path, Tensor.full(pair.upstream.shape, 1));
    if (h.data.every((v, k) => close(v, ones.data[k]))) {
      return 'missing the upstream gradient factor: it equals the gradient for an upstream of ones (multiply by dout / grad_output)';
    }
  }
  return `${wrong} of ${h.size} entries differ from the true gradient`;
}

/** h / truth when it is the same for every entry (and the entries are not all zero). */
function constantRatio(h: Tensor, truth: Tensor): number | undefined {
  const scale = maxAbs(truth.data);
  if (scale === 0) { return undefined; }
  let ratio: number | undefined;
  for (let k = 0; k < h.size; k++) {
    if (Math.abs(truth.data[k]) <= 1e-8 * scale) {
      if (Math.abs(h.data[k]) > 1e-8 * maxAbs(h.data)) { return undefined; }
      continue;
    }
    const r = h.data[k] / truth.data[k];
    if (ratio === undefined) { ratio = r; } else if (Math.abs(r - ratio) > 1e-6 * Math.max(1, Math.abs(ratio))) { return undefined; }
  }
  return ratio;
}

function ratioText(ratio: number): string {
  const shown = Number(ratio.toPrecision(6));
  if (Math.abs(ratio + 1) < 1e-6) { return 'the sign is flipped: hand-written = −1 × true'; }
  const whole = Math.round(ratio);
  if (Math.abs(ratio - whole) < 1e-6 * Math.abs(ratio) && Math.abs(whole) >= 2) { return `a constant ratio ${whole}: hand-written = ${whole} × true (a missing / ${whole}?)`; }
  const inverse = Math.round(1 / ratio);
  if (Math.abs(1 / ratio - inverse) < 1e-6 * Math.abs(1 / ratio) && Math.abs(inverse) >= 2) { return `a constant ratio 1/${inverse}: hand-written = true / ${inverse} (an extra / ${inverse}?)`; }
  return `a constant ratio ${shown}: hand-written = ${shown} × true`;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= DEFAULT_ATOL + DEFAULT_RTOL * Math.abs(b);
}

function maxAbs(data: Float64Array): number {
  let m = 0;
  for (const v of data) { m = Math.max(m, Math.abs(v)); }
  return m;
}

function indexText(flat: number, shape: readonly number[]): string {
  return `[${unravelIndex(flat, shape).join(', ')}]`;
}
