// Deterministic random tensors for `np.random.randn(3, 2)` and friends in analysed code: the
// values depend only on the variable's name, so the same text always shows the same numbers.
import { Shape, Tensor } from './tensor';

/** A 32-bit seed from a string (FNV-1a). */
export function seedFromName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast generator of uniform numbers in [0, 1). */
export function uniformGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal numbers by the Box–Muller transform. */
export function normalGenerator(seed: number): () => number {
  const uniform = uniformGenerator(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const v = spare;
      spare = undefined;
      return v;
    }
    const u1 = 1 - uniform(); // in (0, 1], so the logarithm is finite
    const u2 = uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };
}

export function randomTensor(shape: Shape, distribution: 'normal' | 'uniform', name: string, low = 0, high = 1): Tensor {
  const t = new Tensor(shape);
  const seed = seedFromName(name);
  const draw = distribution === 'normal' ? normalGenerator(seed) : uniformGenerator(seed);
  for (let i = 0; i < t.size; i++) {
    t.data[i] = distribution === 'normal' ? draw() : low + (high - low) * draw();
  }
  return t;
}
