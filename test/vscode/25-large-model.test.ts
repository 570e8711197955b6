// Issue #12's model with 10⁵ engine nodes in the panel: 3,400 pre-norm residual blocks, generated
// into the git-ignored folder the runner makes in examples/ (test/support/deep-model.ts). The graph
// folds to its top module, opening it shows the blocks, and a block and a module inside it; the node
// inspector shows a weight inside the opened module with its entries, which the panel asks for (the
// message carries summaries only); the check table fills, and the webview answers report requests
// throughout. How fast the first drawing comes is measured by `npm run bench`, not asserted here.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WebviewReport, WireInspection } from '../../src/protocol';
import { DEEP_MODEL, deepModelBytes } from '../support/deep-model';
import { closeEverything, exampleUri, graphRendered, hideSideBar, lastInspection, reportWhen, screenshot, showSideBar, within } from './helpers';

const MODEL = '.side-file-test/deep-residual-3400.onnx';
// Generous bounds against a hang, not a speed assertion: the check of 10⁵ nodes takes seconds.
const CHECK_WITHIN_MS = 240_000;
const DRAWN_WITHIN_MS = 120_000;

function simulateClick(uri: vscode.Uri, selector: string): Thenable<unknown> {
  return vscode.commands.executeCommand('gradientInspector.test.simulate', uri.toString(), selector, 'click');
}

/** Opens the folded group titled `title` by clicking its box, and waits for the drawing with `expect` in it. */
async function expand(uri: vscode.Uri, title: string, expect: string): Promise<WebviewReport> {
  const before = (await reportWhen(graphRendered, 'the graph', uri, DRAWN_WITHIN_MS)).graph.renderCount;
  await simulateClick(uri, `g.node[aria-label^="⊞ ${title} "]`);
  return reportWhen(r => graphRendered(r) && r.graph.renderCount > before && r.graph.labels.some(label => label.startsWith(expect)), `${title} opened, showing ${expect}`, uri, DRAWN_WITHIN_MS);
}

suite('25. a model of 10⁵ engine nodes', function () {
  this.timeout(CHECK_WITHIN_MS + 4 * DRAWN_WITHIN_MS);
  const uri = exampleUri(MODEL);
  let wire: WireInspection;

  suiteSetup(async () => {
    await vscode.workspace.fs.writeFile(uri, deepModelBytes(DEEP_MODEL));
    await hideSideBar();
  });
  suiteTeardown(async () => {
    await closeEverything();
    await showSideBar();
  });

  test('Check Gradient: a fast-mode check, the graph folded to its top module, the check table filled', async () => {
    await within(vscode.commands.executeCommand('gradientInspector.checkGradient', uri), CHECK_WITHIN_MS, 'Check Gradient on the 10⁵-node model');
    wire = await lastInspection(uri);
    assert.ok(wire.nodes.length >= 100_000, `${wire.nodes.length} nodes`);
    assert.strictEqual(wire.check?.mode, 'fast');
    assert.strictEqual(wire.check?.passed, true, JSON.stringify(wire.check?.counts));
    assert.ok(wire.nodeDetailOnRequestAbove !== undefined && wire.nodeDetailOnRequestAbove < wire.nodes.length);
    const report = await reportWhen(r => graphRendered(r) && r.check.rows.length > 0 && r.graph.status === '', 'the folded graph and the check table', uri, DRAWN_WITHIN_MS);
    console.log(`    ${wire.nodes.length} nodes → ${report.graph.svgNodeCount} boxes (${report.graph.foldedNodes} folded), render ${Math.round(report.graph.renderMs)} ms, layout ${report.graph.layoutMs} ms in the ${report.graph.layoutPlace}; ${report.graph.renderCount} renders, ${report.graph.layoutCount} layouts`);
    assert.ok(report.graph.labels.some(label => /^⊞ blocks \d+ nodes \(click to expand\)$/.test(label)), JSON.stringify(report.graph.labels));
    // Boxes stand for ONNX nodes (an operator's engine nodes merge into one): all of them but the input and the loss fold.
    const operators = new Set(wire.nodes.filter(n => n.origin !== undefined).map(n => n.origin)).size;
    const leaves = wire.nodes.filter(n => n.kind === 'leaf').length;
    assert.strictEqual(report.graph.foldedNodes, operators + leaves - 2);
    assert.strictEqual(report.check.rows.length, wire.check?.entries.length);
    assert.ok(report.check.rows.every(row => row.status === 'pass'), JSON.stringify(report.check.rows.slice(0, 5)));
    assert.match(report.headerText, /the panel receives each node's summary, and a node's entries when it is shown/);
    // 5 layers (modules) per block: the Gradient flow tab draws a sample through depth and says so.
    assert.match(report.layers.text, new RegExp(`^${DEEP_MODEL.blocks * 5} layers in depth order, \\d+ flagged\\. Shown: ${report.layers.bars.length} of them, a sample through depth`));
    assert.ok(report.layers.bars.length > 0 && report.layers.bars.length <= 600, `${report.layers.bars.length} bars`);
    await screenshot('large-model-folded');
    await simulateClick(uri, '#tab-layers');
    await reportWhen(r => r.activeTab === 'layers', 'the Gradient flow tab', uri);
    await screenshot('large-model-gradient-flow');
    await simulateClick(uri, '#tab-graph');
    await reportWhen(r => r.activeTab === 'graph', 'the Graph tab again', uri);
  });

  test('opening blocks, then blocks.3399, then blocks.3399.fc2 shows one module level at a time', async () => {
    const blocks = await expand(uri, 'blocks', '⊞ blocks.3399');
    assert.strictEqual(blocks.graph.labels.filter(label => /^⊞ blocks\.\d+ \d+ nodes/.test(label)).length, DEEP_MODEL.blocks);
    assert.match(blocks.graph.message, /above the limit/);
    const block = await expand(uri, 'blocks.3399', '⊞ blocks.3399.fc2');
    assert.deepStrictEqual(block.graph.labels.filter(label => label.startsWith('⊞ blocks.3399.')).map(label => label.split(' ')[1]).sort(),
      ['blocks.3399.act', 'blocks.3399.fc1', 'blocks.3399.fc2', 'blocks.3399.ln']);
    const module = await expand(uri, 'blocks.3399.fc2', 'blocks.3399.fc2.weight');
    assert.ok(!module.graph.labels.some(label => label.startsWith('⊞ blocks.3399.fc2 ')), 'blocks.3399.fc2 is still folded');
    await screenshot('large-model-expanded');
  });

  test('the node inspector shows a weight inside the opened module with the entries it asked for', async () => {
    const weight = wire.nodes.find(n => n.name === 'blocks.3399.fc2.weight');
    assert.ok(weight, 'no blocks.3399.fc2.weight');
    assert.strictEqual(weight.value.data, undefined, 'the message carried entries it should not');
    await vscode.commands.executeCommand('gradientInspector.test.graphAction', uri.toString(), { kind: 'select', nodeId: weight.id });
    const report = await reportWhen(r => r.inspector?.nodeId === weight.id && (r.inspector.sections.find(s => s.name === 'value')?.numbers ?? 0) > 0,
      'the inspector to show blocks.3399.fc2.weight with its entries', uri, DRAWN_WITHIN_MS);
    const shape = [DEEP_MODEL.hidden, DEEP_MODEL.width];
    const value = report.inspector?.sections.find(s => s.name === 'value');
    const gradient = report.inspector?.sections.find(s => s.name === 'gradient');
    assert.strictEqual(value?.numbers, shape[0] * shape[1]);
    assert.strictEqual(gradient?.numbers, shape[0] * shape[1]);
    assert.strictEqual(report.inspector?.title, 'blocks.3399.fc2.weight');
    await screenshot('large-model-inspector');
  });
});
