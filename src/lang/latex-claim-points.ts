// The points a claim is checked at: the values the document gives (when they bind every variable)
// and a few seeded random points, so an identity is tested away from the one example. The values
// depend only on the claim's text and the point's number: the same notes always give the same check.
import { randomTensor } from '../engine/random';
import { Tensor } from '../engine/tensor';
import { Bindings } from './bindings';

/** Random points per claim with variables on both sides. */
export const RANDOM_POINTS = 3;
/** Random values are drawn from [-RANGE, RANGE], away from zero by at least MARGIN (no 1/x blow-ups). */
const RANGE = 1.5;
const MARGIN = 0.1;

/** Seeded values for `names`: the shapes of `given` where it has them, else scalars. */
export function randomPoint(names: readonly string[], given: Bindings, seed: string, positive = false): Bindings {
  const point: Bindings = new Map();
  for (const name of names) {
    const shape = given.get(name)?.shape ?? [];
    const uniform = randomTensor(shape, 'uniform', `${seed}/${name}`, -1, 1);
    point.set(name, uniform.map(u => awayFromZero(positive ? Math.abs(u) : u)));
  }
  return point;
}

function awayFromZero(u: number): number {
  return Math.sign(u || 1) * (MARGIN + (RANGE - MARGIN) * Math.abs(u));
}

/** The given values when they bind every name, else undefined. */
export function givenPoint(names: readonly string[], given: Bindings): Bindings | undefined {
  if (!names.every(n => given.has(n))) { return undefined; }
  return new Map(names.map(n => [n, given.get(n) as Tensor]));
}
