// Resizing one axis by nearest-neighbour or linear interpolation, as ONNX Resize defines it: each
// output position maps to a coordinate of the input (the coordinate transformation mode), then
// takes the nearest entry or the two around it. A multi-axis resize is this op once per axis
// (nearest and multilinear interpolation are separable). The VJP scatters with the same weights.
import { Attrs, OpDef } from '../op';
import { Tensor, sizeOf } from '../tensor';
import { checkSize, normalizeAxis, shapeError } from './checks';
import { splitAtAxis } from './strided';
import { intAttr } from './window';

export const COORDINATE_MODES = ['half_pixel', 'half_pixel_symmetric', 'pytorch_half_pixel', 'align_corners', 'asymmetric', 'tf_half_pixel_for_nn'] as const;
export const NEAREST_MODES = ['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil'] as const;
export type CoordinateMode = typeof COORDINATE_MODES[number];
export type NearestMode = typeof NEAREST_MODES[number];

export interface AxisResize {
  readonly mode: 'nearest' | 'linear';
  readonly coordinate: CoordinateMode;
  readonly nearest: NearestMode;
  /** The scale the coordinate transformation divides by (given, or output/input length). */
  readonly scale: number;
}

/** The input coordinate of output position `o` (ONNX's coordinate_transformation_mode). */
function sourceCoordinate(o: number, inLength: number, outLength: number, r: AxisResize): number {
  switch (r.coordinate) {
    case 'half_pixel': return (o + 0.5) / r.scale - 0.5;
    case 'pytorch_half_pixel': return outLength > 1 ? (o + 0.5) / r.scale - 0.5 : 0;
    case 'align_corners': return outLength === 1 ? 0 : o * (inLength - 1) / (outLength - 1);
    case 'asymmetric': return o / r.scale;
    case 'tf_half_pixel_for_nn': return (o + 0.5) / r.scale;
    case 'half_pixel_symmetric': {
      const adjustment = outLength / (r.scale * inLength);
      return (inLength / 2) * (1 - adjustment) + (o + 0.5) / r.scale - 0.5;
    }
  }
}

function roundNearest(x: number, mode: NearestMode): number {
  switch (mode) {
    case 'floor': return Math.floor(x);
    case 'ceil': return Math.ceil(x);
    case 'round_prefer_floor': return x - Math.floor(x) === 0.5 ? Math.floor(x) : Math.round(x);
    case 'round_prefer_ceil': return x - Math.floor(x) === 0.5 ? Math.ceil(x) : Math.round(x);
  }
}

const clampIndex = (i: number, length: number): number => Math.min(Math.max(i, 0), length - 1);

/** Two taps (input index, weight) per output position; nearest gives its second tap weight 0. */
export interface ResizeTaps { readonly index: Int32Array; readonly weight: Float64Array }

export function resizeTaps(inLength: number, outLength: number, r: AxisResize): ResizeTaps {
  const index = new Int32Array(2 * outLength), weight = new Float64Array(2 * outLength);
  for (let o = 0; o < outLength; o++) {
    const x = sourceCoordinate(o, inLength, outLength, r);
    if (r.mode === 'nearest') {
      index[2 * o] = index[2 * o + 1] = clampIndex(roundNearest(x, r.nearest), inLength);
      weight[2 * o] = 1;
    } else {
      // Coordinates beyond the ends take the edge entry (ONNX's reference and PyTorch alike).
      const clamped = Math.min(Math.max(x, 0), inLength - 1);
      const low = Math.floor(clamped), fraction = clamped - low;
      index[2 * o] = low;
      index[2 * o + 1] = clampIndex(low + 1, inLength);
      weight[2 * o] = 1 - fraction;
      weight[2 * o + 1] = fraction;
    }
  }
  return { index, weight };
}

function axisResizeOf(attrs: Attrs): AxisResize {
  const mode = attrs.mode, coordinate = attrs.coordinate, nearest = attrs.nearest ?? 'round_prefer_floor', scale = attrs.scale;
  if (mode !== 'nearest' && mode !== 'linear') { throw shapeError(`resize: unknown mode ${JSON.stringify(mode)}`); }
  if (!COORDINATE_MODES.some(m => m === coordinate)) { throw shapeError(`resize: unknown coordinate transformation ${JSON.stringify(coordinate)}`); }
  if (!NEAREST_MODES.some(m => m === nearest)) { throw shapeError(`resize: unknown nearest mode ${JSON.stringify(nearest)}`); }
  if (typeof scale !== 'number' || !(scale > 0) || !Number.isFinite(scale)) { throw shapeError(`resize: the scale must be a positive number, found ${JSON.stringify(scale)}`); }
  return { mode, coordinate: coordinate as CoordinateMode, nearest: nearest as NearestMode, scale };
}

interface Plan { readonly axis: number; readonly outer: number; readonly inLength: number; readonly inner: number; readonly shape: number[]; readonly taps: ResizeTaps }

function resizedShape(x: Tensor, attrs: Attrs): { axis: number; shape: number[] } {
  const axis = normalizeAxis(intAttr(attrs.axis, 0), x.rank, 'resize');
  const size = intAttr(attrs.size, -1);
  if (size < 1) { throw shapeError(`resize: the output length must be positive, found ${size}`); }
  if (x.shape[axis] < 1) { throw shapeError('resize: cannot resize an empty axis'); }
  const shape = [...x.shape];
  shape[axis] = size;
  checkSize(shape);
  return { axis, shape };
}

function plan(x: Tensor, attrs: Attrs): Plan {
  const { axis, shape } = resizedShape(x, attrs);
  const { outer, length, inner } = splitAtAxis(x.shape, axis);
  return { axis, outer, inLength: length, inner, shape, taps: resizeTaps(length, shape[axis], axisResizeOf(attrs)) };
}

const resizeAxis: OpDef = {
  name: 'resize_axis',
  arity: 1,
  label: attrs => `resize(axis=${String(attrs.axis)}, ${String(attrs.mode)})`,
  forward: ([x], attrs) => {
    const p = plan(x, attrs);
    const out = new Tensor(p.shape);
    const outLength = p.shape[p.axis];
    const { index, weight } = p.taps;
    for (let a = 0; a < p.outer; a++) {
      const inBase = a * p.inLength * p.inner, outBase = a * outLength * p.inner;
      for (let o = 0; o < outLength; o++) {
        const row0 = inBase + index[2 * o] * p.inner, row1 = inBase + index[2 * o + 1] * p.inner, w0 = weight[2 * o], w1 = weight[2 * o + 1];
        const dst = outBase + o * p.inner;
        // A single tap is copied alone: 0 · ∞ would turn an infinite neighbour into NaN.
        if (w1 === 0) {
          for (let i = 0; i < p.inner; i++) { out.data[dst + i] = w0 * x.data[row0 + i]; }
        } else {
          for (let i = 0; i < p.inner; i++) { out.data[dst + i] = w0 * x.data[row0 + i] + w1 * x.data[row1 + i]; }
        }
      }
    }
    return out;
  },
  resultEntries: ([x], attrs) => sizeOf(resizedShape(x, attrs).shape),
  vjp: ({ inputs: [x], grad, attrs }) => {
    const p = plan(x, attrs);
    const dx = new Tensor(x.shape);
    const outLength = p.shape[p.axis];
    const { index, weight } = p.taps;
    for (let a = 0; a < p.outer; a++) {
      const inBase = a * p.inLength * p.inner, outBase = a * outLength * p.inner;
      for (let o = 0; o < outLength; o++) {
        const row0 = inBase + index[2 * o] * p.inner, row1 = inBase + index[2 * o + 1] * p.inner, w0 = weight[2 * o], w1 = weight[2 * o + 1];
        const src = outBase + o * p.inner;
        for (let i = 0; i < p.inner; i++) {
          dx.data[row0 + i] += w0 * grad.data[src + i];
          dx.data[row1 + i] += w1 * grad.data[src + i];
        }
      }
    }
    return [dx];
  },
};

export const resizeOps: readonly OpDef[] = [resizeAxis];
