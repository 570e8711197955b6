// Which float64 value a float32 number in a model file stands for. Exporters store Python floats as
// float32; PyTorch's float64 reference uses the value its author wrote: a short decimal (0.01, 1e-5)
// or a constant of the formula (√2 in GELU, 1/√d in attention, 1/6 in hard sigmoid, SELU's α and
// γ), which no short decimal matches.

/** A decimal with this many significant digits or fewer is taken as typed by hand. */
const TYPED_DIGITS = 6;
const LARGEST_ROOT = 4096;
const LARGEST_DENOMINATOR = 64;

/** SELU's α and γ (Klambauer et al.), as PyTorch writes them. */
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_GAMMA = 1.0507009873554805;

function formulaConstants(): number[] {
  const named = [
    Math.PI, 1 / Math.PI, 2 / Math.PI, Math.sqrt(2 / Math.PI), Math.sqrt(Math.PI), Math.E, Math.LN2,
    SELU_ALPHA, SELU_GAMMA,
  ];
  const roots: number[] = [];
  for (let n = 2; n <= LARGEST_ROOT; n++) {
    const root = Math.sqrt(n);
    if (!Number.isInteger(root)) { roots.push(root, 1 / root); }
  }
  const reciprocals = Array.from({ length: LARGEST_DENOMINATOR - 2 }, (_, i) => 1 / (i + 3));
  return [...named, ...roots, ...reciprocals];
}

let byFloat32: Map<number, number> | undefined;

function formulaConstantOf(f: number): number | undefined {
  if (!byFloat32) {
    byFloat32 = new Map();
    for (const c of formulaConstants()) {
      for (const v of [c, -c]) { if (!byFloat32.has(Math.fround(v))) { byFloat32.set(Math.fround(v), v); } }
    }
  }
  return byFloat32.get(f);
}

/**
 * The float32 value `f` as its author most likely wrote it: the shortest decimal that rounds to the
 * same float32 when it has at most 6 significant digits, else a formula constant (named, √n, 1/√n,
 * 1/n) rounding to it,
 * else that shortest decimal anyway.
 */
export function float32Decimal(f: number): number {
  if (!Number.isFinite(f) || Math.fround(f) !== f) { return f; }
  let shortest = f;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) {
      if (digits <= TYPED_DIGITS) { return candidate; }
      shortest = candidate;
      break;
    }
  }
  return formulaConstantOf(f) ?? shortest;
}
