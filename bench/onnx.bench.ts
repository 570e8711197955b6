// ONNX model benchmarks (issue 5): load, forward + backward and the `auto` gradient check of a
// LeNet-sized CNN and a 784 → 128 → 10 MLP, against @tensorflow/tfjs (CPU) on the same weights.
import * as tf from '@tensorflow/tfjs';
import { backward, forward } from '../src/engine/autograd';
import { gradcheck } from '../src/engine/gradcheck';
import { Graph, NodeId } from '../src/engine/graph';
import { ImportedModel, importOnnx } from '../src/model/import';
import { median, report, timeInterleaved } from './harness';
import { BenchModel, PeerNetwork, lenetModel, mlpModel, nested } from './onnx-models';

interface Runs { load: number; forward: number; step: number; check: number }

const load = (model: BenchModel): Promise<ImportedModel> =>
  importOnnx(model.bytes, `${model.name}.onnx`, { inputs: { [model.inputName]: nested(model.input, model.inputDims) } });

function peerStep(net: PeerNetwork): void {
  const { value, grads } = tf.variableGrads(net.loss, net.variables);
  value.dataSync();
  value.dispose();
  for (const g of Object.values(grads)) { g.dataSync(); g.dispose(); }
}

/**
 * The comparison is only honest if both compute the same thing: the same loss, and the same gradient
 * for every weight and the input, up to float32 rounding (tfjs) against float64 (ours).
 */
function requireSameResults(model: BenchModel, graph: Graph, loss: NodeId, net: PeerNetwork): void {
  const ours = graph.node(loss).value?.item() ?? NaN;
  const { value, grads } = tf.variableGrads(net.loss, net.variables);
  const theirs = value.dataSync()[0];
  if (!(Math.abs(ours - theirs) <= 1e-4 * Math.abs(ours))) { throw new Error(`${model.name}: losses differ: ours ${ours}, tfjs ${theirs}`); }
  const peerGrads = net.onnxLayoutGradients(grads);
  for (const leaf of graph.leaves(loss)) {
    const name = leaf.name ?? '';
    const a = leaf.grad?.data, b = peerGrads.get(name);
    if (!a || !b || a.length !== b.length) { throw new Error(`${model.name}: no comparable gradient for '${name}'`); }
    let scale = 0, diff = 0;
    for (let i = 0; i < a.length; i++) { scale = Math.max(scale, Math.abs(a[i])); diff = Math.max(diff, Math.abs(a[i] - b[i])); }
    if (!(diff <= 1e-3 * scale)) { throw new Error(`${model.name}: gradients of '${name}' differ by ${diff} (largest entry ${scale})`); }
  }
  if (peerGrads.size !== graph.leaves(loss).length) { throw new Error(`${model.name}: tfjs has ${peerGrads.size} gradients, we have ${graph.leaves(loss).length}`); }
  value.dispose();
  tf.dispose(Object.values(grads));
}

async function benchModel(model: BenchModel, runs: Runs): Promise<void> {
  const peerLoad = (): void => {
    const net = model.peer();
    const l = net.loss();
    l.dataSync();
    l.dispose();
    tf.dispose(net.variables);
  };
  const [oursLoad, theirLoad] = await timeInterleaved([() => load(model), peerLoad], runs.load);
  report({
    name: `onnx_${model.name}_load`, ours_ms: oursLoad, peer_ms: theirLoad, runs: runs.load,
    peer: 'tfjs-cpu float32: tensors from the same float32 weights + one forward pass (importOnnx also evaluates the model)',
    extra: { model_bytes: model.bytes.length },
  });

  const { graph, output } = await load(model);
  const order = graph.order(output);
  const oursForward = (): unknown => forward(graph, output, order);
  const oursStep = (): void => { forward(graph, output, order); backward(graph, output, order); };
  oursStep();
  const net = model.peer();
  requireSameResults(model, graph, output, net);

  const peerForward = (): void => { const l = net.loss(); l.dataSync(); l.dispose(); };
  const [forwardMs, peerForwardMs, stepMs] = await timeInterleaved([oursForward, peerForward, oursStep], runs.forward);
  report({
    name: `onnx_${model.name}_forward`, ours_ms: forwardMs, peer_ms: peerForwardMs, peer: 'tfjs-cpu float32', runs: runs.forward,
    extra: { ours_forward_backward_ms: round(stepMs), ours_backward_over_forward: round((stepMs - forwardMs) / forwardMs) },
  });

  const [oursStepMs, peerStepMs] = await timeInterleaved([oursStep, () => peerStep(net)], runs.step, 1);
  report({ name: `onnx_${model.name}_forward_backward`, ours_ms: oursStepMs, peer_ms: peerStepMs, peer: 'tfjs-cpu float32 (tf.variableGrads of the weights and the input)', runs: runs.step });
  tf.dispose(net.variables);

  await checkCost(model, graph, output, forwardMs, runs.check);
}

const round = (x: number): number => Number(x.toPrecision(3));

/** The `auto` check against what it would cost to re-run the whole model once per evaluation. */
async function checkCost(model: BenchModel, graph: Graph, output: NodeId, forwardMs: number, runs: number): Promise<void> {
  const samples: number[] = [];
  let result = await gradcheck(graph, output, { mode: 'auto' });
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await gradcheck(graph, output, { mode: 'auto' });
    samples.push(performance.now() - t0);
  }
  const ms = median(samples);
  report({
    name: `onnx_${model.name}_auto_check`, ours_ms: ms, peer_ms: result.evaluations * forwardMs, runs,
    peer: `our full forward pass × the check's ${result.evaluations} evaluations`,
    extra: {
      mode: result.mode, total_entries: result.totalEntries, checked_entries: result.entries.length,
      pass: result.counts.pass, kink: result.counts.kink, fail: result.counts.fail, passed: result.passed ? 'yes' : 'no',
    },
  });
}

export async function runOnnxBenchmarks(): Promise<void> {
  await tf.setBackend('cpu');
  await benchModel(mlpModel(), { load: 30, forward: 50, step: 50, check: 5 });
  // tfjs-cpu's convolution gradients take seconds per step (naive kernels): few runs of that pair.
  await benchModel(lenetModel(), { load: 10, forward: 20, step: 3, check: 2 });
}
