// ONNX external data in the editor: a weights file beside the model loads with its numbers, and a
// symbolic link out of the model's folder (examples/.side-file-test/escape.bin → ../../package.json,
// placed by test/side-file-fixture.js) is refused by the workspace adapter on this host's file system.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { externalDataReader } from '../../src/extension/external-data';
import { SideFileError } from '../../src/io/side-files';
import type { WireInspection } from '../../src/protocol';
import { DOUBLE, modelBytes } from '../unit/model/onnx-writer';
import { checkGradient, closeEverything, exampleUri, lastInspection } from './helpers';

const FIXTURE_FOLDER = '.side-file-test';

/** y = -w with w (3 doubles) stored in `location`, written beside the fixture's link. */
async function writeModel(name: string, location: string): Promise<vscode.Uri> {
  const uri = exampleUri(`${FIXTURE_FOLDER}/${name}`);
  const bytes = modelBytes({
    opset: 13,
    nodes: [{ op: 'Neg', inputs: ['w'], outputs: ['y'] }],
    initializers: [{ name: 'w', dims: [3], dataType: DOUBLE, values: [], external: { location, length: 24 } }],
  });
  await vscode.workspace.fs.writeFile(uri, bytes);
  return uri;
}

suite('14. ONNX external data', () => {
  suiteTeardown(closeEverything);

  test('a weights file beside the model loads with the right numbers', async () => {
    await vscode.workspace.fs.writeFile(exampleUri(`${FIXTURE_FOLDER}/beside.bin`), new Uint8Array(new Float64Array([1, 2, -3]).buffer));
    const model = await writeModel('beside.onnx', 'beside.bin');
    await checkGradient(model);
    const wire = await lastInspection(model);
    // loss ½·Σ(−w)² = ½(1 + 4 + 9), and its gradient is w.
    assert.deepStrictEqual(wire.value.data, [7]);
    const leaf = wire.nodes.find(node => node.label === 'w');
    assert.deepStrictEqual(leaf?.value.data, [1, 2, -3]);
    assert.deepStrictEqual(leaf?.grad?.data, [1, 2, -3]);
    assert.strictEqual(wire.check?.passed, true);
  });

  test('a symbolic link out of the model folder is refused, whatever stat says about it', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, true, 'the suite expects a trusted workspace');
    const listed = new Map(await vscode.workspace.fs.readDirectory(exampleUri(FIXTURE_FOLDER))).get('escape.bin');
    const stat = await vscode.workspace.fs.stat(exampleUri(`${FIXTURE_FOLDER}/escape.bin`)).then(found => found.type, (e: unknown) => `${(e as vscode.FileSystemError).code}`);
    // What this host's file system says about the link. Desktop marks it; test-web's provider drops
    // every entry that is neither a file nor a folder, so there the link is not listed and cannot be stat'ed.
    console.log(`  [external data] escape.bin: readDirectory type ${listed}, stat ${stat}`);
    const marked = (type: unknown): boolean => typeof type === 'number' && (type & vscode.FileType.SymbolicLink) !== 0;
    assert.ok(marked(listed) || marked(stat) || (listed === undefined && typeof stat === 'string'), 'the link looks like a plain file');

    const model = await writeModel('escape.onnx', 'escape.bin');
    const request = { tensor: 'w', location: 'escape.bin', offset: 0, length: 24, toEndOfFile: false };
    await assert.rejects(externalDataReader(model)(request), (e: unknown) => e instanceof SideFileError && e.problem === 'refused');

    await checkGradient(model);
    const wire = await vscode.commands.executeCommand<WireInspection | undefined>('gradientInspector.test.lastInspection', model.toString());
    assert.strictEqual(wire, undefined, 'the model was inspected from bytes outside its folder');
  });
});
