import * as assert from 'assert';
import type { WireNode } from '../../../src/protocol';
import { buildFlowchart, type GraphPalette } from '../../../webview/graph/flowchart';
import { foldGraph } from '../../../webview/graph/fold';
import { mergeByOrigin, parseOrigin } from '../../../webview/graph/merge';
import { gemmReluGemmInspection, lectureInspection, scalar } from './sample';

const PALETTE: GraphPalette = {
  none: { fill: '#000000', text: '#ffffff' }, border: '#888888', output: '#0000ff', fail: '#ff0000', kink: '#ffff00', pass: '#00ff00',
};

function chartOf(nodes: readonly WireNode[], output: number, limit = 150) {
  const merged = mergeByOrigin(nodes, output);
  const fold = foldGraph({ nodes: merged.nodes, output: merged.output, limit, expanded: new Set() });
  return { merged, fold, chart: buildFlowchart(merged.nodes, merged.output, fold, { direction: 'LR', digits: 5, palette: PALETTE }) };
}

const boxLines = (text: string): string[] => text.split('\n').filter(l => /^ {2}[ng]\d+[[({]/.test(l));
const edgeLines = (text: string): string[] => text.split('\n').filter(l => l.includes(' --> ')).map(l => l.trim());

describe('webview model graph: one box per ONNX node', () => {
  it('draws Gemm → Relu → Gemm as its three ONNX nodes, the loss and the five leaves', () => {
    const inspection = gemmReluGemmInspection();
    const { chart } = chartOf(inspection.nodes, inspection.output);
    assert.deepStrictEqual(boxLines(chart.text).map(l => /^ {2}(n\d+)/.exec(l)?.[1]), ['n0', 'n1', 'n2', 'n3', 'n4', 'n7', 'n8', 'n11', 'n15']);
    assert.deepStrictEqual(edgeLines(chart.text).sort(), [
      'n0 --> n7', 'n1 --> n7', 'n11 --> n15', 'n2 --> n11', 'n3 --> n11', 'n4 --> n7', 'n7 --> n8', 'n8 --> n11',
    ]);
  });

  it('shows each box with its op type, node name and the value and gradient of its output node', () => {
    const inspection = gemmReluGemmInspection();
    const { merged, chart } = chartOf(inspection.nodes, inspection.output);
    const lines = chart.text.split('\n');
    // ‖[2.6, 1.3]‖ = 2.907 is the add's value; the matmul's [2.5, 1.5] would give 2.915.
    assert.ok(lines.includes('  n7["Gemm<br/>/0/Gemm<br/>data (1, 2) ‖·‖=2.907<br/>grad ‖·‖=2.530"]'), chart.text);
    // y = −0.8 after the bias, −1.3 before it.
    assert.ok(lines.includes('  n11["Gemm<br/>/2/Gemm<br/>data -0.80000 | grad -0.80000"]'), chart.text);
    assert.ok(lines.includes('  n8["Relu<br/>/1/Relu<br/>data (1, 2) ‖·‖=2.907<br/>grad ‖·‖=2.530"]'), chart.text);
    assert.ok(lines.includes('  n15[["L2Loss (output)<br/>loss<br/>data 0.32000 | grad 1.0000"]]'), chart.text);
    assert.ok(lines.includes('  n3(["✓ 2.bias<br/>data 0.50000 | grad -0.80000"])'), chart.text);
    const gemm = merged.nodes.find(n => n.id === 11);
    assert.deepStrictEqual(gemm?.value, inspection.nodes[11].value);
    assert.deepStrictEqual(gemm?.grad, inspection.nodes[11].grad);
    assert.strictEqual(merged.output, 15);
    // |grad| colours, quarter decades: W0 (n0) with 5.657 in the top step, the input's (n4)
    // ‖[4.4, 1.4]‖ = 4.617 one below, the second bias's 0.8 at the bottom.
    const colourOf = (box: string): string | undefined => lines.map(l => /^ {2}class (\S+) (colour\d+)$/.exec(l))
      .find(m => m !== null && m[1].split(',').includes(box))?.[2];
    assert.deepStrictEqual(chart.scale.steps.map(s => s.label), ['0.562 – 1', '1 – 1.78', '1.78 – 3.16', '3.16 – 5.62', '5.62 – 10']);
    assert.strictEqual(colourOf('n0'), 'colour5', chart.text);
    assert.strictEqual(colourOf('n4'), 'colour4');
    assert.strictEqual(colourOf('n7'), 'colour3');
    assert.strictEqual(colourOf('n3'), 'colour1');
    assert.strictEqual(colourOf('n15'), 'colour2');
  });

  it('points every engine node at the box that shows it, for clicks and highlights', () => {
    const inspection = gemmReluGemmInspection();
    const { merged, chart } = chartOf(inspection.nodes, inspection.output);
    const boxOf = (id: number): string | undefined => chart.boxOfNode.get(merged.shownAs.get(id) ?? id);
    assert.deepStrictEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0].map(boxOf),
      ['n7', 'n7', 'n7', 'n8', 'n11', 'n11', 'n11', 'n15', 'n15', 'n15', 'n15', 'n0']);
    assert.deepStrictEqual(chart.boxes.get('n7'), { kind: 'node', id: 7 });
  });

  it('compares the number of ONNX nodes, not engine nodes, with the limit, and folds layers on top', () => {
    const inspection = gemmReluGemmInspection();
    assert.deepStrictEqual(chartOf(inspection.nodes, inspection.output, 9).fold.groups, []);
    const { fold, chart } = chartOf(inspection.nodes, inspection.output, 7);
    assert.deepStrictEqual(fold.groups.map(g => [g.key, g.members]), [['layer:0', [0, 1, 7]]]);
    assert.strictEqual(fold.message, 'Folded 3 nodes into 1 group (limit 7); click a group to expand');
    assert.strictEqual(boxLines(chart.text).length, 7);
    assert.ok(edgeLines(chart.text).includes('g0 --> n8'), chart.text);
    assert.ok(edgeLines(chart.text).includes('n4 --> g0'), chart.text);
  });

  it('hides a constant feeding one ONNX node and keeps one shared by two', () => {
    const inspection = gemmReluGemmInspection();
    const scale: WireNode = { id: 16, kind: 'constant', op: 'constant', label: '2', inputs: [], value: scalar(2), group: '0' };
    const nodes = [scale, ...inspection.nodes.map(n => n.id === 7 ? { ...n, inputs: [6, 1, 16] } : n)];
    assert.deepStrictEqual(chartOf(nodes, 15).merged.shownAs.get(16), 7);
    assert.ok(!boxLines(chartOf(nodes, 15).chart.text).some(l => l.startsWith('  n16')));
    const shared = nodes.map(n => n.id === 11 ? { ...n, inputs: [10, 3, 16] } : n);
    const { merged, chart } = chartOf(shared, 15);
    assert.strictEqual(merged.shownAs.get(16), 16);
    assert.ok(boxLines(chart.text).includes('  n16("2")'));
    assert.deepStrictEqual(edgeLines(chart.text).filter(e => e.startsWith('n16')).sort(), ['n16 --> n11', 'n16 --> n7']);
  });

  it('leaves text expressions, which have no origin, unchanged', () => {
    const inspection = lectureInspection();
    const merged = mergeByOrigin(inspection.nodes, inspection.output);
    assert.deepStrictEqual(merged.nodes, inspection.nodes);
    assert.strictEqual(merged.output, 4);
  });

  it('splits an origin into node name and op type, and shows other origins as they are', () => {
    assert.deepStrictEqual(parseOrigin('/0/Gemm (Gemm)'), { name: '/0/Gemm', opType: 'Gemm' });
    assert.deepStrictEqual(parseOrigin('fc (1) (MatMul)'), { name: 'fc (1)', opType: 'MatMul' });
    assert.strictEqual(parseOrigin('/layer0/MatMul'), undefined);
    const other = gemmReluGemmInspection().nodes.map(n => n.origin === '/1/Relu (Relu)' ? { ...n, origin: '/1/Relu' } : n);
    assert.ok(boxLines(chartOf(other, 15).chart.text).includes('  n8["Relu<br/>/1/Relu<br/>data (1, 2) ‖·‖=2.907<br/>grad ‖·‖=2.530"]'));
  });
});
