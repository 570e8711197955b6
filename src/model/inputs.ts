// Values of the graph inputs that are not initializers: given by the user (JSON of nested arrays),
// else seeded random normal values of the declared shape (symbolic or unknown dims take 1).
import { quoted } from '../engine/excerpt';
import { InspectError } from '../engine/errors';
import { Budget, entriesOf } from '../engine/limits';
import { Nested, Tensor, shapeToString, unravelIndex } from '../engine/tensor';
import { normalGenerator, seedFromName, uniformGenerator } from '../engine/random';
import { DataType, ValueInfo } from './onnx';
import { checkedDims, dataTypeName, isIntegerType } from './tensor-data';

/** What generation knows beyond the declared type: sizes of named dims, the range of integer indices. */
export interface InputContext {
  readonly dims: ReadonlyMap<string, number>;
  /** Integer values must lie in [0, indexBound): the size of the axis a Gather indexes with them. */
  readonly indexBound?: number;
}

export interface InputValue {
  readonly tensor: Tensor;
  readonly integer: boolean;
}

/** A generated value is refused by `budget` before it is allocated. */
export function inputValue(info: ValueInfo, given: Nested | undefined, seed: number, notes: string[], budget: Budget, context: InputContext): InputValue {
  const integer = info.elemType !== undefined && isIntegerType(info.elemType);
  if (given !== undefined) {
    let tensor: Tensor;
    try {
      tensor = Tensor.fromNested(given);
    } catch (e) {
      throw new InspectError(`input ${quoted(info.name)}: ${e instanceof Error ? e.message : String(e)}`, 'value');
    }
    checkDeclared(info, tensor);
    if (integer) { checkIntegers(info, tensor); }
    return { tensor, integer };
  }
  const declared = info.shape ?? [];
  const unsized = declared.filter(d => typeof d !== 'number' && (d === undefined || !context.dims.has(d)));
  if (unsized.length > 0) {
    notes.push(`input ${quoted(info.name)}: dimension${unsized.length > 1 ? 's' : ''} ${unsized.map(d => d ?? '?').join(', ')} taken as 1`);
  }
  const dims = declared.map(d => (typeof d === 'number' ? d : (d !== undefined ? context.dims.get(d) : undefined) ?? 1));
  budget.requireEntries(entriesOf(dims), `dims ${shapeToString(dims)}`, { node: `input ${quoted(info.name)}` });
  const shape = checkedDims(dims, `input ${quoted(info.name)}`);
  const tensor = new Tensor(shape);
  const streamSeed = (seed ^ seedFromName(info.name)) >>> 0;
  if (!integer) {
    const draw = normalGenerator(streamSeed);
    for (let i = 0; i < tensor.size; i++) { tensor.data[i] = draw(); }
  } else if (context.indexBound !== undefined) {
    const draw = uniformGenerator(streamSeed), bound = context.indexBound;
    for (let i = 0; i < tensor.size; i++) { tensor.data[i] = Math.floor(draw() * bound); }
  }
  notes.push(`input ${quoted(info.name)} ${shapeToString(shape)}: ${generatedKind(integer, context.indexBound, seed)}`);
  return { tensor, integer };
}

function generatedKind(integer: boolean, indexBound: number | undefined, seed: number): string {
  if (!integer) { return `random normal values (seed ${seed})`; }
  return indexBound === undefined ? 'zeros (integer input)' : `random integers in [0, ${indexBound}) (seed ${seed}), the range of the axis a Gather indexes with them`;
}

/** Token ids and other integer inputs must be given as integers (0 or 1 for bool): never rounded silently. */
function checkIntegers(info: ValueInfo, tensor: Tensor): void {
  const bool = info.elemType === DataType.Bool;
  const at = tensor.data.findIndex(v => !Number.isSafeInteger(v) || (bool && v !== 0 && v !== 1));
  if (at < 0) { return; }
  const where = tensor.rank > 0 ? ` entry [${unravelIndex(at, tensor.shape).join(', ')}]` : '';
  throw new InspectError(`input ${quoted(info.name)} is of type ${dataTypeName(info.elemType as number)}, but${where} is ${tensor.data[at]}; expected ${bool ? '0 or 1' : 'an integer'}`, 'value');
}

function checkDeclared(info: ValueInfo, tensor: Tensor): void {
  const declared = info.shape;
  if (!declared) { return; }
  const fits = declared.length === tensor.rank && declared.every((d, i) => typeof d !== 'number' || d === tensor.shape[i]);
  if (!fits) {
    const written = declared.map(d => d ?? '?').join(', ');
    throw new InspectError(`input ${quoted(info.name)} has shape ${shapeToString(tensor.shape)}, but the model declares (${written})`, 'value');
  }
}
