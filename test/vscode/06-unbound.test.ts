// Unbound variables: the value prompt (answered through the test seam) proposes every unbound name,
// and its answer is used; Escape checks nothing.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WireInspection } from '../../src/protocol';
import { checkGradient, closeEverything, lastInspection, openText, panelInfo, panelsFor, select } from './helpers';

function selectAll(editor: vscode.TextEditor): void {
  const document = editor.document;
  select(editor, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)));
}

suite('6. unbound variables', () => {
  suiteTeardown(closeEverything);

  test('the prompt proposes all unbound names; its answer is checked and shown', async () => {
    const editor = await openText('f = a * b + c\n', 'python');
    selectAll(editor);
    await vscode.commands.executeCommand('gradientInspector.test.setPromptAnswer', 'a=2, b=3, c=4');
    await checkGradient();

    const proposed = await vscode.commands.executeCommand<string | undefined>('gradientInspector.test.lastPromptValue');
    assert.ok(proposed, 'no prompt was shown');
    for (const name of ['a', 'b', 'c']) { assert.ok(new RegExp(`\\b${name}\\s*=`).test(proposed), `the prompt did not propose ${name}: ${proposed}`); }

    assert.strictEqual(panelsFor(await panelInfo(), editor.document.uri).length, 1);
    const wire = await lastInspection(editor.document.uri);
    assert.deepStrictEqual(wire.value.data, [10]);
    const gradients = Object.fromEntries(wire.nodes.filter(node => node.kind === 'leaf').map(node => [node.name, node.grad?.data]));
    assert.deepStrictEqual(gradients, { a: [3], b: [2], c: [1] });
    assert.strictEqual(wire.check?.passed, true);
  });

  test('Escape at the prompt opens no panel and sends nothing', async () => {
    const editor = await openText('g = p * q\n', 'python');
    selectAll(editor);
    await vscode.commands.executeCommand('gradientInspector.test.setPromptAnswer', null);
    await checkGradient();
    assert.strictEqual(panelsFor(await panelInfo(), editor.document.uri).length, 0);
    const wire = await vscode.commands.executeCommand<WireInspection | undefined>('gradientInspector.test.lastInspection', editor.document.uri.toString());
    assert.strictEqual(wire, undefined);
  });
});
