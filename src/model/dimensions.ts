// Sizes of a model's named (dynamic) dimensions, such as batch and sequence: from --dim NAME=SIZE,
// else from the inputs given, whose shapes fix every name they declare, else from the editor's
// setting of default sizes (names the model does not have are ignored there); the notes say which.
// A name given two different sizes by --dim and an input is an error naming both sources.
import { quoted } from '../engine/excerpt';
import { InspectError } from '../engine/errors';
import { Nested, Tensor } from '../engine/tensor';
import { ValueInfo } from './onnx';

interface Binding {
  readonly size: number;
  readonly source: string;
}

/** Where default sizes come from (the editor's setting), as the notes name it. */
export const DIMENSION_SETTING = 'setting gradientInspector.onnx.dimensions';

export function dimensionSizes(
  inputs: readonly ValueInfo[], given: Readonly<Record<string, Nested>>, requested: Readonly<Record<string, number>>, notes: string[],
  defaults: Readonly<Record<string, number>> = {},
): Map<string, number> {
  const bindings = new Map<string, Binding>();
  const bind = (name: string, size: number, source: string): void => {
    const known = bindings.get(name);
    if (known && known.size !== size) {
      throw new InspectError(`dimension ${quoted(name)} is ${known.size} (${known.source}) but ${size} (${source})`, 'value');
    }
    if (!known) { bindings.set(name, { size, source }); }
  };
  const declared = new Set(inputs.flatMap(info => (info.shape ?? []).filter((d): d is string => typeof d === 'string')));
  for (const [name, size] of Object.entries(requested)) {
    if (!declared.has(name)) {
      throw new InspectError(`--dim ${quoted(name)}: the model's inputs have no dimension of that name${declared.size > 0 ? `; they have ${[...declared].map(d => quoted(d)).join(', ')}` : ''}`, 'value');
    }
    if (!Number.isSafeInteger(size) || size < 1) { throw new InspectError(`--dim ${quoted(name)}=${size}: a size is a positive integer`, 'value'); }
    bind(name, size, '--dim');
  }
  for (const info of inputs) {
    const value = Object.prototype.hasOwnProperty.call(given, info.name) ? given[info.name] : undefined;
    if (value === undefined || !info.shape) { continue; }
    const shape = shapeOfGiven(value);
    info.shape.forEach((d, i) => {
      if (typeof d === 'string' && i < shape.length) { bind(d, shape[i], `input ${quoted(info.name)}`); }
    });
  }
  for (const [name, size] of Object.entries(defaults)) {
    if (!declared.has(name) || bindings.has(name)) { continue; }
    if (!Number.isSafeInteger(size) || size < 1) { throw new InspectError(`${DIMENSION_SETTING}: ${quoted(name)} is ${size}; a size is a positive integer`, 'value'); }
    bind(name, size, DIMENSION_SETTING);
  }
  if (bindings.size > 0) {
    notes.push(`dynamic dimensions: ${[...bindings].map(([name, b]) => `${name} = ${b.size} (${b.source})`).join(', ')}`);
  }
  return new Map([...bindings].map(([name, b]) => [name, b.size]));
}

/** The shape of a given nested array; a malformed one is reported later, where its value is read. */
function shapeOfGiven(value: Nested): readonly number[] {
  try {
    return Tensor.fromNested(value).shape;
  } catch {
    return [];
  }
}
