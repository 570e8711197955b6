// Hessians against PyTorch float64 torch.autograd.functional.hessian (scripts/fixtures/hessian.py),
// the same code read by the engine's Python front-end; and the forward-mode rules on the ONNX
// fixtures (MLP, CNN, RNN, transformer), where H·v must match the gradient differences.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Tensor } from '../../../src/engine/tensor';
import { inspect } from '../../../src/inspect';
import { FIXTURES } from '../fixtures';

interface HessianCase {
  title: string;
  code: string;
  inputs: Record<string, unknown>;
  value: number;
  entries: string[];
  hessian: number[][];
}

const CASES = (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'hessian', 'torch-float64.json'), 'utf8')) as { cases: HessianCase[] }).cases;

describe('second order: Hessians against PyTorch float64', function () {
  this.timeout(30_000);
  for (const c of CASES) {
    it(`${c.title}: ${c.entries.length}×${c.entries.length}, every entry to 1e-12 of the largest`, async () => {
      const bindings = new Map(Object.entries(c.inputs).map(([name, value]) => [name, Tensor.fromNested(value)]));
      const inspection = await inspect({ kind: 'text', text: c.code, language: 'python' }, { bindings, check: false, order: 2 });
      assert.ok(Math.abs(inspection.value.data[0] - c.value) <= 1e-13 * Math.max(1, Math.abs(c.value)));
      const hessian = inspection.secondOrder?.hessian;
      assert.ok(hessian, inspection.secondOrder?.hessianUnavailable);
      const position = new Map(hessian.inputs.map((name, i) => [name, i]));
      assert.deepStrictEqual([...hessian.inputs].sort(), [...c.entries].sort());
      const scale = Math.max(...c.hessian.flat().map(Math.abs));
      c.entries.forEach((a, i) => c.entries.forEach((b, j) => {
        const ours = hessian.rows[position.get(a) as number][position.get(b) as number];
        assert.ok(Math.abs(ours - c.hessian[i][j]) <= 1e-12 * scale, `∂²/∂${a}∂${b}: ${ours} against PyTorch ${c.hessian[i][j]}`);
      }));
      assert.strictEqual(inspection.secondOrder?.passed, true);
    });
  }
});

describe('second order on the ONNX fixtures', function () {
  this.timeout(60_000);
  for (const name of ['mlp_tanh_sigmoid_softmax', 'mlp_relu', 'cnn_small', 'gru_1layer', 'gpt_tiny_gelu', 'transformer_block_opset17']) {
    it(`${name}: every node's JVP agrees with its VJP and H·v with the gradient differences`, async () => {
      const bytes = fs.readFileSync(path.join(FIXTURES, 'onnx', `${name}.onnx`));
      const inspection = await inspect({ kind: 'onnx', bytes, fileName: `${name}.onnx` }, { check: false, order: 2 });
      const report = inspection.secondOrder;
      assert.ok(report);
      const failing = report.jvp.nodes.filter(n => !n.passed);
      assert.deepStrictEqual(failing.map(n => `${n.op} ${n.origin ?? ''} ${n.relError}`), []);
      assert.ok(report.jvp.nodes.length > 5);
      for (const d of report.hvp.directions) { assert.ok(d.passed && d.maxAbsError < 1e-6, JSON.stringify(d)); }
      assert.match(report.hessianUnavailable ?? '', /input entries|scalar/);
    });
  }

  it('refuses a model with ReduceProd, naming the op and the ONNX node', async () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'onnx', 'nn_family_opset17.onnx'));
    await assert.rejects(inspect({ kind: 'onnx', bytes, fileName: 'nn_family_opset17.onnx' }, { check: false, order: 2 }), (e: Error & { node?: string }) => {
      assert.match(e.message, /forward mode is not available for op prod/);
      assert.match(e.node ?? '', /ReduceProd/);
      return true;
    });
  });
});
