// The Gradient flow tab on an ONNX model: examples/gradient_flow_relu_dead.onnx, whose second Linear
// has a bias of −10, so its ReLU is dead and nothing flows back to the layers before it. The plot's
// bars and flags are read back from the rendered panel through the report seam.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  checkGradient, closeEverything, exampleUri, hideSideBar, lastInspection, ONNX_EDITOR_VIEW_TYPE, reportWhen, screenshot, showSideBar, within,
} from './helpers';

suite('18. gradient flow', () => {
  suiteTeardown(async () => {
    await closeEverything();
    await showSideBar();
  });

  test('gradient_flow_relu_dead.onnx shows one bar pair per layer with the dead and vanishing layers flagged', async () => {
    const model = exampleUri('gradient_flow_relu_dead.onnx');
    await within(vscode.commands.executeCommand('vscode.openWith', model, ONNX_EDITOR_VIEW_TYPE), 20_000, 'vscode.openWith');
    await checkGradient(model);
    const wire = await lastInspection(model);
    const flow = wire.gradientFlow;
    assert.ok(flow, 'the inspection of an ONNX model has no gradientFlow');
    assert.deepStrictEqual(flow.layers.map(l => l.name), ['0', '1', '2', '3', '4', '5', '6']);

    const report = await reportWhen(r => r.layers.bars.length === flow.layers.length, 'the gradient-flow bars', model);
    const bars = report.layers.bars;
    assert.deepStrictEqual(bars.map(b => b.name), ['0', '1', '2', '3', '4', '5', '6']);
    // The drawing carries the numbers the host sent.
    bars.forEach((bar, i) => {
      assert.strictEqual(bar.gradientNorm, flow.layers[i].gradientNorm, `layer ${bar.name} gradient bar`);
      assert.strictEqual(bar.activationNorm, flow.layers[i].activationNorm, `layer ${bar.name} activation bar`);
    });
    const dead = bars[3];
    assert.deepStrictEqual([dead.activationNorm, dead.flags], [0, ['dead-relu']]);
    for (const before of bars.slice(0, 3)) {
      assert.strictEqual(before.gradientNorm, 0, `layer ${before.name}: a gradient flowed through the dead ReLU`);
      assert.ok(before.flags.includes('vanishing'), `layer ${before.name} flags: ${before.flags.join(', ')}`);
    }
    assert.ok(bars.slice(4).every(b => b.flags.length === 0 && (b.gradientNorm ?? 0) > 0), JSON.stringify(bars.slice(4)));
    assert.match(report.layers.text, /7 layers in depth order, 4 flagged/);
    assert.match(report.layers.text, /dead-relu: more than 50% of the layer's ReLU units output 0/);
    assert.match(report.layers.text, /per unit over the batch axis batch \(size 1\)/);
    await hideSideBar();
    await screenshot('gradient-flow');
  });
});
