// The ONNX custom editor: opening examples/mlp_relu.onnx with it shows the model's graph, and the
// gradient check of the model passes. The gradientInspector.onnx.dimensions setting sizes a
// model's dynamic input dimensions, and the notes say so.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { DOUBLE, modelBytes } from '../unit/model/onnx-writer';
import {
  checkGradient, closeEverything, exampleUri, graphRendered, hideSideBar, lastInspection, ONNX_EDITOR_VIEW_TYPE, panelInfo,
  panelsFor, reportWhen, screenshot, showSideBar, within,
} from './helpers';

suite('11. ONNX custom editor', () => {
  suiteTeardown(async () => {
    await closeEverything();
    await showSideBar();
  });

  test('mlp_relu.onnx opens in the custom editor with its graph and a passing check', async () => {
    const model = exampleUri('mlp_relu.onnx');
    await within(vscode.commands.executeCommand('vscode.openWith', model, ONNX_EDITOR_VIEW_TYPE), 20_000, 'vscode.openWith');
    const editors = panelsFor(await panelInfo(), model);
    assert.strictEqual(editors.length, 1, JSON.stringify(editors));
    assert.strictEqual(editors[0].viewType, ONNX_EDITOR_VIEW_TYPE);

    await checkGradient(model);
    const wire = await lastInspection(model);
    assert.strictEqual(wire.language, 'onnx');
    assert.ok(wire.nodes.some(node => node.op === 'matmul' || node.origin?.includes('Gemm') || node.origin?.includes('MatMul')), 'no matrix product in the model graph');
    assert.ok(wire.nodes.some(node => node.op === 'relu'), 'no relu in the model graph');
    assert.strictEqual(wire.check?.passed, true, JSON.stringify(wire.check?.counts));

    const report = await reportWhen(r => graphRendered(r) && r.check.rows.length > 0, 'the model graph and check table', model);
    assert.ok(report.check.rows.every(row => row.status !== 'fail'), JSON.stringify(report.check.rows));
    assert.ok(/pass/i.test(report.check.banner), `banner: ${report.check.banner}`);
    // Operator level: one box per ONNX node (Gemm, Relu, Gemm), the l2 loss and the five leaves
    // (the input and four initializers), however many engine nodes each ONNX node became.
    assert.strictEqual(report.graph.svgNodeCount, 9, JSON.stringify(report.graph.labels));
    assert.strictEqual(report.graph.labels.filter(label => /^Gemm/.test(label)).length, 2, JSON.stringify(report.graph.labels));
    assert.strictEqual(panelsFor(await panelInfo(), model).length, 1, 'Check Gradient on the model opened a second panel');
    await hideSideBar();
    await screenshot('onnx-editor');
  });

  test('the setting gradientInspector.onnx.dimensions sizes a dynamic input dimension, named in the notes', async () => {
    // y = tanh(x)·w over x (batch, 3), in the git-ignored folder the runner makes in examples/.
    const model = exampleUri('.side-file-test/dynamic-batch.onnx');
    await vscode.workspace.fs.writeFile(model, modelBytes({
      opset: 13,
      nodes: [{ op: 'Tanh', inputs: ['x'], outputs: ['t'] }, { op: 'MatMul', inputs: ['t', 'w'], outputs: ['y'] }],
      initializers: [{ name: 'w', dims: [3, 1], dataType: DOUBLE, values: [0.5, -1, 2] }],
      inputs: [{ name: 'x', shape: ['batch', 3], elemType: DOUBLE }],
      outputs: ['y'],
    }));
    const config = vscode.workspace.getConfiguration('gradientInspector');
    try {
      await config.update('onnx.dimensions', { batch: 4, sequence: 9 }, vscode.ConfigurationTarget.Global);
      await checkGradient(model);
      const wire = await lastInspection(model);
      assert.deepStrictEqual(wire.nodes.find(node => node.label === 'x')?.value.shape, [4, 3]);
      assert.ok(wire.notes.includes('dynamic dimensions: batch = 4 (setting gradientInspector.onnx.dimensions)'), JSON.stringify(wire.notes));
      assert.strictEqual(wire.check?.passed, true, JSON.stringify(wire.check?.counts));
    } finally {
      await config.update('onnx.dimensions', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
