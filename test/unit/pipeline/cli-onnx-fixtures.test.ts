// `gradient-inspector check MODEL.onnx --inputs … --json`, run as a user runs it (a child process), on
// every PyTorch-exported fixture: output, loss and every gradient within 1e-9 relative of PyTorch's
// float64 references, and the gradient check passing.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertClose } from '../fixtures';
import { onnxFixtures } from '../model/onnx-fixtures';

const CLI = path.resolve(__dirname, '../../../src/cli.js');
const FIXTURE_DIR = path.resolve(__dirname, '../../../../test/fixtures/onnx');

describe('gradient-inspector CLI on the PyTorch-exported ONNX fixtures', function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-fixtures-'));

  for (const { name, spec } of onnxFixtures()) {
    it(`check ${name} agrees with PyTorch float64 within 1e-9`, () => {
      const inputs = path.join(dir, `${name}.inputs.json`);
      fs.writeFileSync(inputs, JSON.stringify(spec.inputs));
      const r = spawnSync(process.execPath, [CLI, 'check', path.join(FIXTURE_DIR, name), '--inputs', inputs, '--loss', spec.loss, '--json'], { encoding: 'utf8', timeout: 100_000, maxBuffer: 64 << 20 });
      assert.strictEqual(r.stderr, '');
      assert.strictEqual(r.status, 0, r.stdout.slice(0, 400));
      const json = JSON.parse(r.stdout) as { value: number; gradients: Record<string, unknown>; outputs: Record<string, unknown>; check: { passed: boolean } };
      assertClose(Object.values(json.outputs)[0], spec.expected.output, `${name} output`);
      assertClose(json.value, spec.expected.loss, `${name} loss`);
      assert.deepStrictEqual(Object.keys(json.gradients).sort(), Object.keys(spec.expected.grads).sort());
      for (const [leaf, expected] of Object.entries(spec.expected.grads)) {
        assertClose(json.gradients[leaf], expected, `${name} d loss / d ${leaf}`);
      }
      assert.strictEqual(json.check.passed, true);
    });
  }
});
