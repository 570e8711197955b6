// ONNX operators of transformer blocks and activation/normalization layers: Split, Erf, Gelu, the
// activation family (Elu, Celu, Selu, HardSigmoid, HardSwish, Mish, PRelu), LayerNormalization,
// InstanceNormalization, GroupNormalization, the reductions beyond sum and mean, and Einsum. Each is
// composed of engine ops, so gradients flow through the engine's own VJPs.
import { quoted } from '../engine/excerpt';
import { einsum } from './einsum';
import { SELU_ALPHA, SELU_GAMMA } from './float32-constants';
import { Converter } from './operators';
import { NodeBuilder, Value } from './values';

function axisIn(b: NodeBuilder, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) { throw b.error(`axis ${axis} out of range for rank ${rank}`, 'model'); }
  return axis < 0 ? axis + rank : axis;
}

/** Split sizes: an input from opset 13, an attribute before; else equal parts (opset 18: num_outputs, last one smaller). */
function splitSizes(b: NodeBuilder, length: number): number[] {
  const given = b.opset >= 13 ? (b.input(1) ? b.constInts(b.requiredInput(1), 'split') : undefined) : b.ints('split');
  const parts = b.opset >= 18 && b.attribute('num_outputs') ? b.int('num_outputs', 0) : b.outputCount;
  if (given) {
    if (given.length !== b.outputCount || given.some(s => s < 0) || given.reduce((s, v) => s + v, 0) !== length) {
      throw b.error(`split sizes (${given.join(', ')}) must be ${b.outputCount} non-negative sizes adding up to ${length}`, 'model');
    }
    return given;
  }
  if (parts !== b.outputCount) { throw b.error(`num_outputs ${parts} does not match the node's ${b.outputCount} outputs`, 'model'); }
  if (b.opset < 18 && length % parts !== 0) { throw b.error(`cannot split a dimension of ${length} into ${parts} equal parts`, 'shape'); }
  const chunk = Math.ceil(length / parts);
  const sizes = Array.from({ length: parts }, (_, i) => Math.max(0, Math.min(chunk, length - i * chunk)));
  if (length > 0 && sizes.includes(0)) { throw b.error(`cannot split a dimension of ${length} into ${parts} parts of ${chunk}`, 'shape'); }
  return sizes;
}

const split: Converter = b => {
  const x = b.requiredInput(0);
  const axis = axisIn(b, b.int('axis', 0), x.tensor.rank);
  let start = 0;
  return splitSizes(b, x.tensor.shape[axis]).map(size => {
    const indices = Array.from({ length: size }, (_, i) => start + i);
    start += size;
    return b.apply('gather', [x], { axis, indices, indicesShape: [size] });
  });
};

const scale = (b: NodeBuilder, x: Value, factor: number): Value => b.apply('mul', [x, b.scalar(factor)]);

/** Gelu (opset 20): x·Φ(x) = ½x(1 + erf(x/√2)), or with approximate='tanh' ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
const gelu: Converter = b => {
  const x = b.requiredInput(0);
  const approximate = b.string('approximate', 'none');
  let inner: Value;
  if (approximate === 'none') {
    inner = b.apply('erf', [scale(b, x, Math.SQRT1_2)]);
  } else if (approximate === 'tanh') {
    const cubic = b.apply('add', [x, scale(b, b.apply('pow', [x, b.scalar(3)]), 0.044715)]);
    inner = b.apply('tanh', [scale(b, cubic, Math.sqrt(2 / Math.PI))]);
  } else {
    throw b.error(`approximate must be 'none' or 'tanh', found ${quoted(approximate)}`, 'model');
  }
  return [scale(b, b.apply('mul', [x, b.apply('add', [inner, b.scalar(1)])]), 0.5)];
};

/** Elu, Selu and Celu are the engine's elu (PyTorch's) with (α, scale, input scale). */
const eluFamily = (b: NodeBuilder, alpha: number, scale: number, inputScale: number): Value =>
  b.apply('elu', [b.requiredInput(0)], { alpha, scale, input_scale: inputScale });

const elu: Converter = b => [eluFamily(b, b.float('alpha', 1), 1, 1)];

const celu: Converter = b => {
  const alpha = b.float('alpha', 1);
  if (!(alpha > 0)) { throw b.error(`alpha must be positive, found ${alpha}`, 'model'); }
  return [eluFamily(b, alpha, 1, 1 / alpha)];
};

const selu: Converter = b => [eluFamily(b, b.float('alpha', SELU_ALPHA), b.float('gamma', SELU_GAMMA), 1)];

/** max(0, min(1, αx + β)). */
const hardSigmoid: Converter = b => {
  const affine = b.apply('add', [scale(b, b.requiredInput(0), b.float('alpha', 0.2)), b.scalar(b.float('beta', 0.5))]);
  return [b.apply('clip', [affine], { min: 0, max: 1 })];
};

/** x·relu6(x + 3)/6, written as PyTorch computes it. */
const hardSwish: Converter = b => {
  const x = b.requiredInput(0);
  const relu6 = b.apply('clip', [b.apply('add', [x, b.scalar(3)])], { min: 0, max: 6 });
  return [b.apply('div', [b.apply('mul', [x, relu6]), b.scalar(6)])];
};

const mish: Converter = b => {
  const x = b.requiredInput(0);
  return [b.apply('mul', [x, b.apply('tanh', [b.apply('softplus', [x])])])];
};

/** The engine's prelu; PyTorch exports a per-channel slope as (C, 1, 1), broadcast to x. */
const prelu: Converter = b => [b.apply('prelu', [b.requiredInput(0), b.requiredInput(1)])];

/** (x − mean)/√(var + ε) over `axes`, with the mean and 1/√(var + ε) (kept dims). */
function normalize(b: NodeBuilder, x: Value, axes: number[], epsilon: number): { y: Value; mean: Value; inverseStd: Value } {
  const mean = b.apply('mean', [x], { axis: axes, keepdims: true });
  const centered = b.apply('sub', [x, mean]);
  const variance = b.apply('mean', [b.apply('mul', [centered, centered])], { axis: axes, keepdims: true });
  const std = b.apply('sqrt', [b.apply('add', [variance, b.scalar(epsilon)])]);
  return { y: b.apply('div', [centered, std]), mean, inverseStd: b.apply('div', [b.scalar(1), std]) };
}

function epsilonOf(b: NodeBuilder): number {
  const epsilon = b.float('epsilon', 1e-5);
  if (!(epsilon >= 0)) { throw b.error(`epsilon must be non-negative, found ${epsilon}`, 'model'); }
  return epsilon;
}

/** LayerNormalization (opset 17): over the axes from `axis` on; outputs Y, Mean, InvStdDev. */
const layerNormalization: Converter = b => {
  const x = b.requiredInput(0);
  const rank = x.tensor.rank;
  const axis = axisIn(b, b.int('axis', -1), rank);
  const axes = Array.from({ length: rank - axis }, (_, i) => axis + i);
  const { y, mean, inverseStd } = normalize(b, x, axes, epsilonOf(b));
  let out = b.apply('mul', [y, b.requiredInput(1)]);
  const bias = b.input(2);
  if (bias) { out = b.apply('add', [out, bias]); }
  return [out, mean, inverseStd];
};

function perChannel(b: NodeBuilder, v: Value, rank: number): Value {
  return b.apply('reshape', [v], { shape: [-1, ...new Array<number>(Math.max(0, rank - 2)).fill(1)] });
}

function requireChannels(b: NodeBuilder, x: Value, what: string, v: Value, count: number): void {
  if (v.tensor.size !== count) { throw b.error(`${what} has ${v.tensor.size} entries, expected ${count}`, 'shape'); }
  if (x.tensor.rank < 3) { throw b.error(`input of rank ${x.tensor.rank}, expected (N, C, D1, …)`, 'shape'); }
}

const instanceNormalization: Converter = b => {
  const x = b.requiredInput(0), gamma = b.requiredInput(1), beta = b.requiredInput(2);
  const rank = x.tensor.rank, channels = x.tensor.shape[1];
  requireChannels(b, x, 'scale', gamma, channels);
  requireChannels(b, x, 'B', beta, channels);
  const { y } = normalize(b, x, Array.from({ length: rank - 2 }, (_, i) => i + 2), epsilonOf(b));
  return [b.apply('add', [b.apply('mul', [y, perChannel(b, gamma, rank)]), perChannel(b, beta, rank)])];
};

/** GroupNormalization: scale and bias per group (opset 18) or per channel (opset 21). */
const groupNormalization: Converter = b => {
  const x = b.requiredInput(0);
  const shape = x.tensor.shape, rank = shape.length;
  const groups = b.int('num_groups', 0);
  if (rank < 3) { throw b.error(`input of rank ${rank}, expected (N, C, D1, …)`, 'shape'); }
  const channels = shape[1];
  if (groups < 1 || channels % groups !== 0) { throw b.error(`num_groups ${groups} must divide the ${channels} channels`, 'model'); }
  const grouped = b.apply('reshape', [x], { shape: [shape[0], groups, -1] });
  const { y } = normalize(b, grouped, [2], epsilonOf(b));
  const back = b.apply('reshape', [y], { shape: [...shape] });
  const perGroup = b.opset < 21;
  const [gamma, beta] = [1, 2].map(i => {
    const v = b.requiredInput(i);
    requireChannels(b, x, i === 1 ? 'scale' : 'bias', v, perGroup ? groups : channels);
    const expanded = perGroup ? b.apply('gather', [v], { axis: 0, indices: groupOfChannel(channels, groups), indicesShape: [channels] }) : v;
    return perChannel(b, expanded, rank);
  });
  return [b.apply('add', [b.apply('mul', [back, gamma]), beta])];
};

function groupOfChannel(channels: number, groups: number): number[] {
  const size = channels / groups;
  return Array.from({ length: channels }, (_, c) => Math.floor(c / size));
}

/** Reduce* other than ReduceSum (13, in operators-math) take their axes as an input from opset 18. */
const AXES_AS_INPUT_FROM = 18;

/** The reduced axes: the input or attribute; empty or absent means all, or none with noop_with_empty_axes (opset 18). */
function reductionAxes(b: NodeBuilder): number[] | 'none' | 'all' {
  const asInput = b.opset >= AXES_AS_INPUT_FROM;
  const given = b.input(1);
  const axes = asInput ? (given ? b.constInts(given, 'axes') : undefined) : b.ints('axes');
  if (axes && axes.length > 0) { return axes; }
  return asInput && b.int('noop_with_empty_axes', 0) !== 0 ? 'none' : 'all';
}

/** A reduction of the prepared input (x, x², |x|) by an engine reduction, then an optional finish (sqrt, log). */
const reduce = (op: string, prepare?: (b: NodeBuilder, x: Value) => Value, finish?: string): Converter => b => {
  const x = b.requiredInput(0);
  const axes = reductionAxes(b);
  if (axes === 'none') { return [x]; }
  const keepdims = b.int('keepdims', 1) !== 0;
  const axis = axes === 'all' ? null : axes.map(a => axisIn(b, a, x.tensor.rank));
  const reduced = b.apply(op, [prepare ? prepare(b, x) : x], { axis, keepdims });
  return [finish ? b.apply(finish, [reduced]) : reduced];
};

const square = (b: NodeBuilder, x: Value): Value => b.apply('mul', [x, x]);
const absolute = (b: NodeBuilder, x: Value): Value => b.apply('abs', [x]);

const erfOp: Converter = b => [b.apply('erf', [b.requiredInput(0)])];

export const nnConverters: Readonly<Record<string, Converter>> = {
  Split: split,
  Erf: erfOp,
  Gelu: gelu,
  Elu: elu,
  Celu: celu,
  Selu: selu,
  HardSigmoid: hardSigmoid,
  HardSwish: hardSwish,
  Mish: mish,
  PRelu: prelu,
  LayerNormalization: layerNormalization,
  InstanceNormalization: instanceNormalization,
  GroupNormalization: groupNormalization,
  ReduceMax: reduce('max'),
  ReduceMin: reduce('min'),
  ReduceProd: reduce('prod'),
  ReduceL1: reduce('sum', absolute),
  ReduceL2: reduce('sum', square, 'sqrt'),
  ReduceSumSquare: reduce('sum', square),
  ReduceLogSum: reduce('sum', undefined, 'log'),
  ReduceLogSumExp: reduce('logsumexp'),
  Einsum: einsum,
};
