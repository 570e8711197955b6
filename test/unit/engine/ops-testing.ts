// Helpers for the op-table tests: seeded random tensors, a float64 central-difference VJP and
// closeness assertions.
import * as assert from 'assert';
import { Attrs } from '../../../src/engine/op';
import { getOp } from '../../../src/engine/ops';
import { Nested, Shape, Tensor, sizeOf } from '../../../src/engine/tensor';

/** Deterministic uniform numbers in [lo, hi) (a 32-bit LCG; quality is irrelevant here). */
export function seededUniform(seed: number): (lo: number, hi: number) => number {
  let state = seed >>> 0;
  return (lo, hi) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return lo + (hi - lo) * (state / 2 ** 32);
  };
}

export function randomTensor(shape: Shape, seed: number, lo = -2, hi = 2): Tensor {
  const next = seededUniform(seed);
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) { data[i] = next(lo, hi); }
  return new Tensor(shape, data);
}

export function t(value: Nested): Tensor {
  return Tensor.fromNested(value);
}

export function run(name: string, inputs: readonly Tensor[], attrs: Attrs = {}): Tensor {
  return getOp(name).forward(inputs, attrs);
}

/** The op's VJP for an upstream adjoint (all ones unless given). */
export function vjp(name: string, inputs: readonly Tensor[], attrs: Attrs = {}, grad?: Tensor): (Tensor | null)[] {
  const output = run(name, inputs, attrs);
  return getOp(name).vjp({ inputs, output, grad: grad ?? Tensor.full(output.shape, 1), attrs });
}

/**
 * Central differences of L(inputs) = Σ grad ⊙ op(inputs) with respect to every entry of input
 * `which`: (L(x + h·eᵢ) − L(x − h·eᵢ)) / 2h, in float64.
 */
export function numericVjp(name: string, inputs: readonly Tensor[], which: number, attrs: Attrs, grad: Tensor, h = 1e-6): Tensor {
  const loss = (perturbed: Tensor): number => {
    const args = inputs.map((x, j) => (j === which ? perturbed : x));
    const out = run(name, args, attrs).data;
    let s = 0;
    for (let i = 0; i < out.length; i++) { s += out[i] * grad.data[i]; }
    return s;
  };
  const x = inputs[which];
  const result = new Float64Array(x.size);
  for (let i = 0; i < x.size; i++) {
    const plus = x.clone(), minus = x.clone();
    plus.data[i] += h;
    minus.data[i] -= h;
    result[i] = (loss(plus) - loss(minus)) / (2 * h);
  }
  return new Tensor(x.shape, result);
}

/** |actual − expected| ≤ atol + rtol·|expected| entry by entry, and equal shapes. */
export function assertAllClose(actual: Tensor, expected: Tensor | Nested, what: string, atol = 1e-12, rtol = 1e-12): void {
  const want = expected instanceof Tensor ? expected : Tensor.fromNested(expected);
  assert.deepStrictEqual([...actual.shape], [...want.shape], `${what}: shape`);
  for (let i = 0; i < want.size; i++) {
    const a = actual.data[i], e = want.data[i];
    const ok = Object.is(a, e) || Math.abs(a - e) <= atol + rtol * Math.abs(e);
    assert.ok(ok, `${what}[${i}]: ${a} vs expected ${e}`);
  }
}

/** The analytic VJP of every input agrees with central differences under a random adjoint. */
export function checkVjp(name: string, inputs: readonly Tensor[], attrs: Attrs = {}, seed = 7): void {
  const output = run(name, inputs, attrs);
  const grad = randomTensor(output.shape, seed, -1, 1);
  const grads = getOp(name).vjp({ inputs, output, grad, attrs });
  assert.strictEqual(grads.length, inputs.length, `${name}: one gradient per input`);
  inputs.forEach((_, j) => {
    const g = grads[j];
    assert.ok(g, `${name}: gradient of input ${j}`);
    assertAllClose(g, numericVjp(name, inputs, j, attrs, grad), `${name} d/dinput${j}`, 1e-7, 1e-6);
  });
}
