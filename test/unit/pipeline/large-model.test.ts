// Issue #12's model with 10⁵ engine nodes, end to end in Node: 3,400 pre-norm residual blocks
// (test/support/deep-model.ts) import, run forward and backward, pass a fast-mode check, and go to
// the panel as a message of node summaries; the node the panel shows comes with its entries on
// request. A small model still sends every node's entries.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { parseFromWebview } from '../../../src/extension/panel-messages';
import { inspect, Inspection } from '../../../src/inspect';
import { DEFAULT_MAX_NODES_WITH_DETAIL, toWireInspection, toWireNodeDetail } from '../../../src/wire';
import { validateMessage } from '../../../webview/messages';
import { DEEP_MODEL, deepModelBytes } from '../../support/deep-model';

async function inspectDeep(blocks: number, check: boolean): Promise<Inspection> {
  const bytes = deepModelBytes({ ...DEEP_MODEL, blocks });
  return inspect({ kind: 'onnx', bytes, fileName: 'deep.onnx' }, { check: check ? { sampleCount: 4 } : false });
}

describe('a model of 10⁵ engine nodes', function () {
  // Building and checking 10⁵ nodes takes seconds on a shared machine; `npm run bench` times it.
  this.timeout(180_000);

  it('imports, differentiates and checks in fast mode; the panel gets node summaries and one node\'s entries on request', async () => {
    const inspection = await inspectDeep(DEEP_MODEL.blocks, true);
    assert.ok(inspection.order.length >= 100_000, `${inspection.order.length} engine nodes`);
    assert.strictEqual(inspection.check?.mode, 'fast');
    assert.strictEqual(inspection.check?.passed, true, JSON.stringify(inspection.check?.counts));
    assert.strictEqual(inspection.check?.directional?.status, 'pass');
    // Every block's residual stream reaches the loss: the first block's weights have a gradient.
    const first = inspection.graph.nodes.find(n => n.name === 'blocks.0.fc1.weight');
    assert.ok(first?.grad !== undefined && first.grad.data.some(v => v !== 0), 'no gradient reaches the first block');

    const wire = toWireInspection(inspection, 'deep.onnx');
    assert.strictEqual(wire.nodes.length, inspection.order.length);
    assert.strictEqual(wire.nodeDetailOnRequestAbove, DEFAULT_MAX_NODES_WITH_DETAIL);
    assert.ok(wire.nodes.every(n => n.value.data === undefined && n.value.distribution === undefined && n.grad?.data === undefined));
    assert.ok(wire.notes.some(note => /the panel receives each node's summary, and a node's entries when it is shown/.test(note)), JSON.stringify(wire.notes));
    const megabytes = JSON.stringify(wire).length / 1e6;
    // Entries and histograms of every node made it 114 MB; summaries are what the graph colours by.
    assert.ok(megabytes < 60, `the panel's message is ${megabytes.toFixed(1)} MB`);

    const weight = wire.nodes.find(n => n.name === 'blocks.3399.fc2.weight');
    assert.ok(weight, 'no blocks.3399.fc2.weight');
    const detail = toWireNodeDetail(inspection, weight.id);
    const leaf = inspection.graph.nodes[weight.id];
    assert.deepStrictEqual(detail?.value.data, Array.from(leaf.value?.data ?? []));
    assert.deepStrictEqual(detail?.grad?.data, Array.from(leaf.grad?.data ?? []));
    assert.strictEqual(detail?.value.norm, weight.value.norm);
    assert.strictEqual(toWireNodeDetail(inspection, inspection.graph.nodes.length + 5), undefined);
  });

  it('a model of 100 blocks (about 3,000 nodes) still sends every node\'s entries', async () => {
    const inspection = await inspectDeep(100, false);
    const wire = toWireInspection(inspection, 'deep.onnx');
    assert.ok(wire.nodes.length > 2500 && wire.nodes.length <= DEFAULT_MAX_NODES_WITH_DETAIL, `${wire.nodes.length} nodes`);
    assert.strictEqual(wire.nodeDetailOnRequestAbove, undefined);
    assert.ok(wire.nodes.every(n => n.value.data !== undefined));
  });

  it('the node limit and the memory budget refuse it while it is built, naming the node and the setting', async () => {
    const bytes = deepModelBytes(DEEP_MODEL);
    await assert.rejects(inspect({ kind: 'onnx', bytes, fileName: 'deep.onnx' }, { check: false, maxNodes: 50_000 }), (e: unknown) => {
      assert.ok(e instanceof InspectError && e.kind === 'limit', String(e));
      assert.match(e.message, /the graph needs more than 50,000 nodes, over the limit; raise it with gradientInspector\.limits\.maxNodes \(CLI: --max-nodes\)/);
      assert.match(String(e.node), /^\/blocks\.\d+\/.* \(\w+\)$/);
      return true;
    });
    await assert.rejects(inspect({ kind: 'onnx', bytes, fileName: 'deep.onnx' }, { check: false, memoryMiB: 64 }), (e: unknown) => {
      assert.ok(e instanceof InspectError && e.kind === 'limit', String(e));
      assert.match(e.message, /over the memory budget of 64 MiB/);
      return true;
    });
  });

  it('the panel and the host accept the detail messages only when well formed', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'requestNodeDetail', nodeId: 7 }), { type: 'requestNodeDetail', nodeId: 7 });
    for (const nodeId of [-1, 1.5, '7', undefined]) {
      assert.strictEqual(parseFromWebview({ type: 'requestNodeDetail', nodeId }), undefined, String(nodeId));
    }
    const value = { shape: [2], size: 2, data: [1, -2], min: -2, max: 1, mean: -0.5, norm: Math.sqrt(5), nonFinite: 0 };
    const ok = validateMessage({ type: 'nodeDetail', nodeId: 3, value });
    assert.deepStrictEqual(ok, { kind: 'ok', message: { type: 'nodeDetail', nodeId: 3, value } });
    const bad = validateMessage({ type: 'nodeDetail', nodeId: 3, value, grad: { ...value, data: ['x'] } });
    assert.deepStrictEqual(bad, { kind: 'malformed', reason: 'node 3 gradient.data is not a list of numbers' });
  });
});
