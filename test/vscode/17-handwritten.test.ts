// Hand-written gradients in the editor (examples/layers.py, a two-layer net with a broken composite
// backward): Check Gradient with the cursor inside a backward function runs the file's top-level
// calls; the panel lists every hand-written gradient with its verdict, the nodes are grouped by the
// call that made them, and hovering `dx` in the broken function shows hand-written vs true.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { checkGradient, closeEverything, exampleUri, hoverText, lastInspection, openExample, reportWhen, waitFor } from './helpers';

suite('17. hand-written gradients', () => {
  suiteTeardown(closeEverything);

  test('the cursor in affine_relu_broken_backward: the call sites are analysed and the broken gradients fail', async () => {
    const editor = await openExample('layers.py');
    const document = editor.document;
    const line = document.getText().split('\n').findIndex(text => text.includes('# the ReLU\'s mask is skipped'));
    assert.ok(line >= 0, 'layers.py has no broken backward');
    editor.selection = new vscode.Selection(line, 4, line, 4);
    await checkGradient();

    const wire = await lastInspection(exampleUri('layers.py'));
    const handwritten = wire.handwritten ?? [];
    const broken = handwritten.filter(h => h.function === 'affine_relu_broken_backward');
    assert.deepStrictEqual(broken.map(h => [h.name, h.passed]), [['dx', false], ['dw', false], ['db', false]]);
    const correct = handwritten.filter(h => !h.function.includes('broken'));
    assert.ok(correct.length >= 10 && correct.every(h => h.passed), JSON.stringify(correct.map(h => [h.function, h.name, h.diagnosis])));
    const groups = new Set(wire.nodes.map(node => node.group).filter(group => group !== undefined));
    assert.ok(groups.has('affine_relu_forward/affine_forward') && groups.has('softmax_loss'), `groups: ${[...groups].join(', ')}`);

    const report = await reportWhen(r => (r.handwrittenText ?? '').includes('Hand-written gradients'), 'the hand-written gradients section', exampleUri('layers.py'));
    assert.match(report.handwrittenText ?? '', /Hand-written gradients: \d+ of \d+ match autograd/);
    assert.match(report.handwrittenText ?? '', /dw of w \(affine_relu_broken_backward\): FAIL, \d+ of 30 entries differ/);

    const dxLine = document.getText().split('\n').findIndex((text, i) => i > line - 4 && text.includes('dx, dw, db = affine_backward(dout, fc_cache)'));
    assert.ok(dxLine >= 0, 'no dx line in the broken backward');
    const markdown = await waitFor(async () => {
      const text = await hoverText(document.uri, new vscode.Position(dxLine, 5));
      return text.includes('hand-written') ? text : undefined;
    }, 'a hover with the hand-written dx');
    assert.match(markdown, /affine_relu_broken_backward/);
    assert.match(markdown, /FAIL/);
  });
});
