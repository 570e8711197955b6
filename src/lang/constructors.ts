// Literal values written in the text: numbers, nested lists, np.array / torch.tensor, zeros, ones,
// eye and seeded random tensors. Assigned to a name they make a leaf; inline they are constants.
import { quoted } from '../engine/excerpt';
import { InspectError } from '../engine/errors';
import { Budget, entriesOf } from '../engine/limits';
import { Shape, ShapeError, Tensor, shapeToString } from '../engine/tensor';
import { CallExpr, Expr, KeywordArg } from './ast';
import { CallForm, functionAlias } from './aliases';
import { randomTensor } from '../engine/random';
import { literalArray, requireInteger, requireNumber, requireShape } from './static';

/** Keyword arguments about storage, not values: accepted and ignored. */
export const STORAGE_KEYWORDS: ReadonlySet<string> = new Set(['dtype', 'device', 'requires_grad', 'layout', 'copy', 'order']);

/**
 * The tensor an expression denotes when it is a literal, else undefined. `seedName` seeds random
 * constructors (the assigned variable's name), so the values are the same on every run. A shape
 * the budget cannot hold is refused before anything is allocated.
 */
export function literalTensor(expr: Expr, seedName: string, budget: Budget): Tensor | undefined {
  if (expr.kind === 'call') {
    const alias = functionAlias(expr.callee);
    return alias ? constructorTensor(alias, expr, seedName, budget) : undefined;
  }
  return literalArray(expr);
}

/** Bad shapes (negative, or too many entries to allocate) are errors located at the call. */
function constructorTensor(alias: CallForm, call: CallExpr, seedName: string, budget: Budget): Tensor | undefined {
  const room = (shape: Shape): Shape => {
    budget.requireEntries(entriesOf(shape), `${call.callee} of shape ${shapeToString(shape)}`, { range: call.range });
    return shape;
  };
  try {
    return buildTensor(alias, call, seedName, room);
  } catch (err) {
    if (err instanceof ShapeError) { throw new InspectError(`${call.callee}: ${err.message}`, 'value', call.range, 'a valid shape'); }
    throw err;
  }
}

/** `room` refuses a shape the memory budget cannot hold, and passes the others through. */
type Room = (shape: Shape) => Shape;

function buildTensor(alias: CallForm, call: CallExpr, seedName: string, room: Room): Tensor | undefined {
  switch (alias.form) {
    case 'array': return arrayArgument(call);
    case 'fill': return Tensor.full(room(shapeOf(call, positional(call), 'shape')), alias.value);
    case 'eye': return identity(call, room);
    case 'random': return random(call, alias.distribution, seedName, room);
    default: return undefined;
  }
}

function arrayArgument(call: CallExpr): Tensor {
  const args = positional(call);
  if (args.length !== 1) { throw arity(call, 'one nested list of numbers'); }
  const value = literalArray(args[0]);
  if (!value) {
    throw new InspectError(`${call.callee} of computed values is not supported: give a nested list of numbers`, 'unsupported', args[0].range, 'a nested list of numbers');
  }
  return value;
}

function identity(call: CallExpr, room: Room): Tensor {
  const args = positional(call);
  if (args.length < 1 || args.length > 2) { throw arity(call, 'N or N, M'); }
  const rows = requireInteger(args[0], 'the size of eye');
  const cols = args.length > 1 ? requireInteger(args[1], 'the column count of eye') : rows;
  const t = Tensor.zeros(room([rows, cols]));
  for (let i = 0; i < Math.min(rows, cols); i++) { t.data[i * cols + i] = 1; }
  return t;
}

/** randn(2, 3), rand((2, 3)), uniform(low, high, size), normal(loc, scale, size). */
function random(call: CallExpr, distribution: 'normal' | 'uniform', seedName: string, room: Room): Tensor {
  const args = positional(call);
  const parametrised = /\.(uniform|normal)$/.test(call.callee);
  if (!parametrised) { return randomTensor(room(shapeOf(call, args, 'size')), distribution, seedName); }
  const [first, second] = distribution === 'uniform' ? ['low', 'high'] : ['loc', 'scale'];
  const a = numberArg(call, args[0], first, 0);
  const b = numberArg(call, args[1], second, 1);
  const sizeExpr = args[2] ?? keyword(call, 'size')?.value;
  const shape = room(sizeExpr ? requireShape([sizeExpr], 'size') : []);
  if (distribution === 'uniform') { return randomTensor(shape, 'uniform', seedName, a, b); }
  return randomTensor(shape, 'normal', seedName).map(v => a + b * v);
}

function numberArg(call: CallExpr, arg: Expr | undefined, name: string, fallback: number): number {
  const expr = arg ?? keyword(call, name)?.value;
  return expr ? requireNumber(expr, name) : fallback;
}

function shapeOf(call: CallExpr, args: readonly Expr[], keywordName: string): number[] {
  const fromKeyword = keyword(call, keywordName) ?? keyword(call, 'size');
  if (fromKeyword) { return requireShape([fromKeyword.value], 'shape'); }
  if (args.length === 0) { throw arity(call, 'a shape'); }
  return requireShape(args, 'shape');
}

function positional(call: CallExpr): Expr[] {
  for (const kw of call.kwargs) {
    if (!STORAGE_KEYWORDS.has(kw.name) && !['size', 'shape', 'low', 'high', 'loc', 'scale'].includes(kw.name)) {
      throw new InspectError(`keyword argument ${quoted(kw.name)} of ${call.callee} is not supported`, 'unsupported', kw.range, 'dtype=, device= or requires_grad=');
    }
  }
  return call.args;
}

function keyword(call: CallExpr, name: string): KeywordArg | undefined {
  return call.kwargs.find(k => k.name === name);
}

function arity(call: CallExpr, expected: string): InspectError {
  return new InspectError(`${call.callee} expects ${expected}`, 'unsupported', call.range, expected);
}
