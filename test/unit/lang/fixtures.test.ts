// Every math and Python case of the PyTorch fixtures: value and every leaf's gradient.
import * as assert from 'assert';
import { Tensor } from '../../../src/engine/tensor';
import { assertClose, expressionCases } from '../fixtures';
import { evaluate, gradientOf } from './run';

describe('front-ends against PyTorch fixtures', () => {
  const cases = expressionCases().filter(c => c.language === 'math' || c.language === 'python');

  it('has math and python cases', () => {
    assert.ok(cases.some(c => c.language === 'math'));
    assert.ok(cases.some(c => c.language === 'python'));
  });

  for (const c of cases) {
    it(`${c.id} (${c.language}): ${c.source.split('\n').pop()}`, () => {
      const bindings = new Map(Object.entries(c.at).map(([name, v]) => [name, Tensor.fromNested(v)]));
      const result = evaluate(c.source, c.language, bindings);
      assertClose(result.value.toNested(), c.expected.value, `${c.id} value`);
      const expectedNames = Object.keys(c.expected.grads).sort();
      assert.deepStrictEqual(result.leaves.map(l => l.name).sort(), expectedNames);
      for (const name of expectedNames) {
        assertClose(gradientOf(result, name).toNested(), c.expected.grads[name], `${c.id} d/d${name}`);
      }
    });
  }
});
