// The user's ways in, as the manifest declares them: the palette command, the editor and explorer
// context menus, the keybinding and the settings with their defaults, and the commands registered
// at run time.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extension } from './helpers';

interface MenuItem { command: string; when?: string }
interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, MenuItem[] | undefined>;
    keybindings: { command: string; key: string; mac?: string; when?: string }[];
    configuration: { properties: Record<string, { default?: unknown; scope?: string } | undefined> };
  };
}

const CHECK = 'gradientInspector.checkGradient';

const DEFAULTS: Record<string, unknown> = {
  eps: 1e-6,
  atol: 1e-5,
  rtol: 1e-3,
  mode: 'auto',
  fastThreshold: 2000,
  maxGraphNodes: 1000,
  'hover.enabled': true,
  significantDigits: 6,
  'limits.maxNodes': 1_000_000,
  'limits.memoryMiB': 1024,
};

function manifest(): Manifest {
  return extension().packageJSON as Manifest;
}

function menu(name: string): MenuItem[] {
  const items = manifest().contributes.menus[name];
  assert.ok(items, `no ${name} menu contribution`);
  return items;
}

suite('13. entry points', () => {
  test('Check Gradient is in the palette as "Gradient Inspector: Check Gradient"', () => {
    const command = manifest().contributes.commands.find(contributed => contributed.command === CHECK);
    assert.ok(command, `${CHECK} is not a contributed command`);
    assert.strictEqual(command.title, 'Check Gradient');
    assert.strictEqual(command.category, 'Gradient Inspector');
  });

  test('the editor context menu offers it on a selection, the explorer on .onnx files', () => {
    const editorItems = menu('editor/context').filter(item => item.command === CHECK);
    assert.deepStrictEqual(editorItems.map(item => item.when), ['editorHasSelection']);
    const explorerItems = menu('explorer/context').filter(item => item.command === CHECK);
    assert.strictEqual(explorerItems.length, 1, `explorer/context items: ${JSON.stringify(explorerItems)}`);
    assert.ok(/resourceExtname == \.onnx\b/.test(explorerItems[0].when ?? ''), `explorer/context when: ${explorerItems[0].when}`);
  });

  test('Ctrl+Alt+G (Cmd+Alt+G on macOS) runs it from a text editor', () => {
    const bindings = manifest().contributes.keybindings.filter(binding => binding.command === CHECK);
    assert.strictEqual(bindings.length, 1, `keybindings: ${JSON.stringify(bindings)}`);
    assert.strictEqual(bindings[0].key, 'ctrl+alt+g');
    assert.strictEqual(bindings[0].mac, 'cmd+alt+g');
    assert.ok((bindings[0].when ?? '').includes('editorTextFocus'), `keybinding when: ${bindings[0].when}`);
  });

  test('the settings and their defaults, in the manifest and in the live configuration', () => {
    const properties = manifest().contributes.configuration.properties;
    const live = vscode.workspace.getConfiguration('gradientInspector');
    for (const [key, expected] of Object.entries(DEFAULTS)) {
      const property = properties[`gradientInspector.${key}`];
      assert.ok(property, `no setting gradientInspector.${key}`);
      assert.strictEqual(property.default, expected, `manifest default of ${key}`);
      assert.strictEqual(live.inspect(key)?.defaultValue, expected, `configuration default of ${key}`);
    }
  });

  test('the limits are user settings: an opened repository cannot raise them', () => {
    const properties = manifest().contributes.configuration.properties;
    for (const key of ['limits.maxNodes', 'limits.memoryMiB']) {
      assert.strictEqual(properties[`gradientInspector.${key}`]?.scope, 'application', key);
    }
  });

  test('the commands are registered once the extension is active', async () => {
    await extension().activate();
    const commands = await vscode.commands.getCommands(true);
    for (const command of [CHECK, 'gradientInspector.setValues', 'gradientInspector.openPanel']) {
      assert.ok(commands.includes(command), `${command} is not registered`);
    }
  });
});
