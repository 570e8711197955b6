// The values of the traced Python subset. Numbers, strings, tuples, lists and dicts are ordinary
// interpreter values (they decide loops, shapes and branches); an array is a box around the graph
// node holding its current value. The box is shared by aliases and re-pointed by index assignment,
// so `dx = dout; dx[x < 0] = 0` changes what both names see, as in NumPy.
import { NodeId } from '../../engine/graph';
import { ClassDef, FunctionDef } from '../ast';

export interface TensorValue { kind: 'tensor'; node: NodeId }
export interface SequenceValue { kind: 'tuple' | 'list'; items: Value[] }
export type DictKey = number | string | boolean | null;
export interface DictValue { kind: 'dict'; entries: Map<DictKey, Value> }
export interface FunctionValue { kind: 'function'; def: FunctionDef }
/** A torch.autograd.Function subclass. */
export interface ClassValue { kind: 'class'; def: ClassDef }
/** The `ctx` of an autograd.Function: saved tensors and attributes set on it. */
export interface ContextValue { kind: 'context'; saved: Value[]; attributes: Map<string, Value>; needsInputGrad: boolean[] }

export type Value =
  | number
  | boolean
  | null
  | string
  | TensorValue
  | SequenceValue
  | DictValue
  | FunctionValue
  | ClassValue
  | ContextValue;

export function tensorValue(node: NodeId): TensorValue {
  return { kind: 'tensor', node };
}

export function tuple(items: Value[]): SequenceValue {
  return { kind: 'tuple', items };
}

export function isTensor(v: Value): v is TensorValue {
  return typeof v === 'object' && v !== null && v.kind === 'tensor';
}

export function isSequence(v: Value): v is SequenceValue {
  return typeof v === 'object' && v !== null && (v.kind === 'tuple' || v.kind === 'list');
}

export function isDictKey(v: Value): v is DictKey {
  return v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
}

/** The Python type name, for messages. */
export function typeName(v: Value): string {
  if (v === null) { return 'None'; }
  switch (typeof v) {
    case 'number': return Number.isInteger(v) ? 'int' : 'float';
    case 'boolean': return 'bool';
    case 'string': return 'str';
    default: break;
  }
  switch (v.kind) {
    case 'tensor': return 'array';
    case 'context': return 'ctx';
    default: return v.kind;
  }
}

/** `str(v)` for the values that name things (f-strings, `%`). */
export function display(v: Value): string {
  if (v === null) { return 'None'; }
  if (typeof v === 'boolean') { return v ? 'True' : 'False'; }
  if (typeof v === 'number' || typeof v === 'string') { return String(v); }
  if (isSequence(v)) {
    const items = v.items.map(display);
    return v.kind === 'list' ? `[${items.join(', ')}]` : items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  return `<${typeName(v)}>`;
}
