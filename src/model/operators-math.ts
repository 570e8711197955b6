// ONNX operators that compute: elementwise math, Gemm/MatMul, softmax, reductions and batch
// normalization, each onto engine ops (with the opset differences that matter). Convolution and
// pooling are in operators-conv.ts.
import { sizeOf } from '../engine/tensor';
import { Converter } from './operators';
import { NodeBuilder, Value, constant } from './values';

const binary = (op: string): Converter => b => {
  const x = b.requiredInput(0), y = b.requiredInput(1);
  // ONNX Div on integers truncates; constant shape arithmetic is the only integer math imported.
  if (op === 'div' && x.kind === 'const' && y.kind === 'const' && x.integer && y.integer) {
    return [constant(b.apply('div', [x, y]).tensor.map(Math.trunc), true)];
  }
  return [b.apply(op, [x, y])];
};

const unary = (op: string): Converter => b => [b.apply(op, [b.requiredInput(0)])];

const gemm: Converter = b => {
  const transpose = (v: Value, yes: boolean): Value => yes ? b.apply('transpose', [v], { axes: [1, 0] }) : v;
  const a = transpose(b.requiredInput(0), b.int('transA', 0) !== 0);
  const w = transpose(b.requiredInput(1), b.int('transB', 0) !== 0);
  const alpha = b.float('alpha', 1);
  const beta = b.float('beta', 1);
  let y = b.apply('matmul', [a, w]);
  if (alpha !== 1) { y = b.apply('mul', [y, b.scalar(alpha)]); }
  const c = b.input(2);
  if (c && beta !== 0) { y = b.apply('add', [y, beta === 1 ? c : b.apply('mul', [c, b.scalar(beta)])]); }
  return [y];
};

/** Softmax family: along one axis from opset 13 (default −1); before, over the flattened trailing axes from `axis` (default 1). */
const softmaxLike = (op: 'softmax' | 'log_softmax'): Converter => b => {
  const x = b.requiredInput(0);
  const rank = x.tensor.rank;
  if (b.opset >= 13) { return [b.apply(op, [x], { axis: b.int('axis', -1) })]; }
  const axis = normalize(b, b.int('axis', 1), rank);
  if (axis === rank - 1) { return [b.apply(op, [x], { axis: -1 })]; }
  const shape = x.tensor.shape;
  const rows = sizeOf(shape.slice(0, axis));
  const flat = b.apply('reshape', [x], { shape: [rows, -1] });
  return [b.apply('reshape', [b.apply(op, [flat], { axis: 1 })], { shape: [...shape] })];
};

function normalize(b: NodeBuilder, axis: number, rank: number): number {
  if (axis < -rank || axis >= Math.max(rank, 1)) { throw b.error(`axis ${axis} out of range for rank ${rank}`, 'shape'); }
  return axis < 0 ? axis + rank : axis;
}

const clip: Converter = b => {
  const x = b.requiredInput(0);
  const bounds = b.opset >= 11
    ? { min: optionalConst(b, b.input(1), 'min'), max: optionalConst(b, b.input(2), 'max') }
    : { min: b.float('min', -Infinity), max: b.float('max', Infinity) };
  return [b.apply('clip', [x], {
    min: Number.isFinite(bounds.min) ? bounds.min : null,
    max: Number.isFinite(bounds.max) ? bounds.max : null,
  })];
};

function optionalConst(b: NodeBuilder, v: Value | undefined, what: string): number {
  if (!v) { return what === 'min' ? -Infinity : Infinity; }
  return b.constNumber(v, `Clip ${what}`);
}

/** ReduceSum/ReduceMean: axes from an input (ReduceSum ≥ 13, others ≥ 18) or the attribute before. */
const reduce = (op: 'sum' | 'mean', axesAsInputFrom: number): Converter => b => {
  const x = b.requiredInput(0);
  const keepdims = b.int('keepdims', 1) !== 0;
  let axes: number[] | undefined;
  if (b.opset >= axesAsInputFrom) {
    const given = b.input(1);
    axes = given ? b.constInts(given, 'axes') : undefined;
  } else {
    axes = b.ints('axes');
  }
  if (!axes || axes.length === 0) {
    if (b.int('noop_with_empty_axes', 0) !== 0) { return [x]; }
    return [b.apply(op, [x], { axis: null, keepdims })];
  }
  return [b.apply(op, [x], { axis: axes, keepdims })];
};

/** Inference batch norm, composed so gradients reach scale and B: (x − mean)/√(var + ε)·scale + B. */
const batchNormalization: Converter = b => {
  if (b.int('training_mode', 0) !== 0) { throw b.error('BatchNormalization in training mode is not supported', 'unsupported'); }
  const x = b.requiredInput(0);
  const perChannel = [-1, ...new Array<number>(Math.max(0, x.tensor.rank - 2)).fill(1)];
  const [scale, bias, mean, variance] = [1, 2, 3, 4].map(i => b.apply('reshape', [b.requiredInput(i)], { shape: perChannel }));
  const std = b.apply('sqrt', [b.apply('add', [variance, b.scalar(b.float('epsilon', 1e-5))])]);
  const normalized = b.apply('div', [b.apply('sub', [x, mean]), std]);
  return [b.apply('add', [b.apply('mul', [normalized, scale]), bias])];
};

export const mathConverters: Readonly<Record<string, Converter>> = {
  Add: binary('add'), Sub: binary('sub'), Mul: binary('mul'), Div: binary('div'), Pow: binary('pow'),
  Neg: unary('neg'), Sqrt: unary('sqrt'), Exp: unary('exp'), Log: unary('log'), Abs: unary('abs'),
  Relu: unary('relu'), Sigmoid: unary('sigmoid'), Tanh: unary('tanh'), Softplus: unary('softplus'),
  LeakyRelu: b => [b.apply('leaky_relu', [b.requiredInput(0)], { alpha: b.float('alpha', 0.01) })],
  Gemm: gemm,
  MatMul: binary('matmul'),
  Softmax: softmaxLike('softmax'),
  LogSoftmax: softmaxLike('log_softmax'),
  Clip: clip,
  ReduceSum: reduce('sum', 13),
  ReduceMean: reduce('mean', 18),
  BatchNormalization: batchNormalization,
};

