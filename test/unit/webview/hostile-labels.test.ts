// Labels made from file text (ONNX node and initializer names, layer names) in the mermaid flowchart:
// none can close its node's quoted string, start a statement (`click`, `classDef`, `style`), add a
// `%%{init}%%` directive or a `%%` comment, or carry markup; each box is one line of the chart.
import * as assert from 'assert';
import type { WireNode } from '../../../src/protocol';
import { escapeLabel } from '../../../webview/graph/escape';
import { buildFlowchart, type GraphPalette } from '../../../webview/graph/flowchart';
import { foldGraph } from '../../../webview/graph/fold';
import { lectureInspection } from './sample';

const PALETTE: GraphPalette = {
  none: { fill: '#000000', text: '#ffffff' }, border: '#888888', output: '#0000ff', fail: '#ff0000', kink: '#ffff00', pass: '#00ff00',
};

const HOSTILE = [
  'W"]\n  click n0 call alert(1)\n  n9["x',
  'a"];click n0 href "javascript:alert(1)";n8["',
  '%%{init: {"securityLevel": "loose", "theme": "base"}}%%',
  "%%{init: {'flowchart': {'htmlLabels': true}}}%%",
  'x %% the rest of the line is a comment',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">link</a>',
  'fa:fa-car `b` &amp; #60; \\"',
  'line\u2028separator\u2029par\u0085nel\rcr\u001b[2J\u202ebidi',
];

/** The nodes of the lecture graph, every label, name and origin replaced by hostile text. */
function hostileNodes(text: string): WireNode[] {
  return lectureInspection().nodes.map(node => ({ ...node, label: `${text} ${node.id}`, name: node.name === undefined ? undefined : text, origin: `${text} (Mul)`, group: `/${text}/layer` }));
}

/** Every statement the chart may contain, the labels reduced to what they must be: no quote, no newline. */
const STATEMENT = /^(?:flowchart (?:LR|TB)| {2}n\d+(?:\(\["[^"\n]*"\]\)|\("[^"\n]*"\)|\["[^"\n]*"\]|\[\["[^"\n]*"\]\])| {2}g\d+\{\{"[^"\n]*"\}\}| {2}[ng]\d+ -->(?:\|\d+\|)? [ng]\d+| {2}classDef \w+ [\w:#,.\- ]+| {2}class [ng\d,]+ \w+)$/;

describe('webview flowchart with hostile labels', () => {
  for (const text of HOSTILE) {
    it(`keeps each box one quoted label: ${JSON.stringify(text).slice(0, 50)}`, () => {
      const nodes = hostileNodes(text);
      for (const limit of [150, 2]) {
        const fold = foldGraph({ nodes, output: 4, limit, expanded: new Set() });
        const chart = buildFlowchart(nodes, 4, fold, { direction: 'LR', digits: 5, palette: PALETTE });
        const lines = chart.text.split('\n');
        const bad = lines.filter(line => !STATEMENT.test(line));
        assert.deepStrictEqual(bad, [], chart.text);
        assert.ok(!chart.text.includes('%'), `a % reaches mermaid:\n${chart.text}`);
        assert.ok(!/[<>]/.test(chart.text.replace(/<br\/>/g, '').replace(/-->/g, '')), `markup reaches mermaid:\n${chart.text}`);
        const boxes = lines.filter(line => /^ {2}[ng]\d+[[({]/.test(line)).length;
        assert.strictEqual(boxes, chart.boxes.size, chart.text);
      }
    });
  }

  it('writes %, quotes and markup as entities mermaid decodes to text, and invisible characters as spaces', () => {
    assert.strictEqual(escapeLabel('50% "a" <b>'), '50#37; #34;a#34; #60;b#62;');
    assert.strictEqual(escapeLabel('a\u2028b\u0085c\u202ed\u200be'), 'a b c d e');
  });
});
