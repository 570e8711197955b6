// Values known from the text alone: numbers, True/False/None, tuples of them (axes, shapes,
// bounds), and literal arrays. They become op attributes, constants, or leaves.
import { InspectError } from '../engine/errors';
import { Nested, ShapeError, Tensor } from '../engine/tensor';
import { Expr } from './ast';

export type StaticValue = number | boolean | null | StaticValue[];

/** The value of an expression that needs no evaluation, or undefined. */
export function staticValue(expr: Expr): StaticValue | undefined {
  switch (expr.kind) {
    case 'number': return expr.value;
    case 'unary': {
      const v = staticValue(expr.operand);
      return typeof v === 'number' ? (expr.op === '-' ? -v : v) : undefined;
    }
    case 'name':
      if (expr.name === 'True') { return true; }
      if (expr.name === 'False') { return false; }
      if (expr.name === 'None') { return null; }
      return undefined;
    case 'list': {
      const items = expr.items.map(staticValue);
      return items.every(v => v !== undefined) ? items as StaticValue[] : undefined;
    }
    default: return undefined;
  }
}

/** A number or a nested list of numbers as a tensor, or undefined when the expression is not one. */
export function literalArray(expr: Expr): Tensor | undefined {
  const value = staticValue(expr);
  if (value === undefined || !isNested(value)) { return undefined; }
  try {
    return Tensor.fromNested(value);
  } catch (err) {
    if (err instanceof ShapeError) { throw new InspectError(err.message, 'value', expr.range, 'a rectangular nested list of numbers'); }
    throw err;
  }
}

function isNested(v: StaticValue): v is Nested {
  return typeof v === 'number' || (Array.isArray(v) && v.every(isNested));
}

export function requireInteger(expr: Expr, what: string): number {
  const v = staticValue(expr);
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new InspectError(`${what} must be an integer written in the text`, 'unsupported', expr.range, 'an integer');
  }
  return v;
}

export function requireNumber(expr: Expr, what: string): number {
  const v = staticValue(expr);
  if (typeof v !== 'number') {
    throw new InspectError(`${what} must be a number written in the text`, 'unsupported', expr.range, 'a number');
  }
  return v;
}

/** An integer, a tuple/list of integers, or None (all axes). */
export function requireAxis(expr: Expr, what: string): number | number[] | null {
  const v = staticValue(expr);
  if (v === null) { return null; }
  if (typeof v === 'number' && Number.isInteger(v)) { return v; }
  if (Array.isArray(v) && v.every(a => typeof a === 'number' && Number.isInteger(a))) { return v as number[]; }
  throw new InspectError(`${what} must be an integer, a tuple of integers or None`, 'unsupported', expr.range, 'an axis such as 0, -1 or (0, 1)');
}

export function requireBoolean(expr: Expr, what: string): boolean {
  const v = staticValue(expr);
  if (typeof v === 'boolean') { return v; }
  if (v === 0 || v === 1) { return v === 1; }
  throw new InspectError(`${what} must be True or False`, 'unsupported', expr.range, 'True or False');
}

/**
 * A shape given as separate integers (`zeros(2, 3)`, `x.reshape(2, 3)`) or as one tuple or list
 * (`zeros((2, 3))`, `x.reshape([2, 3])`).
 */
export function requireShape(args: readonly Expr[], what: string): number[] {
  if (args.length === 1 && args[0].kind === 'list') {
    return args[0].items.map(a => requireInteger(a, `${what} dimension`));
  }
  return args.map(a => requireInteger(a, `${what} dimension`));
}
