// The two real-sized benchmark models, generated at bench time (never committed): a 6-layer
// pre-norm transformer (d = 256, 4 heads, 64 tokens, batch 1, GELU MLP) laid out as torch exports it at
// opset 13 (LayerNorm decomposed, GELU as Erf), and a ResNet-18-shaped CNN on 1×3×64×64 (BasicBlocks,
// BatchNormalization in inference form, residual Add, GlobalAveragePool, Gemm). Their float32 weights
// live in one side file (ONNX external data), so megabytes of weights skip the test-only protobuf
// writer; the same file feeds the PyTorch peer.
import { ModelSpec, NodeSpec, TensorSpec, INT64, modelBytes } from '../test/unit/model/onnx-writer';
import { seededValues } from './harness';

export interface LargeWeight {
  name: string;
  dims: number[];
  data: Float32Array;
}

export interface LargeModel {
  name: string;
  /** 'transformer' or 'resnet': which network the PyTorch peer builds from the weights. */
  kind: 'transformer' | 'resnet';
  bytes: Uint8Array;
  /** The side file `weights.bin`: every float32 initializer, then the input, back to back. */
  sideFile: Uint8Array;
  inputName: string;
  inputDims: number[];
  input: Float32Array;
  weights: LargeWeight[];
  /** Each float tensor's place in the side file, for the PyTorch peer. */
  manifest: { name: string; dims: number[]; offset: number }[];
}

export const SIDE_FILE = 'weights.bin';

/** Accumulates float32 weights, int64 shape constants and nodes of one model. */
class ModelBuilder {
  readonly weights: LargeWeight[] = [];
  readonly nodes: NodeSpec[] = [];
  private readonly shapes: TensorSpec[] = [];
  private seed: number;

  constructor(seed: number) { this.seed = seed; }

  /** A weight uniform in center ± scale (PyTorch's ±1/√fan_in for layers), rounded to float32. */
  weight(name: string, dims: number[], scale: number, center = 0): string {
    const size = dims.reduce((a, b) => a * b, 1);
    const values = seededValues(size, this.seed++, scale);
    this.weights.push({ name, dims, data: Float32Array.from(values, v => v + center) });
    return name;
  }

  constant(name: string, value: number): string {
    this.weights.push({ name, dims: [], data: Float32Array.of(value) });
    return name;
  }

  shape(name: string, values: number[]): string {
    this.shapes.push({ name, dims: [values.length], dataType: INT64, values });
    return name;
  }

  node(op: string, inputs: string[], output: string, attrs?: NodeSpec['attrs']): string {
    this.nodes.push({ op, inputs, outputs: [output], name: `/${output}/${op}`, attrs });
    return output;
  }

  build(name: string, kind: LargeModel['kind'], inputName: string, inputDims: number[], input: Float32Array, output: string): LargeModel {
    const manifest: LargeModel['manifest'] = [];
    let offset = 0;
    for (const w of [...this.weights, { name: inputName, dims: inputDims, data: input }]) {
      manifest.push({ name: w.name, dims: w.dims, offset });
      offset += w.data.byteLength;
    }
    const sideFile = new Uint8Array(offset);
    [...this.weights.map(w => w.data), input].forEach((data, i) => sideFile.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), manifest[i].offset));
    const initializers: TensorSpec[] = this.weights.map((w, i) => ({
      name: w.name, dims: w.dims, values: [], external: { location: SIDE_FILE, offset: manifest[i].offset, length: w.data.byteLength },
    }));
    const spec: ModelSpec = { opset: 13, nodes: this.nodes, initializers: [...initializers, ...this.shapes], inputs: [{ name: inputName, shape: inputDims }], outputs: [output] };
    return { name, kind, bytes: modelBytes(spec), sideFile, inputName, inputDims, input, weights: this.weights, manifest };
  }
}

export const TRANSFORMER = { layers: 6, d: 256, heads: 4, tokens: 64, hidden: 1024 };

/** LayerNorm as torch 1.13 exports it at opset 13: ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add. */
function layerNorm(b: ModelBuilder, x: string, prefix: string): string {
  const { d } = TRANSFORMER;
  const mean = b.node('ReduceMean', [x], `${prefix}/mean`, { axes: [-1], keepdims: 1 });
  const centered = b.node('Sub', [x, mean], `${prefix}/centered`);
  const squared = b.node('Pow', [centered, `${prefix}.two`], `${prefix}/squared`);
  b.constant(`${prefix}.two`, 2);
  const variance = b.node('ReduceMean', [squared], `${prefix}/variance`, { axes: [-1], keepdims: 1 });
  b.constant(`${prefix}.eps`, 1e-5);
  const std = b.node('Sqrt', [b.node('Add', [variance, `${prefix}.eps`], `${prefix}/variance_eps`)], `${prefix}/std`);
  const normed = b.node('Div', [centered, std], `${prefix}/normed`);
  const scaled = b.node('Mul', [normed, b.weight(`${prefix}.weight`, [d], 0.1, 1)], `${prefix}/scaled`);
  return b.node('Add', [scaled, b.weight(`${prefix}.bias`, [d], 0.1)], `${prefix}/out`);
}

/** x·W + b with W stored [in, out], as torch exports a Linear into MatMul + Add. */
function linear(b: ModelBuilder, x: string, prefix: string, inputs: number, outputs: number): string {
  const product = b.node('MatMul', [x, b.weight(`${prefix}.weight`, [inputs, outputs], 1 / Math.sqrt(inputs))], `${prefix}/matmul`);
  return b.node('Add', [product, b.weight(`${prefix}.bias`, [outputs], 1 / Math.sqrt(inputs))], `${prefix}/out`);
}

function attention(b: ModelBuilder, x: string, prefix: string): string {
  const { d, heads, tokens } = TRANSFORMER;
  const headSize = d / heads;
  const split = b.shape(`${prefix}.heads_shape`, [1, tokens, heads, headSize]);
  const merged = b.shape(`${prefix}.merged_shape`, [1, tokens, d]);
  const perHead = (name: string, perm: number[]): string =>
    b.node('Transpose', [b.node('Reshape', [linear(b, x, `${prefix}.${name}`, d, d), split], `${prefix}/${name}_heads`)], `${prefix}/${name}_t`, { perm });
  const q = perHead('q', [0, 2, 1, 3]), k = perHead('k', [0, 2, 3, 1]), v = perHead('v', [0, 2, 1, 3]);
  b.constant(`${prefix}.scale`, Math.sqrt(headSize));
  const scores = b.node('Div', [b.node('MatMul', [q, k], `${prefix}/scores`), `${prefix}.scale`], `${prefix}/scaled`);
  const probs = b.node('Softmax', [scores], `${prefix}/probs`, { axis: -1 });
  const context = b.node('Transpose', [b.node('MatMul', [probs, v], `${prefix}/context`)], `${prefix}/context_t`, { perm: [0, 2, 1, 3] });
  return linear(b, b.node('Reshape', [context, merged], `${prefix}/merged`), `${prefix}.proj`, d, d);
}

/** GELU as torch 1.13 exports it: x·½·(1 + erf(x/√2)). */
function gelu(b: ModelBuilder, x: string, prefix: string): string {
  b.constant(`${prefix}.sqrt2`, Math.SQRT2);
  b.constant(`${prefix}.one`, 1);
  b.constant(`${prefix}.half`, 0.5);
  const erf = b.node('Erf', [b.node('Div', [x, `${prefix}.sqrt2`], `${prefix}/scaled`)], `${prefix}/erf`);
  const gate = b.node('Add', [erf, `${prefix}.one`], `${prefix}/gate`);
  return b.node('Mul', [b.node('Mul', [x, gate], `${prefix}/gated`), `${prefix}.half`], `${prefix}/out`);
}

export function transformerModel(): LargeModel {
  const { layers, d, tokens, hidden } = TRANSFORMER;
  const b = new ModelBuilder(1000);
  let x = 'input';
  for (let l = 0; l < layers; l++) {
    const p = `layers.${l}`;
    x = b.node('Add', [x, attention(b, layerNorm(b, x, `${p}.ln1`), `${p}.attn`)], `${p}/attn_residual`);
    const mlp = linear(b, gelu(b, linear(b, layerNorm(b, x, `${p}.ln2`), `${p}.fc1`, d, hidden), `${p}.gelu`), `${p}.fc2`, hidden, d);
    x = b.node('Add', [x, mlp], `${p}/mlp_residual`);
  }
  const output = layerNorm(b, x, 'ln_f');
  const inputDims = [1, tokens, d];
  return b.build('transformer_6x256_64tok', 'transformer', 'input', inputDims, Float32Array.from(seededValues(tokens * d, 999, 1)), output);
}

export const RESNET = { classes: 10, widths: [64, 128, 256, 512], size: 64 };

function convBn(b: ModelBuilder, x: string, prefix: string, inC: number, outC: number, kernel: number, stride: number): string {
  const fanIn = inC * kernel * kernel;
  const pad = kernel >> 1;
  const conv = b.node('Conv', [x, b.weight(`${prefix}.conv.weight`, [outC, inC, kernel, kernel], 1 / Math.sqrt(fanIn))], `${prefix}/conv`,
    { kernel_shape: [kernel, kernel], strides: [stride, stride], pads: [pad, pad, pad, pad] });
  const bn = [
    b.weight(`${prefix}.bn.weight`, [outC], 0.1, 1), b.weight(`${prefix}.bn.bias`, [outC], 0.1),
    b.weight(`${prefix}.bn.running_mean`, [outC], 0.1), b.weight(`${prefix}.bn.running_var`, [outC], 0.1, 1),
  ];
  return b.node('BatchNormalization', [conv, ...bn], `${prefix}/bn`, { epsilon: { f: 1e-5 } });
}

function basicBlock(b: ModelBuilder, x: string, prefix: string, inC: number, outC: number, stride: number): string {
  const h = b.node('Relu', [convBn(b, x, `${prefix}.1`, inC, outC, 3, stride)], `${prefix}/relu1`);
  const y = convBn(b, h, `${prefix}.2`, outC, outC, 3, 1);
  const shortcut = stride !== 1 || inC !== outC ? convBn(b, x, `${prefix}.down`, inC, outC, 1, stride) : x;
  return b.node('Relu', [b.node('Add', [y, shortcut], `${prefix}/add`)], `${prefix}/out`);
}

export function resnetModel(): LargeModel {
  const { classes, widths, size } = RESNET;
  const b = new ModelBuilder(2000);
  const stem = b.node('Relu', [convBn(b, 'input', 'stem', 3, widths[0], 7, 2)], 'stem/relu');
  let x = b.node('MaxPool', [stem], 'stem/pool', { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  let channels = widths[0];
  widths.forEach((width, stage) => {
    for (let block = 0; block < 2; block++) {
      x = basicBlock(b, x, `layer${stage + 1}.${block}`, channels, width, block === 0 && stage > 0 ? 2 : 1);
      channels = width;
    }
  });
  const flat = b.node('Flatten', [b.node('GlobalAveragePool', [x], 'pool')], 'flat', { axis: 1 });
  const fcW = b.weight('fc.weight', [classes, channels], 1 / Math.sqrt(channels));
  const fcB = b.weight('fc.bias', [classes], 1 / Math.sqrt(channels));
  const output = b.node('Gemm', [flat, fcW, fcB], 'output', { alpha: { f: 1 }, beta: { f: 1 }, transB: 1 });
  const inputDims = [1, 3, size, size];
  return b.build('resnet18_64x64', 'resnet', 'input', inputDims, Float32Array.from(seededValues(3 * size * size, 1999, 1)), output);
}
