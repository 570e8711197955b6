import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { roundToBfloat16, roundToFloat16, UNIT_ROUNDOFF } from '../../../src/engine/low-precision';
import { replay } from '../../../src/engine/precision-replay';
import { Tensor } from '../../../src/engine/tensor';
import { inspect } from '../../../src/inspect';

interface TorchCase {
  name: string;
  text: string;
  at: Record<string, number>;
  float32: { value: number; gradients: Record<string, number> };
  float64: { value: number; gradients: Record<string, number> };
}

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/precision/float32.json');

async function inspectAt(text: string, at: Record<string, number>, precision?: 'float32' | 'bfloat16' | 'float16') {
  const bindings = new Map(Object.entries(at).map(([name, v]) => [name, Tensor.scalar(v)]));
  return inspect({ kind: 'text', text, language: 'math' }, { bindings, check: false, precision });
}

describe('precision replay', function () {
  this.timeout(20_000);

  it('rounds to bfloat16 and float16 to nearest, ties to even, with float16 subnormals and overflow', () => {
    assert.strictEqual(roundToBfloat16(1 + 2 ** -8), 1); // a tie: to the even 1
    assert.strictEqual(roundToBfloat16(1 + 3 * 2 ** -8), 1 + 2 ** -6);
    assert.strictEqual(roundToBfloat16(-3.14159), -3.140625);
    assert.strictEqual(roundToFloat16(65504), 65504);
    assert.strictEqual(roundToFloat16(65519), 65504);
    assert.strictEqual(roundToFloat16(65520), Infinity); // a tie between 65504 and 2^16: to the even, which overflows
    assert.strictEqual(roundToFloat16(2 ** -25), 0); // a tie between 0 and the smallest subnormal 2^-24
    assert.strictEqual(roundToFloat16(3 * 2 ** -26), 2 ** -24);
    assert.strictEqual(roundToFloat16(0.1), 0.0999755859375);
    assert.strictEqual(roundToFloat16(-70000), -Infinity);
  });

  it('replays the float32 value and gradients PyTorch computes in float32 (scripts/fixtures/precision.py)', async () => {
    const cases = (JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { cases: TorchCase[] }).cases;
    assert.ok(cases.length >= 5);
    let identical = 0, compared = 0;
    // Bit for bit where both round the same correctly rounded operations; where PyTorch's float32
    // sin or tanh differs from the correctly rounded one by an ulp, an error no larger than PyTorch's own.
    const agrees = (ours: number, torch: number, exact: number): boolean => {
      compared++;
      if (Object.is(ours, torch)) { identical++; return true; }
      return Math.abs(ours - exact) <= 4 * Math.max(Math.abs(torch - exact), UNIT_ROUNDOFF.float32 * Math.abs(exact));
    };
    for (const c of cases) {
      const inspection = await inspectAt(c.text, c.at);
      const { values, grads } = replay(inspection.graph, inspection.output, inspection.order, 'float32');
      const value = (values.get(inspection.output) as Tensor).data[0];
      assert.ok(agrees(value, c.float32.value, c.float64.value), `${c.name}: value ${value} vs PyTorch ${c.float32.value}`);
      for (const leaf of inspection.leaves) {
        const name = leaf.name as string;
        const ours = (grads.get(leaf.id) as Tensor).data[0];
        assert.ok(agrees(ours, c.float32.gradients[name], c.float64.gradients[name]), `${c.name}: ∂/∂${name} ${ours} vs PyTorch ${c.float32.gradients[name]}`);
      }
    }
    assert.ok(identical >= compared - 3, `${identical} of ${compared} numbers identical to PyTorch's`);
  });

  it('flags the catastrophic cancellation of log(1 + exp(x)) − x at x = 20 and the eps a float32 check needs', async () => {
    const inspection = await inspectAt('log(1 + exp(x)) - x', { x: 20 }, 'float32');
    const report = inspection.precision;
    assert.ok(report);
    assert.strictEqual(report.type, 'float32');
    assert.strictEqual(report.outputRelError, 1, 'float32 gives 0 where the value is 2.06e-9');
    const subtraction = inspection.order.find(id => inspection.graph.nodes[id].op === 'sub');
    assert.deepStrictEqual(report.cancellations.map(c => c.node), [subtraction]);
    assert.ok(report.cancellations[0].conditionNumber > 1e10);
    assert.deepStrictEqual([report.firstOverThreshold?.node, report.firstOverThreshold?.what], [subtraction, 'value']);
    assert.ok(Math.abs(report.checkEps - Math.cbrt(2 ** -24)) < 1e-15);
    const exp = report.nodes.find(n => n.op === 'exp');
    assert.ok(exp && exp.valueRelError <= UNIT_ROUNDOFF.float32, `exp alone is within one rounding: ${exp?.valueRelError}`);
  });

  it('finds no node over the threshold and no cancellation where float32 is enough, and grows the error in bfloat16', async () => {
    const float32 = (await inspectAt('log(1 + exp(x)) - x', { x: 0.5 }, 'float32')).precision;
    assert.ok(float32);
    assert.strictEqual(float32.firstOverThreshold, undefined);
    assert.deepStrictEqual(float32.cancellations, []);
    assert.ok(float32.outputRelError < 1e-6);
    const bfloat16 = (await inspectAt('log(1 + exp(x)) - x', { x: 0.5 }, 'bfloat16')).precision;
    assert.ok(bfloat16 && bfloat16.outputRelError > 100 * float32.outputRelError);
    assert.strictEqual(bfloat16.unitRoundoff, 2 ** -8);
  });
});
