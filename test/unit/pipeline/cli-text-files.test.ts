// Text files as editors on every platform save them, through the CLI: a byte-order mark, CRLF and
// old Mac CR line endings are read like LF files, and errors in every dialect print line:column.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const CLI = path.resolve(__dirname, '../../../src/cli.js');

function check(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeFile(name: string, bytes: Buffer | string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gi-text-')), name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('CLI on text files with a byte-order mark and any line ending', function () {
  this.timeout(60_000);
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']]) {
    it(`${name} with a byte-order mark: the file is checked`, () => {
      const file = writeFile('f.py', Buffer.concat([BOM, Buffer.from(['x = 2.0', 'y = x ** 3  # cube', 'y', ''].join(eol))]));
      const r = check([file, '--json']);
      assert.strictEqual(r.status, 0, r.stderr);
      const json = JSON.parse(r.stdout);
      assert.strictEqual(json.value, 8);
      assert.deepStrictEqual(json.gradients, { x: 12 });
    });

    it(`${name}: an error on line 3 prints 3:column`, () => {
      const file = writeFile('f.py', Buffer.concat([BOM, Buffer.from(['x = 2.0', 'y = x', 'y +* 1', ''].join(eol))]));
      const r = check([file]);
      assert.strictEqual(r.status, 2);
      assert.strictEqual(r.stderr, "gradient-inspector: 3:4: unexpected '*' (expected an expression)\n");
    });
  }

  it('--language latex on multi-line input prints line:column', () => {
    const r = check(['--language', 'latex', '--expr', 'x +\n  \\left( y\n  + 1 ]']);
    assert.strictEqual(r.status, 2);
    assert.strictEqual(r.stderr, "gradient-inspector: 3:7: expected ')' to close the '(' at 2:3, found ']' (expected ')')\n");
  });

  it('def in auto mode is read as Python; code that ends in a def has no output, reported at the def', () => {
    const r = check(['--expr', 'x = 1.0\ndef f(x): return x']);
    assert.strictEqual(r.status, 2);
    assert.strictEqual(r.stderr, 'gradient-inspector: 2:1: nothing to analyse: the code ends without a value (end with an expression, an assignment, ' +
      'or calls of your functions) (expected an expression or an assignment as the last statement)\n');
  });
});
