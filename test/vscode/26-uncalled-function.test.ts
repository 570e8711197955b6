// Check Gradient with the cursor in a function nothing calls (a layers file with no top-level
// code): the prompt proposes its arguments with shapes read from the docstring and the code,
// accepting it runs the function (after its forward, for a backward), and the panel's
// hand-written table fills. Escape checks nothing.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { checkGradient, closeEverything, lastInspection, openText, panelInfo, panelsFor, reportWhen, screenshot } from './helpers';

const LAYERS = [
  'import numpy as np',
  '',
  'def affine_forward(x, w, b):',
  '    """',
  '    Inputs:',
  '    - x: A numpy array containing input data, of shape (N, d_1, ..., d_k)',
  '    - w: A numpy array of weights, of shape (D, M)',
  '    - b: A numpy array of biases, of shape (M,)',
  '    """',
  '    out = x.reshape(x.shape[0], -1).dot(w) + b',
  '    return out, (x, w, b)',
  '',
  'def affine_backward(dout, cache):',
  '    x, w, b = cache',
  '    dx = dout.dot(w.T).reshape(x.shape)',
  '    dw = x.reshape(x.shape[0], -1).T.dot(dout)',
  '    db = np.sum(dout, axis=0)',
  '    return dx, dw, db',
  '',
  'def softmax_loss_broken(x, y):',
  '    shifted = x - np.max(x, axis=1, keepdims=True)',
  '    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))',
  '    N = x.shape[0]',
  '    loss = -np.sum(log_probs[np.arange(N), y]) / N',
  '    dx = np.exp(log_probs)',
  '    dx[np.arange(N), y] -= 1',
  '    return loss, dx',
  '',
].join('\n');

async function cursorOn(text: string): Promise<vscode.TextEditor> {
  const editor = await openText(LAYERS, 'python');
  const line = LAYERS.split('\n').findIndex(l => l.includes(text));
  assert.ok(line >= 0, `no line with ${text}`);
  editor.selection = new vscode.Selection(line, 6, line, 6);
  return editor;
}

async function proposedPrompt(): Promise<string> {
  const proposed = await vscode.commands.executeCommand<string | undefined>('gradientInspector.test.lastPromptValue');
  assert.ok(proposed, 'no prompt was shown');
  return proposed;
}

suite('26. a function nothing calls', () => {
  suiteTeardown(closeEverything);

  test('affine_backward: the prompt proposes x, w, b from the docstring and dout from the forward; accepted, every gradient matches', async () => {
    const editor = await cursorOn('dw = x.reshape');
    await vscode.commands.executeCommand('gradientInspector.test.acceptPrompt');
    await checkGradient();

    assert.match(await proposedPrompt(), /^x=np\.random\.randn\(4, 5\), w=np\.random\.randn\(5, 3\), b=np\.array\(\[[-\d., ]+\]\), dout=np\.random\.randn\(4, 3\)$/);
    const wire = await lastInspection(editor.document.uri);
    assert.deepStrictEqual((wire.handwritten ?? []).map(h => [h.name, h.of, h.function, h.passed]), [
      ['dx', 'x', 'affine_backward', true], ['dw', 'w', 'affine_backward', true], ['db', 'b', 'affine_backward', true],
    ]);
    assert.deepStrictEqual(wire.value.shape, [4, 3]);
    assert.match(wire.title, /: affine_backward$/);
    assert.strictEqual(wire.check?.passed, true);

    const report = await reportWhen(r => (r.handwrittenText ?? '').includes('Hand-written gradients'), 'the hand-written gradients section', editor.document.uri);
    assert.match(report.handwrittenText ?? '', /Hand-written gradients: 3 of 3 match autograd/);
    assert.match(report.headerText, /affine_forward and affine_backward are called with values proposed from the docstring: x \(4, 5\), w \(5, 3\), b \(3,\), dout \(4, 3\)/);
    await screenshot('affine-backward-proposal');
  });

  test('softmax_loss_broken: y gets labels below the class count; the missing / N fails as a constant ratio N', async () => {
    const editor = await cursorOn('dx[np.arange(N), y] -= 1');
    await vscode.commands.executeCommand('gradientInspector.test.acceptPrompt');
    await checkGradient();

    assert.match(await proposedPrompt(), /^x=np\.random\.randn\(4, 5\), y=np\.array\(\[[0-4], [0-4], [0-4], [0-4]\]\)$/);
    const wire = await lastInspection(editor.document.uri);
    const [dx] = wire.handwritten ?? [];
    assert.ok(dx, 'no hand-written gradient');
    assert.deepStrictEqual([dx.name, dx.of, dx.function, dx.passed], ['dx', 'x', 'softmax_loss_broken', false]);
    assert.match(dx.diagnosis, /constant ratio 4/);
    const report = await reportWhen(r => (r.handwrittenText ?? '').includes('FAIL'), 'the failing hand-written gradient', editor.document.uri);
    assert.match(report.headerText, /softmax_loss_broken is called with values proposed from the code: x \(4, 5\), y \(4,\) labels < 5/);
  });

  test('Escape at the arguments prompt checks nothing', async () => {
    await closeEverything();
    const editor = await cursorOn('db = np.sum(dout, axis=0)');
    await vscode.commands.executeCommand('gradientInspector.test.setPromptAnswer', null);
    await checkGradient();
    assert.ok(await proposedPrompt());
    assert.strictEqual(panelsFor(await panelInfo(), editor.document.uri).length, 0);
  });
});
