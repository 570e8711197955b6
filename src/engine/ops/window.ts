// The sliding window shared by convolution, transposed convolution and pooling over 1, 2 or 3
// spatial axes (N, C, D1, …). Every window is kept as three axes (depth, height, width): fewer
// spatial axes become leading unit axes (size 1, kernel 1, stride 1, no padding), which change
// neither values nor gradients, so one loop nest serves 1-D, 2-D and 3-D.
import { AttrValue, Attrs } from '../op';
import { Shape, shapeToString } from '../tensor';
import { shapeError } from './checks';

export const MAX_SPATIAL_AXES = 3;

/** Integer list attribute (pads, strides, indices), with a default. */
export function intList(v: AttrValue | undefined, fallback: readonly number[]): number[] {
  if (v === undefined || v === null) { return [...fallback]; }
  if (!Array.isArray(v) || !v.every(x => typeof x === 'number' && Number.isInteger(x))) {
    throw shapeError(`expected a list of integers, found ${JSON.stringify(v)}`);
  }
  return v as number[];
}

export function intAttr(v: AttrValue | undefined, fallback: number): number {
  if (v === undefined || v === null) { return fallback; }
  if (typeof v !== 'number' || !Number.isInteger(v)) { throw shapeError(`expected an integer, found ${JSON.stringify(v)}`); }
  return v;
}

/** A window over three spatial axes [depth, height, width]; `spatial` says how many the tensor has. */
export interface Window {
  readonly spatial: number;
  /** Input spatial sizes. */
  readonly size: readonly number[];
  readonly kernel: readonly number[];
  /** [begin_d, begin_h, begin_w, end_d, end_h, end_w]. */
  readonly pads: readonly number[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  readonly out: readonly number[];
}

/** The spatial axes of an (N, C, D1, …) tensor, refused beyond three. */
export function spatialAxesOf(shape: Shape, what: string): number {
  const spatial = shape.length - 2;
  if (spatial < 1 || spatial > MAX_SPATIAL_AXES) {
    throw shapeError(`${what} must have rank 3, 4 or 5 (N, C and 1 to 3 spatial axes), got shape ${shapeToString(shape)}`);
  }
  return spatial;
}

/** `values` (one per spatial axis) with unit axes in front, to three. */
export function liftAxes(values: readonly number[], unit: number): number[] {
  return [...new Array<number>(MAX_SPATIAL_AXES - values.length).fill(unit), ...values];
}

/** ONNX pads [begins…, ends…] of `spatial` axes as the three-axis layout. */
function liftPads(pads: readonly number[], spatial: number): number[] {
  return [...liftAxes(pads.slice(0, spatial), 0), ...liftAxes(pads.slice(spatial), 0)];
}

/** The window's attributes (pads, strides, dilations) read for `spatial` axes and checked. */
export function windowAttrs(attrs: Attrs, spatial: number, what: string): { pads: number[]; strides: number[]; dilations: number[] } {
  const pads = intList(attrs.pads, new Array<number>(2 * spatial).fill(0));
  const strides = intList(attrs.strides, new Array<number>(spatial).fill(1));
  const dilations = intList(attrs.dilations, new Array<number>(spatial).fill(1));
  if (pads.length !== 2 * spatial || strides.length !== spatial || dilations.length !== spatial) {
    throw shapeError(`${what}: a ${spatial}-D window needs ${2 * spatial} pads [begins…, ends…] and ${spatial} strides and dilations`);
  }
  if (![...strides, ...dilations].every(v => v >= 1) || !pads.every(v => v >= 0)) {
    throw shapeError(`${what}: invalid window: pads ${pads}, strides ${strides}, dilations ${dilations}`);
  }
  return { pads: liftPads(pads, spatial), strides: liftAxes(strides, 1), dilations: liftAxes(dilations, 1) };
}

function outputSize(size: number, k: number, padBegin: number, padEnd: number, s: number, d: number, ceil: boolean): number {
  const span = size + padBegin + padEnd - d * (k - 1) - 1;
  if (span < 0) { throw shapeError(`window of ${k} (dilation ${d}) is larger than the padded input of ${size + padBegin + padEnd}`); }
  let n = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  // PyTorch's rule: with ceil_mode the last window must start inside the input or left padding.
  if (ceil && (n - 1) * s >= size + padBegin) { n--; }
  return n;
}

/** The window of `kernel` (one size per spatial axis) sliding over the spatial sizes `size`. */
export function windowOf(attrs: Attrs, kernel: readonly number[], size: readonly number[], ceil: boolean, what: string): Window {
  const spatial = size.length;
  if (kernel.length !== spatial || !kernel.every(k => k >= 1)) {
    throw shapeError(`${what}: kernel ${JSON.stringify(kernel)} must have ${spatial} positive sizes for a ${spatial}-D input`);
  }
  const { pads, strides, dilations } = windowAttrs(attrs, spatial, what);
  const lifted = { size: liftAxes(size, 1), kernel: liftAxes(kernel, 1) };
  const out = [0, 1, 2].map(a => outputSize(lifted.size[a], lifted.kernel[a], pads[a], pads[a + 3], strides[a], dilations[a], ceil));
  return { spatial, ...lifted, pads, strides, dilations, out };
}

/** The spatial part of a shape from a three-axis list (drops the lifted unit axes). */
export function spatialShape(win: Window, threeAxes: readonly number[]): number[] {
  return threeAxes.slice(MAX_SPATIAL_AXES - win.spatial);
}

export const product = (values: readonly number[]): number => values.reduce((p, v) => p * v, 1);

/**
 * The numbers unfold, foldAdd and max pooling loop over, as small integers in one object shape. Read
 * from the geometry's arrays inside those loops, they deoptimized them again and again (a geometry
 * from another op, or an array of another element kind, is a new map), and the unoptimized loops
 * boxed every entry they copied: tens of megabytes of garbage per ResNet step.
 */
export interface WindowNumbers {
  /** Planes looped over: a group's input channels, or every pooled plane. */
  readonly channels: number; readonly plane: number;
  readonly sizeD: number; readonly sizeH: number; readonly sizeW: number;
  readonly kD: number; readonly kH: number; readonly kW: number;
  readonly oD: number; readonly oH: number; readonly oW: number;
  readonly sD: number; readonly sH: number; readonly sW: number;
  readonly dD: number; readonly dH: number; readonly dW: number;
  readonly pD: number; readonly pH: number; readonly pW: number;
}

/** The numbers of a three-axis window over planes of `plane` entries, `channels` of them. */
export function windowNumbers(g: Window & { readonly plane: number }, channels: number): WindowNumbers {
  return {
    channels: channels | 0, plane: g.plane | 0,
    sizeD: g.size[0] | 0, sizeH: g.size[1] | 0, sizeW: g.size[2] | 0,
    kD: g.kernel[0] | 0, kH: g.kernel[1] | 0, kW: g.kernel[2] | 0,
    oD: g.out[0] | 0, oH: g.out[1] | 0, oW: g.out[2] | 0,
    sD: g.strides[0] | 0, sH: g.strides[1] | 0, sW: g.strides[2] | 0,
    dD: g.dilations[0] | 0, dH: g.dilations[1] | 0, dW: g.dilations[2] | 0,
    pD: g.pads[0] | 0, pH: g.pads[1] | 0, pW: g.pads[2] | 0,
  };
}
