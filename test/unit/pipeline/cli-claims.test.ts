// The CLI on lecture notes: claims in the text report and in --json, a false claim exits 1,
// --line N sees the whole document's definitions, --random binds what has no value (noted).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const CLI = path.resolve(__dirname, '../../../src/cli.js');
const NOTES = path.resolve(__dirname, '../../../../examples/backprop-notes.md');

function check(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function notes(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gi-claims-')), 'notes.md');
  fs.writeFileSync(file, text);
  return file;
}

describe('CLI: claims in Markdown notes', function () {
  this.timeout(60_000);

  it('a false claim exits 1 and --json lists it with both sides and the point', () => {
    const file = notes(['$$g(x) = x^3$$', '', '<!-- values: x=2 -->', "$$g'(x) = 2x^2$$", ''].join('\n'));
    const r = check([file, '--json']);
    assert.strictEqual(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { formulas: { line: number; status: string; result?: { claims?: Record<string, unknown>[] } }[] };
    const claim = json.formulas.find(f => f.line === 4)?.result?.claims?.[0];
    assert.ok(claim);
    assert.deepStrictEqual(
      { text: claim.text, kind: claim.kind, passed: claim.passed, lhs: claim.lhs, rhs: claim.rhs, at: claim.at },
      { text: "g'(x) = 2x^2", kind: 'derivative', passed: false, lhs: 12, rhs: 8, at: { x: 2 } });
    assert.strictEqual(claim.points, 4);
    assert.ok((claim.maxAbsError as number) >= 4, `max abs err ${String(claim.maxAbsError)}`);
    assert.strictEqual(json.formulas.find(f => f.line === 4)?.status, 'failed');
  });

  it('--line N: the formula at line N with the definitions of the whole file, text report with ✓', () => {
    const r = check([NOTES, '--line', '24']);
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /claim ✓ true \(derivative\): \\frac\{\\partial h\}\{\\partial x\}\(x, y, z\) = /);
    assert.match(r.stdout, /left -4, right -4 at x=-2, y=5, z=-4/);
    assert.match(r.stdout, /note: h\(x, y, z\) is the definition at line 13/);
  });

  it('the lecture notes: every formula analysed, every claim true (exit 0)', () => {
    const r = check([NOTES]);
    assert.strictEqual(r.status, 0, r.stdout);
    assert.doesNotMatch(r.stdout, /claim ✗/);
    assert.match(r.stdout, /37 formulas: 36 passed, 0 failed, 0 not analysed, 1 without variables/);
  });

  it('--random binds every variable without a value, and says so', () => {
    const r = check(['--expr', '\\sin(x) y', '--random']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /note: x, y have no value: seeded random values x=-?\d\.\d+, y=-?\d\.\d+/);
    assert.strictEqual(check(['--expr', '\\sin(x) y', '--random']).stdout, r.stdout);
  });

  it('a refused construct is one sentence at its line:column', () => {
    const file = notes(['Some text', '$$\\lim_{h \\to 0} h$$', ''].join('\n'));
    const r = check([file]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stdout, /error: .*notes\.md:2:3: \\lim: a limit \(\\lim\) cannot be evaluated: write the expression at a point, or a finite difference\n/);
  });
});
