// A re-check of an unchanged graph keeps its layout (webview/graph/layout-reuse.ts, scene.ts): the
// statuses, colours and labels are drawn anew, the boxes stay where they were; any change in box
// sizes, edges or direction lays the graph out again, and every label fits its box.
import * as assert from 'assert';
import type { WireNode } from '../../../src/protocol';
import type { GraphPalette } from '../../../webview/graph/flowchart';
import { LayoutCache, sameLayoutInput } from '../../../webview/graph/layout-reuse';
import { boxSize, buildScene, type Scene, type SceneRequest } from '../../../webview/graph/scene';
import { monospaceWidths } from '../../../webview/graph/text-width';
import { lectureInspection, sumOfTanh } from './sample';

const PALETTE: GraphPalette = {
  none: { fill: '#000000', text: '#ffffff' }, border: '#888888', output: '#0000ff', fail: '#ff0000', kink: '#ffff00', pass: '#00ff00',
};
const METRICS = monospaceWidths(7, 18);

function request(nodes: WireNode[], output: number, direction: SceneRequest['direction'] = 'LR'): SceneRequest {
  return { generation: 1, nodes, output, limit: 1000, expanded: [], direction, view: { width: 800, height: 600 }, digits: 5, palette: PALETTE, colourBy: 'gradient', metrics: METRICS };
}

/** A new inspection of the same graph: fresh arrays, as a new message brings them. */
function copyOf(nodes: readonly WireNode[], change: (node: WireNode) => WireNode = node => node): WireNode[] {
  return nodes.map(node => change({ ...node, inputs: [...node.inputs] }));
}

function labelsFit(scene: Scene): void {
  scene.flowchart.shapes.forEach((box, i) => {
    const needed = boxSize(box.lines, box.shape, METRICS);
    assert.ok(scene.placed[i].width >= needed.width && scene.placed[i].height >= needed.height, `${box.lines.join(' / ')} does not fit its box`);
  });
}

describe('webview graph layout reuse', () => {
  it('reuses the placing for a new inspection of the same graph, and draws the new statuses', () => {
    const { nodes, output } = lectureInspection();
    const first = buildScene(request(copyOf(nodes), output));
    assert.strictEqual(first.layoutReused, false);
    // ✓ → ✗: the statuses change, the (monospaced) label widths do not.
    const failed = buildScene(request(copyOf(nodes, node => node.kind === 'leaf' ? { ...node, checkStatus: 'fail' } : node), output));
    assert.strictEqual(failed.layoutReused, true);
    assert.deepStrictEqual(failed.placed, first.placed);
    assert.deepStrictEqual(failed.routes, first.routes);
    assert.deepStrictEqual(failed.flowchart.shapes.filter(box => box.shape === 'leaf').map(box => box.lines[0]), ['✗ x', '✗ y', '✗ z']);
    assert.ok(failed.flowchart.shapes.filter(box => box.shape === 'leaf').every(box => box.classes.includes('fail')));
    labelsFit(failed);
  });

  it('lays out again when a label grows or shrinks (a status mark appearing), and the label fits', () => {
    // A name longer than the data line under it: the mark widens the box.
    const { nodes, output } = lectureInspection();
    const named = copyOf(nodes, node => node.id === 0 ? { ...node, label: 'x_with_a_long_parameter_name' } : node);
    const unchecked = buildScene(request(copyOf(named, node => ({ ...node, checkStatus: undefined })), output));
    const checked = buildScene(request(copyOf(named), output));
    assert.strictEqual(checked.layoutReused, false);
    const x = checked.flowchart.shapes.findIndex(box => box.id === 'n0');
    assert.strictEqual(checked.flowchart.shapes[x].lines[0], '✓ x_with_a_long_parameter_name');
    assert.ok(checked.placed[x].width > unchecked.placed[x].width, 'the box grew no wider with its mark');
    labelsFit(checked);
    labelsFit(unchecked);
  });

  it('lays out again when an edge or the direction changes', () => {
    const { nodes, output } = sumOfTanh(3);
    const base = buildScene(request(copyOf(nodes), output));
    assert.strictEqual(buildScene(request(copyOf(nodes), output)).layoutReused, true);
    assert.strictEqual(buildScene({ ...request(copyOf(nodes), output), freshLayout: true }).layoutReused, false);
    // The same boxes, one input swapped for another: the edges differ.
    const rewired = copyOf(nodes);
    const add = rewired.find(node => node.inputs.length === 2 && node.inputs[0] !== node.inputs[1] && node.kind === 'op');
    assert.ok(add);
    add.inputs = [add.inputs[0], add.inputs[0]];
    assert.strictEqual(buildScene(request(rewired, output)).layoutReused, false);
    buildScene(request(copyOf(nodes), output));
    const down = buildScene(request(copyOf(nodes), output, 'TB'));
    assert.strictEqual(down.layoutReused, false);
    assert.notDeepStrictEqual(down.placed, base.placed);
  });

  it('compares direction, sizes and edges position by position', () => {
    const input = { direction: 'LR' as const, sizes: [{ width: 10, height: 5 }, { width: 20, height: 5 }], edges: [{ from: 0, to: 1 }] };
    assert.ok(sameLayoutInput(input, { ...input, sizes: input.sizes.map(size => ({ ...size })), edges: [{ from: 0, to: 1 }] }));
    assert.ok(!sameLayoutInput(input, { ...input, direction: 'TB' }));
    assert.ok(!sameLayoutInput(input, { ...input, sizes: [{ width: 10, height: 5 }, { width: 21, height: 5 }] }));
    assert.ok(!sameLayoutInput(input, { ...input, sizes: [...input.sizes].reverse() }));
    assert.ok(!sameLayoutInput(input, { ...input, edges: [{ from: 1, to: 0 }] }));
    assert.ok(!sameLayoutInput(input, { ...input, edges: [] }));
    const cache = new LayoutCache();
    const first = cache.layout(input);
    const again = cache.layout({ ...input, sizes: input.sizes.map(size => ({ ...size })) });
    assert.deepStrictEqual([first.reused, again.reused], [false, true]);
    assert.strictEqual(again.layout, first.layout);
    // The bench asks for a fresh layout of the same input, to time the layout itself.
    const fresh = cache.layout(input, false);
    assert.strictEqual(fresh.reused, false);
    assert.notStrictEqual(fresh.layout, first.layout);
    assert.deepStrictEqual(fresh.layout, first.layout);
  });
});
