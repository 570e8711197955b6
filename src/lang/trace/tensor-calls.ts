// Array operations called from traced code. Operations of the alias table go through the same
// lowering as straight-line code (lowerCall): the evaluated arguments are written back as
// literal expressions (numbers, shapes, axes) or as references to their nodes, so one routine per
// call form reads them, whatever computed them.
import { InspectError, SourceRange } from '../../engine/errors';
import { NodeId } from '../../engine/graph';
import { Tensor } from '../../engine/tensor';
import { CallExpr, Expr, KeywordArg } from '../ast';
import { CallForm } from '../aliases';
import { literalTensor } from '../constructors';
import { lowerCall } from '../lower-call';
import { EvaluatedCall, TraceContext } from './context';
import { isSequence, isTensor, tensorValue, typeName, Value } from './values';

/** Names of synthetic references to nodes start with a character no Python name has. */
const NODE_REFERENCE = '\u0000';

const CONSTRUCTORS = new Set(['array', 'fill', 'eye', 'random']);

export function isConstructor(alias: CallForm): boolean {
  return CONSTRUCTORS.has(alias.form);
}

/** An op of the alias table applied to evaluated arguments. */
export function aliasCall(alias: CallForm, call: EvaluatedCall, ctx: TraceContext): Value {
  if (isConstructor(alias)) {
    return tensorValue(ctx.graph.constant(constructorTensor(alias, call, ctx), { range: call.range }));
  }
  const site = {
    name: call.name,
    range: call.range,
    args: call.args.map((v, i) => valueExpr(v, call.argRanges[i], call.name)),
    kwargs: [...call.kwargs].map(([name, kw]): KeywordArg => ({ name, value: valueExpr(kw.value, kw.range, call.name), range: kw.range })),
    plain: call.plain,
  };
  const lower = (expr: Expr): NodeId => {
    if (expr.kind === 'name' && expr.name.startsWith(NODE_REFERENCE)) { return Number(expr.name.slice(1)); }
    return ctx.toNode(exprValue(expr), expr.range);
  };
  return tensorValue(lowerCall(alias, site, { graph: ctx.graph, lower }));
}

/** np.array, zeros, ones, eye, randn, rand: their tensor, allocated only after the budget allows it. */
export function constructorTensor(alias: CallForm, call: EvaluatedCall, ctx: TraceContext): Tensor {
  if (alias.form === 'array' && call.args.length === 1 && isArrayLike(call.args[0])) {
    return ctx.toTensor(call.args[0], call.argRanges[0]);
  }
  const expr: CallExpr = {
    kind: 'call',
    callee: call.name,
    calleeRange: call.range,
    args: call.args.map((v, i) => valueExpr(v, call.argRanges[i], call.name)),
    kwargs: [...call.kwargs].map(([name, kw]) => ({ name, value: valueExpr(kw.value, kw.range, call.name), range: kw.range })),
    range: call.range,
  };
  const seeded = alias.form === 'random' && ctx.random && !/\.(uniform|normal)$/.test(call.name);
  const tensor = literalTensor(expr, call.seedName, ctx.graph.budget);
  if (!tensor) { throw new InspectError(`${call.name}: not a constructor`, 'unsupported', call.range); }
  if (seeded && ctx.random) {
    const draw = alias.distribution === 'normal' ? ctx.random.normal : ctx.random.uniform;
    for (let i = 0; i < tensor.size; i++) { tensor.data[i] = draw(); }
  }
  return tensor;
}

function isArrayLike(v: Value): boolean {
  return isTensor(v) || (isSequence(v) && v.items.some(isArrayLike));
}

/** An evaluated argument written back as an expression that lowering reads. */
export function valueExpr(v: Value, range: SourceRange, callee: string): Expr {
  if (typeof v === 'number') { return { kind: 'number', value: v, range }; }
  if (typeof v === 'boolean' || v === null) { return { kind: 'name', name: v === null ? 'None' : v ? 'True' : 'False', range }; }
  if (typeof v === 'string') { return { kind: 'string', text: `'${v}'`, range }; }
  if (isTensor(v)) { return { kind: 'name', name: NODE_REFERENCE + String(v.node), range }; }
  if (isSequence(v)) { return { kind: 'list', items: v.items.map(item => valueExpr(item, range, callee)), tuple: v.kind === 'tuple', range }; }
  throw new InspectError(`a ${typeName(v)} cannot be an argument of ${callee}`, 'unsupported', range, 'a number, a shape or an array');
}

/** The inverse of valueExpr for the literal forms lowering passes back (numbers, nested lists). */
function exprValue(expr: Expr): Value {
  switch (expr.kind) {
    case 'number': return expr.value;
    case 'name': return expr.name === 'True' ? true : expr.name === 'False' ? false : null;
    case 'list': return { kind: expr.tuple ? 'tuple' : 'list', items: expr.items.map(exprValue) };
    default: throw new InspectError('expected an array', 'unsupported', expr.range, 'an array');
  }
}
