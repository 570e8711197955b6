// The lecture's example: f = (x + y) * z at x = −2, y = 5, z = −4 gives f = −12, q = x + y = 3 and
// ∂f/∂x = ∂f/∂y = z = −4, ∂f/∂z = q = 3.
import * as assert from 'assert';
import type { WireInspection, WireNode } from '../../src/protocol';
import {
  checkGradient, closeEverything, exampleUri, graphRendered, lastInspection, openExample, panelInfo, panelsFor,
  PANEL_VIEW_TYPE, rangeOf, reportWhen, screenshot, select,
} from './helpers';

function leaf(wire: WireInspection, name: string): WireNode {
  const found = wire.nodes.find(node => node.kind === 'leaf' && node.name === name);
  assert.ok(found, `no leaf ${name} among ${wire.nodes.map(node => node.name ?? node.label).join(', ')}`);
  return found;
}

/** Every number written in the rendered labels (mermaid may print − for minus). */
function numbersIn(labels: string[]): number[] {
  return labels.join(' ').replace(/\u2212/g, '-').match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi)?.map(Number) ?? [];
}

suite('2. Check Gradient on the lecture example', () => {
  suiteTeardown(closeEverything);

  test('a selection of (x + y) * z opens the panel with the graph, values, gradients and a passing check', async () => {
    const editor = await openExample('lecture.py');
    select(editor, rangeOf(editor.document, '(x + y) * z'));
    await checkGradient();

    const info = await panelInfo();
    const panels = panelsFor(info, exampleUri('lecture.py'));
    assert.strictEqual(panels.length, 1, `panels: ${JSON.stringify(info.panels)}`);
    assert.strictEqual(panels[0].viewType, PANEL_VIEW_TYPE);
    assert.strictEqual(panels[0].visible, true);

    const wire = await lastInspection(exampleUri('lecture.py'));
    assert.deepStrictEqual(wire.value.data, [-12]);
    const expected: Record<string, [number, number]> = { x: [-2, -4], y: [5, -4], z: [-4, 3] };
    for (const [name, [value, gradient]] of Object.entries(expected)) {
      assert.deepStrictEqual(leaf(wire, name).value.data, [value], `value of ${name}`);
      assert.deepStrictEqual(leaf(wire, name).grad?.data, [gradient], `∂f/∂${name}`);
    }
    assert.ok(wire.nodes.some(node => node.op !== 'leaf' && node.value.data?.[0] === 3), 'no node with x + y = 3');
    assert.ok(wire.check, 'the inspection has no gradient check');
    assert.strictEqual(wire.check.passed, true);
    assert.deepStrictEqual(wire.check.counts, { pass: 3, fail: 0, kink: 0 });

    const report = await reportWhen(graphRendered, 'the mermaid graph', exampleUri('lecture.py'));
    assert.strictEqual(report.graph.svgNodeCount, wire.nodes.length, `one SVG node per graph node; labels ${JSON.stringify(report.graph.labels)}`);
    assert.strictEqual(report.graph.foldedNodes, 0);
    const shown = numbersIn(report.graph.labels);
    for (const number of [-12, 3, -4, -2, 5]) {
      assert.ok(shown.includes(number), `${number} is not shown in the graph labels ${JSON.stringify(report.graph.labels)}`);
    }
    assert.strictEqual(report.check.rows.length, 3, `check rows ${JSON.stringify(report.check.rows)}`);
    assert.deepStrictEqual(report.check.rows.map(row => row.leaf).sort(), ['x', 'y', 'z']);
    for (const row of report.check.rows) { assert.strictEqual(row.status, 'pass', `row ${JSON.stringify(row)}`); }
    await screenshot('lecture-panel');
  });
});
