import * as assert from 'assert';
import { Tensor } from '../../../src/engine/tensor';
import { assertAllClose, checkVjp, randomTensor, run, t, vjp } from './ops-testing';

/** Each op with points where it is smooth, and its value at one point in closed form. */
const cases: { name: string; lo: number; hi: number; at: number; value: number }[] = [
  { name: 'neg', lo: -2, hi: 2, at: 1.5, value: -1.5 },
  { name: 'exp', lo: -2, hi: 2, at: 1, value: Math.E },
  { name: 'log', lo: 0.2, hi: 3, at: Math.E, value: 1 },
  { name: 'log1p', lo: -0.5, hi: 3, at: Math.E - 1, value: 1 },
  { name: 'sqrt', lo: 0.2, hi: 3, at: 2.25, value: 1.5 },
  { name: 'abs', lo: 0.1, hi: 2, at: -3, value: 3 },
  { name: 'sin', lo: -2, hi: 2, at: Math.PI / 6, value: 0.5 },
  { name: 'cos', lo: -2, hi: 2, at: Math.PI / 3, value: 0.5 },
  { name: 'tan', lo: -1.2, hi: 1.2, at: Math.PI / 4, value: 1 },
  { name: 'asin', lo: -0.9, hi: 0.9, at: 0.5, value: Math.PI / 6 },
  { name: 'acos', lo: -0.9, hi: 0.9, at: 0.5, value: Math.PI / 3 },
  { name: 'atan', lo: -2, hi: 2, at: 1, value: Math.PI / 4 },
  { name: 'sinh', lo: -2, hi: 2, at: Math.log(2), value: 0.75 },
  { name: 'cosh', lo: -2, hi: 2, at: Math.log(2), value: 1.25 },
  { name: 'tanh', lo: -2, hi: 2, at: Math.log(2), value: 0.6 },
  { name: 'erf', lo: -4, hi: 4, at: 0.5, value: 0.5204998778130465 },
  { name: 'sigmoid', lo: -4, hi: 4, at: Math.log(3), value: 0.75 },
  { name: 'relu', lo: 0.1, hi: 2, at: -2, value: 0 },
  { name: 'leaky_relu', lo: 0.1, hi: 2, at: -2, value: -0.02 },
  { name: 'softplus', lo: -3, hi: 3, at: Math.log(3), value: Math.log(4) },
];

describe('ops: unary elementwise', () => {
  it('forward values in closed form', () => {
    for (const c of cases) {
      assertAllClose(run(c.name, [Tensor.scalar(c.at)]), c.value, c.name, 1e-15, 1e-15);
    }
  });

  it('VJPs match central differences at smooth points', () => {
    for (const c of cases) {
      checkVjp(c.name, [randomTensor([2, 3], 11, c.lo, c.hi)]);
    }
  });

  it('kinked ops match central differences on the negative side too', () => {
    for (const name of ['abs', 'relu', 'leaky_relu']) {
      checkVjp(name, [randomTensor([2, 3], 12, -2, -0.1)]);
    }
  });

  it('sigmoid is stable for large |x| and its gradient is s(1 − s)', () => {
    assertAllClose(run('sigmoid', [t([-800, 800])]), [0, 1], 'sigmoid');
    const [g] = vjp('sigmoid', [Tensor.scalar(0)]);
    assertAllClose(g as Tensor, 0.25, 'sigmoid gradient');
  });

  it('relu and abs have gradient 0 at 0; leaky_relu has alpha there (PyTorch)', () => {
    const x = t([-1, 0, 2]);
    assertAllClose(vjp('relu', [x])[0] as Tensor, [0, 0, 1], 'relu');
    assertAllClose(vjp('abs', [x])[0] as Tensor, [-1, 0, 1], 'abs');
    assertAllClose(vjp('leaky_relu', [x])[0] as Tensor, [0.01, 0.01, 1], 'leaky_relu');
    assertAllClose(vjp('leaky_relu', [x], { alpha: 0.2 })[0] as Tensor, [0.2, 0.2, 1], 'leaky_relu alpha');
    assertAllClose(run('leaky_relu', [x], { alpha: 0.2 }), [-0.2, 0, 2], 'leaky_relu value');
  });

  it('softplus with beta and a threshold above which it is linear (torch semantics)', () => {
    assertAllClose(run('softplus', [t([30, 1])]), [30, Math.log1p(Math.E)], 'softplus');
    assertAllClose(run('softplus', [Tensor.scalar(1)], { beta: 2 }), Math.log1p(Math.exp(2)) / 2, 'beta', 0, 1e-15);
    assertAllClose(run('softplus', [Tensor.scalar(3)], { beta: 2, threshold: 5 }), 3, 'linear past threshold');
    assertAllClose(vjp('softplus', [t([25, 0])])[0] as Tensor, [1, 0.5], 'softplus gradient');
    checkVjp('softplus', [randomTensor([4], 13, -2, 2)], { beta: 1.5, threshold: 10 });
  });

  it('elu with alpha, scale and input_scale (SELU, CELU); the left gradient at 0 (torch elu_backward)', () => {
    const x = t([-1, 0, 2]);
    assertAllClose(run('elu', [x]), [Math.expm1(-1), 0, 2], 'elu', 0, 1e-15);
    assertAllClose(run('elu', [x], { alpha: 1.5, scale: 2, input_scale: 0.5 }), [2 * 1.5 * Math.expm1(-0.5), 0, 4], 'scaled', 0, 1e-15);
    assertAllClose(vjp('elu', [x], { alpha: 1.5, scale: 2, input_scale: 0.5 })[0] as Tensor, [2 * 1.5 * 0.5 * Math.exp(-0.5), 1.5, 2], 'gradient', 0, 1e-15);
    checkVjp('elu', [randomTensor([2, 3], 14, -2, 2)], { alpha: 0.7, scale: 1.05, input_scale: 1 / 0.7 });
  });

  it('clip: bounds inclusive for the gradient (torch.clamp), either bound may be null', () => {
    const x = t([-2, -1, 0, 1, 2]);
    assertAllClose(run('clip', [x], { min: -1, max: 1 }), [-1, -1, 0, 1, 1], 'clip');
    assertAllClose(vjp('clip', [x], { min: -1, max: 1 })[0] as Tensor, [0, 1, 1, 1, 0], 'clip gradient');
    assertAllClose(run('clip', [x], { min: null, max: 0.5 }), [-2, -1, 0, 0.5, 0.5], 'only max');
    assertAllClose(run('clip', [x], { min: 0.5, max: null }), [0.5, 0.5, 0.5, 1, 2], 'only min');
    assertAllClose(vjp('clip', [x], { min: 0.5 })[0] as Tensor, [0, 0, 0, 1, 1], 'only min gradient');
    checkVjp('clip', [t([-1.7, -0.3, 0.4, 1.6])], { min: -1, max: 1 });
  });

  it('log and sqrt follow IEEE at the domain edge', () => {
    assert.strictEqual(run('log', [Tensor.scalar(0)]).item(), -Infinity);
    assert.strictEqual((vjp('sqrt', [Tensor.scalar(0)])[0] as Tensor).item(), Infinity);
    assert.ok(Number.isNaN(run('sqrt', [Tensor.scalar(-1)]).item()));
  });
});
