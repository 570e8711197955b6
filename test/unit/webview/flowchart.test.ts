import * as assert from 'assert';
import { escapeLabel, labelLines, truncate } from '../../../webview/graph/escape';
import { buildFlowchart, type GraphPalette } from '../../../webview/graph/flowchart';
import { foldGraph } from '../../../webview/graph/fold';
import { leafTex } from '../../../webview/tex';
import { lectureInspection, sumOfTanh } from './sample';

const PALETTE: GraphPalette = {
  none: { fill: '#000000', text: '#ffffff' }, border: '#888888', output: '#0000ff', fail: '#ff0000', kink: '#ffff00', pass: '#00ff00',
};

describe('webview mermaid flowchart', () => {
  it('draws (x + y) * z with values and gradients like draw_dot', () => {
    const inspection = lectureInspection();
    inspection.nodes[1].checkStatus = 'fail';
    const fold = foldGraph({ nodes: inspection.nodes, output: 4, limit: 150, expanded: new Set() });
    const chart = buildFlowchart(inspection.nodes, 4, fold, { direction: 'LR', digits: 5, palette: PALETTE });
    const lines = chart.text.split('\n');
    assert.strictEqual(lines[0], 'flowchart LR');
    assert.ok(lines.includes('  n0(["✓ x<br/>data -2.0000 | grad -4.0000"])'));
    assert.ok(lines.includes('  n1(["✗ y<br/>data 5.0000 | grad -4.0000"])'));
    assert.ok(lines.includes('  n2["+<br/>data 3.0000 | grad -4.0000"]'));
    assert.ok(lines.includes('  n4[["*' + ' (output)<br/>data -12.000 | grad 1.0000"]]'));
    for (const edge of ['n0 --> n2', 'n1 --> n2', 'n2 --> n4', 'n3 --> n4']) {
      assert.ok(lines.includes(`  ${edge}`), edge);
    }
    // |grad| on a log scale in quarter decades: 1 in [1, 1.78), 3 in [1.78, 3.16), 4 in [3.16, 5.62).
    assert.deepStrictEqual(chart.scale.steps.map(s => s.label), ['1 – 1.78', '1.78 – 3.16', '3.16 – 5.62']);
    assert.ok(lines.includes('  class n0,n1,n2 colour3'), chart.text);
    assert.ok(lines.includes('  class n3 colour2'));
    assert.ok(lines.includes('  class n4 colour1'));
    assert.ok(lines.includes('  class n1 fail'));
    assert.ok(lines.includes('  class n4 output'));
    assert.ok(lines.some(l => l.startsWith('  classDef fail stroke:#ff0000')));
    assert.deepStrictEqual(chart.boxes.get('n3'), { kind: 'node', id: 3 });
    const classLines = lines.filter(l => l.startsWith('  class '));
    assert.ok(classLines.findIndex(l => l.endsWith(' colour2')) < classLines.findIndex(l => l.endsWith(' pass')));
    assert.ok(classLines.findIndex(l => l.endsWith(' colour3')) < classLines.findIndex(l => l.endsWith(' fail')));
  });

  it('escapes quotes, hashes and markup but keeps Unicode', () => {
    assert.strictEqual(escapeLabel('a "b" #1 <i>&`'), 'a #34;b#34; #35;1 #60;i#62;#38;#96;');
    assert.strictEqual(escapeLabel('fa:fa-car'), 'fa:\u200Bfa-car');
    assert.strictEqual(escapeLabel('‖·‖ σ −'), '‖·‖ σ −');
    assert.strictEqual(escapeLabel('a\nb'), 'a b');
    assert.strictEqual(labelLines(['x[0]', 'f(y)']), 'x[0]<br/>f(y)');
    const long = truncate('x'.repeat(100), 10);
    assert.strictEqual(long, `${'x'.repeat(9)}…`);
    assert.strictEqual(truncate(`${'a'.repeat(8)}😀😀`, 10), `${'a'.repeat(8)}…`);
  });

  it('draws folded groups as one box with their count and no edges inside them', () => {
    const { nodes, output } = sumOfTanh(40);
    const fold = foldGraph({ nodes, output, limit: 30, expanded: new Set() });
    const chart = buildFlowchart(nodes, output, fold, { direction: 'TB', digits: 5, palette: PALETTE });
    const boxLines = chart.text.split('\n').filter(l => /^ {2}[ng]\d+[[({]/.test(l));
    assert.strictEqual(boxLines.length, fold.shown.length + fold.groups.length);
    const group = fold.groups[0];
    const boxId = chart.boxOfNode.get(group.members[0]);
    assert.ok(chart.text.includes(`${boxId}{{"⊞ ${group.title} sub-expression<br/>${group.members.length} nodes (click to expand)"}}`));
    const edges = chart.text.split('\n').filter(l => l.includes(' --> '));
    assert.ok(edges.every(e => { const [a, b] = e.trim().split(' --> '); return a !== b; }));
    assert.strictEqual(new Set(edges).size, edges.length);
  });

  it('marks nodes whose value or gradient is not finite', () => {
    const inspection = lectureInspection();
    inspection.nodes[2].grad = { shape: [], size: 1, data: [null], min: null, max: null, mean: null, norm: null, nonFinite: 1 };
    const fold = foldGraph({ nodes: inspection.nodes, output: 4, limit: 150, expanded: new Set() });
    const chart = buildFlowchart(inspection.nodes, 4, fold, { direction: 'LR', digits: 5, palette: PALETTE });
    assert.ok(chart.text.includes('  n2["+<br/>data 3.0000 | grad non-finite<br/>⚠ non-finite gradient"]'));
    assert.ok(chart.text.includes('  class n2 nonfinite'));
  });

  it('summarizes tensors by shape and norm', () => {
    const inspection = lectureInspection();
    inspection.nodes[0].value = { shape: [3, 2], size: 6, data: [1, 2, 3, 4, 5, 6], min: 1, max: 6, mean: 3.5, norm: Math.sqrt(91), nonFinite: 0 };
    inspection.nodes[0].grad = { ...inspection.nodes[0].value, norm: 1.2345678 };
    const fold = foldGraph({ nodes: inspection.nodes, output: 4, limit: 150, expanded: new Set() });
    const chart = buildFlowchart(inspection.nodes, 4, fold, { direction: 'LR', digits: 5, palette: PALETTE });
    assert.ok(chart.text.includes('n0(["✓ x<br/>data (3, 2) ‖·‖=9.539<br/>grad ‖·‖=1.235"])'));
  });
});

describe('webview derivative and constant labels', () => {
  it('writes leaf names as TeX subscripts where they look indexed', () => {
    assert.strictEqual(leafTex('w0'), 'w_{0}');
    assert.strictEqual(leafTex('x_12'), 'x_{12}');
    assert.strictEqual(leafTex('z'), 'z');
    assert.strictEqual(leafTex('b_hat'), '\\mathrm{b\\_hat}');
    assert.strictEqual(leafTex('a{b}\\c'), '\\mathrm{abc}');
  });

  it('shows a scalar constant by its label alone', () => {
    const inspection = lectureInspection();
    inspection.nodes[3] = { id: 3, kind: 'constant', op: 'constant', label: '2', inputs: [], value: { shape: [], size: 1, data: [2], min: 2, max: 2, mean: 2, norm: 2, nonFinite: 0 } };
    const fold = foldGraph({ nodes: inspection.nodes, output: 4, limit: 150, expanded: new Set() });
    const chart = buildFlowchart(inspection.nodes, 4, fold, { direction: 'LR', digits: 5, palette: PALETTE });
    assert.ok(chart.text.includes('  n3("2")'));
  });
});
