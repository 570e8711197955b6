// ConvTranspose (1-D and 2-D; 1-D as 2-D over a unit height): attributes read and checked against
// the node, then one conv_transpose2d engine op plus the optional per-channel bias. Same attributes in every opset
// (1, 11, 22); output_shape and auto_pad SAME_* turn into pads by the ONNX formula.
import { Converter } from './operators';
import { NodeBuilder, Value } from './values';
import { convOperands, dropUnitHeight, samePads, spatialInts, spatialPads } from './window-lift';

interface Window { kernel: number[]; strides: number[]; dilations: number[]; outputPadding: number[] }

/** The output spatial size the node asks for (lifted to 2-D): output_shape (spatial, or with N and C), or input·stride for SAME_*. */
function requestedOutput(b: NodeBuilder, x: Value, spatial: 1 | 2, strides: readonly number[], autoPad: string): number[] | undefined {
  const given = b.ints('output_shape');
  if (given) {
    if (given.length !== spatial && given.length !== spatial + 2) {
      throw b.error(`output_shape ${JSON.stringify(given)} must have ${spatial} (or ${spatial + 2}) entries for a ${spatial}-D ConvTranspose`, 'model');
    }
    return spatial === 1 ? [1, given[given.length - 1]] : given.slice(-2);
  }
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') { return [0, 1].map(d => x.tensor.shape[2 + d] * strides[d]); }
  return undefined;
}

/** [top, left, bottom, right]: pads as given, or split from the total the requested output size needs. */
function transposePads(b: NodeBuilder, x: Value, spatial: 1 | 2, win: Window): number[] {
  const autoPad = b.string('auto_pad', 'NOTSET');
  if (!['NOTSET', 'VALID', 'SAME_UPPER', 'SAME_LOWER'].includes(autoPad)) { throw b.error(`unknown auto_pad ${autoPad}`, 'model'); }
  const requested = requestedOutput(b, x, spatial, win.strides, autoPad);
  if (!requested) { return autoPad === 'VALID' ? [0, 0, 0, 0] : spatialPads(b, spatial); }
  return samePads(autoPad === 'SAME_UPPER' ? 'SAME_UPPER' : 'SAME_LOWER', [0, 1].map(d => {
    const full = win.strides[d] * (x.tensor.shape[2 + d] - 1) + win.outputPadding[d] + (win.kernel[d] - 1) * win.dilations[d] + 1;
    const total = full - requested[d];
    if (total < 0) { throw b.error(`output size ${requested[d]} along spatial axis ${d} is larger than the ${full} this ConvTranspose makes`, 'unsupported'); }
    return total;
  }));
}

const convTranspose: Converter = b => {
  const { spatial, x, w } = convOperands(b);
  const win: Window = {
    kernel: w.tensor.shape.slice(2),
    strides: spatialInts(b, 'strides', spatial, 1),
    dilations: spatialInts(b, 'dilations', spatial, 1),
    outputPadding: spatialInts(b, 'output_padding', spatial, 0),
  };
  const pads = transposePads(b, x, spatial, win);
  let y = b.apply('conv_transpose2d', [x, w], {
    pads, strides: win.strides, dilations: win.dilations, output_padding: win.outputPadding, group: b.int('group', 1),
  });
  const bias = b.input(2);
  if (bias) { y = b.apply('add', [y, b.apply('reshape', [bias], { shape: [-1, 1, 1] })]); }
  return [dropUnitHeight(b, y, spatial)];
};

export const convConverters: Readonly<Record<string, Converter>> = {
  ConvTranspose: convTranspose,
};
