// Engine benchmarks against @tensorflow/tfjs (CPU backend) on identical weights, in one process.
import * as tf from '@tensorflow/tfjs';
import { backward, forward } from '../src/engine/autograd';
import { gradcheck } from '../src/engine/gradcheck';
import { Graph, NodeId } from '../src/engine/graph';
import { Tensor } from '../src/engine/tensor';
import { inspect } from '../src/inspect';
import { report, reportPaired, seededValues, time, timeAgainstPeer } from './harness';
import { PeerWeights, TorchPeer, findTorchPython } from './torch-peer';

interface MlpShape { batch: number; input: number; hidden: number; output: number }

const MLP_TENSORS = ['X', 'W1', 'b1', 'W2', 'b2'];

function mlpDims({ batch, input, hidden, output }: MlpShape): number[][] {
  return [[batch, input], [input, hidden], [hidden], [hidden, output], [output]];
}

/** 0.5·Σ(relu(X·W1 + b1)·W2 + b2)², our graph. */
function buildMlp(shape: MlpShape): { graph: Graph; loss: NodeId; weights: Float64Array[] } {
  const { batch, input, hidden, output } = shape;
  const weights = [
    seededValues(batch * input, 1, 1),
    seededValues(input * hidden, 2, 0.05),
    seededValues(hidden, 3, 0.05),
    seededValues(hidden * output, 4, 0.1),
    seededValues(output, 5, 0.1),
  ];
  const g = new Graph();
  const [x, w1, b1, w2, b2] = mlpDims(shape).map((dims, i) => g.leaf(MLP_TENSORS[i], new Tensor(dims, weights[i])));
  const h = g.apply('relu', [g.apply('add', [g.apply('matmul', [x, w1]), b1])]);
  const y = g.apply('add', [g.apply('matmul', [h, w2]), b2]);
  const loss = g.apply('mul', [g.constant(Tensor.scalar(0.5)), g.apply('sum', [g.apply('mul', [y, y])], { axis: null, keepdims: false })]);
  return { graph: g, loss, weights };
}

async function mlpAgainstTfjs(): Promise<void> {
  const shape = { batch: 64, input: 784, hidden: 128, output: 10 };
  const { graph, loss, weights } = buildMlp(shape);
  const order = graph.order(loss);
  const [X, W1, b1, W2, b2] = [
    tf.variable(tf.tensor2d(Float32Array.from(weights[0]), [shape.batch, shape.input])),
    tf.variable(tf.tensor2d(Float32Array.from(weights[1]), [shape.input, shape.hidden])),
    tf.variable(tf.tensor1d(Float32Array.from(weights[2]))),
    tf.variable(tf.tensor2d(Float32Array.from(weights[3]), [shape.hidden, shape.output])),
    tf.variable(tf.tensor1d(Float32Array.from(weights[4]))),
  ];
  const tfLoss = (): tf.Scalar => tf.tidy(() => {
    const y = tf.relu(X.matMul(W1).add(b1)).matMul(W2).add(b2);
    return tf.mul(0.5, tf.sum(tf.square(y))) as tf.Scalar;
  });
  // X is a variable too, so tfjs computes the input gradient as we do.
  // Same numbers first: the peers must compute the same loss (float32 vs float64 rounding apart).
  const ours = forward(graph, loss, order).item();
  const theirs = tfLoss().dataSync()[0];
  if (Math.abs(ours - theirs) > 1e-3 * Math.abs(ours)) { throw new Error(`MLP losses differ: ours ${ours}, tfjs ${theirs}`); }

  const runs = 60;
  const oursForward = await time(() => forward(graph, loss, order), runs);
  const peerForward = await time(() => { const l = tfLoss(); l.dataSync(); l.dispose(); }, runs);
  report({ name: 'mlp_64x784x128x10_forward', ours_ms: oursForward, peer_ms: peerForward, peer: 'tfjs-cpu float32', runs });

  const oursBoth = await time(() => { forward(graph, loss, order); backward(graph, loss, order); }, runs);
  const peerBoth = await time(() => {
    const { value, grads } = tf.variableGrads(tfLoss);
    value.dataSync();
    for (const g of Object.values(grads)) { g.dataSync(); g.dispose(); }
    value.dispose();
  }, runs);
  report({ name: 'mlp_64x784x128x10_forward_backward', ours_ms: oursBoth, peer_ms: peerBoth, peer: 'tfjs-cpu float32', runs, extra: { target: 'ratio <= 1.0' } });

  const oursBackward = await time(() => backward(graph, loss, order), runs);
  report({ name: 'mlp_backward_over_forward', ours_ms: oursBackward, peer_ms: oursForward, peer: 'our forward pass', runs, extra: { target: 'ratio <= 3 (cheap gradient)' } });
  tf.dispose([X, W1, b1, W2, b2]);
  await mlpAgainstTorch(shape, graph, loss, weights);
}

/** The MLP's float64 weights back to back, for the PyTorch peer. */
function mlpPeerWeights(shape: MlpShape, weights: Float64Array[]): PeerWeights {
  const dims = mlpDims(shape);
  const bytes = new Uint8Array(weights.reduce((n, w) => n + w.byteLength, 0));
  const tensors = weights.map((w, i) => {
    const offset = weights.slice(0, i).reduce((n, v) => n + v.byteLength, 0);
    bytes.set(new Uint8Array(w.buffer, w.byteOffset, w.byteLength), offset);
    return { name: MLP_TENSORS[i], dims: dims[i], offset };
  });
  return { kind: 'mlp', config: shape, dtype: 'float64', tensors, bytes };
}

/**
 * PyTorch CPU float64 on one thread, on the same weights: loss and every gradient's Σg² within 1e-12
 * relative first (both compute in float64), then our runs and its runs in turn.
 */
async function mlpAgainstTorch(shape: MlpShape, graph: Graph, loss: NodeId, weights: Float64Array[]): Promise<void> {
  const python = findTorchPython();
  if (!python) {
    process.stdout.write(JSON.stringify({ name: 'mlp_64x784x128x10_vs_torch', note: 'PyTorch peer skipped: no python3 with torch' }) + '\n');
    return;
  }
  const peer = TorchPeer.start(python, mlpPeerWeights(shape, weights));
  try {
    const order = graph.order(loss);
    forward(graph, loss, order);
    backward(graph, loss, order);
    const result = await peer.result();
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.abs(b);
    const ours = graph.node(loss).value?.item() ?? NaN;
    if (!close(ours, result.loss)) { throw new Error(`MLP losses differ: ours ${ours}, PyTorch ${result.loss}`); }
    for (const leaf of graph.leaves(loss)) {
      let sumsq = 0;
      for (const g of leaf.grad?.data ?? []) { sumsq += g * g; }
      const theirs = result.grad_sumsq[leaf.name ?? ''];
      if (!close(sumsq, theirs)) { throw new Error(`MLP gradients of '${leaf.name}' differ: Σg² ours ${sumsq}, PyTorch ${theirs}`); }
    }
    const peerName = `PyTorch ${result.torch} CPU float64, ${result.threads} thread`;
    const runs = 60;
    const forwards = await timeAgainstPeer(() => forward(graph, loss, order), () => peer.time('forward'), runs, 5);
    reportPaired('mlp_64x784x128x10_forward_vs_torch', forwards, `${peerName} (no_grad)`, runs);
    const steps = await timeAgainstPeer(() => { forward(graph, loss, order); backward(graph, loss, order); }, () => peer.time('step'), runs, 5);
    reportPaired('mlp_64x784x128x10_forward_backward_vs_torch', steps, peerName, runs, { target: 'ratio <= 1.0' });
  } finally {
    peer.close();
  }
}

/** x ← sin(x)·c + x, n times over: a long chain of scalar ops. */
async function longScalarChain(): Promise<void> {
  const build = (n: number): { graph: Graph; out: NodeId } => {
    const g = new Graph();
    let x = g.leaf('x', Tensor.scalar(0.1));
    const c = g.constant(Tensor.scalar(0.001));
    for (let i = 0; i < n; i += 3) {
      x = g.apply('add', [g.apply('mul', [g.apply('sin', [x]), c]), x]);
    }
    return { graph: g, out: x };
  };
  const n = 100_000;
  const { graph, out } = build(n);
  const order = graph.order(out);
  const ours = await time(() => { forward(graph, out, order); backward(graph, out, order); }, 20);
  const peerNodes = 10_000;
  const x0 = tf.scalar(0.1);
  const peerFn = (x: tf.Tensor): tf.Tensor => {
    let y = x;
    for (let i = 0; i < peerNodes; i += 3) { y = tf.add(tf.mul(tf.sin(y), 0.001), y); }
    return y;
  };
  const peerGrad = tf.grad(peerFn);
  const peer = await time(() => { tf.tidy(() => peerGrad(x0).dataSync()); }, 10, 2);
  const oursPerNode = ours / graph.size;
  const peerPerNode = peer / (peerNodes / 3 * 3 + 2);
  report({ name: 'scalar_chain_100k_forward_backward_per_node', ours_ms: oursPerNode, peer_ms: peerPerNode, peer: 'tfjs-cpu scalar ops (10k-node chain)', runs: 20, extra: { nodes: graph.size, ours_total_ms: Number(ours.toFixed(1)) } });
  x0.dispose();
}

/** Full gradient check of a ~10,000-parameter MLP: cost against the 2·N forward passes it needs. */
async function fullCheckOfMlp(): Promise<void> {
  const { graph, loss } = buildMlp({ batch: 8, input: 64, hidden: 144, output: 5 });
  const order = graph.order(loss);
  forward(graph, loss, order);
  backward(graph, loss, order);
  const forwardMs = await time(() => forward(graph, loss, order), 30);
  const t0 = performance.now();
  const result = await gradcheck(graph, loss, { mode: 'full' });
  const ms = performance.now() - t0;
  if (!result.passed) { throw new Error('the MLP gradient check failed'); }
  const parameters = result.totalEntries;
  report({
    name: 'full_gradcheck_mlp', ours_ms: ms, peer_ms: 2 * parameters * forwardMs, peer: '2 full forward passes per entry',
    runs: 1, extra: { entries: parameters, seconds: Number((ms / 1000).toFixed(2)), entries_per_second: Math.round(parameters / (ms / 1000)) },
  });
}

/** inspect() on a 500-node expression: the hover's budget is 50 ms. */
async function hoverSizedInspect(): Promise<void> {
  const terms: string[] = [];
  for (let i = 0; terms.length * 8 < 500; i++) { terms.push(`sin(w${i % 7} * x + ${i}) * exp(-x^2)`); }
  const text = terms.join(' + ');
  const bindings = new Map([['x', Tensor.scalar(0.3)], ...Array.from({ length: 7 }, (_, i) => [`w${i}`, Tensor.scalar(0.1 * (i + 1))] as [string, Tensor])]);
  const probe = await inspect({ kind: 'text', text, language: 'math' }, { bindings });
  const ms = await time(() => inspect({ kind: 'text', text, language: 'math' }, { bindings }), 50);
  report({ name: 'hover_inspect_500_nodes', ours_ms: ms, peer_ms: 50, peer: 'the 50 ms hover budget', runs: 50, extra: { nodes: probe.graph.size, target: 'ratio <= 1' } });
}

export async function runEngineBenchmarks(): Promise<void> {
  await tf.setBackend('cpu');
  await mlpAgainstTfjs();
  await longScalarChain();
  await fullCheckOfMlp();
  await hoverSizedInspect();
}
