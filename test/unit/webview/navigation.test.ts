// Pan and zoom transforms (webview/graph/viewport.ts), the path from a box to the output
// (paths.ts), and find (find.ts).
import * as assert from 'assert';
import { findBoxes, stepMatch } from '../../../webview/graph/find';
import type { FlowBox, FlowEdge } from '../../../webview/graph/flowchart';
import { pathToOutput } from '../../../webview/graph/paths';
import {
  centreOn, FIT_MARGIN, firstView, fitTransform, isInView, MAX_SCALE, MIN_FIRST_VIEW_SCALE, toScreen, toWorld, zoomAround,
} from '../../../webview/graph/viewport';

function near(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual}, expected ${expected}`);
}

describe('webview graph viewport', () => {
  it('fits a wide drawing to a narrow side column, centred, output in view', () => {
    const t = fitTransform({ width: 1000, height: 200 }, { width: 300, height: 600 });
    near(t.scale, (300 - 2 * FIT_MARGIN) / 1000, 'scale');
    near(t.x, FIT_MARGIN, 'x');
    near(t.y, (600 - 200 * t.scale) / 2, 'y');
    assert.ok(isInView(t, { width: 300, height: 600 }, { x: 970, y: 100, width: 60, height: 40 }));
  });

  it('never enlarges a small drawing past natural size', () => {
    assert.strictEqual(fitTransform({ width: 100, height: 50 }, { width: 800, height: 600 }).scale, 1);
  });

  it('zooms around the cursor: the point under it stays put', () => {
    const t = { scale: 0.5, x: 10, y: 20 };
    const cursor = { x: 120, y: 80 };
    const before = toWorld(t, cursor);
    const zoomed = zoomAround(t, 2, cursor);
    near(zoomed.scale, 1, 'scale');
    const after = toScreen(zoomed, before);
    near(after.x, cursor.x, 'x');
    near(after.y, cursor.y, 'y');
    assert.strictEqual(zoomAround(t, 1e6, cursor).scale, MAX_SCALE);
  });

  it('centres a point', () => {
    const t = centreOn({ scale: 2, x: 0, y: 0 }, { x: 50, y: 30 }, { width: 400, height: 200 });
    const screen = toScreen(t, { x: 50, y: 30 });
    near(screen.x, 200, 'x');
    near(screen.y, 100, 'y');
  });

  it('starts a huge drawing on its output at a readable scale instead of a smear', () => {
    const view = { width: 400, height: 300 };
    const output = { x: 39_900, y: 5_000 };
    const t = firstView({ width: 40_000, height: 10_000 }, view, output);
    near(t.scale, MIN_FIRST_VIEW_SCALE, 'scale');
    assert.ok(isInView(t, view, { ...output, width: 100, height: 40 }));
  });
});

function box(id: string, lines: string[], op?: string): FlowBox {
  return { id, target: { kind: 'node', id: Number(id.slice(1)) }, shape: 'op', lines, op, classes: [], style: { fill: '', stroke: '', text: '', strokeWidth: 1 } };
}

describe('webview graph path and find', () => {
  // x → add ← y; add → mul ← z; w → unused (not on any path to the output).
  const edges: FlowEdge[] = [
    { from: 'n0', to: 'n2', count: 1 }, { from: 'n1', to: 'n2', count: 1 }, { from: 'n2', to: 'n4', count: 1 },
    { from: 'n3', to: 'n4', count: 1 }, { from: 'n5', to: 'n6', count: 1 },
  ];

  it('highlights the boxes and edges from a leaf to the output', () => {
    const path = pathToOutput(edges, 'n0', 'n4');
    assert.deepStrictEqual([...path.boxes].sort(), ['n0', 'n2', 'n4']);
    assert.deepStrictEqual([...path.edges].sort(), [0, 2]);
  });

  it('highlights only the box itself when it does not reach the output', () => {
    const path = pathToOutput(edges, 'n5', 'n4');
    assert.deepStrictEqual([...path.boxes], ['n5']);
    assert.strictEqual(path.edges.size, 0);
  });

  it('follows every branch of a diamond', () => {
    const diamond: FlowEdge[] = [{ from: 'a', to: 'b', count: 1 }, { from: 'a', to: 'c', count: 1 }, { from: 'b', to: 'd', count: 1 }, { from: 'c', to: 'd', count: 1 }];
    assert.deepStrictEqual([...pathToOutput(diamond, 'a', 'd').boxes].sort(), ['a', 'b', 'c', 'd']);
  });

  it('finds boxes by name or op, case-insensitively, in reading order', () => {
    const boxes = [box('n0', ['x', 'data 1']), box('n1', ['Gemm', 'fc2'], 'matmul'), box('n2', ['Gemm', 'fc1'], 'matmul'), box('n3', ['relu'], 'relu')];
    const positions = [{ x: 0, y: 0 }, { x: 300, y: 0 }, { x: 100, y: 50 }, { x: 200, y: 0 }];
    assert.deepStrictEqual(findBoxes('gemm', boxes, positions, 'LR'), [2, 1]);
    assert.deepStrictEqual(findBoxes('MATMUL', boxes, positions, 'LR'), [2, 1]);
    assert.deepStrictEqual(findBoxes('fc1', boxes, positions, 'LR'), [2]);
    assert.deepStrictEqual(findBoxes('  ', boxes, positions, 'LR'), []);
    assert.deepStrictEqual(findBoxes('gemm', boxes, [{ x: 0, y: 0 }, { x: 0, y: 10 }, { x: 0, y: 5 }, { x: 0, y: 1 }], 'TB'), [2, 1]);
  });

  it('steps through matches with wrap-around', () => {
    assert.strictEqual(stepMatch(undefined, 3, 1), 0);
    assert.strictEqual(stepMatch(undefined, 3, -1), 2);
    assert.strictEqual(stepMatch(2, 3, 1), 0);
    assert.strictEqual(stepMatch(0, 3, -1), 2);
    assert.strictEqual(stepMatch(0, 0, 1), undefined);
  });
});
