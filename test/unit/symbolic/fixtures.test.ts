// The symbolic derivative of every scalar fixture, evaluated at its point, equals PyTorch's
// gradient, and its LaTeX renders (KaTeX, strict); tensor fixtures say why there is no symbolic form.
import * as assert from 'assert';
import katex from 'katex';
import { backward, forward } from '../../../src/engine/autograd';
import { symbolicDerivatives, TENSOR_REASON } from '../../../src/engine/symbolic';
import { Tensor } from '../../../src/engine/tensor';
import { lowerProgram } from '../../../src/lang/lower';
import { parseProgram } from '../../../src/lang/parse';
import { assertClose, ExpressionCase, expressionCases } from '../fixtures';

function build(c: ExpressionCase): ReturnType<typeof lowerProgram> {
  const bindings = new Map(Object.entries(c.at).map(([k, v]) => [k, Tensor.scalar(v)]));
  return lowerProgram(parseProgram(c.source, c.language), bindings);
}

function isScalarGraph(c: ExpressionCase): boolean {
  const { graph, output } = build(c);
  forward(graph, output);
  return graph.order(output).every(id => graph.nodes[id].value?.size === 1);
}

describe('symbolic derivatives of the PyTorch fixtures', () => {
  const cases = expressionCases();
  const scalar = cases.filter(isScalarGraph);
  it('covers every language', () => {
    for (const language of ['math', 'python', 'latex']) { assert.ok(scalar.some(c => c.language === language), language); }
    assert.ok(scalar.length >= 25, `${scalar.length} scalar cases`);
  });
  for (const c of scalar) {
    it(`${c.language} ${c.id}: every leaf's derivative evaluates to PyTorch's gradient`, () => {
      const { graph, output } = build(c);
      forward(graph, output);
      backward(graph, output);
      const result = symbolicDerivatives(graph, output);
      assert.ok(result.ok, result.ok ? '' : result.reason);
      const grads = Object.entries(c.expected.grads);
      assert.ok(grads.length > 0);
      for (const [name, expected] of grads) {
        const d = result.derivatives.get(name);
        assert.ok(d, `derivative for ${name}`);
        assert.ok(d.text.length > 0);
        assert.doesNotThrow(() => katex.renderToString(d.latex, { throwOnError: true, strict: 'error' }), d.latex);
        assertClose(d.value, expected, `${c.id} ∂/∂${name} = ${d.text}`);
      }
    });
  }
  for (const c of cases.filter(c => !scalar.includes(c))) {
    it(`${c.language} ${c.id}: tensors have no symbolic form`, () => {
      const { graph, output } = build(c);
      forward(graph, output);
      assert.deepStrictEqual(symbolicDerivatives(graph, output), { ok: false, reason: TENSOR_REASON });
    });
  }
});
