// The three ways hand-written gradients are recognised, and the diagnoses beyond the fixtures:
// a dict of gradients, matching by position, a None gradient, a mis-shaped result.
import * as assert from 'assert';
import { HandwrittenResult } from '../../../src/handwritten/types';
import { inspect } from '../../../src/inspect';

async function handwritten(text: string): Promise<HandwrittenResult[]> {
  const inspection = await inspect({ kind: 'text', text, language: 'python' }, { check: false });
  return inspection.handwritten ?? [];
}

const summary = (results: HandwrittenResult[]): [string, string, string, boolean][] => results.map(h => [h.name, h.of, h.function, h.passed]);

describe('hand-written gradient conventions', () => {
  it('loss, grads with a dict of gradients: grads[key] against params[key]', async () => {
    const text = [
      'def loss(X, params):',
      "    h = X.dot(params['W1'])",
      "    out = (h * h).sum() + params['b'].sum() * 3",
      "    grads = {'W1': X.T.dot(2 * h), 'b': np.ones_like(params['b'])}",
      '    return out, grads',
      'np.random.seed(1)',
      'X = np.random.randn(3, 2)',
      "params = {'W1': np.random.randn(2, 4), 'b': np.random.randn(4)}",
      'value, grads = loss(X, params)',
      'value',
    ].join('\n');
    const results = await handwritten(text);
    assert.deepStrictEqual(summary(results), [['grads["W1"]', 'params["W1"]', 'loss', true], ['grads["b"]', 'params["b"]', 'loss', false]]);
    assert.strictEqual(results[1].diagnosis, 'a constant ratio 1/3: hand-written = true / 3 (an extra / 3?)');
  });

  it('names that are not dNAME pair by position', async () => {
    const text = 'def sq_forward(a, b):\n    return a * b, (a, b)\ndef sq_backward(g, cache):\n    a, b = cache\n    ga = g * b\n    gb = g * a\n    return ga, gb\nx = np.array([1.0, 2.0])\ny = np.array([3.0, -1.0])\nout, c = sq_forward(x, y)\nga, gb = sq_backward(np.array([0.5, 2.0]), c)\nout';
    assert.deepStrictEqual(summary(await handwritten(text)), [['ga', 'a', 'sq_backward', true], ['gb', 'b', 'sq_backward', true]]);
  });

  it('a mis-shaped gradient with the right entries is named so', async () => {
    const text = 'def flat_forward(x):\n    return x * 2, x\ndef flat_backward(dout, cache):\n    dx = (dout * 2).reshape(-1)\n    return dx\nx = np.ones((2, 3))\nout, c = flat_forward(x)\ndx = flat_backward(np.ones((2, 3)), c)\nout';
    const [result] = await handwritten(text);
    assert.strictEqual(result.passed, false);
    assert.strictEqual(result.diagnosis, "mis-shaped: the right entries with shape (6,) where x has shape (2, 3) (reshape to x's shape)");
  });

  it('autograd.Function: None for a non-array input is fine; None for an array input whose gradient is not zero fails', async () => {
    const text = [
      'class Mul(torch.autograd.Function):',
      '    @staticmethod',
      '    def forward(ctx, a, b, k=2.0):',
      '        ctx.save_for_backward(a, b)',
      '        return a * b * k',
      '    @staticmethod',
      '    def backward(ctx, grad_output):',
      '        a, b = ctx.saved_tensors',
      '        return grad_output * b * 2.0, None',
      'a = torch.tensor([1.0, 2.0])',
      'b = torch.tensor([3.0, 4.0])',
      'y = Mul.apply(a, b)',
      'y.sum()',
    ].join('\n');
    const results = await handwritten(text);
    assert.deepStrictEqual(summary(results), [['da', 'a', 'Mul.backward', true], ['db', 'b', 'Mul.backward', false]]);
    assert.strictEqual(results[1].diagnosis, 'None, but the true gradient is not zero');
  });

  it('a backward returning the wrong number of gradients is an error at its definition', async () => {
    const text = 'class One(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, a, b):\n        return a * b\n    @staticmethod\n    def backward(ctx, g):\n        return g\na = torch.tensor([1.0])\nOne.apply(a, a).sum()';
    await assert.rejects(inspect({ kind: 'text', text, language: 'python' }, { check: false }), /One.backward returned 1 gradient for 2 inputs/);
  });
});
