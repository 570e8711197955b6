// Operators on traced values: numbers compute at once (they are shapes, counts and indices);
// anything involving an array becomes a node. Comparisons of arrays are taken at their traced
// values, as a constant mask: no gradient flows through a comparison, in NumPy or here.
import { InspectError, SourceRange } from '../../engine/errors';
import { zipBroadcast } from '../../engine/tensor';
import { BinaryOperator, CompareOperator } from '../ast';
import { TraceContext } from './context';
import { display, isDictKey, isSequence, isTensor, tensorValue, typeName, Value } from './values';

const BINARY_OPS: Record<BinaryOperator, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '^': 'pow', '@': 'matmul' };

export function binaryValue(op: BinaryOperator, a: Value, b: Value, range: SourceRange, ctx: TraceContext): Value {
  if (isNumeric(a) && isNumeric(b)) { return numberOp(op, Number(a), Number(b), range); }
  if (typeof a === 'string' && typeof b === 'string' && op === '+') { return a + b; }
  if (isSequence(a) && isSequence(b) && a.kind === b.kind && op === '+') { return { kind: a.kind, items: [...a.items, ...b.items] }; }
  if (op === '*' && ((isSequence(a) && typeof b === 'number') || (typeof a === 'number' && isSequence(b)))) {
    const [seq, times] = isSequence(a) ? [a, b as number] : [b as typeof a & { items: Value[]; kind: 'list' | 'tuple' }, a as number];
    return { kind: seq.kind, items: Array.from({ length: Math.max(0, times) }, () => seq.items).flat() };
  }
  if (!isArrayOperand(a) || !isArrayOperand(b)) {
    throw new InspectError(`unsupported operand types for ${op === '^' ? '**' : op}: ${typeName(a)} and ${typeName(b)}`, 'unsupported', range, 'numbers or arrays');
  }
  return tensorValue(ctx.graph.apply(BINARY_OPS[op], [ctx.toNode(a, range), ctx.toNode(b, range)], {}, { range }));
}

function numberOp(op: BinaryOperator, a: number, b: number, range: SourceRange): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
      if (b === 0) { throw new InspectError('division by zero', 'value', range, 'a non-zero divisor'); }
      return a / b;
    case '^': return a ** b;
    case '@': throw new InspectError("'@' needs arrays, not numbers", 'unsupported', range, 'arrays');
  }
}

/** `//` and `%` on numbers; `%` also formats a string (`'W%d' % i`). */
export function integerOpValue(op: '//' | '%', a: Value, b: Value, range: SourceRange): Value {
  if (op === '%' && typeof a === 'string') { return percentFormat(a, b, range); }
  if (!isNumeric(a) || !isNumeric(b)) {
    throw new InspectError(`'${op}' is supported on numbers (shapes, indices) only, not on a ${typeName(isNumeric(a) ? b : a)}`, 'unsupported', range, 'numbers');
  }
  const x = Number(a), y = Number(b);
  if (y === 0) { throw new InspectError(`${op === '//' ? 'integer division' : 'modulo'} by zero`, 'value', range, 'a non-zero divisor'); }
  return op === '//' ? Math.floor(x / y) : x - y * Math.floor(x / y);
}

function percentFormat(format: string, args: Value, range: SourceRange): string {
  const values = isSequence(args) && args.kind === 'tuple' ? [...args.items] : [args];
  const text = format.replace(/%([-0-9.]*)([sdifr%])/g, (_whole, _flags: string, conversion: string) => {
    if (conversion === '%') { return '%'; }
    if (values.length === 0) { throw new InspectError('not enough arguments for format string', 'value', range, 'one value per %'); }
    const v = values.shift() as Value;
    return conversion === 'd' || conversion === 'i' ? String(Math.trunc(Number(v))) : display(v);
  });
  if (values.length > 0) { throw new InspectError('not all arguments converted during string formatting', 'value', range, 'one % per value'); }
  return text;
}

export function compareValues(op: CompareOperator, a: Value, b: Value, range: SourceRange, ctx: TraceContext): Value {
  if (op === 'is' || op === 'is not') { return (a === b) === (op === 'is'); }
  if (op === 'in' || op === 'not in') { return contains(b, a, range) === (op === 'in'); }
  if (isTensor(a) || isTensor(b)) { return comparisonMask(op, a, b, range, ctx); }
  if (op === '==' || op === '!=') { return equal(a, b) === (op === '=='); }
  if ((isNumeric(a) && isNumeric(b)) || (typeof a === 'string' && typeof b === 'string')) {
    const [x, y] = typeof a === 'string' ? [a, b as string] : [Number(a), Number(b)];
    switch (op) {
      case '<': return x < y;
      case '>': return x > y;
      case '<=': return x <= y;
      default: return x >= y;
    }
  }
  throw new InspectError(`'${op}' between a ${typeName(a)} and a ${typeName(b)} is not supported`, 'unsupported', range, 'numbers or arrays');
}

const MASKS: Record<string, (x: number, y: number) => number> = {
  '<': (x, y) => Number(x < y), '>': (x, y) => Number(x > y), '<=': (x, y) => Number(x <= y),
  '>=': (x, y) => Number(x >= y), '==': (x, y) => Number(x === y), '!=': (x, y) => Number(x !== y),
};

function comparisonMask(op: CompareOperator, a: Value, b: Value, range: SourceRange, ctx: TraceContext): Value {
  const mask = zipBroadcast(ctx.toTensor(a, range), ctx.toTensor(b, range), MASKS[op]);
  const node = ctx.graph.constant(mask, { range, label: `mask ${op}` });
  ctx.markMask(node);
  return tensorValue(node);
}

function contains(container: Value, item: Value, range: SourceRange): boolean {
  if (isSequence(container)) { return container.items.some(v => equal(v, item)); }
  if (typeof container === 'string' && typeof item === 'string') { return container.includes(item); }
  if (typeof container === 'object' && container !== null && container.kind === 'dict') { return isDictKey(item) && container.entries.has(item); }
  throw new InspectError(`'in' a ${typeName(container)} is not supported`, 'unsupported', range, 'a list, a tuple, a dict or a string');
}

export function equal(a: Value, b: Value): boolean {
  if (isNumeric(a) && isNumeric(b)) { return Number(a) === Number(b); }
  if (isSequence(a) && isSequence(b)) { return a.items.length === b.items.length && a.items.every((v, i) => equal(v, b.items[i])); }
  return a === b;
}

function isNumeric(v: Value): v is number | boolean {
  return typeof v === 'number' || typeof v === 'boolean';
}

function isArrayOperand(v: Value): boolean {
  return isNumeric(v) || isTensor(v) || (isSequence(v) && v.items.every(i => isNumeric(i) || isSequence(i)));
}
