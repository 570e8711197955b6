// The two ONNX benchmark models (a LeNet-sized CNN and a 784 → 128 → 10 MLP), each as real ModelProto
// bytes laid out as PyTorch's exporter writes them (opset 13, float32 initializers in raw_data, Gemm
// with transB = 1), and as the same network in @tensorflow/tfjs on the very same float32 weights.
import * as tf from '@tensorflow/tfjs';
import { Nested } from '../src/engine/tensor';
import { ModelSpec, NodeSpec, modelBytes } from '../test/unit/model/onnx-writer';
import { seededValues } from './harness';

export interface Weight {
  name: string;
  dims: number[];
  data: Float32Array;
}

/** The tfjs network: its variables (weights, biases and the input) and its loss 0.5·Σy². */
export interface PeerNetwork {
  variables: tf.Variable[];
  loss: () => tf.Scalar;
  /** Gradients of tfjs's variables rearranged to the ONNX layout, by ONNX name, to compare with ours. */
  onnxLayoutGradients: (grads: tf.NamedTensorMap) => Map<string, Float32Array>;
}

export interface BenchModel {
  name: string;
  bytes: Uint8Array;
  inputName: string;
  inputDims: number[];
  input: Float32Array;
  weights: Weight[];
  /** Builds the tfjs network (creates its tensors: the peer of loading). */
  peer: () => PeerNetwork;
}

export const BATCH = 32;

/** PyTorch's default init range, uniform in ±1/√fan_in, with a seed per tensor; rounded to float32. */
function weight(name: string, dims: number[], fanIn: number, seed: number): Weight {
  const size = dims.reduce((a, b) => a * b, 1);
  return { name, dims, data: Float32Array.from(seededValues(size, seed, 1 / Math.sqrt(fanIn))) };
}

function bytesOf(nodes: NodeSpec[], weights: Weight[], inputName: string, inputDims: number[]): Uint8Array {
  const spec: ModelSpec = {
    opset: 13,
    nodes,
    initializers: weights.map(w => ({ name: w.name, dims: w.dims, values: Array.from(w.data) })),
    inputs: [{ name: inputName, shape: inputDims }],
    outputs: ['output'],
  };
  return modelBytes(spec);
}

const gemm = (x: string, layer: string, out: string): NodeSpec =>
  ({ op: 'Gemm', inputs: [x, `${layer}.weight`, `${layer}.bias`], outputs: [out], name: `/${layer}/Gemm`, attrs: { alpha: { f: 1 }, beta: { f: 1 }, transB: 1 } });
const relu = (x: string, out: string): NodeSpec => ({ op: 'Relu', inputs: [x], outputs: [out], name: `/${out}/Relu` });

/** Permutes axes of a row-major array: out[index permuted] = data[index]; `perm[k]` is the source axis of output axis k. */
export function permute(data: Float32Array, dims: readonly number[], perm: readonly number[]): Float32Array {
  const outDims = perm.map(p => dims[p]);
  const srcStrides = dims.map((_, k) => dims.slice(k + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(data.length);
  const index = new Array<number>(outDims.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let k = 0; k < perm.length; k++) { src += index[k] * srcStrides[perm[k]]; }
    out[o] = data[src];
    for (let k = outDims.length - 1; k >= 0 && ++index[k] === outDims[k]; k--) { index[k] = 0; }
  }
  return out;
}

export function nested(data: Float32Array, dims: readonly number[]): Nested {
  if (dims.length === 0) { return data[0]; }
  const rows: Nested[] = [];
  const step = data.length / dims[0];
  for (let i = 0; i < dims[0]; i++) { rows.push(nested(data.subarray(i * step, (i + 1) * step), dims.slice(1))); }
  return rows;
}

const halfSumOfSquares = (y: tf.Tensor): tf.Scalar => tf.mul(0.5, tf.sum(tf.square(y))) as tf.Scalar;

/** 784 → 128 → 10 with ReLU, batch 32. */
export function mlpModel(): BenchModel {
  const inputDims = [BATCH, 784];
  const input = Float32Array.from(seededValues(BATCH * 784, 100, 1));
  const weights = [
    weight('fc1.weight', [128, 784], 784, 101), weight('fc1.bias', [128], 784, 102),
    weight('fc2.weight', [10, 128], 128, 103), weight('fc2.bias', [10], 128, 104),
  ];
  const nodes = [gemm('input', 'fc1', 'h1'), relu('h1', 'a1'), gemm('a1', 'fc2', 'output')];
  const peer = (): PeerNetwork => {
    const x = tf.variable(tf.tensor2d(input, [BATCH, 784]), true, 'input');
    const [w1, b1, w2, b2] = weights.map(w => tf.variable(tf.tensor(w.data, w.dims), true, w.name));
    const loss = (): tf.Scalar => tf.tidy(() => {
      const h = tf.relu(tf.add(tf.matMul(x, w1, false, true), b1));
      return halfSumOfSquares(tf.add(tf.matMul(h, w2, false, true), b2));
    });
    const onnxLayoutGradients = (grads: tf.NamedTensorMap): Map<string, Float32Array> =>
      new Map(['input', ...weights.map(w => w.name)].map(n => [n, grads[n].dataSync() as Float32Array]));
    return { variables: [x, w1, b1, w2, b2], loss, onnxLayoutGradients };
  };
  return { name: 'mlp_32x784x128x10', bytes: bytesOf(nodes, weights, 'input', inputDims), inputName: 'input', inputDims, input, weights, peer };
}

/**
 * LeNet-5 on 1×28×28, batch 32: Conv 1→6 5×5 pad 2, ReLU, MaxPool 2, Conv 6→16 5×5, ReLU,
 * MaxPool 2, Flatten, Gemm 400→120, ReLU, Gemm 120→84, ReLU, Gemm 84→10.
 */
export function lenetModel(): BenchModel {
  const inputDims = [BATCH, 1, 28, 28];
  const input = Float32Array.from(seededValues(BATCH * 28 * 28, 200, 1));
  const weights = [
    weight('conv1.weight', [6, 1, 5, 5], 25, 201), weight('conv1.bias', [6], 25, 202),
    weight('conv2.weight', [16, 6, 5, 5], 150, 203), weight('conv2.bias', [16], 150, 204),
    weight('fc1.weight', [120, 400], 400, 205), weight('fc1.bias', [120], 400, 206),
    weight('fc2.weight', [84, 120], 120, 207), weight('fc2.bias', [84], 120, 208),
    weight('fc3.weight', [10, 84], 84, 209), weight('fc3.bias', [10], 84, 210),
  ];
  const pool = (x: string, out: string): NodeSpec => ({ op: 'MaxPool', inputs: [x], outputs: [out], name: `/${out}/MaxPool`, attrs: { kernel_shape: [2, 2], strides: [2, 2] } });
  const nodes: NodeSpec[] = [
    { op: 'Conv', inputs: ['input', 'conv1.weight', 'conv1.bias'], outputs: ['c1'], name: '/conv1/Conv', attrs: { kernel_shape: [5, 5], pads: [2, 2, 2, 2], strides: [1, 1] } },
    relu('c1', 'r1'), pool('r1', 'p1'),
    { op: 'Conv', inputs: ['p1', 'conv2.weight', 'conv2.bias'], outputs: ['c2'], name: '/conv2/Conv', attrs: { kernel_shape: [5, 5], strides: [1, 1] } },
    relu('c2', 'r2'), pool('r2', 'p2'),
    { op: 'Flatten', inputs: ['p2'], outputs: ['flat'], name: '/Flatten', attrs: { axis: 1 } },
    gemm('flat', 'fc1', 'h1'), relu('h1', 'a1'), gemm('a1', 'fc2', 'h2'), relu('h2', 'a2'), gemm('a2', 'fc3', 'output'),
  ];
  // tfjs convolves NHWC inputs with HWIO filters; its flatten of NHWC is (h, w, c) where ONNX's of
  // NCHW is (c, h, w), so fc1's columns are permuted once here instead of transposing activations.
  const nhwcInput = permute(input, inputDims, [0, 2, 3, 1]);
  const hwio = (w: Weight): Float32Array => permute(w.data, w.dims, [2, 3, 1, 0]);
  const fc1Hwc = permute(weights[4].data, [120, 16, 5, 5], [0, 2, 3, 1]);
  const peer = (): PeerNetwork => {
    const x = tf.variable(tf.tensor4d(nhwcInput, [BATCH, 28, 28, 1]), true, 'input');
    const k1 = tf.variable(tf.tensor4d(hwio(weights[0]), [5, 5, 1, 6]), true, 'conv1.weight');
    const k2 = tf.variable(tf.tensor4d(hwio(weights[2]), [5, 5, 6, 16]), true, 'conv2.weight');
    const f1 = tf.variable(tf.tensor2d(fc1Hwc, [120, 400]), true, 'fc1.weight');
    const [c1b, c2b, f1b, f2, f2b, f3, f3b] = [1, 3, 5, 6, 7, 8, 9].map(i => tf.variable(tf.tensor(weights[i].data, weights[i].dims), true, weights[i].name));
    const convRelu = (h: tf.Tensor4D, k: tf.Tensor4D, b: tf.Tensor, pad: number): tf.Tensor4D => tf.relu(tf.add(tf.conv2d(h, k, 1, pad), b)) as tf.Tensor4D;
    const dense = (h: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor): tf.Tensor2D => tf.add(tf.matMul(h, w, false, true), b);
    const loss = (): tf.Scalar => tf.tidy(() => {
      const p1 = tf.maxPool(convRelu(x as tf.Tensor4D, k1 as tf.Tensor4D, c1b, 2), 2, 2, 'valid');
      const p2 = tf.maxPool(convRelu(p1, k2 as tf.Tensor4D, c2b, 0), 2, 2, 'valid');
      const a1 = tf.relu(dense(tf.reshape(p2, [BATCH, 400]), f1 as tf.Tensor2D, f1b));
      const a2 = tf.relu(dense(a1, f2 as tf.Tensor2D, f2b));
      return halfSumOfSquares(dense(a2, f3 as tf.Tensor2D, f3b));
    });
    const onnxLayoutGradients = (grads: tf.NamedTensorMap): Map<string, Float32Array> => new Map([
      ['input', permute(grads.input.dataSync() as Float32Array, [BATCH, 28, 28, 1], [0, 3, 1, 2])],
      ['conv1.weight', permute(grads['conv1.weight'].dataSync() as Float32Array, [5, 5, 1, 6], [3, 2, 0, 1])],
      ['conv2.weight', permute(grads['conv2.weight'].dataSync() as Float32Array, [5, 5, 6, 16], [3, 2, 0, 1])],
      ['fc1.weight', permute(grads['fc1.weight'].dataSync() as Float32Array, [120, 5, 5, 16], [0, 3, 1, 2])],
      ...[1, 3, 5, 6, 7, 8, 9].map(i => [weights[i].name, grads[weights[i].name].dataSync() as Float32Array] as [string, Float32Array]),
    ]);
    return { variables: [x, k1, c1b, k2, c2b, f1, f1b, f2, f2b, f3, f3b], loss, onnxLayoutGradients };
  };
  return { name: 'lenet_32x1x28x28', bytes: bytesOf(nodes, weights, 'input', inputDims), inputName: 'input', inputDims, input, weights, peer };
}
