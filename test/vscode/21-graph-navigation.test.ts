// The graph at real size: 1,000 boxes drawn unfolded in under a second, the output in view in the
// side column, zoom by wheel, keys and buttons, find centring its match, reveal, and the path from
// a selected leaf to the output. Actions go through the graphAction seam as real DOM events.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GraphAction, WebviewReport } from '../../src/protocol';
import { checkGradient, closeEverything, lastInspection, openText, reportWhen, screenshot, select } from './helpers';

const TERMS = 250;
async function act(uri: vscode.Uri, action: GraphAction): Promise<void> {
  await vscode.commands.executeCommand('gradientInspector.test.graphAction', uri.toString(), action);
}

suite('21. graph navigation', () => {
  suiteTeardown(closeEverything);
  let uri: vscode.Uri;
  let drawn: WebviewReport;

  // How fast is measured by `npm run bench:webview` (against mermaid in the same page), not asserted here.
  test(`${TERMS} terms: 1,000 boxes drawn unfolded with the layout in the worker, the output in view`, async () => {
    const terms = Array.from({ length: TERMS }, (_, k) => `np.sin(x * ${k + 1})`);
    const text = `import numpy as np\nx = 0.5\nf = ${terms.join(' + ')}\n`;
    const editor = await openText(text, 'python');
    uri = editor.document.uri;
    select(editor, new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(text.length)));
    await checkGradient();
    const wire = await lastInspection(uri);
    assert.ok(wire.nodes.length >= 990 && wire.nodes.length <= 1000, `${wire.nodes.length} nodes`);
    drawn = await reportWhen(r => r.graph.rendered, 'the 1,000-box graph', uri);
    console.log(`    ${drawn.graph.svgNodeCount} boxes drawn in ${Math.round(drawn.graph.renderMs)} ms (layout ${drawn.graph.layoutMs} ms in the ${drawn.graph.layoutPlace}), scale ${drawn.graph.transform?.scale.toFixed(3)} in ${JSON.stringify(drawn.graph.view)}`);
    assert.strictEqual(drawn.graph.foldedNodes, 0);
    assert.strictEqual(drawn.graph.svgNodeCount, wire.nodes.length);
    assert.strictEqual(drawn.graph.layoutPlace, 'worker');
    assert.strictEqual(drawn.graph.outputInView, true, `the output is not in view: ${JSON.stringify(drawn.graph.transform)}`);
    await screenshot('graph-1000-boxes');
  });

  test('the wheel, + − 0 keys and the zoom buttons change the transform; 0 and Fit show the whole graph', async () => {
    const first = drawn.graph.transform?.scale ?? NaN;
    await act(uri, { kind: 'wheel', deltaY: -240 });
    const wheeled = await reportWhen(r => (r.graph.transform?.scale ?? 0) > first * 1.2, 'zoom in by the wheel', uri);
    const wheeledScale = wheeled.graph.transform?.scale ?? NaN;
    await act(uri, { kind: 'key', key: '-' });
    const smaller = await reportWhen(r => (r.graph.transform?.scale ?? Infinity) < wheeledScale, 'zoom out by the − key', uri);
    await act(uri, { kind: 'key', key: '+' });
    await reportWhen(r => (r.graph.transform?.scale ?? 0) > (smaller.graph.transform?.scale ?? Infinity), 'zoom in by the + key', uri);
    await act(uri, { kind: 'key', key: '0' });
    // 1,000 boxes fitted into the side column: smaller than the first, readable view, output still in view.
    const fitted = await reportWhen(r => (r.graph.transform?.scale ?? Infinity) < first, 'fit by the 0 key', uri);
    const fitScale = fitted.graph.transform?.scale ?? NaN;
    assert.strictEqual(fitted.graph.outputInView, true);
    await act(uri, { kind: 'button', name: 'zoom-in' });
    await reportWhen(r => (r.graph.transform?.scale ?? 0) > fitScale, 'zoom in by the + button', uri);
    await act(uri, { kind: 'button', name: 'fit' });
    await reportWhen(r => Math.abs((r.graph.transform?.scale ?? 0) - fitScale) < 1e-12, 'fit by the Fit button', uri);
  });

  test('find centres each match in turn', async () => {
    await act(uri, { kind: 'find', query: 'sin' });
    const first = await reportWhen(r => (r.graph.findMatches ?? 0) > 0, 'matches of "sin"', uri);
    assert.strictEqual(first.graph.findMatches, TERMS);
    assert.ok(/sin/.test(first.graph.currentMatchLabel ?? ''), `current match ${first.graph.currentMatchLabel}`);
    assert.strictEqual(first.graph.centreLabel, first.graph.currentMatchLabel);
    await act(uri, { kind: 'button', name: 'find-next' });
    const second = await reportWhen(r => r.graph.currentMatchLabel !== first.graph.currentMatchLabel, 'the next match', uri);
    assert.strictEqual(second.graph.centreLabel, second.graph.currentMatchLabel);
    await screenshot('graph-find');
    await act(uri, { kind: 'find', query: '' });
  });

  test('reveal centres a node; selecting the leaf highlights its path to the output', async () => {
    const wire = await lastInspection(uri);
    const x = wire.nodes.find(node => node.kind === 'leaf' && node.name === 'x');
    assert.ok(x, 'no leaf x');
    await act(uri, { kind: 'reveal', nodeId: wire.output });
    const revealed = await reportWhen(r => /output/.test(r.graph.centreLabel ?? ''), 'the output centred', uri);
    assert.strictEqual(revealed.graph.outputInView, true);
    await act(uri, { kind: 'select', nodeId: x.id });
    const selected = await reportWhen(r => (r.graph.pathBoxes ?? 0) > 0, 'the path from x', uri);
    assert.ok(/^✓ x /.test(selected.graph.selectedLabel ?? ''), `selected ${selected.graph.selectedLabel}`);
    assert.strictEqual(selected.graph.centreLabel, selected.graph.selectedLabel);
    // x feeds every term, and every term reaches the output: the whole graph but the constants.
    const constants = wire.nodes.filter(node => node.kind === 'constant').length;
    assert.strictEqual(selected.graph.pathBoxes, wire.nodes.length - constants);
  });
});
