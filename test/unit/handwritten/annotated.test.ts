// A course layer written with type annotations (test/fixtures/python/annotated/batchnorm.py) is
// checked like its unannotated twin: the same true gradients against the twin's PyTorch
// references, the same hand-written values, the same verdicts and diagnosis; and through the CLI.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Nested } from '../../../src/engine/tensor';
import { HandwrittenResult } from '../../../src/handwritten/types';
import { inspect } from '../../../src/inspect';
import { assertClose, FIXTURES } from '../fixtures';

interface Reference { function: string; name: string; of: string; truth: Nested }

const DIR = path.join(FIXTURES, 'python');
const ANNOTATED = path.join(DIR, 'annotated', 'batchnorm.py');
const CLI = path.resolve(__dirname, '../../../src/cli.js');
const references = (JSON.parse(fs.readFileSync(path.join(DIR, 'references.json'), 'utf8')) as Record<string, Reference[]>)['batchnorm.py'];

async function handwrittenOf(file: string): Promise<HandwrittenResult[]> {
  const inspection = await inspect({ kind: 'text', text: fs.readFileSync(file, 'utf8'), language: 'python' }, { check: false });
  assert.ok(inspection.handwritten, `${file}: no hand-written gradients found`);
  return inspection.handwritten;
}

describe('a course layer written with type annotations', function () {
  this.timeout(60_000);

  it('the annotation forms the fixture is meant to cover are in it', () => {
    const text = fs.readFileSync(ANNOTATED, 'utf8');
    for (const form of ['from __future__ import annotations', 'from typing import', ') -> tuple[', 'eps: float =', 'N: int =', '"np.ndarray"', 'Optional[', ': Optional[BatchnormCache]  #']) {
      assert.ok(text.includes(form), form);
    }
  });

  it('true gradients match the PyTorch references of the unannotated twin; verdicts and values agree with it', async () => {
    const annotated = await handwrittenOf(ANNOTATED);
    const plain = await handwrittenOf(path.join(DIR, 'batchnorm.py'));
    assert.strictEqual(annotated.length, references.length);
    for (const ref of references) {
      const what = `${ref.function} ${ref.name}`;
      const mine = annotated.find(r => r.function === ref.function && r.name === ref.name && r.of === ref.of);
      const twin = plain.find(r => r.function === ref.function && r.name === ref.name && r.of === ref.of);
      assert.ok(mine && twin, what);
      assertClose(mine.truth.toNested(), ref.truth, `${what} (autograd vs PyTorch)`, 1e-9, 1e-12);
      assert.strictEqual(mine.passed, twin.passed, what);
      assert.strictEqual(mine.diagnosis, twin.diagnosis, what);
      assert.ok(mine.value && twin.value, what);
      assertClose(mine.value.toNested(), twin.value.toNested(), `${what} (hand-written vs twin)`, 1e-12, 1e-15);
    }
    const broken = annotated.filter(r => !r.passed).map(r => `${r.function}:${r.name}`);
    assert.deepStrictEqual(broken, ['batchnorm_broken_backward:dx']);
  });

  it('the CLI checks the file: exit 1 for the broken backward, JSON entries per gradient', () => {
    const r = spawnSync(process.execPath, [CLI, 'check', ANNOTATED, '--json'], { encoding: 'utf8', timeout: 60_000 });
    assert.strictEqual(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { handwritten: { function: string; name: string; of: string; passed: boolean; diagnosis: string }[] };
    const verdicts = json.handwritten.map(h => `${h.function}:${h.name}:${h.of}:${h.passed}`);
    assert.deepStrictEqual(verdicts, [
      'batchnorm_backward:dx:x:true', 'batchnorm_backward:dgamma:gamma:true', 'batchnorm_backward:dbeta:beta:true',
      'batchnorm_broken_backward:dx:x:false', 'batchnorm_broken_backward:dgamma:gamma:true', 'batchnorm_broken_backward:dbeta:beta:true',
    ]);
    assert.match(json.handwritten[3].diagnosis, /^12 of 12 entries differ/);
  });
});
