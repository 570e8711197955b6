// One panel per document, reused by later checks; after the panel is gone, the serializer's code
// path restores it from its saved state with the same graph.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  checkGradient, closeEverything, exampleUri, graphRendered, lastInspection, openExample, panelInfo, panelsFor,
  rangeOf, reportWhen, select, within,
} from './helpers';

suite('8. panel reuse and restore', () => {
  suiteTeardown(closeEverything);

  test('checking the same document twice reuses its panel', async () => {
    const lecture = exampleUri('lecture.py');
    const editor = await openExample('lecture.py');
    select(editor, rangeOf(editor.document, '(x + y) * z'));
    await checkGradient();
    const first = await panelInfo();
    assert.strictEqual(panelsFor(first, lecture).length, 1);

    select(editor, rangeOf(editor.document, 'x + y'));
    await checkGradient();
    const second = await panelInfo();
    assert.strictEqual(second.count, first.count, `panels: ${JSON.stringify(second.panels)}`);
    assert.strictEqual(panelsFor(second, lecture).length, 1);
    assert.deepStrictEqual((await lastInspection(lecture)).value.data, [3], 'the reused panel shows the new selection x + y');
  });

  test('a disposed panel is restored by the serializer path with its graph', async () => {
    const lecture = exampleUri('lecture.py');
    const editor = await openExample('lecture.py');
    select(editor, rangeOf(editor.document, '(x + y) * z'));
    await checkGradient();
    const before = await reportWhen(graphRendered, 'the graph before dispose', lecture);

    await vscode.commands.executeCommand('gradientInspector.test.disposePanels');
    assert.strictEqual((await panelInfo()).count, 0);

    await within(vscode.commands.executeCommand('gradientInspector.test.restorePanel', lecture.toString()), 20_000, 'restorePanel');
    const restored = panelsFor(await panelInfo(), lecture);
    assert.strictEqual(restored.length, 1);
    const after = await reportWhen(graphRendered, 'the restored graph', lecture);
    assert.strictEqual(after.graph.svgNodeCount, before.graph.svgNodeCount);
    assert.deepStrictEqual(after.graph.labels, before.graph.labels);
    assert.deepStrictEqual(after.check.rows, before.check.rows);
  });
});
