// `np.random.seed(s)` then `randn`/`rand`: numbers drawn in call order, so the values depend on the
// seed and on the order of the calls, as in NumPy. The generator is not NumPy's (Mersenne Twister
// with its own normal sampler): uniforms come from mulberry32 seeded with s, normals from
// Box–Muller over a second mulberry32 seeded with s xor 0x9e3779b9 (the engine's generators,
// src/engine/random.ts), so a reference script reproduces them in a few lines
// (scripts/fixtures/traced_random.py).
import { normalGenerator, uniformGenerator } from '../../engine/random';
import { RandomStream } from './context';

export function seededStream(seed: number): RandomStream {
  const uniform = uniformGenerator(seed >>> 0);
  // Normals come from their own generator on the same seed: the uniform stream is not disturbed
  // by how many normals were drawn, and each is reproducible alone.
  const normal = normalGenerator((seed ^ 0x9e3779b9) >>> 0);
  return { uniform, normal };
}
