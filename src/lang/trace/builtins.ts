// Python builtins and the NumPy/PyTorch functions outside the alias table that layer code uses:
// range, len, zip, enumerate, reversed, int, float, abs, min, max, sum, print; np.arange,
// zeros_like, ones_like, copy, pad, where, var, prod of a shape, and the seeding calls.
import { InspectError, SourceRange } from '../../engine/errors';
import { Tensor, shapeToString } from '../../engine/tensor';
import { EvaluatedCall, TraceContext } from './context';
import { seededStream } from './random-stream';
import { isSequence, isTensor, tensorValue, tuple, typeName, Value } from './values';

/** Longest list a `range(...)` may make: loops over more are refused before they start. */
export const MAX_RANGE_LENGTH = 1_000_000;

type Builtin = (call: EvaluatedCall, ctx: TraceContext) => Value;

const PLAIN: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['range', rangeList],
  ['len', call => lengthOf(arg(call, 0), call.argRanges[0] ?? call.range)],
  ['zip', call => zipped(call)],
  ['enumerate', (call, ctx) => ({ kind: 'list', items: items(call, 0).map((v, i) => tuple([i + integer(call, 1, 0, ctx), v])) })],
  ['reversed', call => ({ kind: 'list', items: [...items(call, 0)].reverse() })],
  ['list', call => ({ kind: 'list', items: call.args.length === 0 ? [] : [...items(call, 0)] })],
  ['tuple', call => tuple(call.args.length === 0 ? [] : [...items(call, 0)])],
  ['int', (call, ctx) => Math.trunc(number(call, 0, ctx))],
  ['float', (call, ctx) => number(call, 0, ctx)],
  ['print', () => null],
]);

/** Builtins that apply only to Python numbers; on arrays the alias table's op is used. */
const NUMERIC: ReadonlyMap<string, (values: number[]) => number> = new Map([
  ['abs', (v: number[]) => Math.abs(v[0])],
  ['min', (v: number[]) => Math.min(...v)],
  ['max', (v: number[]) => Math.max(...v)],
  ['round', (v: number[]) => Math.round(v[0])],
]);

const NUMPY = ['np.', 'numpy.'];
const TORCH = ['torch.'];

const MODULE_FUNCTIONS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ...prefixed([...NUMPY, ...TORCH], 'arange', arange),
  ...prefixed([...NUMPY, ...TORCH], 'zeros_like', (call, ctx) => filledLike(call, ctx, 0)),
  ...prefixed([...NUMPY, ...TORCH], 'ones_like', (call, ctx) => filledLike(call, ctx, 1)),
  ...prefixed(NUMPY, 'copy', call => copyOf(arg(call, 0), call.range)),
  ...prefixed(NUMPY, 'pad', pad),
  ...prefixed([...NUMPY, ...TORCH], 'where', where),
  ...prefixed(NUMPY, 'var', variance),
  ...prefixed(NUMPY, 'prod', product),
  ...prefixed(['np.random.', 'numpy.random.'], 'seed', seed),
  ['torch.manual_seed', seed],
]);

const METHODS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['copy', call => copyOf(arg(call, 0), call.range)],
  ['clone', call => copyOf(arg(call, 0), call.range)],
  ['var', variance],
  ['size', (call, ctx) => sizeOf(call, ctx)],
  ['dim', (call, ctx) => ctx.toTensor(arg(call, 0), call.range).rank],
]);

function prefixed(prefixes: readonly string[], name: string, f: Builtin): [string, Builtin][] {
  return prefixes.map(p => [p + name, f]);
}

/** The builtin called `name`, or undefined: then the alias table decides. */
export function callBuiltin(call: EvaluatedCall, ctx: TraceContext): Value | undefined {
  const numeric = call.plain ? NUMERIC.get(call.name) : undefined;
  if (numeric && call.args.length > 0 && call.args.every(v => typeof v === 'number' || typeof v === 'boolean') && call.kwargs.size === 0) {
    return numeric(call.args.map(Number));
  }
  if (numeric && call.name !== 'abs' && call.args.length === 1 && isSequence(call.args[0]) && call.args[0].items.every(v => typeof v === 'number')) {
    return numeric(call.args[0].items as number[]);
  }
  if (call.plain && call.name === 'sum' && call.args.length === 1 && isSequence(call.args[0])) { return sumOf(call, ctx); }
  const f = call.plain ? PLAIN.get(call.name) : MODULE_FUNCTIONS.get(call.name);
  return f ? f(call, ctx) : undefined;
}

/** `x.copy()`, `x.size()`, …: methods outside the alias table, with the receiver as argument 0. */
export function callMethodBuiltin(call: EvaluatedCall, ctx: TraceContext): Value | undefined {
  const f = METHODS.get(call.name.slice(1));
  return f ? f(call, ctx) : undefined;
}

function arg(call: EvaluatedCall, i: number, keyword?: string): Value {
  const kw = keyword ? call.kwargs.get(keyword) : undefined;
  if (kw) { return kw.value; }
  if (i >= call.args.length) { throw new InspectError(`${call.name} needs argument ${i + 1}`, 'unsupported', call.range, 'more arguments'); }
  return call.args[i];
}

/** A Python number, or the value of a one-entry array (a top-level `N = 4` is an array leaf). */
function number(call: EvaluatedCall, i: number, ctx: TraceContext): number {
  return ctx.scalar(arg(call, i), call.argRanges[i] ?? call.range, call.name);
}

function integer(call: EvaluatedCall, i: number, fallback: number, ctx: TraceContext): number {
  if (i >= call.args.length) { return fallback; }
  const v = number(call, i, ctx);
  if (!Number.isInteger(v)) { throw new InspectError(`${call.name}: expected an integer, got ${v}`, 'unsupported', call.argRanges[i], 'an integer'); }
  return v;
}

function items(call: EvaluatedCall, i: number): readonly Value[] {
  const v = arg(call, i);
  if (isSequence(v)) { return v.items; }
  if (typeof v === 'object' && v !== null && v.kind === 'dict') { return [...v.entries.keys()]; }
  throw new InspectError(`${call.name}: expected a list or a tuple, got a ${typeName(v)} (iterating over an array is not supported: index it)`, 'unsupported', call.argRanges[i] ?? call.range, 'a list, a tuple or range(...)');
}

function lengthOf(v: Value, range: SourceRange): number {
  if (isSequence(v)) { return v.items.length; }
  if (typeof v === 'string') { return v.length; }
  if (typeof v === 'object' && v !== null && v.kind === 'dict') { return v.entries.size; }
  throw new InspectError(`len of a ${typeName(v)}: only lists, tuples, dicts and strings have a length here (for an array, use x.shape[0])`, 'unsupported', range, 'a list, a tuple or x.shape[0]');
}

function rangeList(call: EvaluatedCall, ctx: TraceContext): Value {
  const [start, stop] = call.args.length === 1 ? [0, integer(call, 0, 0, ctx)] : [integer(call, 0, 0, ctx), integer(call, 1, 0, ctx)];
  const step = integer(call, 2, 1, ctx);
  if (step === 0) { throw new InspectError('range: the step must not be zero', 'value', call.argRanges[2], 'a non-zero step'); }
  const length = Math.max(0, Math.ceil((stop - start) / step));
  if (length > MAX_RANGE_LENGTH) {
    throw new InspectError(`range of ${length} values, over the ${MAX_RANGE_LENGTH.toLocaleString('en-US')} a traced loop may unroll`, 'limit', call.range);
  }
  return { kind: 'list', items: Array.from({ length }, (_, k) => start + k * step) };
}

function zipped(call: EvaluatedCall): Value {
  const lists = call.args.map((_, i) => items(call, i));
  const length = Math.min(...lists.map(l => l.length));
  return { kind: 'list', items: Array.from({ length }, (_, k) => tuple(lists.map(l => l[k]))) };
}

/** Python's sum over a list: numbers add as numbers, arrays as nodes. */
function sumOf(call: EvaluatedCall, ctx: TraceContext): Value {
  const values = items(call, 0);
  if (values.every(v => typeof v === 'number')) { return (values as number[]).reduce((a, b) => a + b, 0); }
  let node = ctx.toNode(values[0] ?? 0, call.range);
  for (const v of values.slice(1)) { node = ctx.graph.apply('add', [node, ctx.toNode(v, call.range)], {}, { range: call.range }); }
  return tensorValue(node);
}

/** np.arange(stop), arange(start, stop[, step]): a constant (indices carry no gradient). */
function arange(call: EvaluatedCall, ctx: TraceContext): Value {
  const [start, stop] = call.args.length === 1 ? [0, number(call, 0, ctx)] : [number(call, 0, ctx), number(call, 1, ctx)];
  const step = call.args.length > 2 ? number(call, 2, ctx) : 1;
  if (step === 0) { throw new InspectError(`${call.name}: the step must not be zero`, 'value', call.range, 'a non-zero step'); }
  const length = Math.max(0, Math.ceil((stop - start) / step));
  ctx.graph.budget.requireEntries(length, `${call.name} of ${length} values`, { range: call.range });
  const values = Float64Array.from({ length }, (_, k) => start + k * step);
  return tensorValue(ctx.graph.constant(new Tensor([length], values), { range: call.range, label: 'arange' }));
}

function filledLike(call: EvaluatedCall, ctx: TraceContext, fill: number): Value {
  const like = ctx.toTensor(arg(call, 0), call.range);
  return tensorValue(ctx.graph.constant(Tensor.full(like.shape, fill), { range: call.range, label: fill === 0 ? 'zeros' : 'ones' }));
}

/** A copy is a new box around the same node: writing into it leaves the original alone. */
function copyOf(v: Value, range: SourceRange): Value {
  if (!isTensor(v)) { throw new InspectError(`copy of a ${typeName(v)} is not supported`, 'unsupported', range, 'an array'); }
  return tensorValue(v.node);
}

/** np.pad(x, ((before, after), …), mode='constant', constant_values=c). */
function pad(call: EvaluatedCall, ctx: TraceContext): Value {
  const x = arg(call, 0);
  const rank = ctx.toTensor(x, call.range).rank;
  const mode = call.kwargs.get('mode')?.value ?? call.args[2] ?? 'constant';
  if (mode !== 'constant') { throw new InspectError(`${call.name}: only mode='constant' is supported`, 'unsupported', call.range, "mode='constant'"); }
  const widths = padWidths(arg(call, 1, 'pad_width'), rank, call);
  const fill = call.kwargs.get('constant_values')?.value ?? 0;
  if (typeof fill !== 'number') { throw new InspectError(`${call.name}: constant_values must be a number`, 'unsupported', call.range, 'a number'); }
  const pads = [...widths.map(w => w[0]), ...widths.map(w => w[1])];
  return tensorValue(ctx.graph.apply('pad', [ctx.toNode(x, call.range)], { pads, value: fill }, { range: call.range }));
}

function padWidths(v: Value, rank: number, call: EvaluatedCall): [number, number][] {
  const pair = (p: Value): [number, number] => {
    if (typeof p === 'number') { return [p, p]; }
    if (isSequence(p) && p.items.length === 2 && p.items.every(n => typeof n === 'number')) { return [p.items[0] as number, p.items[1] as number]; }
    throw new InspectError(`${call.name}: pad widths must be integers or (before, after) pairs`, 'unsupported', call.range, '((before, after), …)');
  };
  if (!isSequence(v)) { return Array.from({ length: rank }, () => pair(v)); }
  const pairs = v.items.every(p => typeof p === 'number') && v.items.length === 2 ? Array.from({ length: rank }, () => pair(v)) : v.items.map(pair);
  if (pairs.length !== rank) { throw new InspectError(`${call.name}: ${pairs.length} pad widths for an array of rank ${rank}`, 'shape', call.range, `${rank} (before, after) pairs`); }
  return pairs;
}

/** np.where(condition, a, b); the condition is fixed at its traced value. */
function where(call: EvaluatedCall, ctx: TraceContext): Value {
  if (call.args.length !== 3) { throw new InspectError(`${call.name} takes a condition and two values`, 'unsupported', call.range, 'where(condition, a, b)'); }
  const [c, a, b] = call.args.map((v, i) => ctx.toNode(v, call.argRanges[i]));
  return tensorValue(ctx.graph.apply('where', [c, a, b], {}, { range: call.range }));
}

/** Variance as NumPy computes it by default (ddof=0): mean((x − mean(x))²) along `axis`. */
function variance(call: EvaluatedCall, ctx: TraceContext): Value {
  const x = ctx.toNode(arg(call, 0), call.range);
  const axisValue = call.kwargs.get('axis')?.value ?? call.kwargs.get('dim')?.value ?? call.args[1] ?? null;
  const axis = typeof axisValue === 'number' ? axisValue : isSequence(axisValue) ? axisValue.items as number[] : null;
  const keep = call.kwargs.get('keepdims')?.value ?? call.kwargs.get('keepdim')?.value ?? false;
  if (call.kwargs.has('ddof') || call.kwargs.has('unbiased') || call.kwargs.has('correction')) {
    throw new InspectError(`${call.name}: only the population variance (ddof=0) is supported`, 'unsupported', call.range, 'no ddof');
  }
  const apply = (op: string, inputs: number[], attrs = {}): number => ctx.graph.apply(op, inputs, attrs, { range: call.range });
  const mean = apply('mean', [x], { axis, keepdims: true });
  const squares = apply('pow', [apply('sub', [x, mean]), ctx.graph.constant(Tensor.scalar(2), { range: call.range })]);
  return tensorValue(apply('mean', [squares], { axis, keepdims: keep === true }));
}

/** np.prod of a shape (`np.prod(x.shape[1:])`): an integer. */
function product(call: EvaluatedCall): Value {
  const v = arg(call, 0);
  if (isSequence(v) && v.items.every(n => typeof n === 'number')) { return (v.items as number[]).reduce((a, b) => a * b, 1); }
  if (typeof v === 'number') { return v; }
  throw new InspectError(`${call.name} is supported on shapes (tuples of integers) only`, 'unsupported', call.range, 'a tuple of integers');
}

function seed(call: EvaluatedCall, ctx: TraceContext): Value {
  ctx.random = seededStream(integer(call, 0, 0, ctx));
  return null;
}

/** torch's x.size() (the shape) and x.size(d). */
function sizeOf(call: EvaluatedCall, ctx: TraceContext): Value {
  const shape = ctx.toTensor(arg(call, 0), call.range).shape;
  if (call.args.length < 2) { return tuple([...shape]); }
  const d = integer(call, 1, 0, ctx);
  const axis = d < 0 ? d + shape.length : d;
  if (axis < 0 || axis >= shape.length) { throw new InspectError(`size(${d}) of a tensor of shape ${shapeToString(shape)}`, 'shape', call.range, `a dimension below ${shape.length}`); }
  return shape[axis];
}
