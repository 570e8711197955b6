// Every expression fixture through inspect(), the same path as the CLI and the extension: the value
// and every gradient agree with PyTorch's float64 autograd, and the finite-difference check passes.
import * as assert from 'assert';
import { Tensor } from '../../../src/engine/tensor';
import { inspect } from '../../../src/inspect';
import { assertClose, expressionCases } from '../fixtures';

describe('expression fixtures through inspect()', () => {
  for (const c of expressionCases()) {
    it(`${c.id} (${c.language}): ${c.source.split('\n').pop()}`, async () => {
      const bindings = new Map(Object.entries(c.at).map(([name, v]) => [name, Tensor.scalar(v)]));
      const result = await inspect({ kind: 'text', text: c.source, language: c.language }, { bindings });
      assert.strictEqual(result.language, c.language);
      assertClose(result.value.toNested(), c.expected.value, `${c.id} value`);
      const names = [...result.gradients.keys()].sort();
      assert.deepStrictEqual(names, Object.keys(c.expected.grads).sort(), `${c.id}: leaves`);
      for (const [name, expected] of Object.entries(c.expected.grads)) {
        assertClose(result.gradients.get(name)?.toNested(), expected, `${c.id} ∂/∂${name}`);
      }
      assert.ok(result.check, 'the check ran');
      assert.strictEqual(result.check.counts.fail, 0, `${c.id}: failing entries ${JSON.stringify(result.check.entries.filter(e => e.status === 'fail'))}`);
    });
  }

  it('detects the language of each fixture with auto', async () => {
    for (const c of expressionCases()) {
      const bindings = new Map(Object.entries(c.at).map(([name, v]) => [name, Tensor.scalar(v)]));
      const result = await inspect({ kind: 'text', text: c.source, language: 'auto' }, { bindings, check: false });
      assert.strictEqual(result.language, c.language, `${c.id}: ${c.source}`);
    }
  });
});
