// The second-order report on its way to the panel: numbers as the wire carries them (non-finite as
// null, only the failing nodes of the forward-mode test), and the webview's validation of it.
import * as assert from 'assert';
import { Tensor } from '../../../src/engine/tensor';
import { inspect } from '../../../src/inspect';
import { toWireInspection } from '../../../src/wire';
import { toWireSecondOrder } from '../../../src/wire-second-order';
import { inspectionProblem } from '../../../webview/messages';

const AT = new Map([['x', Tensor.scalar(0.7)], ['y', Tensor.scalar(1.3)]]);

describe('second order on the wire', () => {
  it("order 'auto' computes it for a scalar function of two inputs; the wire passes the panel's validation", async () => {
    const inspection = await inspect({ kind: 'text', text: 'sin(x*y) + x^3/y', language: 'math' }, { bindings: AT, order: 'auto' });
    const wire = toWireInspection(inspection, 'test');
    assert.strictEqual(inspectionProblem(JSON.parse(JSON.stringify(wire))), undefined);
    assert.deepStrictEqual(wire.secondOrder?.hessian?.inputs, ['x', 'y']);
    assert.strictEqual(wire.secondOrder?.jvp.nodes, 5);
    assert.deepStrictEqual(wire.secondOrder?.jvp.failing, []);
    assert.strictEqual(wire.secondOrder?.directions.length, 3);
  });

  it("order 'auto' skips a function of more than 16 entries, saying why", async () => {
    const big = await inspect({ kind: 'text', text: 'sum(w*w)', language: 'math' }, { bindings: new Map([['w', Tensor.fromArray([17], Array.from({ length: 17 }, (_, i) => i))]]), check: false, order: 'auto' });
    assert.strictEqual(big.secondOrder, undefined);
    assert.match(big.secondOrderUnavailable ?? '', /scalar functions of 1 to 16 input entries/);
  });

  it('carries non-finite numbers as null and only the failing nodes', () => {
    const wire = toWireSecondOrder({
      passed: false,
      hvp: { directions: [{ index: 0, h: 1e-6, curvature: NaN, numericCurvature: 1, maxAbsError: NaN, maxRelError: NaN, passed: false }], passed: false, eps: 1e-6, atol: 1e-5, rtol: 1e-3 },
      jvp: {
        nodes: [
          { node: 1, op: 'exp', label: 'exp', reverse: 1, forward: 1, absError: 0, relError: 0, passed: true },
          { node: 2, op: 'log', label: 'log', reverse: 1, forward: 2, absError: 1, relError: 0.5, passed: false },
        ],
        passed: false, tolerance: 1e-10,
      },
      hessian: { inputs: ['x'], rows: [[Infinity]], asymmetry: 0 },
    });
    assert.strictEqual(wire.directions[0].curvature, null);
    assert.deepStrictEqual(wire.jvp, { nodes: 2, passed: false, tolerance: 1e-10, failing: [{ node: 2, op: 'log', label: 'log', relError: 0.5 }] });
    assert.deepStrictEqual(wire.hessian?.rows, [[null]]);
  });

  it('the panel refuses a Hessian that is not square, and a direction without numbers', async () => {
    const inspection = await inspect({ kind: 'text', text: 'x*y', language: 'math' }, { bindings: AT, order: 2 });
    const wire = JSON.parse(JSON.stringify(toWireInspection(inspection, 'test')));
    wire.secondOrder.hessian.rows = [[1, 2]];
    assert.strictEqual(inspectionProblem(wire), 'secondOrder.hessian is not a 2 × 2 matrix of numbers');
    const other = JSON.parse(JSON.stringify(toWireInspection(inspection, 'test')));
    other.secondOrder.directions[0].curvature = '<b>';
    assert.strictEqual(inspectionProblem(other), 'secondOrder.directions is malformed');
  });
});
