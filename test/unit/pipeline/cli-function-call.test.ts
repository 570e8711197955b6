// The CLI reads --line N in a function nothing calls as the editor does: the file then a call of
// the function with the proposed arguments, so its hand-written gradients are checked.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES } from '../fixtures';

const CLI = path.resolve(__dirname, '../../../src/cli.js');

/** affine.py's definitions alone, written to a temporary file. */
function affineDefinitions(): { file: string; lines: string[] } {
  const all = fs.readFileSync(path.join(FIXTURES, 'python', 'affine.py'), 'utf8').split('\n');
  const lines = all.slice(0, all.findIndex(line => line.startsWith('np.random.seed')));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-call-'));
  const file = path.join(dir, 'layers.py');
  fs.writeFileSync(file, lines.join('\n'));
  return { file, lines };
}

function check(file: string, line: number): { status: number | null; json: { notes: string[]; handwritten: { name: string; function: string; passed: boolean }[] } } {
  const r = spawnSync(process.execPath, [CLI, 'check', file, '--line', String(line), '--json'], { encoding: 'utf8', timeout: 60_000 });
  assert.strictEqual(r.stderr, '');
  return { status: r.status, json: JSON.parse(r.stdout) };
}

describe('CLI: --line in a function nothing calls', function () {
  this.timeout(60_000);

  it('checks the function called with the proposed arguments: the correct backward passes, the broken one exits 1', () => {
    const { file, lines } = affineDefinitions();
    const lineOf = (text: string, after: string): number => lines.findIndex((l, i) => i > lines.findIndex(d => d.startsWith(after)) && l.includes(text)) + 1;

    const good = check(file, lineOf('db = np.sum', 'def affine_backward'));
    assert.strictEqual(good.status, 0);
    assert.deepStrictEqual(good.json.handwritten.map(h => [h.name, h.function, h.passed]), [['dx', 'affine_backward', true], ['dw', 'affine_backward', true], ['db', 'affine_backward', true]]);
    assert.ok(good.json.notes.includes('affine_forward and affine_backward are called with values proposed from the code: x (4, 5), w (5, 3), b (3,), dout (4, 3)'), good.json.notes.join('\n'));

    const bad = check(file, lineOf('db = np.sum', 'def affine_broken_backward'));
    assert.strictEqual(bad.status, 1);
    assert.deepStrictEqual(bad.json.handwritten.map(h => [h.name, h.passed]), [['dx', true], ['dw', false], ['db', true]]);
  });
});
