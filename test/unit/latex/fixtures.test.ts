// Every `latex` case of the PyTorch fixtures, end to end: parseLatex → lowerProgram → forward →
// backward, value and gradients against PyTorch.
import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { Tensor } from '../../../src/engine/tensor';
import { parseLatex } from '../../../src/lang/latex';
import { lowerProgram } from '../../../src/lang/lower';
import { assertClose, expressionCases } from '../fixtures';

describe('LaTeX fixtures against PyTorch', () => {
  const cases = expressionCases().filter(c => c.language === 'latex');
  it('there are latex cases', () => assert.ok(cases.length >= 9));
  for (const c of cases) {
    it(`${c.id}: ${c.source}`, () => {
      const bindings = new Map(Object.entries(c.at).map(([k, v]) => [k, Tensor.scalar(v)]));
      const { graph, output } = lowerProgram(parseLatex(c.source), bindings);
      const value = forward(graph, output);
      backward(graph, output);
      assertClose(Array.from(value.data), c.expected.value, `${c.id} value`);
      for (const [name, expected] of Object.entries(c.expected.grads)) {
        const leaf = graph.leaves(output).find(l => l.name === name);
        assert.ok(leaf, `leaf ${name}`);
        assertClose(Array.from(leaf.grad?.data ?? []), expected, `${c.id} d/d${name}`);
      }
    });
  }
});
