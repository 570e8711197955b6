// Claims in Markdown notes, in the real workbench's extension host: the document's definitions are
// read and the claims verified there as in Node.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { inspectAnalysedBlock } from '../../src/inspect-block';
import { fileBlocks } from '../../src/io/file-blocks';
import { markdownDocument } from '../../src/io/latex-scope';
import { textLines } from '../../src/io/source-lines';
import { parseBindings } from '../../src/lang/bindings';
import type { WireInspection } from '../../src/protocol';
import { checkGradient, closeEverything, gradientDiagnostics, hoverText, lastInspection, openText, reportWhen, screenshot, waitFor } from './helpers';

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

/** The lines of the panel's list of the document's claims ([] before it shows). */
function documentClaimLines(text: string | undefined): string[] {
  return text ? text.split('\n') : [];
}

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

  test('the panel lists every claim of the document, ✓ or ✗ with its line and a false one\'s numbers; choosing one selects it and inspects it', async () => {
    const editor = await openText(NOTES, 'markdown');
    const document = editor.document;
    await waitFor(() => (gradientDiagnostics(document.uri).length > 0 ? true : undefined), 'the claims verified');
    // The panel opens on the first (true) claim's formula; the list shows the second's too.
    const first = document.positionAt(NOTES.indexOf("g'(x) = 3x") + 2);
    editor.selection = new vscode.Selection(first, first);
    await checkGradient();
    await vscode.commands.executeCommand('gradientInspector.test.simulate', document.uri.toString(), '#tab-derivatives', 'click');
    const report = await reportWhen(r => r.activeTab === 'derivatives' && documentClaimLines(r.documentClaimsText).length === 2, 'the two claims of the document listed', document.uri);
    const [shownTrue, shownFalse] = documentClaimLines(report.documentClaimsText);
    assert.strictEqual(shownTrue, "✓ true line 6: g'(x) = 3x^2");
    assert.match(shownFalse, /^✗ false line 9: g'\(x\) = 2x\^2 — left 12, right 8 at x=2; /);
    await screenshot('claims-of-the-document');

    await vscode.commands.executeCommand('gradientInspector.test.simulate', document.uri.toString(), '.document-claim-choose[data-claim-index="1"]', 'click');
    const inspected = await waitFor(async () => {
      const wire = await lastInspection(document.uri);
      return wire.text.includes('2x^2') ? wire : undefined;
    }, "the false claim's formula inspected");
    assert.deepStrictEqual(inspected.claims?.map(c => [c.passed, c.lhs, c.rhs]), [[false, '12', '8']]);
    const selected = vscode.window.visibleTextEditors.find(e => e.document === document)?.selection;
    assert.strictEqual(selected?.start.line, 8);
    assert.strictEqual(document.getText(selected), "g'(x) = 2x^2");
  });

  test("in a notebook the panel lists the claims of every Markdown cell, each with its cell; choosing one in another cell inspects it there", async () => {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, "Define $$h(x) = x^2$$\n\n<!-- values: x=3 -->\nThen $h'(x) = 2x$.", 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'x = 1.0', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, "<!-- values: x=3 -->\nBut $h'(x) = x$?", 'markdown'),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    await vscode.window.showNotebookDocument(notebook, { viewColumn: vscode.ViewColumn.One });
    const [first, , third] = notebook.getCells();
    await waitFor(() => (gradientDiagnostics(third.document.uri).length > 0 ? true : undefined), 'the false claim of the third cell verified');
    const editor = await vscode.window.showTextDocument(third.document, { viewColumn: vscode.ViewColumn.One });
    const at = third.document.positionAt(third.document.getText().indexOf("h'(x) = x") + 2);
    editor.selection = new vscode.Selection(at, at);
    await checkGradient();
    const report = await reportWhen(r => documentClaimLines(r.documentClaimsText).length === 2, "the notebook's two claims listed", third.document.uri);
    const [shownTrue, shownFalse] = documentClaimLines(report.documentClaimsText);
    assert.strictEqual(shownTrue, "✓ true cell 1, line 4: h'(x) = 2x");
    assert.match(shownFalse, /^✗ false cell 3, line 2: h'\(x\) = x — left 6, right 3 at x=3; /);

    await vscode.commands.executeCommand('gradientInspector.test.simulate', third.document.uri.toString(), '.document-claim-choose[data-claim-index="0"]', 'click');
    const inspected = await waitFor(async () => {
      const wire = await vscode.commands.executeCommand<WireInspection | undefined>('gradientInspector.test.lastInspection', first.document.uri.toString());
      return wire?.text.includes("h'(x) = 2x") ? wire : undefined;
    }, "the first cell's claim inspected in its own panel");
    assert.deepStrictEqual(inspected.claims?.map(c => [c.passed, c.lhs, c.rhs]), [[true, '6', '6']]);
  });
});
