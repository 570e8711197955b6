// Fast mode's random choices: a direction uniform on the sphere and a sample of entries (the largest
// gradients and as many random ones).
import { GraphNode } from './graph';
import { leafGradient, leafValue } from './reevaluate';

export interface LeafSelection {
  leaf: GraphNode;
  /** Flat indices to check, ascending; null for every entry. */
  flats: readonly number[] | null;
}

/** Gaussian entries (Box–Muller) normalised: a direction uniform on the sphere, split per leaf. */
export function randomUnitVector(sizes: readonly number[], random: () => number): Float64Array[] {
  let squares = 0;
  const parts = sizes.map(size => {
    const part = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      part[i] = g;
      squares += g * g;
    }
    return part;
  });
  const norm = Math.sqrt(squares);
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) { part[i] /= norm; }
  }
  return parts;
}

/**
 * The `count` entries with the largest |gradient| (a NaN counts as largest) and `count` other
 * entries drawn at random, grouped by leaf; every entry when there are no more than 2·count.
 */
export function sampleEntries(leaves: readonly GraphNode[], total: number, count: number, random: () => number): LeafSelection[] {
  const chosen = new Set<number>();
  if (total <= 2 * count) {
    for (let g = 0; g < total; g++) { chosen.add(g); }
  } else {
    for (const g of largestGradients(leaves, count)) { chosen.add(g); }
    while (chosen.size < 2 * count) { chosen.add(Math.floor(random() * total)); }
  }
  const sorted = [...chosen].sort((a, b) => a - b);
  const selections: LeafSelection[] = [];
  let start = 0, s = 0;
  for (const leaf of leaves) {
    const end = start + leafValue(leaf).size;
    const flats: number[] = [];
    while (s < sorted.length && sorted[s] < end) { flats.push(sorted[s++] - start); }
    selections.push({ leaf, flats });
    start = end;
  }
  return selections;
}

/** Global indices (over the leaves' entries, in order) of the `count` largest |gradient| entries. */
function largestGradients(leaves: readonly GraphNode[], count: number): number[] {
  // Kept sorted by magnitude, descending; a linear insertion suits the small counts used here.
  const top: { g: number; magnitude: number }[] = [];
  let g = 0;
  for (const leaf of leaves) {
    const size = leafValue(leaf).size;
    for (let i = 0; i < size; i++, g++) {
      const v = leafGradient(leaf, i);
      const magnitude = Number.isNaN(v) ? Infinity : Math.abs(v);
      if (top.length === count && magnitude <= top[count - 1].magnitude) { continue; }
      let at = top.length;
      while (at > 0 && top[at - 1].magnitude < magnitude) { at--; }
      top.splice(at, 0, { g, magnitude });
      if (top.length > count) { top.pop(); }
    }
  }
  return top.map(t => t.g);
}
