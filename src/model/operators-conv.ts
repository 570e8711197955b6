// ConvTranspose (2-D, NCHW): attributes read and checked against the node, then one
// conv_transpose2d engine op plus the optional per-channel bias. Same attributes in every opset
// (1, 11, 22); output_shape and auto_pad SAME_* turn into pads by the ONNX formula.
import { Converter } from './operators';
import { NodeBuilder, Value } from './values';

function spatialPair(b: NodeBuilder, name: string, fallback: number): number[] {
  const v = b.ints(name) ?? [fallback, fallback];
  if (v.length !== 2) { throw b.error(`${name} ${JSON.stringify(v)} must have 2 entries for a 2-D ConvTranspose`, 'model'); }
  return v;
}

interface Window { kernel: number[]; strides: number[]; dilations: number[]; outputPadding: number[] }

/** The output spatial size the node asks for: output_shape (spatial, or with N and C), or input·stride for SAME_*. */
function requestedOutput(b: NodeBuilder, x: Value, strides: readonly number[], autoPad: string): number[] | undefined {
  const given = b.ints('output_shape');
  if (given) {
    if (given.length !== 2 && given.length !== 4) { throw b.error(`output_shape ${JSON.stringify(given)} must have 2 (or 4) entries for a 2-D ConvTranspose`, 'model'); }
    return given.slice(-2);
  }
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') { return [0, 1].map(d => x.tensor.shape[2 + d] * strides[d]); }
  return undefined;
}

/** [top, left, bottom, right]: pads as given, or split from the total the requested output size needs. */
function transposePads(b: NodeBuilder, x: Value, win: Window): number[] {
  const autoPad = b.string('auto_pad', 'NOTSET');
  if (!['NOTSET', 'VALID', 'SAME_UPPER', 'SAME_LOWER'].includes(autoPad)) { throw b.error(`unknown auto_pad ${autoPad}`, 'model'); }
  const requested = requestedOutput(b, x, win.strides, autoPad);
  if (!requested) {
    if (autoPad === 'VALID') { return [0, 0, 0, 0]; }
    const pads = b.ints('pads') ?? [0, 0, 0, 0];
    if (pads.length !== 4) { throw b.error(`pads ${JSON.stringify(pads)} must have 4 entries for a 2-D ConvTranspose`, 'model'); }
    return pads;
  }
  const begin: number[] = [], end: number[] = [];
  for (let d = 0; d < 2; d++) {
    const full = win.strides[d] * (x.tensor.shape[2 + d] - 1) + win.outputPadding[d] + (win.kernel[d] - 1) * win.dilations[d] + 1;
    const total = full - requested[d];
    if (total < 0) { throw b.error(`output size ${requested[d]} along spatial axis ${d} is larger than the ${full} this ConvTranspose makes`, 'unsupported'); }
    const half = Math.floor(total / 2);
    begin.push(autoPad === 'SAME_UPPER' ? half : total - half);
    end.push(autoPad === 'SAME_UPPER' ? total - half : half);
  }
  return [...begin, ...end];
}

const convTranspose: Converter = b => {
  const x = b.requiredInput(0), w = b.requiredInput(1);
  if (x.tensor.rank !== 4) { throw b.error(`only 2-D ConvTranspose (NCHW input of rank 4) is supported; the input has rank ${x.tensor.rank}`, 'unsupported'); }
  if (w.tensor.rank !== 4) { throw b.error(`weight of rank ${w.tensor.rank}, expected 4`, 'shape'); }
  const kernel = w.tensor.shape.slice(2);
  const declared = b.ints('kernel_shape');
  if (declared && declared.join() !== kernel.join()) {
    throw b.error(`kernel_shape (${declared.join(', ')}) does not match the weight's (${kernel.join(', ')})`, 'shape');
  }
  const win: Window = { kernel, strides: spatialPair(b, 'strides', 1), dilations: spatialPair(b, 'dilations', 1), outputPadding: spatialPair(b, 'output_padding', 0) };
  const pads = transposePads(b, x, win);
  let y = b.apply('conv_transpose2d', [x, w], {
    pads, strides: win.strides, dilations: win.dilations, output_padding: win.outputPadding, group: b.int('group', 1),
  });
  const bias = b.input(2);
  if (bias) { y = b.apply('add', [y, b.apply('reshape', [bias], { shape: [-1, 1, 1] })]); }
  return [y];
};

export const convConverters: Readonly<Record<string, Converter>> = {
  ConvTranspose: convTranspose,
};
