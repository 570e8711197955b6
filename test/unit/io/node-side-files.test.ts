// The Node adapter against real folders: real symlinks, devices, FIFOs, directories and files
// beside the model. Nothing outside the model's folder is ever returned, and refusals look alike.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readSideFile } from '../../../src/io/node-side-files';
import { SideFileError, SideFileProblem, SideFileRequest } from '../../../src/io/side-files';

const SECRET = 'TOPSECRET-0123456789abcdef';

interface Layout {
  root: string;
  model: string;
}

/** root/secret.txt (outside) and root/model/ with a 32-byte weights.bin of the doubles 1, 2, 3, 4. */
function layout(): Layout {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-side-'));
  const model = path.join(root, 'model');
  fs.mkdirSync(path.join(model, 'data'), { recursive: true });
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET.repeat(4));
  fs.writeFileSync(path.join(model, 'weights.bin'), Buffer.from(new Float64Array([1, 2, 3, 4]).buffer));
  fs.writeFileSync(path.join(model, 'data', 'w.bin'), Buffer.from(new Float64Array([5, 6]).buffer));
  return { root, model };
}

const request = (location: string, length = 24, offset = 0, toEndOfFile = false): SideFileRequest => ({ tensor: 'w', location, offset, length, toEndOfFile });

function problemOf(folder: string, r: SideFileRequest): SideFileProblem | 'read' {
  try {
    const bytes = readSideFile(folder, r);
    assert.ok(!Buffer.from(bytes).toString('latin1').includes('TOPSECRET'), 'secret bytes returned');
    return 'read';
  } catch (e) {
    assert.ok(e instanceof SideFileError, `not a SideFileError: ${e}`);
    return e.problem;
  }
}

describe('side files: the Node adapter', function () {
  this.timeout(10_000);
  let dirs: Layout;
  before(() => { dirs = layout(); });
  after(() => fs.rmSync(dirs.root, { recursive: true, force: true }));

  it('reads exactly the requested range of a file beside the model', () => {
    const bytes = readSideFile(dirs.model, request('weights.bin', 16, 8));
    assert.deepStrictEqual(Array.from(new Float64Array(bytes.buffer, bytes.byteOffset, 2)), [2, 3]);
    const sub = readSideFile(dirs.model, request('data/w.bin', 16, 0, true));
    assert.deepStrictEqual(Array.from(new Float64Array(sub.buffer, sub.byteOffset, 2)), [5, 6]);
  });

  it('refuses a file shorter than the dims need, and one that goes on past a tensor said to end it', () => {
    assert.strictEqual(problemOf(dirs.model, request('weights.bin', 32, 8)), 'size');
    assert.strictEqual(problemOf(dirs.model, request('weights.bin', 24, 0, true)), 'size');
  });

  it('refuses a symlink out of the folder, to a file or a folder, and a chain of them', () => {
    fs.symlinkSync(path.join(dirs.root, 'secret.txt'), path.join(dirs.model, 'link.bin'));
    fs.symlinkSync(dirs.root, path.join(dirs.model, 'up'));
    fs.symlinkSync(path.join(dirs.model, 'link.bin'), path.join(dirs.model, 'chain.bin'));
    assert.strictEqual(problemOf(dirs.model, request('link.bin')), 'refused');
    assert.strictEqual(problemOf(dirs.model, request('up/secret.txt')), 'refused');
    assert.strictEqual(problemOf(dirs.model, request('chain.bin')), 'refused');
  });

  it('follows a symlink that stays inside the folder', () => {
    fs.symlinkSync('weights.bin', path.join(dirs.model, 'alias.bin'));
    assert.strictEqual(problemOf(dirs.model, request('alias.bin')), 'read');
  });

  it('refuses devices and proc files, even linked from inside the folder', () => {
    for (const target of ['/dev/zero', '/dev/urandom', '/proc/self/environ']) {
      const name = `dev-${path.basename(target)}`;
      fs.symlinkSync(target, path.join(dirs.model, name));
      assert.strictEqual(problemOf(dirs.model, request(name, 1_000_000)), 'refused', target);
    }
  });

  it('refuses a directory and a FIFO without waiting on it', () => {
    assert.strictEqual(problemOf(dirs.model, request('data')), 'refused');
    const fifo = path.join(dirs.model, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    assert.strictEqual(problemOf(dirs.model, request('pipe')), 'refused');
    assert.ok(Date.now() - started < 2000);
  });

  it('a missing file and an existing outside file are refused alike', () => {
    fs.symlinkSync(path.join(dirs.root, 'no-such-file'), path.join(dirs.model, 'dangling.bin'));
    assert.strictEqual(problemOf(dirs.model, request('missing.bin')), 'refused');
    assert.strictEqual(problemOf(dirs.model, request('dangling.bin')), 'refused');
    assert.strictEqual(problemOf(dirs.model, request('../secret.txt')), 'refused');
    assert.strictEqual(problemOf(dirs.model, request(path.join(dirs.root, 'secret.txt'))), 'refused');
  });

  it('a model folder that is itself reached through a symlink still contains its own files', () => {
    const alias = path.join(dirs.root, 'alias-folder');
    fs.symlinkSync(dirs.model, alias);
    fs.symlinkSync(path.join(dirs.root, 'secret.txt'), path.join(dirs.model, 'out.bin'));
    assert.strictEqual(problemOf(alias, request('weights.bin')), 'read');
    assert.strictEqual(problemOf(alias, request('out.bin')), 'refused');
  });
});
