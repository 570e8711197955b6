// The element type a model file stores each weight and input in travels with the inspection: on the
// graph's leaves, in the panel's wire nodes (graph text and values table) and in the CLI's --json.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { inspect } from '../../../src/inspect';
import { cliJson } from '../../../src/cli-json';
import { toWireInspection } from '../../../src/wire';
import { inspectionProblem } from '../../../webview/messages';
import { nodeLabelLines } from '../../../webview/graph/flowchart';
import { valuesTable } from '../../../webview/tables';
import { FIXTURES } from '../fixtures';

async function inspectFixture(name: string): Promise<Awaited<ReturnType<typeof inspect>>> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'onnx', name)));
  return inspect({ kind: 'onnx', bytes, fileName: name }, { check: false });
}

describe('stored element types of model leaves', () => {
  for (const [file, dtype] of [['mlp_bfloat16.onnx', 'bfloat16'], ['mlp_float16.onnx', 'float16'], ['mlp_float64.onnx', 'float64'], ['mlp_relu.onnx', 'float32']]) {
    it(`${file}: every weight and the input are ${dtype}, the computed nodes have no stored type`, async () => {
      const inspection = await inspectFixture(file);
      const leaves = inspection.leaves.map(l => [l.name, l.dtype]);
      assert.ok(leaves.length >= 5, JSON.stringify(leaves));
      assert.deepStrictEqual(leaves.filter(([, t]) => t !== dtype), [], 'leaves of another type');
      assert.ok(inspection.order.map(id => inspection.graph.nodes[id]).filter(n => n.kind === 'op').every(n => n.dtype === undefined));
    });
  }

  it('is shown in the graph text and the values table, and sent in --json', async () => {
    const inspection = await inspectFixture('mlp_bfloat16.onnx');
    const wire = toWireInspection(inspection, 'mlp_bfloat16.onnx');
    const input = wire.nodes.find(n => n.name === 'input');
    assert.ok(input);
    assert.strictEqual(input.dtype, 'bfloat16');
    const [title, data] = nodeLabelLines(input, 3, false);
    assert.strictEqual(title, 'input');
    assert.match(data, /^data bfloat16 \(2, 4\) ‖·‖=\d/);
    const row = valuesTable(wire, 3).rows.find(r => r[1].startsWith('leaf input'));
    assert.strictEqual(row?.[1], 'leaf input · bfloat16');
    const json = cliJson(inspection);
    const weights = json.graph.nodes.filter(n => n.kind === 'leaf').map(n => `${n.name}:${n.dtype}`).sort();
    assert.deepStrictEqual(weights, ['0.bias:bfloat16', '0.weight:bfloat16', '2.bias:bfloat16', '2.weight:bfloat16', 'input:bfloat16']);
  });

  it('the panel refuses a dtype that is not text', async () => {
    const wire = toWireInspection(await inspectFixture('mlp_float16.onnx'), 'mlp_float16.onnx');
    const broken = JSON.parse(JSON.stringify(wire)) as Record<string, unknown> & { nodes: Record<string, unknown>[] };
    broken.nodes[0].dtype = 16;
    assert.strictEqual(inspectionProblem(wire), undefined);
    assert.match(String(inspectionProblem(broken)), /nodes\[0\]\.dtype is not text/);
  });
});
