// The own loops of relu, erf, tanh and sigmoid against their scalar definitions, to the bit,
// including 0, −0, NaN, infinities and saturated inputs.
import * as assert from 'assert';
import { erf, erfDerivative } from '../../../src/engine/ops/erf';
import { sigmoid } from '../../../src/engine/ops/unary-kernels';
import { Tensor } from '../../../src/engine/tensor';
import { randomTensor, run, vjp } from './ops-testing';

const DEFINITIONS: [string, (x: number) => number, (x: number, y: number) => number][] = [
  ['relu', x => (x > 0 || Number.isNaN(x) ? x : 0), (_x, y) => (y > 0 ? 1 : 0)],
  ['erf', erf, x => erfDerivative(x)],
  ['tanh', Math.tanh, (_x, y) => 1 - y * y],
  ['sigmoid', sigmoid, (_x, y) => (1 - y) * y],
];

describe('unary loops (relu, erf, tanh, sigmoid)', () => {
  it('give f(x) and grad · f′(x, y) entry by entry, to the bit', () => {
    const x = randomTensor([5, 13], 3, -8, 8);
    [0, -0, NaN, Infinity, -Infinity, 40, -40, 1e-300].forEach((v, i) => { x.data[i] = v; });
    const g = randomTensor([5, 13], 4);
    g.data[9] = NaN;
    for (const [name, f, derivative] of DEFINITIONS) {
      const y = run(name, [x]);
      const [dx] = vjp(name, [x], {}, g) as Tensor[];
      x.data.forEach((v, i) => {
        assert.ok(Object.is(y.data[i], f(v)), `${name}(${v}) = ${y.data[i]}, expected ${f(v)}`);
        const expected = g.data[i] * derivative(v, f(v));
        assert.ok(Object.is(dx.data[i], expected), `${name}' at ${v}: ${dx.data[i]}, expected ${expected}`);
      });
    }
  });
});
