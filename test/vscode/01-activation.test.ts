// Runs first (file order): nothing before it may open a document or run one of our commands.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, extension, waitFor, within } from './helpers';

interface Manifest {
  activationEvents?: string[];
  contributes?: { commands?: { command: string }[] };
}

suite('1. activation', () => {
  test('the extension is loaded but not active at start-up', () => {
    const ext = extension();
    const open = vscode.workspace.textDocuments.map(document => `${document.uri.toString()} (${document.languageId})`);
    assert.strictEqual(ext.isActive, false, `${EXTENSION_ID} activated at start-up, before any command or language event; open documents: ${open.join(', ') || 'none'}`);
    const events = (ext.packageJSON as Manifest).activationEvents ?? [];
    for (const eager of ['*', 'onStartupFinished']) {
      assert.ok(!events.includes(eager), `activationEvents has ${eager}`);
    }
  });

  test('it activates on the languages it hovers and on its commands', () => {
    const manifest = extension().packageJSON as Manifest;
    const events = manifest.activationEvents ?? [];
    // Not plaintext: the workbench creates plaintext models at start-up, which would activate it eagerly.
    for (const language of ['python', 'markdown']) {
      assert.ok(events.includes(`onLanguage:${language}`), `no onLanguage:${language} in ${JSON.stringify(events)}`);
    }
    const commands = (manifest.contributes?.commands ?? []).map(contributed => contributed.command);
    assert.ok(commands.includes('gradientInspector.checkGradient'), 'Check Gradient is not a contributed command');
  });

  test('running Check Gradient activates it', async () => {
    const ext = extension();
    assert.strictEqual(ext.isActive, false);
    // No editor is open: the command has nothing to analyse, but invoking it must activate the extension.
    const running = vscode.commands.executeCommand('gradientInspector.checkGradient');
    await waitFor(() => (ext.isActive ? true : undefined), 'the extension to activate', 15_000);
    await within(running, 15_000, 'Check Gradient with no editor');
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['gradientInspector.checkGradient', 'gradientInspector.setValues', 'gradientInspector.openPanel', 'gradientInspector.test.panelInfo']) {
      assert.ok(commands.includes(command), `${command} is not registered after activation`);
    }
  });
});
