// erf against CPython's math.erf (the C library's, correctly rounded to within an ulp or two) on
// both sides of the series / continued-fraction switch at 3 and the saturation at 6.
import * as assert from 'assert';
import { erf, erfDerivative } from '../../../src/engine/ops/erf';

const reference: [number, number][] = [
  [1e-8, 1.1283791670955126e-8], [0.1, 0.1124629160182849], [0.5, 0.5204998778130465],
  [1, 0.8427007929497149], [1.5, 0.9661051464753108], [2, 0.9953222650189527],
  [2.9, 0.9999589021219005], [2.99, 0.9999764743969194], [3, 0.9999779095030014],
  [3.5, 0.9999992569016276], [4, 0.9999999845827421], [5, 0.9999999999984626],
  [5.9, 0.9999999999999999], [6, 1], [-0.7, -0.6778011938374184],
];

describe('erf', () => {
  it('agrees with math.erf to 1e-15 relative from 1e-8 to 6, odd in x', () => {
    for (const [x, expected] of reference) {
      const got = erf(x);
      assert.ok(Math.abs(got - expected) <= 1e-15 * Math.abs(expected), `erf(${x}) = ${got}, expected ${expected}`);
      assert.strictEqual(erf(-x), -got);
    }
  });

  it('is exactly 0 at 0, ±1 far out, NaN for NaN', () => {
    assert.strictEqual(erf(0), 0);
    assert.strictEqual(erf(40), 1);
    assert.strictEqual(erf(-Infinity), -1);
    assert.ok(Number.isNaN(erf(NaN)));
  });

  it('its derivative is the central difference of erf', () => {
    for (const x of [-2.5, -0.3, 0, 0.8, 2.95, 3.05, 4.2]) {
      const h = 1e-6;
      const numeric = (erf(x + h) - erf(x - h)) / (2 * h);
      assert.ok(Math.abs(erfDerivative(x) - numeric) <= 1e-8, `erf'(${x}) = ${erfDerivative(x)} vs ${numeric}`);
    }
  });
});
