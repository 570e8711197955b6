// The CLI on ONNX models whose external data points anywhere a hostile repository might aim it:
// each is refused with the same message and exit 2, quickly, and the outside bytes never come out.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DOUBLE, modelBytes } from '../model/onnx-writer';

const CLI = path.resolve(__dirname, '../../../src/cli.js');
const SECRET = 'TOPSECRET-0123456789abcdef';

function run(args: string[]): { status: number | null; stdout: string; stderr: string; ms: number } {
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** A folder holding model.onnx: y = -w, with w (DOUBLE, dims) stored in `location`. */
function modelFolder(root: string, name: string, location: string, dims = [3], length?: number): string {
  const folder = path.join(root, name);
  fs.mkdirSync(folder, { recursive: true });
  const bytes = modelBytes({
    opset: 13,
    nodes: [{ op: 'Neg', inputs: ['w'], outputs: ['y'] }],
    initializers: [{ name: 'w', dims, dataType: DOUBLE, values: [], external: { location, length } }],
  });
  const file = path.join(folder, 'model.onnx');
  fs.writeFileSync(file, bytes);
  return file;
}

describe('gradient-inspector CLI: ONNX external data stays in the model folder', function () {
  this.timeout(60_000);
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-ext-'));
    fs.writeFileSync(path.join(root, 'secret.txt'), SECRET.repeat(4));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('loads a legitimate weights file beside the model with the right numbers', () => {
    const model = modelFolder(root, 'ok', 'weights.bin');
    fs.writeFileSync(path.join(root, 'ok', 'weights.bin'), Buffer.from(new Float64Array([1, 2, -3]).buffer));
    const r = run(['check', model, '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    // loss ½·Σ(−w)² = ½(1 + 4 + 9) and its gradient w.
    assert.strictEqual(json.value, 7);
    assert.deepStrictEqual(json.gradients.w, [1, 2, -3]);
    assert.strictEqual(json.check.passed, true);
  });

  const hostile: [string, (folder: string) => string, number[]][] = [
    ['a parent path', () => '../secret.txt', [3]],
    ['an absolute path', () => path.join(root, 'secret.txt'), [3]],
    ['/proc/self/environ', () => '/proc/self/environ', [3]],
    ['/dev/zero with a huge tensor', () => '/dev/zero', [4096, 4096]],
    ['/dev/urandom', () => '/dev/urandom', [3]],
    ['a symlink out of the folder', folder => { fs.symlinkSync(path.join(root, 'secret.txt'), path.join(folder, 'w.bin')); return 'w.bin'; }, [3]],
    ['a symlink to /dev/zero', folder => { fs.symlinkSync('/dev/zero', path.join(folder, 'w.bin')); return 'w.bin'; }, [4096, 4096]],
    ['a directory', folder => { fs.mkdirSync(path.join(folder, 'w.bin')); return 'w.bin'; }, [3]],
    ['a FIFO', folder => { execFileSync('mkfifo', [path.join(folder, 'w.bin')]); return 'w.bin'; }, [3]],
    ['a missing file', () => 'missing.bin', [3]],
  ];
  hostile.forEach(([what, place, dims], i) => {
    it(`refuses ${what}: exit 2, one uniform message, no outside bytes, within seconds`, () => {
      const folder = path.join(root, `hostile-${i}`);
      fs.mkdirSync(folder);
      const location = place(folder);
      const model = modelFolder(root, `hostile-${i}`, location, dims, dims.reduce((a, b) => a * b, 8));
      // --json for half of them: the refusal is the same in either mode.
      const r = run(['check', model, ...(i % 2 ? ['--json'] : [])]);
      assert.strictEqual(r.status, 2, r.stdout + r.stderr);
      assert.strictEqual(r.stdout, '');
      assert.strictEqual(r.stderr, `gradient-inspector: tensor 'w': external data '${location}' was not read: expected a regular file inside the model's folder\n`);
      assert.ok(r.ms < 10_000, `${r.ms} ms`);
    });
  });
});
