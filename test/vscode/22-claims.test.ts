// Claims in Markdown notes, in the real workbench's extension host: the document's definitions are
// read and the claims verified there as in Node.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { inspectAnalysedBlock } from '../../src/inspect-block';
import { fileBlocks } from '../../src/io/file-blocks';
import { markdownDocument } from '../../src/io/latex-scope';
import { textLines } from '../../src/io/source-lines';
import { parseBindings } from '../../src/lang/bindings';
import { closeEverything, gradientDiagnostics, hoverText, openText, waitFor } from './helpers';

const NOTES = [
  '# Notes',
  '',
  'Define $$g(x) = x^3$$ and check its derivative:',
  '',
  '<!-- values: x=2 -->',
  "True: $g'(x) = 3x^2$.",
  '',
  '<!-- values: x=2 -->',
  "False: $g'(x) = 2x^2$.",
  '',
].join('\n');

suite('22. claims in Markdown', () => {
  suiteTeardown(closeEverything);

  test('in this extension host the notes read as in Node: the second claim is false, 12 against 8', async () => {
    const source = textLines(NOTES);
    const blocks = fileBlocks(source, 'markdown', 'auto').blocks;
    const block = blocks[2];
    const inspection = await inspectAnalysedBlock(source, block, parseBindings(block.valuesText ?? ''),
      { check: false, latex: { document: markdownDocument(source), offset: block.docStart } });
    assert.deepStrictEqual(inspection.claims?.map(c => [c.passed, c.lhs, c.rhs]), [[false, 12, 8]]);
  });

  test('a false claim gets a Warning on its range and a ✗ hover with both sides; a true one ✓ and no Warning', async () => {
    // Another untitled document first: the next one gets the same URI (untitled:Untitled-N) at the
    // same version, and must not be read with the first one's definitions.
    await openText('Define $$g(x) = \\sin(x)$$ here.\n', 'markdown');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const editor = await openText(NOTES, 'markdown');
    const document = editor.document;
    const warnings = await waitFor(() => {
      const found = gradientDiagnostics(document.uri);
      return found.length > 0 ? found : undefined;
    }, 'a Warning for the false claim');
    assert.strictEqual(warnings.length, 1, JSON.stringify(warnings.map(w => w.message)));
    assert.strictEqual(warnings[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(warnings[0].range.start.line, 8);
    assert.match(warnings[0].message, /false claim: the left side is 12, the right side 8 at x=2/);
    const falseHover = await hoverText(document.uri, document.positionAt(NOTES.indexOf("g'(x) = 2x") + 2));
    assert.match(falseHover.replace(/\\(.)/g, '$1'), /✗ claim false\*\* \(derivative\)[\s\S]*left `12`, right `8` at x = 2/, falseHover);
    const trueHover = await hoverText(document.uri, document.positionAt(NOTES.indexOf("g'(x) = 3x") + 2));
    assert.match(trueHover.replace(/\\(.)/g, '$1'), /✓ claim true\*\* \(derivative\)[\s\S]*left `12`, right `12` at x = 2/, trueHover);
  });
});
