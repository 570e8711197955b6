// The windowed ONNX operators over 1, 2 or 3 spatial axes: Conv, ConvTranspose, MaxPool,
// AveragePool and the global pools. Attributes are read and checked against the node, auto_pad and
// ConvTranspose's output_shape turn into pads by the ONNX formulas, and each node becomes one
// engine op (conv, conv_transpose, maxpool, avgpool) plus the optional per-channel bias.
// ConvTranspose has the same attributes in every opset (1, 11, 22).
import { Converter } from './operators';
import { Attrs } from '../engine/op';
import { maxPoolIndices } from '../engine/ops/pooling';
import { NodeBuilder, Value, constant } from './values';
import { addChannelBias, convOperands, samePads, spatialInts, spatialPads, spatialRank } from './window-attributes';

const axesOf = (spatial: number): number[] => Array.from({ length: spatial }, (_, d) => d);

function autoPadOf(b: NodeBuilder): string {
  const autoPad = b.string('auto_pad', 'NOTSET');
  if (!['NOTSET', 'VALID', 'SAME_UPPER', 'SAME_LOWER'].includes(autoPad)) { throw b.error(`unknown auto_pad ${autoPad}`, 'model'); }
  return autoPad;
}

/** Pads [begins…, ends…] of a window over x from pads or auto_pad (SAME_*: output size ⌈in/stride⌉). */
function windowPads(b: NodeBuilder, x: Value, spatial: number, kernel: readonly number[], strides: readonly number[], dilations: readonly number[]): number[] {
  const autoPad = autoPadOf(b);
  if (autoPad === 'NOTSET') { return spatialPads(b, spatial); }
  if (autoPad === 'VALID') { return new Array<number>(2 * spatial).fill(0); }
  return samePads(autoPad === 'SAME_UPPER' ? 'SAME_UPPER' : 'SAME_LOWER', axesOf(spatial).map(d => {
    const size = x.tensor.shape[2 + d];
    return Math.max(0, (Math.ceil(size / strides[d]) - 1) * strides[d] + (kernel[d] - 1) * dilations[d] + 1 - size);
  }));
}

const conv: Converter = b => {
  const { spatial, x, w } = convOperands(b);
  const strides = spatialInts(b, 'strides', spatial, 1), dilations = spatialInts(b, 'dilations', spatial, 1);
  const pads = windowPads(b, x, spatial, w.tensor.shape.slice(2), strides, dilations);
  return [addChannelBias(b, b.apply('conv', [x, w], { pads, strides, dilations, group: b.int('group', 1) }), spatial)];
};

interface TransposeWindow { kernel: number[]; strides: number[]; dilations: number[]; outputPadding: number[] }

/** The output spatial size the node asks for: output_shape (spatial, or with N and C), or input·stride for SAME_*. */
function requestedOutput(b: NodeBuilder, x: Value, spatial: number, strides: readonly number[], autoPad: string): number[] | undefined {
  const given = b.ints('output_shape');
  if (given) {
    if (given.length !== spatial && given.length !== spatial + 2) {
      throw b.error(`output_shape ${JSON.stringify(given)} must have ${spatial} (or ${spatial + 2}) entries for a ${spatial}-D ConvTranspose`, 'model');
    }
    return given.slice(-spatial);
  }
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') { return axesOf(spatial).map(d => x.tensor.shape[2 + d] * strides[d]); }
  return undefined;
}

/** Pads as given, or split from the total the requested output size needs. */
function transposePads(b: NodeBuilder, x: Value, spatial: number, win: TransposeWindow): number[] {
  const autoPad = autoPadOf(b);
  const requested = requestedOutput(b, x, spatial, win.strides, autoPad);
  if (!requested) { return autoPad === 'VALID' ? new Array<number>(2 * spatial).fill(0) : spatialPads(b, spatial); }
  return samePads(autoPad === 'SAME_UPPER' ? 'SAME_UPPER' : 'SAME_LOWER', axesOf(spatial).map(d => {
    const full = win.strides[d] * (x.tensor.shape[2 + d] - 1) + win.outputPadding[d] + (win.kernel[d] - 1) * win.dilations[d] + 1;
    const total = full - requested[d];
    if (total < 0) { throw b.error(`output size ${requested[d]} along spatial axis ${d} is larger than the ${full} this ConvTranspose makes`, 'unsupported'); }
    return total;
  }));
}

const convTranspose: Converter = b => {
  const { spatial, x, w } = convOperands(b);
  const win: TransposeWindow = {
    kernel: w.tensor.shape.slice(2),
    strides: spatialInts(b, 'strides', spatial, 1),
    dilations: spatialInts(b, 'dilations', spatial, 1),
    outputPadding: spatialInts(b, 'output_padding', spatial, 0),
  };
  const pads = transposePads(b, x, spatial, win);
  const y = b.apply('conv_transpose', [x, w], {
    pads, strides: win.strides, dilations: win.dilations, output_padding: win.outputPadding, group: b.int('group', 1),
  });
  return [addChannelBias(b, y, spatial)];
};

function poolKernel(b: NodeBuilder, spatial: number): number[] {
  if (!b.ints('kernel_shape')) { throw b.error(`kernel_shape must have ${spatial} entries for ${spatial}-D pooling`, 'model'); }
  return spatialInts(b, 'kernel_shape', spatial, 1);
}

const maxPool: Converter = b => {
  const x = b.requiredInput(0);
  const spatial = spatialRank(b, x);
  const kernel = poolKernel(b, spatial), strides = spatialInts(b, 'strides', spatial, 1), dilations = spatialInts(b, 'dilations', spatial, 1);
  const pads = windowPads(b, x, spatial, kernel, strides, dilations);
  const attrs = { kernel, pads, strides, dilations, ceil_mode: b.int('ceil_mode', 0) !== 0 };
  const values = b.apply('maxpool', [x], attrs);
  if (b.outputCount < 2 || b.outputName(1) === '') { return [values]; }
  return [values, maxPoolIndicesOutput(b, x, attrs)];
};

/**
 * The optional Indices output (opset 8+): int64, taken at the imported values like ArgMax's, so it
 * carries no gradient (the import notes say so).
 */
function maxPoolIndicesOutput(b: NodeBuilder, x: Value, attrs: Attrs): Value {
  if (b.opset < 8) { throw b.error(`MaxPool has an Indices output from opset 8; this model is opset ${b.opset}`, 'model'); }
  const storageOrder = b.int('storage_order', 0);
  if (storageOrder !== 0 && storageOrder !== 1) { throw b.error(`storage_order must be 0 (row major) or 1 (column major), got ${storageOrder}`, 'model'); }
  return constant(maxPoolIndices(x.tensor, attrs, storageOrder === 1), true);
}

const averagePool: Converter = b => {
  const x = b.requiredInput(0);
  const spatial = spatialRank(b, x);
  const kernel = poolKernel(b, spatial), strides = spatialInts(b, 'strides', spatial, 1);
  if (spatialInts(b, 'dilations', spatial, 1).some(d => d !== 1)) { throw b.error('dilated AveragePool is not supported', 'unsupported'); }
  const pads = windowPads(b, x, spatial, kernel, strides, new Array<number>(spatial).fill(1));
  return [b.apply('avgpool', [x], {
    kernel, pads, strides, ceil_mode: b.int('ceil_mode', 0) !== 0, count_include_pad: b.int('count_include_pad', 0) !== 0,
  })];
};

/** GlobalAveragePool / GlobalMaxPool: the engine reduction over every axis after N and C, kept. */
const globalPool = (op: 'mean' | 'max'): Converter => b => {
  const x = b.requiredInput(0);
  if (x.tensor.rank < 3) { throw b.error(`input of rank ${x.tensor.rank}, expected (N, C, D1, …)`, 'shape'); }
  const axes = Array.from({ length: x.tensor.rank - 2 }, (_, i) => i + 2);
  return [b.apply(op, [x], { axis: axes, keepdims: true })];
};

export const convConverters: Readonly<Record<string, Converter>> = {
  Conv: conv,
  ConvTranspose: convTranspose,
  MaxPool: maxPool,
  AveragePool: averagePool,
  GlobalAveragePool: globalPool('mean'),
  GlobalMaxPool: globalPool('max'),
};
