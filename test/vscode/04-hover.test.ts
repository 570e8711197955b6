// Hovers: a leaf of the MLP loss shows its value and its gradient, equal to what the engine computes
// on the same text; an empty line shows nothing; LaTeX in Markdown hovers too.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Tensor } from '../../src/engine/tensor';
import { inspect } from '../../src/inspect';
import { assertNear, closeEverything, hoverText, lossLine, openExample, rangeOf, waitFor } from './helpers';

/** The numbers hover prints for a tensor: every entry when small, else min, max, mean, norm. */
function shownNumbers(tensor: Tensor): number[] {
  if (tensor.size <= 12) { return Array.from(tensor.data); }
  const data = Array.from(tensor.data);
  const sum = data.reduce((total, v) => total + v, 0);
  return [Math.min(...data), Math.max(...data), sum / data.length, Math.sqrt(data.reduce((total, v) => total + v * v, 0))];
}

/** Numbers on the line that starts with `marker`, after the marker and after any `shape (…):` prefix. */
function numbersAfter(markdown: string, marker: string): number[] {
  const line = markdown.split('\n').find(text => text.includes(marker));
  assert.ok(line, `no line with ${marker} in the hover:\n${markdown}`);
  const rest = line.slice(line.indexOf(marker) + marker.length).replace(/shape \([\d, ]*\):/, '').replace(/\u2212/g, '-');
  return rest.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi)?.map(Number) ?? [];
}

suite('4. hover', () => {
  suiteTeardown(closeEverything);

  test('W1 in the loss line: its value summary and ∂output/∂W1 equal to the engine', async () => {
    const editor = await openExample('mlp.py');
    const document = editor.document;
    const loss = lossLine(document);
    const column = loss.text.indexOf('W1');
    assert.ok(column >= 0, `the loss line does not mention W1: ${loss.text}`);
    const markdown = await waitFor(async () => {
      const text = await hoverText(document.uri, new vscode.Position(loss.lineNumber, column + 1));
      return text.includes('∂output/∂W1') ? text : undefined;
    }, 'a hover with ∂output/∂W1');
    assert.ok(markdown.includes('**W1**'), markdown);
    assert.ok(/gradient check: pass/.test(markdown), `no passing check in the hover:\n${markdown}`);

    const reference = await inspect({ kind: 'text', text: document.getText(), language: 'python' }, { check: false });
    const gradient = reference.gradients.get('W1');
    assert.ok(gradient, 'the engine has no gradient for W1');
    const expected = shownNumbers(gradient);
    const shown = numbersAfter(markdown, '∂output/∂W1');
    assert.strictEqual(shown.length, expected.length, `hover numbers ${JSON.stringify(shown)} vs engine ${JSON.stringify(expected)}`);
    shown.forEach((value, i) => assertNear(value, expected[i], `∂output/∂W1 number ${i} of the hover\n${markdown}\n`));
    const w1 = reference.leaves.find(leaf => leaf.name === 'W1');
    assert.ok(w1?.value, 'no W1 leaf in the engine');
    const shape = `(${w1.value.shape.join(', ')})`;
    assert.ok(markdown.includes(shape), `the hover does not show W1's shape ${shape}:\n${markdown}`);
  });

  test('an empty line has no hover', async () => {
    const editor = await openExample('mlp.py');
    const document = editor.document;
    let empty = -1;
    for (let line = 0; line < document.lineCount && empty < 0; line++) {
      if (document.lineAt(line).isEmptyOrWhitespace) { empty = line; }
    }
    assert.ok(empty >= 0, 'mlp.py has no empty line');
    assert.strictEqual(await hoverText(document.uri, new vscode.Position(empty, 0)), '');
  });

  test('LaTeX in Markdown: z in $(x + y) \\cdot z$ at the values comment above: value −4, gradient 3', async () => {
    const editor = await openExample('notes.md');
    const document = editor.document;
    const formula = rangeOf(document, '(x + y) \\cdot z');
    const z = formula.end.translate(0, -1);
    const markdown = await waitFor(async () => {
      const shown = await hoverText(document.uri, z);
      return shown.includes('∂output/∂z') ? shown : undefined;
    }, 'a hover with ∂output/∂z on the LaTeX formula');
    assert.deepStrictEqual(numbersAfter(markdown, '**z**'), [-4], markdown);
    assert.deepStrictEqual(numbersAfter(markdown, '∂output/∂z'), [3], markdown);
    assert.ok(markdown.includes('gradient check: pass'), markdown);
    assert.ok(/\\partial z\} = x \+ y/.test(markdown.replace(/\s+/g, ' ')), `no symbolic ∂output/∂z = x + y in the hover:\n${markdown}`);
  });
});
