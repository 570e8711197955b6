// Claims in Markdown notes, in the real workbench: the hover on a claim shows ✓ or ✗ with both
// sides, and a false claim gets a Warning on its range in Problems (a true one gets none).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { inspectAnalysedBlock } from '../../src/inspect-block';
import { fileBlocks } from '../../src/io/file-blocks';
import { markdownDocument } from '../../src/io/latex-scope';
import { textLines } from '../../src/io/source-lines';
import { parseBindings } from '../../src/lang/bindings';
import { closeEverything, gradientDiagnostics, hoverText, openText, rangeOf, waitFor } from './helpers';

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

suite('17. claims in Markdown', () => {
  suiteTeardown(closeEverything);

  test('in this extension host the notes read as in Node: the second claim is false, 12 against 8', async () => {
    const source = textLines(NOTES);
    const blocks = fileBlocks(source, 'markdown', 'auto').blocks;
    const block = blocks[2];
    const inspection = await inspectAnalysedBlock(source, block, parseBindings(block.valuesText ?? ''),
      { check: false, latex: { document: markdownDocument(source), offset: block.docStart } });
    assert.deepStrictEqual(inspection.claims?.map(c => [c.passed, c.lhs, c.rhs]), [[false, 12, 8]]);
  });

  test('a false claim is a Warning on its range; the true one has none', async () => {
    const editor = await openText(NOTES, 'markdown');
    const document = editor.document;
    const warnings = await waitFor(() => {
      const found = gradientDiagnostics(document.uri).filter(d => d.code === 'false-claim');
      return found.length > 0 ? found : undefined;
    }, 'a false-claim diagnostic').catch((err: Error) => {
      throw new Error(`${err.message}; diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(document.uri).map(d => [d.source, d.code, d.message]))}`);
    });
    assert.strictEqual(warnings.length, 1, warnings.map(w => w.message).join('\n'));
    const [warning] = warnings;
    assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepStrictEqual(warning.range, rangeOf(document, "g'(x) = 2x^2"));
    assert.match(warning.message, /^false claim: the left side is 12, the right side 8 at x=2/);
  });

  test('the hover on a claim shows ✓ or ✗ with both sides', async () => {
    const editor = await openText(NOTES, 'markdown');
    const document = editor.document;
    const trueClaim = rangeOf(document, "g'(x) = 3x^2").start.translate(0, 1);
    let last = '';
    const shownTrue = await waitFor(async () => {
      last = await hoverText(document.uri, trueClaim);
      return last.includes('claim') ? last : undefined;
    }, 'a hover on the true claim').catch((err: Error) => { throw new Error(`${err.message}; the last hover was:\n${last}`); });
    assert.match(shownTrue, /✓ claim true/);
    assert.match(shownTrue, /left `12`, right `12` at x = 2/);
    const falseClaim = rangeOf(document, "g'(x) = 2x^2").start.translate(0, 1);
    const shownFalse = await hoverText(document.uri, falseClaim);
    assert.match(shownFalse, /✗ claim false/);
    assert.match(shownFalse, /left `12`, right `8` at x = 2/);
  });
});
