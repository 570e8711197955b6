// A multi-line NumPy block (examples/mlp.py, the two-layer MLP and its loss), analysed from the
// cursor alone: the block around it is found, checked, and shown with its tensor shapes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  checkGradient, closeEverything, exampleUri, graphRendered, lastInspection, openExample, panelInfo, panelsFor,
  lossLine, reportWhen, screenshot,
} from './helpers';

function shapeText(shape: number[]): string {
  return `(${shape.join(', ')})`;
}

suite('3. Check Gradient on the MLP block', () => {
  suiteTeardown(closeEverything);

  test('the cursor in the loss line analyses the whole block: the check passes and the shapes are shown', async () => {
    const editor = await openExample('mlp.py');
    const loss = lossLine(editor.document);
    editor.selection = new vscode.Selection(loss.range.start, loss.range.start);
    await checkGradient();

    assert.strictEqual(panelsFor(await panelInfo(), exampleUri('mlp.py')).length, 1);
    const wire = await lastInspection(exampleUri('mlp.py'));
    assert.strictEqual(wire.language, 'python');
    const leaves = wire.nodes.filter(node => node.kind === 'leaf');
    const matrices = leaves.filter(node => node.value.shape.length === 2);
    assert.ok(matrices.length >= 2, `expected weight matrices among the leaves ${leaves.map(node => `${node.name}${shapeText(node.value.shape)}`).join(', ')}`);
    assert.ok(leaves.some(node => node.name === 'W1'), 'no leaf W1');
    assert.ok(wire.check, 'no gradient check');
    assert.strictEqual(wire.check.passed, true, `check failed: ${JSON.stringify(wire.check.counts)}`);
    assert.strictEqual(wire.check.counts.fail, 0);

    const report = await reportWhen(graphRendered, 'the MLP graph', exampleUri('mlp.py'));
    assert.ok(report.check.rows.length > 0, 'the check table is empty');
    assert.ok(report.check.rows.every(row => row.status !== 'fail'), `failing rows: ${JSON.stringify(report.check.rows.filter(row => row.status === 'fail'))}`);
    const shown = report.graph.labels.join('\n');
    for (const matrix of matrices) {
      const shape = matrix.value.shape;
      const written = [shapeText(shape), shape.join('×'), shape.join('x')];
      assert.ok(written.some(text => shown.includes(text)), `the shape of ${matrix.name} ${shapeText(shape)} is not in the graph labels ${JSON.stringify(report.graph.labels)}`);
    }
    assert.ok(report.valuesRows >= leaves.length, `values table has ${report.valuesRows} rows for ${leaves.length} leaves`);
    await screenshot('mlp-panel');
  });
});
