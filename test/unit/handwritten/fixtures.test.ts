// Course-style layer files (test/fixtures/python), each with a correct and a deliberately broken
// backward: the correct ones pass, the broken ones fail with the diagnosis that names their bug,
// and the engine's true gradients equal PyTorch's float64 ones (scripts/fixtures/handwritten.py).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Nested } from '../../../src/engine/tensor';
import { HandwrittenResult } from '../../../src/handwritten/types';
import { inspect } from '../../../src/inspect';
import { assertClose, FIXTURES } from '../fixtures';

interface Reference { function: string; name: string; of: string; truth: Nested }

const DIR = path.join(FIXTURES, 'python');
const references = JSON.parse(fs.readFileSync(path.join(DIR, 'references.json'), 'utf8')) as Record<string, Reference[]>;

async function handwrittenOf(file: string): Promise<HandwrittenResult[]> {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const inspection = await inspect({ kind: 'text', text, language: 'python' }, { check: false });
  assert.ok(inspection.handwritten, `${file}: no hand-written gradients found`);
  return inspection.handwritten;
}

/** The diagnosis each broken backward must get. */
const BROKEN: Record<string, RegExp> = {
  'affine_broken_backward:dw': /^transposed: shape \(4, 6\) where w has shape \(6, 4\), and its transpose is the true gradient$/,
  'relu_broken_backward:dx': /^missing the upstream gradient factor/,
  'batchnorm_broken_backward:dx': /^12 of 12 entries differ/,
  'conv_broken_backward:dw': /^36 of 36 entries differ/,
  'max_pool_broken_backward:dx': /entries differ/,
  'softmax_loss_broken:dx': /^a constant ratio 5: hand-written = 5 × true \(a missing \/ 5\?\)$/,
  'svm_loss_broken:dx': /^the sign is flipped/,
  'affine_relu_broken_backward:dx': /entries differ/,
  'affine_relu_broken_backward:dw': /entries differ/,
  'affine_relu_broken_backward:db': /entries differ/,
  'rnn_step_broken_backward:dx': /^12 of 12 entries differ/,
  'rnn_step_broken_backward:dprev_h': /^15 of 15 entries differ/,
  'rnn_step_broken_backward:dWx': /^20 of 20 entries differ/,
  'rnn_step_broken_backward:dWh': /^25 of 25 entries differ/,
  'rnn_step_broken_backward:db': /^5 of 5 entries differ/,
  'BrokenCube.backward:dx': /^missing the upstream gradient factor/,
};

describe('hand-written gradients of course-style layers, against PyTorch', () => {
  for (const [file, expected] of Object.entries(references)) {
    it(`${file}: true gradients match PyTorch; correct backward passes, broken ones are diagnosed`, async () => {
      const results = await handwrittenOf(file);
      const unused = [...results];
      for (const ref of expected) {
        const at = unused.findIndex(r => r.function === ref.function && r.name === ref.name && r.of === ref.of);
        assert.ok(at >= 0, `${file}: no result for ${ref.function} ${ref.name}`);
        const [result] = unused.splice(at, 1);
        const what = `${file} ${ref.function} ${ref.name}`;
        assertClose(result.truth.toNested(), ref.truth, `${what} (autograd vs PyTorch)`, 1e-9, 1e-12);
        const broken = BROKEN[`${ref.function}:${ref.name}`];
        if (broken) {
          assert.strictEqual(result.passed, false, `${what} should fail`);
          assert.match(result.diagnosis, broken, what);
          assert.ok(result.worst.length > 0 || result.diagnosis.startsWith('transposed'), `${what}: worst entries`);
        } else if (ref.function.includes('broken') || ref.function.startsWith('Broken')) {
          assert.strictEqual(result.passed, true, `${what}: this gradient of a broken backward is right`);
        } else {
          assert.strictEqual(result.passed, true, `${what}: ${result.diagnosis}`);
          assert.ok(result.value, what);
          assertClose(result.value.toNested(), ref.truth, `${what} (hand-written vs PyTorch)`, 1e-9, 1e-12);
        }
      }
    });
  }

  it('every fixture file has references', () => {
    const files = fs.readdirSync(DIR).filter(f => f.endsWith('.py')).sort();
    assert.deepStrictEqual(files, Object.keys(references).sort());
  });

  it('the worst entries carry hand-written, autograd and central-difference values', async () => {
    const [, broken] = await handwrittenOf('relu.py');
    assert.strictEqual(broken.function, 'relu_broken_backward');
    for (const e of broken.worst) {
      assert.ok(e.numeric !== undefined && Math.abs(e.numeric - e.autograd) < 1e-6, `${e.index}: numeric ${e.numeric} vs ${e.autograd}`);
    }
    assert.ok(Math.abs(broken.worst[0].handwritten - broken.worst[0].autograd) >= Math.abs(broken.worst[broken.worst.length - 1].handwritten - broken.worst[broken.worst.length - 1].autograd));
  });
});
