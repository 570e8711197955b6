// A re-check of an unchanged graph draws the new result without laying the graph out again
// (webview/graph/layout-reuse.ts): the layout count stays, the render count grows, every box is
// drawn with the same labels in the same place, and no "Laying out" line is left behind.
import * as assert from 'assert';
import { checkGradient, closeEverything, graphRendered, openText, reportWhen, screenshot, select } from './helpers';
import * as vscode from 'vscode';

const DRAWING_WAIT_MS = 60_000;

suite('27. a re-check keeps the layout', () => {
  suiteTeardown(closeEverything);

  test('checking the same selection again redraws with the layout kept', async () => {
    const text = 'import numpy as np\nw = 0.7\nx = 1.5\nb = -0.2\nf = np.tanh(w * x + b) * np.exp(-x)\n';
    const editor = await openText(text, 'python');
    const whole = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(text.length));
    select(editor, whole);
    await checkGradient();
    const uri = editor.document.uri;
    const first = await reportWhen(r => graphRendered(r) && r.check.rows.length > 0 && r.graph.status === '', 'the first drawing', uri, DRAWING_WAIT_MS);
    assert.ok((first.graph.layoutCount ?? 0) >= 1, `layout count ${first.graph.layoutCount}`);
    assert.ok(first.graph.labels.some(label => label.startsWith('✓ w')), JSON.stringify(first.graph.labels));

    select(editor, whole);
    await checkGradient();
    const again = await reportWhen(r => graphRendered(r) && r.graph.renderCount > first.graph.renderCount && r.graph.status === '', 'the re-check drawn', uri, DRAWING_WAIT_MS);
    console.log(`    renders ${first.graph.renderCount} → ${again.graph.renderCount}, layouts ${first.graph.layoutCount} → ${again.graph.layoutCount}`);
    assert.strictEqual(again.graph.layoutCount, first.graph.layoutCount);
    assert.deepStrictEqual(again.graph.labels, first.graph.labels);
    assert.strictEqual(again.graph.svgNodeCount, first.graph.svgNodeCount);
    assert.deepStrictEqual(again.graph.transform, first.graph.transform);
    assert.strictEqual(again.graph.outputInView, true);
    assert.deepStrictEqual(again.graph.activeContent, []);
    await screenshot('relayout-recheck');
  });
});
