// The gradientInspector.onnx.dimensions setting: default sizes of named (dynamic) ONNX input
// dimensions, an object NAME → positive integer, the editor's form of the CLI's --dim NAME=SIZE.
// Checked here without vscode, so the reading is unit-tested in node.
import { quoted } from '../engine/excerpt';
import { InspectError } from '../engine/errors';
import { DIMENSION_SETTING } from '../model/dimensions';

/** The sizes the setting's value gives; anything but an object of positive integers is an error naming the entry. */
export function dimensionDefaults(value: unknown): Record<string, number> {
  if (value === undefined || value === null) { return {}; }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InspectError(`${DIMENSION_SETTING} must be an object of dimension names and sizes, such as {"batch": 2, "sequence": 64}`, 'value');
  }
  const sizes: Record<string, number> = {};
  for (const [name, size] of Object.entries(value as Record<string, unknown>)) {
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) {
      const shown = typeof size === 'number' ? String(size) : quoted(JSON.stringify(size) ?? String(size));
      throw new InspectError(`${DIMENSION_SETTING}: ${quoted(name)} is ${shown}; a size is a positive integer`, 'value');
    }
    sizes[name] = size;
  }
  return sizes;
}
