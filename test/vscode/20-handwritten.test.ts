// Hand-written gradients in the editor. examples/layers.py (a two-layer net built from layer
// functions): Check Gradient with the cursor inside a backward function runs the file's top-level
// calls; the panel lists every hand-written gradient, nodes are grouped by the call that made them,
// and hovering `dx` shows hand-written vs true. A backward that forgets dout fails, with its diagnosis.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { checkGradient, closeEverything, exampleUri, hoverText, lastInspection, openExample, openText, reportWhen, waitFor } from './helpers';

const BROKEN_RELU = [
  'import numpy as np',
  '',
  'def relu_forward(x):',
  '    return np.maximum(0, x), x',
  '',
  'def relu_backward(dout, cache):',
  '    dx = np.ones_like(cache)',
  '    dx[cache <= 0] = 0',
  '    return dx',
  '',
  'x = np.array([[1.0, -2.0], [3.0, 0.5]])',
  'out, cache = relu_forward(x)',
  'dx = relu_backward(np.array([[2.0, 1.0], [-1.0, 3.0]]), cache)',
  'out',
].join('\n');

suite('20. hand-written gradients', () => {
  suiteTeardown(closeEverything);

  test('layers.py, the cursor in affine_relu_backward: the call sites are analysed, every gradient matches', async () => {
    const editor = await openExample('layers.py');
    const document = editor.document;
    const lines = document.getText().split('\n');
    const line = lines.findIndex(text => text.includes('dx, dw, db = affine_backward(da, fc_cache)'));
    assert.ok(line >= 0, 'layers.py has no affine_relu_backward body');
    editor.selection = new vscode.Selection(line, 4, line, 4);
    await checkGradient();

    const wire = await lastInspection(exampleUri('layers.py'));
    const handwritten = wire.handwritten ?? [];
    assert.deepStrictEqual(handwritten.filter(h => h.function === 'affine_relu_backward').map(h => [h.name, h.of, h.passed]), [['dx', 'x', true], ['dw', 'w', true], ['db', 'b', true]]);
    assert.ok(handwritten.length >= 10 && handwritten.every(h => h.passed), JSON.stringify(handwritten.map(h => [h.function, h.name, h.diagnosis])));
    const groups = new Set(wire.nodes.map(node => node.group).filter(group => group !== undefined));
    assert.ok(groups.has('affine_relu_forward/affine_forward') && groups.has('softmax_loss'), `groups: ${[...groups].join(', ')}`);

    const report = await reportWhen(r => (r.handwrittenText ?? '').includes('Hand-written gradients'), 'the hand-written gradients section', exampleUri('layers.py'));
    assert.match(report.handwrittenText ?? '', /Hand-written gradients: (\d+) of \1 match autograd/);

    const markdown = await waitFor(async () => {
      const text = await hoverText(document.uri, new vscode.Position(line, 5));
      return text.includes('hand-written') ? text : undefined;
    }, 'a hover with the hand-written dx');
    assert.match(markdown, /affine_relu_backward/);
    assert.match(markdown, /pass — matches/);
  });

  test('a backward that forgets dout fails, and the panel says what is missing', async () => {
    const editor = await openText(BROKEN_RELU, 'python');
    const line = BROKEN_RELU.split('\n').findIndex(text => text.includes('dx[cache <= 0] = 0'));
    editor.selection = new vscode.Selection(line, 4, line, 4);
    await checkGradient();
    const wire = await lastInspection(editor.document.uri);
    const [relu] = wire.handwritten ?? [];
    assert.ok(relu, 'no hand-written gradient');
    assert.deepStrictEqual([relu.name, relu.of, relu.function, relu.passed], ['dx', 'x', 'relu_backward', false]);
    assert.match(relu.diagnosis, /missing the upstream gradient factor/);
    const report = await reportWhen(r => (r.handwrittenText ?? '').includes('FAIL'), 'the failing hand-written gradient', editor.document.uri);
    assert.match(report.handwrittenText ?? '', /dx of x \(relu_backward\): FAIL, missing the upstream gradient factor/);
  });
});
