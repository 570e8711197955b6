// The Hessian by forward-over-reverse against exact second derivatives: the symbolic derivative of
// each variable (symbolic.ts) differentiated symbolically once more, both evaluated in float64.
import * as assert from 'assert';
import { Tensor } from '../../../src/engine/tensor';
import { inspect, Inspection } from '../../../src/inspect';

const AT = new Map([['x', Tensor.scalar(0.7)], ['y', Tensor.scalar(1.3)]]);

const EXPRESSIONS = [
  'sin(x*y) + x^3/y',
  'exp(x)*log(y) + sqrt(x*y)',
  'tanh(x)/(1 + y*y) - atan(x*y)',
  'sinh(x)*cosh(y) + log1p(x*y)',
  'asin(x/2)*acos(y/3) + tan(x*y)',
  'sigmoid(x)*cos(y) + x^y',
  'softplus(x*y) - log(x)*y^2',
];

async function inspectAt(text: string): Promise<Inspection> {
  return inspect({ kind: 'text', text, language: 'math' }, { bindings: AT, check: false, order: 2 });
}

/** ∂²f/∂a∂b: the symbolic derivative in b of the symbolic derivative in a (0 where b does not occur). */
async function exactSecond(firstDerivative: string, b: string): Promise<number> {
  const inner = await inspect({ kind: 'text', text: firstDerivative, language: 'math' }, { bindings: AT, check: false });
  return inner.derivatives?.get(b)?.value ?? 0;
}

describe('second order: the Hessian against exact second derivatives', function () {
  this.timeout(30_000);
  for (const expression of EXPRESSIONS) {
    it(`${expression}: every entry to 1e-12 relative`, async () => {
      const inspection = await inspectAt(expression);
      const hessian = inspection.secondOrder?.hessian;
      assert.ok(hessian, inspection.secondOrder?.hessianUnavailable);
      assert.deepStrictEqual(hessian.inputs, ['x', 'y']);
      for (const [i, a] of hessian.inputs.entries()) {
        const first = inspection.derivatives?.get(a);
        assert.ok(first, `no symbolic derivative in ${a}`);
        for (const [j, b] of hessian.inputs.entries()) {
          const exact = await exactSecond(first.text, b);
          const ours = hessian.rows[i][j];
          assert.ok(Math.abs(ours - exact) <= 1e-12 * Math.max(1, Math.abs(exact)), `∂²/∂${a}∂${b}: ${ours} against exact ${exact}`);
        }
      }
      assert.ok(hessian.asymmetry <= 1e-15, `asymmetry ${hessian.asymmetry}`);
      assert.strictEqual(inspection.secondOrder?.passed, true);
    });
  }

  it('H·v along each direction agrees with the central difference of the gradient, with the curvature vᵀHv', async () => {
    const report = (await inspectAt('sin(x*y) + x^3/y')).secondOrder;
    assert.ok(report);
    assert.strictEqual(report.hvp.directions.length, 3);
    const [[hxx, hxy], [, hyy]] = (report.hessian as { rows: number[][] }).rows;
    for (const d of report.hvp.directions) {
      assert.ok(d.passed && d.maxAbsError < 1e-8, JSON.stringify(d));
      assert.ok(Math.abs(d.curvature - d.numericCurvature) < 1e-8);
      // Unit directions: vᵀHv lies between the Hessian's eigenvalues.
      const half = Math.sqrt(((hxx - hyy) / 2) ** 2 + hxy * hxy), mid = (hxx + hyy) / 2;
      assert.ok(d.curvature >= mid - half - 1e-12 && d.curvature <= mid + half + 1e-12, `${d.curvature} outside [${mid - half}, ${mid + half}]`);
    }
  });

  it('the second derivative across a kink (x·|x| at 1e-7) fails the H·v check: the difference straddles it', async () => {
    const inspection = await inspect({ kind: 'text', text: 'x*abs(x)', language: 'math' }, { bindings: new Map([['x', Tensor.scalar(1e-7)]]), check: false, order: 2 });
    const report = inspection.secondOrder;
    assert.ok(report);
    assert.strictEqual(report.hvp.passed, false);
    // Ours is 2·sign(x) = 2; the gradient 2|x| differenced over [x − h, x + h] with h = 1e-6 gives 0.2.
    assert.ok(Math.abs((report.hessian as { rows: number[][] }).rows[0][0] - 2) < 1e-12);
    assert.ok(Math.abs(report.hvp.directions[0].numericCurvature - 0.2) < 1e-6, String(report.hvp.directions[0].numericCurvature));
    assert.strictEqual(report.jvp.passed, true);
  });
});
