// The graph at real size: 1,000 boxes drawn unfolded in under a second, the output in view in the
// side column, zoom by wheel, keys and buttons, find centring its match, reveal, and the path from
// a selected leaf to the output. Actions go through the graphAction seam as real DOM events.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GraphAction, WebviewReport } from '../../src/protocol';
import { DOUBLE, modelBytes, type NodeSpec, type TensorSpec } from '../unit/model/onnx-writer';
import { checkGradient, closeEverything, exampleUri, lastInspection, openText, reportWhen, screenshot, select } from './helpers';

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

  test('a model of 10,000 engine nodes folds into its layers and stays navigable: find walks the groups', async () => {
    // 2,000 layers y = tanh(h·W + b), named as torch.onnx.export names them (nodes /blocks.B/layer.L/MatMul,
    // weights blocks.B.layer.L.weight), written to the git-ignored folder the runner makes in examples/.
    const LAYERS = 2000, WIDTH = 4;
    const nodes: NodeSpec[] = [];
    const initializers: TensorSpec[] = [];
    for (let l = 0; l < LAYERS; l++) {
      const path = `/blocks.${Math.floor(l / 100)}/layer.${l}`;
      const module = `blocks.${Math.floor(l / 100)}.layer.${l}`;
      const h = l === 0 ? 'x' : `h${l}`;
      initializers.push(
        { name: `${module}.weight`, dims: [WIDTH, WIDTH], dataType: DOUBLE, values: Array.from({ length: WIDTH * WIDTH }, (_, k) => ((k * 7 + l) % 11 - 5) / 20) },
        { name: `${module}.bias`, dims: [WIDTH], dataType: DOUBLE, values: Array.from({ length: WIDTH }, (_, k) => (k - 1.5) / 10) },
      );
      nodes.push(
        { op: 'MatMul', inputs: [h, `${module}.weight`], outputs: [`m${l}`], name: `${path}/MatMul` },
        { op: 'Add', inputs: [`m${l}`, `${module}.bias`], outputs: [`a${l}`], name: `${path}/Add` },
        { op: 'Tanh', inputs: [`a${l}`], outputs: [l === LAYERS - 1 ? 'y' : `h${l + 1}`], name: `${path}/Tanh` },
      );
    }
    const model = exampleUri('.side-file-test/deep-chain.onnx');
    await vscode.workspace.fs.writeFile(model, modelBytes({
      opset: 13, nodes, initializers, inputs: [{ name: 'x', shape: [1, WIDTH], elemType: DOUBLE }], outputs: ['y'],
    }));
    await checkGradient(model);
    const wire = await lastInspection(model);
    assert.ok(wire.nodes.length >= 5 * LAYERS, `${wire.nodes.length} engine nodes`);
    const folded = await reportWhen(r => r.graph.rendered, 'the folded 10,000-node graph', model, 120_000);
    assert.ok(folded.graph.foldedNodes > 0 && folded.graph.svgNodeCount <= 1000, `${folded.graph.svgNodeCount} boxes, ${folded.graph.foldedNodes} folded`);
    assert.strictEqual(folded.graph.layoutPlace, 'worker');
    // 20 blocks of 100 layers (500 nodes each): too many layers to show one by one, so blocks fold,
    // as many as needed to get under 1,000 boxes: 19 of them, the 20th drawn open.
    const groups = folded.graph.labels.filter(label => label.startsWith('⊞ '));
    const names = groups.map(label => /^⊞ (blocks\.\d+\.layer) 500 nodes/.exec(label)?.[1]);
    assert.strictEqual(new Set(names).size, 19, groups.slice(0, 3).join(' | '));
    assert.ok(names.every(name => name !== undefined), groups.join(' | '));
    assert.strictEqual(folded.graph.outputInView, true);
    await act(model, { kind: 'find', query: 'blocks.7' });
    const found = await reportWhen(r => (r.graph.findMatches ?? 0) > 0, 'matches of "blocks.7"', model);
    assert.ok(/blocks\.7/.test(found.graph.currentMatchLabel ?? ''), `current match ${found.graph.currentMatchLabel}`);
    assert.strictEqual(found.graph.centreLabel, found.graph.currentMatchLabel);
    await screenshot('graph-10000-nodes-folded');
  });
});
