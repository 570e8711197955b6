// The workspace adapter (the extension's, on vscode.workspace.fs) against real folders seen through
// two kinds of file system: one whose stat marks links as VS Code's desktop disk provider does, and
// one whose stat follows them silently while its listing marks them, as @vscode/test-web's does.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MAX_WHOLE_SIDE_FILE_BYTES, SideFileError, SideFileProblem, SideFileRequest } from '../../../src/io/side-files';
import { FILE_TYPE, workspaceSideFileReader, WorkspaceFiles } from '../../../src/io/workspace-side-files';

function typeOf(entry: fs.Stats | fs.Dirent): number {
  if (entry.isSymbolicLink()) { return FILE_TYPE.SymbolicLink; }
  return entry.isFile() ? FILE_TYPE.File : entry.isDirectory() ? FILE_TYPE.Directory : 0;
}

/** Node's fs as a workspace file system; `statFollowsLinks` as test-web's server does. */
function diskFiles(statFollowsLinks: boolean, trusted = true, reads: string[] = []): WorkspaceFiles<string> {
  return {
    isTrusted: () => trusted,
    child: (folder, name) => path.join(folder, name),
    key: uri => uri,
    stat: async uri => {
      const link = fs.lstatSync(uri);
      const target = fs.statSync(uri);
      const type = statFollowsLinks ? typeOf(target) : typeOf(target) | (link.isSymbolicLink() ? FILE_TYPE.SymbolicLink : 0);
      return { type, size: target.size };
    },
    readDirectory: async uri => fs.readdirSync(uri, { withFileTypes: true }).map(d => [d.name, typeOf(d)] as const),
    readFile: async uri => { reads.push(uri); return new Uint8Array(fs.readFileSync(uri)); },
  };
}

const request = (location: string, length = 24, offset = 0, toEndOfFile = false): SideFileRequest => ({ tensor: 'w', location, offset, length, toEndOfFile });

async function problemOf(files: WorkspaceFiles<string>, folder: string, r: SideFileRequest): Promise<SideFileProblem | 'read'> {
  try {
    const bytes = await workspaceSideFileReader(files, folder)(r);
    assert.ok(!Buffer.from(bytes).toString('latin1').includes('TOPSECRET'), 'secret bytes returned');
    return 'read';
  } catch (e) {
    assert.ok(e instanceof SideFileError, `not a SideFileError: ${e}`);
    return e.problem;
  }
}

describe('side files: the workspace adapter', () => {
  let root: string, model: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-ws-'));
    model = path.join(root, 'model');
    fs.mkdirSync(path.join(model, 'data'), { recursive: true });
    fs.writeFileSync(path.join(root, 'secret.txt'), 'TOPSECRET'.repeat(8));
    fs.writeFileSync(path.join(model, 'weights.bin'), Buffer.from(new Float64Array([1, 2, 3, 4]).buffer));
    fs.writeFileSync(path.join(model, 'data', 'w.bin'), Buffer.from(new Float64Array([5, 6]).buffer));
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(model, 'link.bin'));
    fs.symlinkSync('weights.bin', path.join(model, 'alias.bin'));
    fs.symlinkSync(root, path.join(model, 'up'));
    fs.symlinkSync('/dev/zero', path.join(model, 'zero.bin'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const statFollowsLinks of [false, true]) {
    const kind = statFollowsLinks ? 'stat follows links (test-web)' : 'stat marks links (desktop)';

    it(`${kind}: reads the requested range of a file beside the model, and in a sub-folder`, async () => {
      const bytes = await workspaceSideFileReader(diskFiles(statFollowsLinks), model)(request('weights.bin', 16, 8));
      assert.deepStrictEqual(Array.from(new Float64Array(bytes.buffer, bytes.byteOffset, 2)), [2, 3]);
      assert.strictEqual(await problemOf(diskFiles(statFollowsLinks), model, request('data/w.bin', 16, 0, true)), 'read');
    });

    it(`${kind}: refuses every symbolic link, inside or out, and every path out`, async () => {
      for (const location of ['link.bin', 'alias.bin', 'up/secret.txt', 'zero.bin', '../secret.txt', path.join(root, 'secret.txt'), 'data', 'missing.bin']) {
        assert.strictEqual(await problemOf(diskFiles(statFollowsLinks), model, request(location)), 'refused', location);
      }
    });
  }

  it('checks the size before reading the file', async () => {
    const reads: string[] = [];
    assert.strictEqual(await problemOf(diskFiles(false, true, reads), model, request('weights.bin', 32, 8)), 'size');
    assert.deepStrictEqual(reads, []);
  });

  it('refuses a file larger than the editor reads whole, before reading it', async () => {
    const reads: string[] = [];
    const huge: WorkspaceFiles<string> = { ...diskFiles(false, true, reads), stat: async () => ({ type: FILE_TYPE.File, size: MAX_WHOLE_SIDE_FILE_BYTES + 1 }) };
    assert.strictEqual(await problemOf(huge, model, request('weights.bin')), 'whole-file-limit');
    assert.deepStrictEqual(reads, []);
  });

  it('reads nothing at all in Restricted Mode', async () => {
    const reads: string[] = [];
    assert.strictEqual(await problemOf(diskFiles(false, false, reads), model, request('weights.bin')), 'untrusted');
    assert.deepStrictEqual(reads, []);
  });

  it('reads a file shared by several tensors once per import', async () => {
    const reads: string[] = [];
    const reader = workspaceSideFileReader(diskFiles(false, true, reads), model);
    await reader(request('weights.bin', 8, 0));
    await reader(request('weights.bin', 8, 24));
    assert.strictEqual(reads.length, 1);
  });
});
