// Text from a file cannot act as markup in the UI: a hover over a Python expression whose comment
// holds a heading, a remote image, a command link and HTML renders none of them; ONNX names made of
// mermaid syntax and HTML are drawn in the panel's graph as text; an expression without variables
// says there is nothing to differentiate.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { HOSTILE_NOTES } from '../unit/latex/hostile-notes';
import { modelBytes } from '../unit/model/onnx-writer';
import { checkGradient, closeEverything, exampleUri, gradientDiagnostics, graphRendered, hoverText, openText, rangeOf, reportWhen, select, waitFor } from './helpers';

/** Names that try to leave a mermaid label, add a directive or a click, or carry HTML (each fits a 60-character label line with its ✓ mark). */
const NODE_NAME = '<a href="javascript:alert(1)">n</a>"];click n0 call f()';
const INPUT_NAME = "x %%{init:{'securityLevel':'loose'}}%%<script>f()</script>";
const WEIGHT_NAME = 'W"]\nclick n1 href "javascript:f()"<img src=x onerror=f()>';

/** The issue 9 attack: a blank line inside parentheses ends a code span, then the comment is Markdown. */
const HOSTILE = [
  'x = 2.0',
  'y = (x +',
  '',
  '# ![t](https://example.com/t.png) [run](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>',
  '  1)',
  '',
].join('\n');

/** The hover's Markdown rendered by VS Code's own Markdown extension (markdown-it). */
async function rendered(markdown: string): Promise<string> {
  const html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
  assert.ok(typeof html === 'string' && html.length > 0, 'markdown.api.render returned nothing');
  return html;
}

suite('16. untrusted text in the UI', () => {
  suiteTeardown(closeEverything);

  test('a hover over a hostile expression renders no heading, no remote image and no link but ours', async () => {
    const editor = await openText(HOSTILE, 'python');
    const document = editor.document;
    const plus = rangeOf(document, '+', 'y = (x ');
    const markdown = await waitFor(async () => {
      const text = await hoverText(document.uri, plus.start);
      return text.includes('adjoint') ? text : undefined;
    }, 'a hover on the + of the hostile expression');
    assert.ok(markdown.includes('example.com'), `the hover does not show the source text at all:\n${markdown}`);
    const html = await rendered(markdown);
    assert.ok(!/<h[1-6][\s>]/i.test(html), `a heading in the hover:\n${html}`);
    assert.ok(!/<img[\s>]/i.test(html), `an image in the hover:\n${html}`);
    const links = [...html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)].map(m => m[1]);
    assert.ok(links.length >= 1 && links.every(href => href.startsWith('command:gradientInspector.openPanel?')),
      `links other than Open Gradient Inspector: ${JSON.stringify(links)}\n${html}`);
  });

  test('an expression without variables: the panel and the hover say there is nothing to differentiate, not PASSED', async () => {
    const editor = await openText('3 * 2\n', 'plaintext');
    select(editor, rangeOf(editor.document, '3 * 2'));
    await checkGradient();
    const report = await reportWhen(r => r.check.banner.length > 0, 'the check banner', editor.document.uri);
    assert.match(report.check.banner, /^Nothing to differentiate/, report.check.banner);
    assert.ok(!/PASSED/.test(report.check.banner), report.check.banner);
    const hover = await waitFor(async () => {
      const text = await hoverText(editor.document.uri, rangeOf(editor.document, '*').start);
      return text.includes('output') ? text : undefined;
    }, 'a hover on 3 * 2');
    assert.ok(hover.includes('nothing to differentiate'), hover);
  });

  test('ONNX names with mermaid syntax and HTML are drawn as text, with nothing active in the graph', async () => {
    const model = exampleUri('hostile-names.onnx');
    await vscode.workspace.fs.writeFile(model, modelBytes({
      opset: 13,
      nodes: [{ op: 'Mul', name: NODE_NAME, inputs: [INPUT_NAME, WEIGHT_NAME], outputs: ['y'] }],
      initializers: [{ name: WEIGHT_NAME, dims: [2], values: [1, 2] }],
      inputs: [{ name: INPUT_NAME, shape: [2] }],
    }));
    try {
      await checkGradient(model);
      const report = await reportWhen(r => graphRendered(r) && r.check.rows.length > 0, 'the hostile model graph and check table', model);
      assert.deepStrictEqual(report.graph.activeContent, [], JSON.stringify(report.graph.labels));
      const labels = report.graph.labels.join('\n');
      for (const name of [NODE_NAME, INPUT_NAME, WEIGHT_NAME]) {
        assert.ok(labels.includes(name.replace(/\s+/g, ' ')), `the graph does not show ${name} as text:\n${labels}`);
      }
      assert.deepStrictEqual([...new Set(report.check.rows.map(row => row.leaf))].sort(), [INPUT_NAME, WEIGHT_NAME].sort());
    } finally {
      await vscode.workspace.fs.delete(model);
    }
  });

  test('hostile LaTeX notes: a chain of 500 definitions and five nested sums are Errors naming the limit at the formula', async () => {
    const chain = HOSTILE_NOTES.definitionChain;
    const sums = HOSTILE_NOTES.nestedSums;
    const editor = await openText(`${chain.document}\n${sums.document}`, 'markdown');
    const document = editor.document;
    const expectations = [
      { cursor: chain.cursor, text: 'f_{500}(x)', message: /^the definitions use one another more than 64 deep: f_500 → f_499 → f_498 → … → f_437 → f_436/ },
      { cursor: chain.document.length + 1 + sums.cursor, text: '\\sum_{i=1}^{100} \\sum_{i=1}^{100} \\sum_{i=1}^{100} x', message: /^written out, the sum's 100 terms have 1,999,999 nodes, more than 200,000/ },
    ];
    for (const expected of expectations) {
      editor.selection = new vscode.Selection(document.positionAt(expected.cursor), document.positionAt(expected.cursor));
      await checkGradient();
      const [error] = await waitFor(() => {
        const found = gradientDiagnostics(document.uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error && expected.message.test(d.message));
        return found.length > 0 ? found : undefined;
      }, `an Error matching ${expected.message}`);
      assert.strictEqual(document.getText(error.range), expected.text, error.message);
    }
  });
});
