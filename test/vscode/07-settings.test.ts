// Settings: eps and atol reach the check, and the check reports the parameters it used.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  checkGradient, closeEverything, exampleUri, gradientDiagnostics, lastInspection, openExample, rangeOf, reportWhen, select, waitFor,
} from './helpers';

async function checkLecture() {
  const editor = await openExample('lecture.py');
  select(editor, rangeOf(editor.document, '(x + y) * z'));
  await checkGradient();
  return lastInspection(exampleUri('lecture.py'));
}

suite('7. settings', () => {
  const config = () => vscode.workspace.getConfiguration('gradientInspector');

  suiteTeardown(async () => {
    await config().update('eps', undefined, vscode.ConfigurationTarget.Global);
    await config().update('atol', undefined, vscode.ConfigurationTarget.Global);
    await config().update('limits.maxNodes', undefined, vscode.ConfigurationTarget.Global);
    await closeEverything();
  });

  test('changing eps and atol changes the parameters the check reports', async () => {
    const before = await checkLecture();
    assert.strictEqual(before.check?.eps, 1e-6);
    assert.strictEqual(before.check?.atol, 1e-5);

    await config().update('eps', 1e-4, vscode.ConfigurationTarget.Global);
    await config().update('atol', 1e-8, vscode.ConfigurationTarget.Global);
    const after = await checkLecture();
    assert.strictEqual(after.check?.eps, 1e-4);
    assert.strictEqual(after.check?.atol, 1e-8);
    assert.strictEqual(after.check?.rtol, 1e-3);
    // (x + y) * z is bilinear: the central difference is exact up to round-off at any step.
    assert.strictEqual(after.check?.passed, true);

    const report = await reportWhen(r => /1e-4|0\.0001/.test(r.check.banner), 'the check banner to show eps = 1e-4', exampleUri('lecture.py'));
    assert.ok(/1e-8|0\.00000001/.test(report.check.banner), `the banner does not show atol = 1e-8: ${report.check.banner}`);
  });

  test('limits.maxNodes reaches the check: the node that crosses it is refused where it is, naming the setting', async () => {
    await config().update('limits.maxNodes', 2, vscode.ConfigurationTarget.Global);
    const editor = await openExample('lecture.py');
    select(editor, rangeOf(editor.document, '(x + y) * z'));
    await checkGradient();
    const [diagnostic] = await waitFor(() => {
      const found = gradientDiagnostics(editor.document.uri);
      return found.length ? found : undefined;
    }, 'a limit diagnostic');
    assert.match(diagnostic.message, /more than 2 nodes.*gradientInspector\.limits\.maxNodes/);
    assert.ok(diagnostic.range.isEqual(rangeOf(editor.document, '(x + y)')), `diagnostic at ${JSON.stringify(diagnostic.range)}`);

    await config().update('limits.maxNodes', undefined, vscode.ConfigurationTarget.Global);
    const after = await checkLecture();
    assert.strictEqual(after.check?.passed, true);
  });
});
