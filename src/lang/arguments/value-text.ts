// A parameter's proposed value as Python the user can read and edit: a few numbers as a literal
// with two decimals, more as `np.random.randn(…)` (the harness seeds np.random), class labels as
// integers in range, a dict of options with values that suit their names.
import { seedFromName, uniformGenerator } from '../../engine/random';
import { Dim } from './dimensions';
import { ParameterFacts } from './parameter-facts';

/** Up to this many entries an array is written out; beyond, it is drawn with np.random.randn. */
export const MAX_LITERAL_ENTRIES = 6;

export interface ProposedValue {
  text: string;
  /** The shape proposed (undefined for a dict of options). */
  shape?: number[];
  labelsBelow?: number;
}

export function proposedValue(param: ParameterFacts, size: (dim: Dim) => number, shape: number[] = (param.shape.dims ?? []).map(size)): ProposedValue {
  const next = uniformGenerator(seedFromName(param.name));
  if (param.keys) { return { text: optionsText(param.keys) }; }
  if (param.labelsBelow !== undefined) {
    const below = Math.max(1, size(param.labelsBelow));
    return { text: `np.array(${nested(shape, () => String(Math.floor(next() * below)))})`, shape, labelsBelow: below };
  }
  return { text: arrayText(shape, () => signedTwoDecimals(next)), shape };
}

/** An array of this shape: a literal when small, else seeded normal values. */
export function arrayText(shape: readonly number[], draw: () => string): string {
  if (shape.length === 0) { return draw(); }
  const entries = shape.reduce((p, n) => p * n, 1);
  return entries <= MAX_LITERAL_ENTRIES ? `np.array(${nested(shape, draw)})` : `np.random.randn(${shape.join(', ')})`;
}

/** A value in ±[0.1, 1] with two decimals: never 0, so no gradient vanishes by accident. */
export function signedTwoDecimals(next: () => number): string {
  const magnitude = 0.1 + Math.round(next() * 90) / 100;
  return (next() < 0.5 ? -magnitude : magnitude).toFixed(2).replace(/0$/, '');
}

function nested(shape: readonly number[], draw: () => string): string {
  if (shape.length === 0) { return draw(); }
  const [n, ...rest] = shape;
  return `[${Array.from({ length: n }, () => nested(rest, draw)).join(', ')}]`;
}

function optionsText(keys: ReadonlyMap<string, string | number | undefined>): string {
  const items = [...keys].map(([key, known]) => `'${key}': ${pythonValue(known ?? optionValue(key))}`);
  return `{${items.join(', ')}}`;
}

function pythonValue(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replace(/['\\]/g, '\\$&')}'`;
}

/** What an option of this name usually is in layer code (a stride of 1 and a padding of 1 fit any size). */
function optionValue(key: string): string | number {
  const k = key.toLowerCase();
  if (k.includes('mode')) { return 'train'; }
  if (k.includes('eps')) { return 1e-5; }
  if (k.includes('momentum')) { return 0.9; }
  if (k === 'p' || k.includes('prob') || k.includes('dropout') || k.includes('keep')) { return 0.5; }
  if (k.includes('height') || k.includes('width') || k.includes('size') || k.includes('kernel')) { return 2; }
  if (k.includes('seed')) { return 0; }
  return 1;
}
