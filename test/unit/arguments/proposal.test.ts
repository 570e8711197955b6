// Argument values for a function nothing calls: every course-style layer function of
// test/fixtures/python (its top-level calls removed) gets a proposal that traces, and the
// hand-written checks it enables pass on the correct backward and fail on the broken one.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HandwrittenResult } from '../../../src/handwritten/types';
import { inspect } from '../../../src/inspect';
import { harnessText } from '../../../src/lang/arguments/harness';
import { proposalNote, proposeArguments } from '../../../src/lang/arguments/proposal';
import { FIXTURES } from '../fixtures';

/** A fixture's imports and definitions, without the top-level code that calls them. */
export function definitionsOf(file: string): string {
  const lines = fs.readFileSync(path.join(FIXTURES, 'python', file), 'utf8').split('\n');
  const lastDef = lines.reduce((last, line, i) => /^(def|class) /.test(line) ? i : last, 0);
  const end = lines.findIndex((line, i) => i > lastDef && /^\S/.test(line));
  return lines.slice(0, end < 0 ? lines.length : end).join('\n');
}

async function handwrittenFor(text: string, functionName: string): Promise<HandwrittenResult[]> {
  const proposal = proposeArguments(text, functionName);
  assert.ok(proposal, `no proposal for ${functionName}`);
  assert.strictEqual(proposal.problem, undefined, `${functionName}: ${proposal.problem}`);
  const inspection = await inspect({ kind: 'text', text: `${text}\n${harnessText(proposal.plan, proposal.values)}`, language: 'python' }, { check: false });
  return (inspection.handwritten ?? []).filter(h => h.function === functionName);
}

/** [file, correct function, broken function]: the correct one passes, the broken one fails. */
const LAYERS: [string, string, string][] = [
  ['affine.py', 'affine_backward', 'affine_broken_backward'],
  ['relu.py', 'relu_backward', 'relu_broken_backward'],
  ['batchnorm.py', 'batchnorm_backward', 'batchnorm_broken_backward'],
  ['conv.py', 'conv_backward_naive', 'conv_broken_backward'],
  ['maxpool.py', 'max_pool_backward_naive', 'max_pool_broken_backward'],
  ['rnn_step.py', 'rnn_step_backward', 'rnn_step_broken_backward'],
  ['losses.py', 'softmax_loss', 'softmax_loss_broken'],
  ['losses.py', 'svm_loss', 'svm_loss_broken'],
  ['two_layer_net.py', 'affine_relu_backward', 'affine_relu_broken_backward'],
];

describe('argument proposals for course-style layer functions', function () {
  // Each case traces a layer (a naive convolution unrolls hundreds of windows) while other suites share the cores.
  this.timeout(30_000);

  for (const [file, correct, broken] of LAYERS) {
    it(`${file}: ${correct} passes and ${broken} fails with the proposed arguments`, async () => {
      const text = definitionsOf(file);
      const good = await handwrittenFor(text, correct);
      assert.ok(good.length > 0 && good.every(h => h.passed), `${correct}: ${JSON.stringify(good.map(h => [h.name, h.passed, h.diagnosis]))}`);
      const bad = await handwrittenFor(text, broken);
      assert.ok(bad.length > 0 && bad.some(h => !h.passed), `${broken}: ${JSON.stringify(bad.map(h => [h.name, h.passed, h.diagnosis]))}`);
    });
  }

  it('every function of every fixture gets a proposal that traces', () => {
    for (const file of fs.readdirSync(path.join(FIXTURES, 'python')).filter(f => f.endsWith('.py') && f !== 'autograd_function.py')) {
      const text = definitionsOf(file);
      for (const [, name] of text.matchAll(/^def (\w+)/gm)) {
        const proposal = proposeArguments(text, name);
        assert.ok(proposal, `${file}: no proposal for ${name}`);
        assert.strictEqual(proposal.problem, undefined, `${file}: ${name}: ${proposal.problem}`);
      }
    }
  });

  it('affine: distinct sizes per dimension, the inner dimensions shared, dout shaped like the forward output', () => {
    const proposal = proposeArguments(definitionsOf('affine.py'), 'affine_backward');
    assert.ok(proposal);
    assert.strictEqual(proposal.plan.convention, 'backward-of-forward');
    assert.strictEqual(proposal.summary, 'x (4, 5), w (5, 3), b (3,), dout (4, 3)');
    assert.match(proposal.text, /^x=np\.random\.randn\(4, 5\), w=np\.random\.randn\(5, 3\), b=np\.array\(\[-?\d\.\d\d?, -?\d\.\d\d?, -?\d\.\d\d?\]\), dout=np\.random\.randn\(4, 3\)$/);
    assert.strictEqual(proposal.text, proposeArguments(definitionsOf('affine.py'), 'affine_backward')?.text, 'not deterministic');
    assert.strictEqual(proposalNote(proposal, true), 'affine_forward and affine_backward are called with values proposed from the code: x (4, 5), w (5, 3), b (3,), dout (4, 3)');
  });

  it('labels: y indexes x next to np.arange(N), so it holds integers below x\'s second dimension', () => {
    const proposal = proposeArguments(definitionsOf('losses.py'), 'softmax_loss');
    assert.ok(proposal);
    assert.strictEqual(proposal.plan.convention, 'loss-and-gradient');
    assert.strictEqual(proposal.summary, 'x (4, 5), y (4,) labels < 5');
    const labels = /y=np\.array\(\[([\d, ]+)\]\)/.exec(proposal.text);
    assert.ok(labels, proposal.text);
    const values = labels[1].split(', ').map(Number);
    assert.strictEqual(values.length, 4);
    assert.ok(values.every(v => Number.isInteger(v) && v >= 0 && v < 5), labels[1]);
  });

  it('a dict of options gets the keys the code reads, with the value a comparison asks for', () => {
    const batchnorm = proposeArguments(definitionsOf('batchnorm.py'), 'batchnorm_backward');
    assert.match(batchnorm?.text ?? '', /bn_param=\{'mode': 'train'\}/);
    const conv = proposeArguments(definitionsOf('conv.py'), 'conv_backward_naive');
    assert.match(conv?.text ?? '', /conv_param=\{'stride': 1, 'pad': 1\}/);
    // The filter's unnamed `_` dimension is the input's channels; the output size comes from the trace.
    assert.strictEqual(conv?.summary, 'x (4, 5, 3, 2), w (2, 5, 2, 2), b (2,), conv_param (options), dout (4, 2, 4, 3)');
  });

  it('a forward with its backward beside it runs the pair', () => {
    const proposal = proposeArguments(definitionsOf('rnn_step.py'), 'rnn_step_forward');
    assert.strictEqual(proposal?.plan.backward, 'rnn_step_backward');
    assert.strictEqual(proposal?.summary, 'x (4, 5), prev_h (4, 2), Wx (5, 3), Wh (2, 3), b (3,), dnext_h (4, 3)');
  });

  it('a function whose shapes nothing reveals gets guessed shapes, and the note says so', () => {
    const proposal = proposeArguments('def scale(a, k=2.0):\n    return a * k', 'scale');
    assert.ok(proposal);
    assert.deepStrictEqual(proposal.sources, []);
    assert.strictEqual(proposal.problem, undefined);
    assert.strictEqual(proposalNote(proposal, true), 'scale is called with values of guessed shapes (no shape found in the docstring or the code): a (4, 5)');
  });

  it('names nothing when the function is not in the file', () => {
    assert.strictEqual(proposeArguments('def f(x):\n    return x', 'g'), undefined);
  });

  it('a proposal that cannot trace says why', () => {
    const proposal = proposeArguments('def f(x):\n    assert x.shape[0] == 100\n    return x.sum()', 'f');
    assert.ok(proposal?.problem, 'expected a problem');
    assert.match(proposal.problem, /assert/i);
  });
});
