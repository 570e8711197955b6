// From an inspection to a laid-out scene (webview/graph/scene.ts): box sizes from the measured
// font, bundled edges between folded groups, one structured flowchart for mermaid and our drawing.
import * as assert from 'assert';
import { logStepScale } from '../../../webview/colour-scale';
import { resolveBoxStyle } from '../../../webview/graph/box-style';
import { bundledEdges, type GraphPalette } from '../../../webview/graph/flowchart';
import { boxSize, BOX_PADDING, buildScene, type SceneRequest } from '../../../webview/graph/scene';
import { lineWidth, monospaceWidths } from '../../../webview/graph/text-width';
import { layeredModel, lectureInspection, sumOfTanh } from './sample';

const PALETTE: GraphPalette = {
  none: { fill: '#000000', text: '#ffffff' }, border: '#888888', output: '#0000ff', fail: '#ff0000', kink: '#ffff00', pass: '#00ff00',
};

function request(nodes: SceneRequest['nodes'], output: number, limit: number, expanded: string[] = []): SceneRequest {
  return { generation: 7, nodes, output, limit, expanded, direction: 'LR', view: { width: 800, height: 600 }, digits: 5, palette: PALETTE, colourBy: 'gradient', metrics: monospaceWidths(7, 18) };
}

describe('webview graph scene', () => {
  it('sizes boxes from the font table: widest line plus padding, one line height per line', () => {
    const metrics = { widths: { a: 5, b: 9 }, fallback: 11, lineHeight: 16 };
    assert.strictEqual(lineWidth('ab?', metrics), 5 + 9 + 11);
    const size = boxSize(['ab', 'a'], 'op', metrics);
    assert.deepStrictEqual(size, { width: 14 + 2 * BOX_PADDING.x, height: 2 * 16 + 2 * BOX_PADDING.y });
    // A stadium's rounded ends take half its height from the label.
    assert.strictEqual(boxSize(['ab', 'a'], 'leaf', metrics).width, size.width + size.height / 2);
  });

  it('lays out the lecture graph: five boxes, four edges, output last along the flow', () => {
    const inspection = lectureInspection();
    const scene = buildScene(request(inspection.nodes, 4, 1000));
    assert.strictEqual(scene.generation, 7);
    assert.deepStrictEqual(scene.flowchart.shapes.map(b => b.id).sort(), ['n0', 'n1', 'n2', 'n3', 'n4']);
    assert.strictEqual(scene.flowchart.edges.length, 4);
    assert.strictEqual(scene.outputBox, 'n4');
    const output = scene.placed[scene.flowchart.shapes.findIndex(b => b.id === 'n4')];
    for (const place of scene.placed) {
      assert.ok(place.x <= output.x, 'a box lies right of the output');
    }
    assert.strictEqual(scene.flowchart.shapes.find(b => b.id === 'n4')?.shape, 'output');
    assert.strictEqual(scene.flowchart.shapes.find(b => b.id === 'n0')?.shape, 'leaf');
    assert.strictEqual(scene.routes.length, 4);
  });

  it('bundles the edges between folded groups into one per pair, with its count, in both forms', () => {
    const { nodes, output } = layeredModel(30);
    const scene = buildScene(request(nodes, output, 40));
    assert.ok(scene.groupCount > 0, 'nothing folded');
    const pairs = scene.flowchart.edges.map(e => `${e.from}>${e.to}`);
    assert.strictEqual(new Set(pairs).size, pairs.length, 'two edges for one pair of boxes');
    // Each folded layer takes the previous layer's relu once: one edge of count 1 between groups, and
    // the counts add up to every node edge between different boxes.
    const nodeEdges = nodes.reduce((sum, n) => sum + n.inputs.length, 0);
    const inside = nodes.reduce((sum, n) => sum + n.inputs.filter(i => scene.flowchart.boxOfNode.get(i) === scene.flowchart.boxOfNode.get(n.id)).length, 0);
    assert.strictEqual(scene.flowchart.edges.reduce((sum, e) => sum + e.count, 0), nodeEdges - inside);
  });

  it('counts repeated node edges between the same two boxes', () => {
    const boxOf = new Map([[0, 'g0'], [1, 'g0'], [2, 'n2'], [3, 'n3']]);
    const nodes = [
      { id: 0, inputs: [] }, { id: 1, inputs: [0] }, { id: 2, inputs: [0, 1] }, { id: 3, inputs: [2, 2] },
    ] as unknown as Parameters<typeof bundledEdges>[0];
    assert.deepStrictEqual(bundledEdges(nodes, boxOf), [{ from: 'g0', to: 'n2', count: 2 }, { from: 'n2', to: 'n3', count: 2 }]);
  });

  it('writes bundled counts into the mermaid text and folds a 10,000-node graph to the limit', () => {
    const { nodes, output } = sumOfTanh(1500);
    assert.ok(nodes.length > 10_000);
    const scene = buildScene(request(nodes, output, 1000));
    assert.ok(scene.flowchart.shapes.length <= 1000, `${scene.flowchart.shapes.length} boxes`);
    assert.ok(scene.foldedNodes > 0);
    const counted = scene.flowchart.edges.filter(e => e.count > 1);
    for (const edge of counted) {
      assert.ok(scene.flowchart.text.includes(`  ${edge.from} -->|${edge.count}| ${edge.to}`), `${edge.from} → ${edge.to} ×${edge.count}`);
    }
  });

  it('picks the direction that shows the whole graph larger when the direction is auto', () => {
    const { nodes, output } = layeredModel(8);
    const scale = (scene: { width: number; height: number }, view: { width: number; height: number }): number =>
      Math.min(view.width / scene.width, view.height / scene.height);
    const across = buildScene({ ...request(nodes, output, 1000), direction: 'LR' });
    const down = buildScene({ ...request(nodes, output, 1000), direction: 'TB' });
    for (const view of [{ width: 300, height: 900 }, { width: 1600, height: 300 }]) {
      const auto = buildScene({ ...request(nodes, output, 1000), direction: 'auto', view });
      const best = scale(down, view) > scale(across, view) ? 'TB' : 'LR';
      assert.strictEqual(auto.flowchart.direction, best, JSON.stringify(view));
      assert.ok(auto.flowchart.text.startsWith(`flowchart ${best}`));
    }
    // A chain of eight layers is long: top to bottom in a tall column, left to right in a wide strip.
    assert.strictEqual(buildScene({ ...request(nodes, output, 1000), direction: 'auto', view: { width: 300, height: 900 } }).flowchart.direction, 'TB');
    assert.strictEqual(buildScene({ ...request(nodes, output, 1000), direction: 'auto', view: { width: 1600, height: 300 } }).flowchart.direction, 'LR');
  });

  it('styles a box as its classes say, status over colour step', () => {
    const steps = logStepScale([0.01, 1]).steps;
    const style = resolveBoxStyle(['fail', 'colour2', 'leaf'], PALETTE, steps);
    assert.deepStrictEqual(style, { fill: steps[1].swatch.fill, stroke: '#ff0000', text: steps[1].swatch.text, strokeWidth: 3 });
    assert.deepStrictEqual(resolveBoxStyle(['colour0'], PALETTE, steps), { fill: '#000000', stroke: '#888888', text: '#ffffff', strokeWidth: 1 });
    assert.strictEqual(resolveBoxStyle(['colour0', 'kink'], PALETTE, steps).dash, '5 3');
  });
});
