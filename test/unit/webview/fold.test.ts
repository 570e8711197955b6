import * as assert from 'assert';
import { cutPath, foldGraph, type FoldResult } from '../../../webview/graph/fold';
import type { WireNode } from '../../../src/protocol';
import { layeredModel, lectureInspection, sumOfTanh } from './sample';

/** Every node is shown or in exactly one group. */
function assertPartition(nodes: readonly WireNode[], fold: FoldResult): void {
  const seen = new Map<number, number>();
  for (const id of [...fold.shown, ...fold.groups.flatMap(g => g.members)]) {
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  assert.strictEqual(seen.size, nodes.length);
  assert.ok([...seen.values()].every(count => count === 1));
  assert.strictEqual(fold.foldedNodes, fold.groups.reduce((n, g) => n + g.members.length, 0));
}

describe('webview graph folding', () => {
  it('leaves a graph under the limit alone', () => {
    const inspection = lectureInspection();
    const fold = foldGraph({ nodes: inspection.nodes, output: 4, limit: 5, expanded: new Set() });
    assert.deepStrictEqual(fold.shown, [0, 1, 2, 3, 4]);
    assert.strictEqual(fold.groups.length, 0);
    assert.strictEqual(fold.message, '');
  });

  it('folds sub-expressions of a 600-node graph to within the limit and says so', () => {
    const { nodes, output } = sumOfTanh(86);
    assert.strictEqual(nodes.length, 601);
    const fold = foldGraph({ nodes, output, limit: 150, expanded: new Set() });
    assertPartition(nodes, fold);
    const boxes = fold.shown.length + fold.groups.length;
    assert.ok(boxes <= 150 && boxes > 100, `boxes ${boxes}`);
    assert.ok(fold.shown.includes(output));
    assert.ok(fold.groups.every(g => g.members.length > 1 && g.key.startsWith('sub:')));
    assert.strictEqual(fold.message, `Folded ${fold.foldedNodes} nodes into ${fold.groups.length} groups (limit 150); click a group to expand`);
  });

  it('opens an expanded group and keeps its root visible', () => {
    const { nodes, output } = sumOfTanh(40);
    const first = foldGraph({ nodes, output, limit: 20, expanded: new Set() });
    const biggest = [...first.groups].sort((a, b) => b.members.length - a.members.length)[0];
    const root = Number(biggest.key.slice(4));
    const second = foldGraph({ nodes, output, limit: 20, expanded: new Set([biggest.key]) });
    assertPartition(nodes, second);
    assert.ok(second.shown.includes(root));
    assert.ok(!second.groups.some(g => g.key === biggest.key));
  });

  it('puts a node shared by many consumers in exactly one group', () => {
    const shared: WireNode[] = [{ id: 0, kind: 'leaf', op: 'leaf', label: 'x', inputs: [], value: { shape: [], size: 1, min: 1, max: 1, mean: 1, norm: 1, nonFinite: 0 } }];
    for (let i = 1; i <= 30; i++) {
      shared.push({ ...shared[0], id: i, kind: 'op', op: 'sin', label: 'sin', inputs: [i === 1 ? 0 : i - 1, 0] });
    }
    const fold = foldGraph({ nodes: shared, output: 30, limit: 8, expanded: new Set() });
    assertPartition(shared, fold);
    assert.ok(fold.shown.length + fold.groups.length <= 8);
  });

  it('folds ONNX layers whole, largest first, until under the limit', () => {
    const { nodes, output } = layeredModel(40);
    const fold = foldGraph({ nodes, output, limit: 150, expanded: new Set() });
    assertPartition(nodes, fold);
    assert.ok(fold.shown.length + fold.groups.length <= 150);
    for (const group of fold.groups) {
      assert.ok(group.key.startsWith('layer:/layer'));
      assert.ok(group.members.every(id => nodes[id].group === group.title));
      assert.strictEqual(group.members.length, 5);
    }
    assert.strictEqual(fold.groups.length, 13);
    assert.strictEqual(fold.message, 'Folded 65 nodes into 13 groups (limit 150); click a group to expand');
  });

  it('keeps an expanded layer open', () => {
    const { nodes, output } = layeredModel(40);
    const fold = foldGraph({ nodes, output, limit: 150, expanded: new Set(['layer:/layer0']) });
    assert.ok(!fold.groups.some(g => g.key === 'layer:/layer0'));
    assert.ok([1, 2, 3, 4, 5].every(id => fold.shown.includes(id)));
  });

  it('falls back to sub-expressions when even folded layers exceed the limit', () => {
    const { nodes, output } = layeredModel(40);
    const fold = foldGraph({ nodes, output, limit: 20, expanded: new Set() });
    assertPartition(nodes, fold);
    assert.ok(fold.shown.length + fold.groups.length <= 20);
    assert.ok(fold.groups.every(g => g.key.startsWith('sub:')));
  });

  it('cuts module and call paths by parts, keeping a leading slash', () => {
    assert.strictEqual(cutPath('layers.0.attn', 1), 'layers');
    assert.strictEqual(cutPath('layers.0.attn', 2), 'layers.0');
    assert.strictEqual(cutPath('layers.0.attn', 3), 'layers.0.attn');
    assert.strictEqual(cutPath('two_layer/affine_forward', 1), 'two_layer');
    assert.strictEqual(cutPath('/layer0', 1), '/layer0');
  });

  it('folds a deep model at the deepest module level that fits: 200 layers read as their 10 blocks', () => {
    const { nodes, output } = layeredModel(200);
    const deep = nodes.map(n => (n.group === undefined ? n : { ...n, group: `blocks.${Math.floor(Number(n.group.slice('/layer'.length)) / 20)}.layer.${n.group.slice('/layer'.length)}` }));
    const fold = foldGraph({ nodes: deep, output, limit: 100, expanded: new Set() });
    assertPartition(deep, fold);
    assert.deepStrictEqual(fold.groups.map(g => g.title), Array.from({ length: 10 }, (_, b) => `blocks.${b}.layer`));
    assert.ok(fold.groups.every(g => g.members.length === 100), fold.groups.map(g => g.members.length).join(','));
    // With room for them, the layers themselves are the groups: 1,002 boxes less 4 per folded layer.
    const roomy = foldGraph({ nodes: deep, output, limit: 600, expanded: new Set() });
    assert.strictEqual(roomy.groups.length, 101);
    assert.ok(roomy.groups.every(g => /^blocks\.\d+\.layer\.\d+$/.test(g.title)), roomy.groups.slice(0, 3).map(g => g.title).join(','));
  });

  it('opens a group of a model too deep to fold below its top level one module level at a time', () => {
    // 300 blocks of 4 modules of 5 nodes: even the 300 blocks are over the limit, so all fold into "blocks".
    const { nodes, output } = layeredModel(1200);
    const deep = nodes.map(n => {
      const layer = n.group === undefined ? NaN : Number(n.group.slice('/layer'.length));
      return n.group === undefined ? n : { ...n, group: `blocks.${Math.floor(layer / 4)}.m${layer % 4}` };
    });
    const closed = foldGraph({ nodes: deep, output, limit: 100, expanded: new Set() });
    assert.deepStrictEqual(closed.groups.map(g => g.title), ['blocks']);
    const blocks = foldGraph({ nodes: deep, output, limit: 100, expanded: new Set(['layer:blocks']) });
    assertPartition(deep, blocks);
    assert.strictEqual(blocks.groups.length, 300);
    assert.ok(blocks.groups.every((g, b) => g.title === `blocks.${b}` && g.members.length === 20));
    assert.strictEqual(blocks.message, 'Folded 6000 nodes into 300 groups (limit 100); click a group to expand. 302 boxes shown, above the limit of 100 (expanded groups stay open)');
    const block = foldGraph({ nodes: deep, output, limit: 100, expanded: new Set(['layer:blocks', 'layer:blocks.7']) });
    assertPartition(deep, block);
    assert.deepStrictEqual(block.groups.filter(g => g.title.startsWith('blocks.7.')).map(g => g.title), ['blocks.7.m0', 'blocks.7.m1', 'blocks.7.m2', 'blocks.7.m3']);
    const module = foldGraph({ nodes: deep, output, limit: 100, expanded: new Set(['layer:blocks', 'layer:blocks.7', 'layer:blocks.7.m2']) });
    assertPartition(deep, module);
    const opened = deep.filter(n => n.group === 'blocks.7.m2').map(n => n.id);
    assert.strictEqual(opened.length, 5);
    assert.ok(opened.every(id => module.shown.includes(id)));
    assert.strictEqual(module.groups.length, 299 + 3);
  });
});
