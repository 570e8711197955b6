// The ONNX custom editor: opening examples/mlp_relu.onnx with it shows the model's graph, and the
// gradient check of the model passes.
import * as assert from 'assert';
import * as vscode from 'vscode';
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
});
