// A graph over gradientInspector.maxGraphNodes renders folded and says so; its layout runs in the
// panel's worker. How fast is measured by `npm run bench:webview`, not asserted here.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { assertNear, checkGradient, closeEverything, lastInspection, openText, reportWhen, screenshot, select } from './helpers';

const TERMS = 400;
/** How long to wait for the drawing before the test reports it missing (a hang guard, not a speed target). */
const DRAWING_WAIT_MS = 60_000;

suite('9. folding a large graph', () => {
  suiteTeardown(closeEverything);

  test(`${TERMS} terms (over a thousand nodes, limit 1000) render folded, the output in view`, async () => {
    const terms = Array.from({ length: TERMS }, (_, k) => `np.sin(x * ${k + 1})`);
    const text = `import numpy as np\nx = 0.5\nf = ${terms.join(' + ')}\n`;
    const editor = await openText(text, 'python');
    select(editor, new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(text.length)));
    await checkGradient();

    const wire = await lastInspection(editor.document.uri);
    const limit = vscode.workspace.getConfiguration('gradientInspector').get<number>('maxGraphNodes', 1000);
    assert.ok(wire.nodes.length > limit, `${wire.nodes.length} nodes is not over the limit ${limit}`);
    let sum = 0;
    let derivative = 0;
    for (let k = 1; k <= TERMS; k++) { sum += Math.sin(0.5 * k); derivative += k * Math.cos(0.5 * k); }
    assertNear(wire.value.data?.[0] ?? NaN, sum, 'f');
    const x = wire.nodes.find(node => node.kind === 'leaf' && node.name === 'x');
    assertNear(x?.grad?.data?.[0] ?? NaN, derivative, '∂f/∂x');

    const report = await reportWhen(r => r.graph.rendered, 'the folded graph', editor.document.uri, DRAWING_WAIT_MS);
    console.log(`    folded graph: ${wire.nodes.length} nodes → ${report.graph.svgNodeCount} boxes (${report.graph.foldedNodes} folded), render ${Math.round(report.graph.renderMs)} ms in the ${report.graph.layoutPlace}`);
    assert.strictEqual(report.graph.layoutPlace, 'worker');
    assert.ok(report.graph.foldedNodes > 0, `nothing folded: ${JSON.stringify(report.graph.message)}`);
    assert.ok(report.graph.svgNodeCount > 0 && report.graph.svgNodeCount <= limit, `${report.graph.svgNodeCount} boxes for a limit of ${limit}`);
    assert.ok(report.graph.labels.some(label => label.startsWith('⊞ ')), 'no folded group box');
    assert.ok(/fold/i.test(report.graph.message), `the panel does not say it folded: ${JSON.stringify(report.graph.message)}`);
    assert.strictEqual(report.graph.outputInView, true, 'the output is not in view');
    await screenshot('folded-graph');
  });
});
