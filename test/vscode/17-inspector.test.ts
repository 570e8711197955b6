// The node inspector in the real workbench: a Values row shows the node's numbers (examples/mlp.py's
// 3×2 weight: six numbers and a heatmap), a check-table row selects its node and entry, and the
// Graph toolbar's "Colour by" changes the boxes' scale and its legend.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WebviewReport, WireNode } from '../../src/protocol';
import {
  checkGradient, closeEverything, exampleUri, graphRendered, hideSideBar, lastInspection, lossLine, openExample, reportWhen, screenshot, sleep,
  showSideBar,
} from './helpers';

type InspectorSection = NonNullable<WebviewReport['inspector']>['sections'][number];

function simulate(selector: string, event: 'click' | 'change', value?: string): Thenable<unknown> {
  return vscode.commands.executeCommand('gradientInspector.test.simulate', exampleUri('mlp.py').toString(), selector, event, value);
}

function section(report: WebviewReport, name: string): InspectorSection {
  const found = report.inspector?.sections.find(s => s.name === name);
  assert.ok(found, `no ${name} section in ${JSON.stringify(report.inspector)}`);
  return found;
}

suite('17. node inspector and colour scale', () => {
  let w1: WireNode;

  suiteSetup(async () => {
    const editor = await openExample('mlp.py');
    const loss = lossLine(editor.document);
    editor.selection = new vscode.Selection(loss.range.start, loss.range.start);
    await checkGradient();
    const wire = await lastInspection(exampleUri('mlp.py'));
    const found = wire.nodes.find(n => n.kind === 'leaf' && n.name === 'W1');
    assert.ok(found, 'no leaf W1');
    w1 = found;
    assert.deepStrictEqual(w1.value.shape, [3, 2]);
    await reportWhen(graphRendered, 'the MLP graph', exampleUri('mlp.py'));
  });
  suiteTeardown(async () => {
    await showSideBar();
    await closeEverything();
  });

  test('a Values row selects its node: W1 shows its six numbers in a heatmap, and its gradient, numeric gradient and error', async () => {
    await simulate(`.values-view vscode-data-grid-row[data-node="${w1.id}"]`, 'click');
    const report = await reportWhen(r => r.inspector?.nodeId === w1.id, 'the inspector to show W1', exampleUri('mlp.py'));
    assert.strictEqual(report.inspector?.title, 'W1');
    const value = section(report, 'value');
    assert.strictEqual(value.numbers, 6);
    assert.strictEqual(value.heatmapCells, 6);
    assert.match(value.legend, /^3×2 · blue negative, white 0, red positive: -0\.800 {2}0\.800$/);
    assert.match(value.summary, /^min -0\.5000 · max 0\.8000 · mean 0\.1667 · std .* · zeros 0\.00%/);
    for (const name of ['gradient', 'numeric gradient', 'error']) {
      assert.strictEqual(section(report, name).numbers, 6, name);
    }
    assert.strictEqual(section(report, 'gradient').marked, 0, 'the MLP check passes: nothing is outlined');
    await screenshot('inspector-w1-narrow');
  });

  test('a check-table row selects its leaf and entry: the entry is outlined in the gradient heatmap', async () => {
    const wire = await lastInspection(exampleUri('mlp.py'));
    const entry = wire.check?.entries.find(e => e.leafId === w1.id && e.flat === 3);
    assert.ok(entry, 'no check row for W1[1, 1]');
    await simulate(`.values-view vscode-data-grid-row[data-node="${wire.output}"]`, 'click');
    await reportWhen(r => r.inspector?.nodeId === wire.output, 'the inspector to show the loss', exampleUri('mlp.py'));
    await simulate(`.check-view vscode-data-grid-row[data-leaf="${w1.id}"][data-flat="3"]`, 'click');
    const report = await reportWhen(r => r.inspector?.nodeId === w1.id, 'the check row to select W1', exampleUri('mlp.py'));
    for (const name of ['gradient', 'numeric gradient', 'error']) {
      assert.strictEqual(section(report, name).selectedEntry, 3, name);
    }
    assert.strictEqual(section(report, 'value').selectedEntry, 3);
  });

  test('"Colour by" switches the boxes\' scale and the legend with it', async () => {
    const before = await reportWhen(graphRendered, 'the graph', exampleUri('mlp.py'));
    assert.strictEqual(before.graph.colourBy, 'gradient');
    assert.ok(before.graph.legend && before.graph.legend.length >= 3, JSON.stringify(before.graph.legend));
    await simulate('#graph-colour', 'change', 'error');
    const after = await reportWhen(r => r.graph.colourBy === 'error' && r.graph.renderCount > before.graph.renderCount && graphRendered(r),
      'the graph coloured by check error', exampleUri('mlp.py'));
    assert.notDeepStrictEqual(after.graph.legend, before.graph.legend);
    assert.strictEqual(after.graph.legend?.[0], 'not checked or exact');
    // Every relative error of this passing check is far below 1: the steps are small decades.
    assert.ok(after.graph.legend?.slice(1, -1).every(label => /e-\d+/.test(label)), JSON.stringify(after.graph.legend));
    await screenshot('inspector-colour-by-error');
    await simulate('#graph-colour', 'change', 'gradient');
  });

  test('in a wide panel the inspector sits beside the graph', async () => {
    await hideSideBar();
    await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
    await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
    await simulate(`.values-view vscode-data-grid-row[data-node="${w1.id}"]`, 'click');
    const report = await reportWhen(r => r.layout === 'beside' && r.inspector?.nodeId === w1.id && graphRendered(r), 'the inspector beside the graph', exampleUri('mlp.py'));
    assert.strictEqual(section(report, 'value').numbers, 6);
    await screenshot('inspector-w1-wide');
    // The check tab with a row's step-size sweep beside the inspector (the README's picture).
    await simulate('#tab-check', 'click');
    await simulate(`.check-view vscode-data-grid-row[data-leaf="${w1.id}"][data-flat="3"]`, 'click');
    await reportWhen(r => r.activeTab === 'check' && section(r, 'gradient').selectedEntry === 3, 'the check tab with W1[1, 1] selected', exampleUri('mlp.py'));
    await sleep(1500); // the sweep is computed by the host after the selection: let it draw before the picture
    await screenshot('check-tab-sweep');
    await simulate('#tab-graph', 'click');
    await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
  });
});
