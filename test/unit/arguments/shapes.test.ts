// Shapes read from docstrings (course and numpydoc conventions) and from function bodies, the
// prompt's NAME=VALUE text, and which functions count as called.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { uncalledFunctionAt } from '../../../src/io/block';
import { textLines } from '../../../src/io/source-lines';
import { formatArguments, parseArguments } from '../../../src/lang/arguments/argument-text';
import { checkArgumentsGiven, harnessText } from '../../../src/lang/arguments/harness';
import { inferFacts, proposalNote, proposeArguments } from '../../../src/lang/arguments/proposal';
import { parseProgram } from '../../../src/lang/parse';

const COURSE_AFFINE = `import numpy as np

def affine_forward(x, w, b):
    """
    Computes the forward pass for an affine (fully-connected) layer.

    The input x has shape (N, d_1, ..., d_k) and contains a minibatch of N
    examples, where each example x[i] has shape (d_1, ..., d_k).

    Inputs:
    - x: A numpy array containing input data, of shape (N, d_1, ..., d_k)
    - w: A numpy array of weights, of shape (D, M)
    - b: A numpy array of biases, of shape (M,)

    Returns a tuple of:
    - out: output, of shape (N, M)
    - cache: (x, w, b)
    """
    out = x.reshape(x.shape[0], -1).dot(w) + b
    cache = (x, w, b)
    return out, cache


def affine_backward(dout, cache):
    """
    Inputs:
    - dout: Upstream derivative, of shape (N, M)
    - cache: Tuple of x, w, b
    """
    x, w, b = cache
    dx = dout.dot(w.T).reshape(x.shape)
    dw = x.reshape(x.shape[0], -1).T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dw, db
`;

const COURSE_SOFTMAX = `def softmax_loss(x, y):
    """
    Inputs:
    - x: Input data, of shape (N, C) where x[i, j] is the score for the jth
      class for the ith input.
    - y: Vector of labels, of shape (N,) where y[i] is the label for x[i] and
      0 <= y[i] < C

    Returns a tuple of:
    - loss: Scalar giving the loss
    - dx: Gradient of the loss with respect to x
    """
    probs = np.exp(x - np.max(x, axis=1, keepdims=True))
    probs /= np.sum(probs, axis=1, keepdims=True)
    N = x.shape[0]
    loss = -np.sum(np.log(probs[np.arange(N), y])) / N
    dx = probs.copy()
    dx[np.arange(N), y] -= 1
    dx /= N
    return loss, dx
`;

describe('argument shapes from docstrings and code', () => {
  it('course docstrings: named dimensions are shared, a d_1, ..., d_k run is one dimension, D is the flattened input', () => {
    const proposal = proposeArguments(COURSE_AFFINE, 'affine_backward');
    assert.ok(proposal);
    assert.deepStrictEqual(proposal.sources, ['docstring']);
    assert.strictEqual(proposalNote(proposal, true), 'affine_forward and affine_backward are called with values proposed from the docstring: x (4, 5), w (5, 3), b (3,), dout (4, 3)');
    assert.strictEqual(proposal.problem, undefined);
  });

  it('course docstrings: 0 <= y[i] < C makes y class labels below C', () => {
    const proposal = proposeArguments(COURSE_SOFTMAX, 'softmax_loss');
    assert.strictEqual(proposal?.summary, 'x (4, 5), y (4,) labels < 5');
    assert.strictEqual(proposal?.problem, undefined);
  });

  it('numpydoc: "X : ndarray, shape (n_samples, n_features)", and the Returns section is not read', () => {
    const text = [
      'def linear(X, W):',
      '    """',
      '    Parameters',
      '    ----------',
      '    X : ndarray, shape (n_samples, n_features)',
      '        The inputs.',
      '    W : ndarray of shape (n_features, n_outputs)',
      '',
      '    Returns',
      '    -------',
      '    W : ndarray, shape (n_outputs, 7)',
      '    """',
      '    return np.tanh(X @ W).sum()',
    ].join('\n');
    assert.strictEqual(proposeArguments(text, 'linear')?.summary, 'X (4, 5), W (5, 3)');
  });

  it('the body alone: N, D = x.shape, x @ w.T makes w\'s second dimension D', () => {
    const text = 'def f(x, w):\n    N, D = x.shape\n    h = x @ w.T\n    return h.sum()';
    const proposal = proposeArguments(text, 'f');
    assert.deepStrictEqual([proposal?.summary, proposal?.sources], ['x (4, 5), w (3, 5)', ['code']]);
  });

  it('a body with a sum of 20,000 terms is read without exhausting the stack', () => {
    const terms = Array.from({ length: 20_000 }, (_, i) => `x[${i % 3}]`).join(' + ');
    const [def] = parseProgram(`def f(x):\n    N, D = x.shape\n    return ${terms}`, 'python').statements;
    assert.ok(def.kind === 'def');
    assert.strictEqual(inferFacts(def).params.get('x')?.shape.dims?.length, 2);
  });

  it('a call of another function of the file carries its facts over (labels included)', () => {
    const text = `${COURSE_SOFTMAX}\ndef half_loss(scores, labels):\n    loss, dscores = softmax_loss(scores, labels)\n    return loss / 2, dscores / 2\n`;
    assert.strictEqual(proposeArguments(text, 'half_loss')?.summary, 'scores (4, 5), labels (4,) labels < 5');
  });
});

describe('the arguments prompt', () => {
  it('reads NAME=VALUE pieces split at top-level commas only, and writes them back', () => {
    const text = "x=np.random.randn(4, 5), p={'stride': 1, 'pad': 1}, s='a,b', y=np.array([1, 0])";
    const values = parseArguments(text);
    assert.deepStrictEqual(values.map(v => v.name), ['x', 'p', 's', 'y']);
    assert.strictEqual(values[1].expr, "{'stride': 1, 'pad': 1}");
    assert.strictEqual(formatArguments(values), text);
  });

  it('names the column of what does not read', () => {
    assert.throws(() => parseArguments('x=1, oops'), (err: InspectError) => err.range?.start === 5 && /expected NAME=VALUE at column 6/.test(err.message));
    assert.throws(() => parseArguments('x=1, y=(2 +'), (err: InspectError) => err instanceof InspectError && /^value of y: /.test(err.message) && (err.range?.start ?? 0) >= 7);
    assert.throws(() => parseArguments('x='), /no value after x=/);
  });

  it('the harness seeds np.random, assigns the arguments, and never reuses an argument\'s name', () => {
    const proposal = proposeArguments(COURSE_AFFINE, 'affine_backward');
    assert.ok(proposal);
    const harness = harnessText(proposal.plan, parseArguments('x=np.ones((2, 3)), w=np.ones((3, 2)), b=np.zeros(2), dout=np.ones((2, 2))'));
    assert.strictEqual(harness, [
      'np.random.seed(0)', 'x = np.ones((2, 3))', 'w = np.ones((3, 2))', 'b = np.zeros(2)', 'dout = np.ones((2, 2))',
      'out, cache = affine_forward(x, w, b)', 'affine_backward(dout, cache)', 'out',
    ].join('\n'));
    const clash = harnessText({ ...proposal.plan, inputs: { ...proposal.plan.inputs, params: [{ name: 'out', range: { start: 0, end: 0 } }] } }, [{ name: 'out', expr: '1.0' }]);
    assert.match(clash, /^out_, cache = affine_forward\(out\)$/m);
  });
});

describe('checkArgumentsGiven', () => {
  it('names the arguments an answer leaves out', () => {
    const proposal = proposeArguments(COURSE_AFFINE, 'affine_backward');
    assert.ok(proposal);
    assert.doesNotThrow(() => checkArgumentsGiven(proposal.plan, proposal.values));
    assert.throws(() => checkArgumentsGiven(proposal.plan, proposal.values.filter(v => v.name !== 'b' && v.name !== 'dout')),
      (err: InspectError) => err.message === 'no value for b, dout (the call of affine_forward needs x, w, b, dout)' && err.kind === 'unbound');
  });
});

describe('uncalledFunctionAt', () => {
  const text = 'def f(x):\n    return x * 2\n\ndef g(x):\n    return f(x)\n';
  it('names the top-level function holding the line when no top-level code calls it', () => {
    assert.strictEqual(uncalledFunctionAt(textLines(text), 1), 'f');
    assert.strictEqual(uncalledFunctionAt(textLines(text), 4), 'g');
  });

  it('is undefined when top-level code calls it, or outside a function', () => {
    assert.strictEqual(uncalledFunctionAt(textLines(`${text}y = g(3.0)\n`), 1), undefined);
    assert.strictEqual(uncalledFunctionAt(textLines(`${text}y = 3.0\n`), 5), undefined);
  });
});
