// Values of the graph inputs that are not initializers: given by the user (JSON of nested arrays),
// else seeded random normal values of the declared shape (symbolic or unknown dims take 1).
import { quoted } from '../engine/excerpt';
import { InspectError } from '../engine/errors';
import { Budget, entriesOf } from '../engine/limits';
import { Nested, Tensor, shapeToString } from '../engine/tensor';
import { normalGenerator, seedFromName } from '../engine/random';
import { ValueInfo } from './onnx';
import { checkedDims, isIntegerType } from './tensor-data';

export interface InputValue {
  readonly tensor: Tensor;
  readonly integer: boolean;
}

/** A generated value is refused by `budget` before it is allocated. */
export function inputValue(info: ValueInfo, given: Nested | undefined, seed: number, notes: string[], budget: Budget): InputValue {
  const integer = info.elemType !== undefined && isIntegerType(info.elemType);
  if (given !== undefined) {
    let tensor: Tensor;
    try {
      tensor = Tensor.fromNested(given);
    } catch (e) {
      throw new InspectError(`input ${quoted(info.name)}: ${e instanceof Error ? e.message : String(e)}`, 'value');
    }
    checkDeclared(info, tensor);
    return { tensor, integer };
  }
  const declared = info.shape ?? [];
  const symbolic = declared.filter(d => typeof d !== 'number');
  if (symbolic.length > 0) {
    notes.push(`input ${quoted(info.name)}: dimension${symbolic.length > 1 ? 's' : ''} ${symbolic.map(d => d ?? '?').join(', ')} taken as 1`);
  }
  const dims = declared.map(d => (typeof d === 'number' ? d : 1));
  budget.requireEntries(entriesOf(dims), `dims ${shapeToString(dims)}`, { node: `input ${quoted(info.name)}` });
  const shape = checkedDims(dims, `input ${quoted(info.name)}`);
  const tensor = new Tensor(shape);
  if (!integer) {
    const draw = normalGenerator((seed ^ seedFromName(info.name)) >>> 0);
    for (let i = 0; i < tensor.size; i++) { tensor.data[i] = draw(); }
  }
  notes.push(`input ${quoted(info.name)} ${shapeToString(shape)}: ${integer ? 'zeros (integer input)' : `random normal values (seed ${seed})`}`);
  return { tensor, integer };
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
