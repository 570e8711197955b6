// A syntax error is located: a message naming the place, an Error diagnostic on the exact token,
// a panel that keeps working; fixing the text and checking again clears the diagnostic. The same in
// a Markdown formula spanning lines of a CRLF document.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  checkGradient, closeEverything, gradientDiagnostics, lastInspection, openText, panelInfo, panelsFor, rangeOf,
  requestReport, select, waitFor,
} from './helpers';

const BROKEN = 'x = 2.0\ny = 3.0\nf = (x + * y) * x\n';

suite('5. syntax error', () => {
  suiteTeardown(closeEverything);

  test('an Error diagnostic on the offending token, then cleared by the fix', async () => {
    const editor = await openText(BROKEN, 'python');
    const document = editor.document;
    select(editor, new vscode.Range(document.positionAt(0), document.positionAt(BROKEN.length)));
    await checkGradient();

    const diagnostics = await waitFor(() => {
      const found = gradientDiagnostics(document.uri);
      return found.length ? found : undefined;
    }, 'a Gradient Inspector diagnostic');
    assert.strictEqual(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [diagnostic] = diagnostics;
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    const star = rangeOf(document, '*', '(x + ');
    assert.ok(diagnostic.range.isEqual(star), `diagnostic at ${JSON.stringify(diagnostic.range)}, expected the * at ${JSON.stringify(star)}: ${diagnostic.message}`);
    assert.ok(/expect/i.test(diagnostic.message), `the message does not say what was expected: ${diagnostic.message}`);

    // Any panel open for this document still answers: the error did not break it.
    for (const panel of panelsFor(await panelInfo(), document.uri)) {
      const report = await requestReport(vscode.Uri.parse(panel.documentUri));
      assert.ok(report.activeTab, 'the panel did not answer its report after the error');
    }

    await editor.edit(edit => edit.replace(rangeOf(document, '(x + * y)'), '(x + y)'));
    select(editor, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)));
    await checkGradient();
    await waitFor(() => (gradientDiagnostics(document.uri).length === 0 ? true : undefined), 'the diagnostic to clear', 10_000);
    const wire = await lastInspection(document.uri);
    assert.deepStrictEqual(wire.value.data, [10], 'f = (2 + 3) * 2');
  });

  test('a LaTeX error on the second line of a formula in a CRLF Markdown document is on its token', async () => {
    const text = ['The loss:', '', '$$', '\\frac{1}{2} (y -', ' \\hat{y})^{2} \\le 1', '$$', ''].join('\r\n');
    const editor = await openText(text, 'markdown');
    const document = editor.document;
    assert.strictEqual(document.eol, vscode.EndOfLine.CRLF);
    const inside = rangeOf(document, '\\hat').start;
    select(editor, new vscode.Range(inside, inside));
    await checkGradient();
    const diagnostics = await waitFor(() => {
      const found = gradientDiagnostics(document.uri);
      return found.length ? found : undefined;
    }, 'a Gradient Inspector diagnostic in the Markdown document');
    const relation = rangeOf(document, '\\le');
    assert.strictEqual(relation.start.line, 4);
    assert.ok(diagnostics[0].range.isEqual(relation), `diagnostic at ${JSON.stringify(diagnostics[0].range)}, expected \\le at ${JSON.stringify(relation)}`);
    assert.strictEqual(diagnostics[0].message, 'the relation \\le cannot be evaluated (expected an expression, name = expression, or a claim lhs = rhs)');
  });
});
