// LaTeX through the whole pipeline: inspect() picks LaTeX for backslash commands, evaluates,
// checks the gradient, and carries the notes and the symbolic derivatives.
import * as assert from 'assert';
import { Tensor } from '../../../src/engine/tensor';
import { inspect } from '../../../src/inspect';

describe('LaTeX through inspect()', () => {
  it('the sigmoid neuron, language auto', async () => {
    const at = { w_0: 2, x_0: -1, w_1: -3, x_1: -2, w_2: -3 };
    const result = await inspect(
      { kind: 'text', text: '$\\frac{1}{1 + \\exp(-(w_0 x_0 + w_1 x_1 + w_2))}$' },
      { bindings: new Map(Object.entries(at).map(([k, v]) => [k, Tensor.scalar(v)])) },
    );
    assert.strictEqual(result.language, 'latex');
    assert.ok(Math.abs(result.value.data[0] - 0.7310585786300049) < 1e-15);
    assert.ok(result.check?.passed ?? false);
    const d = result.derivatives?.get('w_0');
    assert.ok(d);
    assert.ok(Math.abs(d.value - (result.gradients.get('w_0')?.data[0] ?? NaN)) < 1e-15);
    assert.match(d.latex, /^\\frac\{x_\{0\} e\^\{/);
  });
  it('notes from the LaTeX front-end reach the inspection', async () => {
    const result = await inspect({ kind: 'text', text: '\\sigma(wx)', language: 'latex' },
      { bindings: new Map([['w', Tensor.scalar(0.5)], ['x', Tensor.scalar(2)]]), check: false });
    assert.ok(result.notes.some(n => n.includes('sigmoid')));
    assert.ok(result.notes.some(n => n.includes('"wx"')));
  });
  it('L = … names the output and differentiates its definition', async () => {
    const result = await inspect({ kind: 'text', text: 'L = \\frac{1}{2}(y - \\hat{y})^2', language: 'latex' },
      { bindings: new Map([['y', Tensor.scalar(1)], ['y_hat', Tensor.scalar(0.25)]]), check: false });
    assert.strictEqual(result.value.data[0], 0.5 * 0.75 * 0.75);
    assert.strictEqual(result.gradients.get('y_hat')?.data[0], -0.75);
    assert.strictEqual(result.derivatives?.get('y_hat')?.text, '-(y - y_hat)');
  });
  it('\\pi is the constant', async () => {
    const result = await inspect({ kind: 'text', text: '2\\pi r', language: 'latex' }, { bindings: new Map([['r', Tensor.scalar(3)]]), check: false });
    assert.strictEqual(result.value.data[0], 2 * Math.PI * 3);
    assert.strictEqual(result.derivatives?.get('r')?.text, '2 * pi');
    assert.strictEqual(result.derivatives?.get('r')?.latex, '2 \\pi');
  });
});
