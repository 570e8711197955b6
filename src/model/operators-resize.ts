// Resize (opsets 10, 11, 13, 18, 19) and Upsample (7, 9): the output size from scales or sizes (with
// the axes and keep_aspect_ratio_policy of opset 18), then one engine resize_axis per axis that
// changes, in nearest or linear mode with the node's coordinate transformation. roi only matters
// to tf_crop_and_resize, which is refused by name, as are cubic interpolation and antialiasing.
import { quoted } from '../engine/excerpt';
import { COORDINATE_MODES, CoordinateMode, NEAREST_MODES, NearestMode } from '../engine/ops/resize';
import { float32Decimal } from './float32-constants';
import { Converter } from './operators';
import { NodeBuilder, Value } from './values';

interface Interpolation { mode: 'nearest' | 'linear'; coordinate: CoordinateMode; nearest: NearestMode }

/** Per axis: the output length and the scale the coordinate transformation divides by. */
interface AxisPlan { length: number; scale: number }

function interpolationMode(b: NodeBuilder): 'nearest' | 'linear' {
  const mode = b.string('mode', 'nearest');
  if (mode === 'nearest' || mode === 'linear') { return mode; }
  if (mode === 'cubic') { throw b.error("mode 'cubic' is not supported (nearest and linear are)", 'unsupported'); }
  throw b.error(`unknown mode ${quoted(mode)}; expected nearest, linear or cubic`, 'model');
}

/** Resize from opset 11 names its coordinate transformation and rounding; Resize-10 and Upsample are asymmetric with floor. */
function interpolation(b: NodeBuilder, named: boolean): Interpolation {
  const mode = interpolationMode(b);
  if (!named) { return { mode, coordinate: 'asymmetric', nearest: 'floor' }; }
  const coordinate = b.string('coordinate_transformation_mode', 'half_pixel');
  if (coordinate === 'tf_crop_and_resize') { throw b.error("coordinate_transformation_mode 'tf_crop_and_resize' (a crop by roi) is not supported", 'unsupported'); }
  const knownCoordinate = COORDINATE_MODES.find(m => m === coordinate);
  if (!knownCoordinate) { throw b.error(`unknown coordinate_transformation_mode ${quoted(coordinate)}; expected one of ${COORDINATE_MODES.join(', ')}`, 'model'); }
  const nearest = NEAREST_MODES.find(m => m === b.string('nearest_mode', 'round_prefer_floor'));
  if (!nearest) { throw b.error(`unknown nearest_mode ${quoted(b.string('nearest_mode', ''))}; expected one of ${NEAREST_MODES.join(', ')}`, 'model'); }
  if (b.int('antialias', 0) !== 0) { throw b.error('antialias is not supported', 'unsupported'); }
  return { mode, coordinate: knownCoordinate, nearest };
}

/** A constant input with entries, or undefined when absent or empty (opset 11 writes an empty scales beside sizes). */
function givenEntries(b: NodeBuilder, v: Value | undefined, what: string): number[] | undefined {
  if (!v || v.tensor.size === 0) { return undefined; }
  return b.constNumbers(v, what);
}

/** The axes scales or sizes apply to: all, or the `axes` attribute from opset 18. */
function resizedAxes(b: NodeBuilder, rank: number): number[] {
  const axes = b.opset >= 18 ? b.ints('axes') : undefined;
  if (!axes) { return Array.from({ length: rank }, (_, i) => i); }
  const normalized = axes.map(a => {
    if (a < -rank || a >= rank) { throw b.error(`axis ${a} out of range for rank ${rank}`, 'model'); }
    return a < 0 ? a + rank : a;
  });
  if (new Set(normalized).size !== normalized.length) { throw b.error(`axes ${JSON.stringify(axes)} repeat an axis`, 'model'); }
  return normalized;
}

function fromScales(b: NodeBuilder, shape: readonly number[], axes: readonly number[], scales: readonly number[]): AxisPlan[] {
  return axes.map((axis, i) => {
    // Scales are float32 in every opset: taken as the decimal they were written as (2, 0.5, 1.6).
    const scale = float32Decimal(scales[i]);
    if (!(scale > 0) || !Number.isFinite(scale)) { throw b.error(`scale ${scales[i]} for axis ${axis} must be positive`, 'model'); }
    const length = Math.floor(shape[axis] * scale);
    if (length < 1) { throw b.error(`scale ${scale} leaves no output along axis ${axis} of length ${shape[axis]}`, 'shape'); }
    return { length, scale };
  });
}

/** keep_aspect_ratio_policy (opset 18): one scale for every axis, the largest that fits or the smallest that covers. */
function fromSizes(b: NodeBuilder, shape: readonly number[], axes: readonly number[], sizes: readonly number[]): AxisPlan[] {
  sizes.forEach((size, i) => {
    if (!Number.isInteger(size) || size < 1) { throw b.error(`size ${size} for axis ${axes[i]} must be a positive integer`, 'model'); }
  });
  const policy = b.opset >= 18 ? b.string('keep_aspect_ratio_policy', 'stretch') : 'stretch';
  if (policy === 'stretch') { return axes.map((axis, i) => ({ length: sizes[i], scale: sizes[i] / shape[axis] })); }
  if (policy !== 'not_larger' && policy !== 'not_smaller') { throw b.error(`unknown keep_aspect_ratio_policy ${quoted(policy)}`, 'model'); }
  const ratios = axes.map((axis, i) => sizes[i] / shape[axis]);
  const scale = policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
  return axes.map(axis => ({ length: Math.max(1, Math.floor(scale * shape[axis] + 0.5)), scale }));
}

/** The output length and scale of every axis from the node's scales or sizes. */
function axisPlans(b: NodeBuilder, x: Value, scales: number[] | undefined, sizes: number[] | undefined): AxisPlan[] {
  const shape = x.tensor.shape;
  const axes = resizedAxes(b, shape.length);
  if ((scales === undefined) === (sizes === undefined)) { throw b.error('exactly one of scales and sizes must be given', 'model'); }
  const given = (scales ?? sizes) as number[];
  if (given.length !== axes.length) {
    throw b.error(`${scales ? 'scales' : 'sizes'} has ${given.length} entries, expected ${axes.length} (one per resized axis)`, 'shape');
  }
  const planned = scales ? fromScales(b, shape, axes, scales) : fromSizes(b, shape, axes, given);
  const plans: AxisPlan[] = shape.map(length => ({ length, scale: 1 }));
  axes.forEach((axis, i) => { plans[axis] = planned[i]; });
  return plans;
}

/** One resize_axis per axis whose length or scale changes (same length and scale 1 is the identity in every mode). */
function resizeAxes(b: NodeBuilder, x: Value, plans: readonly AxisPlan[], how: Interpolation): Value {
  return plans.reduce((y, plan, axis) => {
    if (plan.length === x.tensor.shape[axis] && plan.scale === 1) { return y; }
    return b.apply('resize_axis', [y], { axis, size: plan.length, scale: plan.scale, ...how });
  }, x);
}

const resize: Converter = b => {
  const x = b.requiredInput(0);
  if (b.opset < 11) {
    const scales = givenEntries(b, b.requiredInput(1), 'scales');
    return [resizeAxes(b, x, axisPlans(b, x, scales, undefined), interpolation(b, false))];
  }
  const how = interpolation(b, true);
  const scales = givenEntries(b, b.input(2), 'scales'), sizes = givenEntries(b, b.input(3), 'sizes');
  return [resizeAxes(b, x, axisPlans(b, x, scales, sizes), how)];
};

/** Upsample: scales as an attribute (opset 7) or an input (opset 9); removed in opset 10. */
const upsample: Converter = b => {
  const x = b.requiredInput(0);
  const scales = b.opset < 9 ? b.floats('scales') : givenEntries(b, b.requiredInput(1), 'scales');
  if (!scales) { throw b.error('needs scales', 'model'); }
  const plans = axisPlans(b, x, scales, undefined);
  if (plans.some(p => p.scale < 1)) { throw b.error(`Upsample scales (${scales.join(', ')}) must be at least 1`, 'model'); }
  return [resizeAxes(b, x, plans, interpolation(b, false))];
};

export const resizeConverters: Readonly<Record<string, Converter>> = {
  Resize: resize,
  Upsample: upsample,
};
