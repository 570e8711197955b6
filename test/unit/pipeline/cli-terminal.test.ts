// What the CLI writes to a terminal: names and messages from a file cannot carry control sequences
// (ESC, CSI, OSC, C1, bidi overrides) to stdout or stderr, in text or JSON; every output path ends
// with a newline; small honest messages for no variables and for the first non-finite number.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { modelBytes } from '../model/onnx-writer';

const CLI = path.resolve(__dirname, '../../../src/cli.js');
/** What no output may hold raw: controls other than the newline, format characters, line and paragraph separators. */
const RAW_INVISIBLE = /[^\P{Cc}\n]|\p{Cf}|\p{Zl}|\p{Zp}/u;
const HOSTILE_SUFFIX = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\u2066\u2028\u007f';
const hostile = (name: string): string => `${name}${HOSTILE_SUFFIX}`;
const SHOWN_SUFFIX = '\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202eevil\\u2066\\u2028\\u007f';

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeModel(file: string, bytes: Uint8Array): string {
  const full = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gi-terminal-')), file);
  fs.writeFileSync(full, bytes);
  return full;
}

/** x · W with every name (node, input, initializer, output) carrying terminal control sequences. */
function hostileModel(initializerLength: number, op = 'Mul'): string {
  return writeModel('hostile.onnx', modelBytes({
    opset: 13,
    nodes: [{ op, name: hostile('node'), inputs: [hostile('x'), hostile('W')], outputs: [hostile('y')] }],
    initializers: [{ name: hostile('W'), dims: [initializerLength], values: Array.from({ length: initializerLength }, (_, i) => i + 1) }],
    inputs: [{ name: hostile('x'), shape: [2] }],
  }));
}

function assertNoRawInvisible(text: string, stream: string): void {
  const found = RAW_INVISIBLE.exec(text);
  assert.ok(!found, `raw U+${found?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} in ${stream}:\n${text}`);
}

describe('CLI output on a terminal', function () {
  this.timeout(60_000);

  it('shows ONNX names with control sequences as visible escapes in the table and notes', () => {
    const r = run(['check', hostileModel(2)]);
    assert.strictEqual(r.status, 0, r.stderr);
    assertNoRawInvisible(r.stdout, 'stdout');
    assertNoRawInvisible(r.stderr, 'stderr');
    assert.match(r.stdout, new RegExp(`^W${SHOWN_SUFFIX.replace(/[\\[\]]/g, c => `\\${c}`)}\\[0\\] `, 'm'));
    assert.ok(r.stdout.includes(`note: loss: l2 `), r.stdout);
    assert.ok(r.stdout.includes(`of output 'y${SHOWN_SUFFIX}'`), r.stdout);
  });

  it('shows them escaped in an error on stderr, naming the node once', () => {
    const r = run(['check', hostileModel(3, 'Add')]);
    assert.strictEqual(r.status, 2, r.stdout);
    assertNoRawInvisible(r.stderr, 'stderr');
    assert.strictEqual(r.stderr, `gradient-inspector: 'node${SHOWN_SUFFIX}' (Add), node 0: add: shapes (2,) and (3,) cannot be broadcast together\n`);
  });

  it('escapes DEL, C1 controls, U+2028/2029 and bidi characters in --json, which still parses to the names', () => {
    const r = run(['check', hostileModel(2), '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    assertNoRawInvisible(r.stdout, 'stdout');
    const json = JSON.parse(r.stdout);
    assert.deepStrictEqual(Object.keys(json.gradients).sort(), [hostile('W'), hostile('x')]);
  });

  it('escapes control characters that a syntax error quotes from the expression', () => {
    const r = run(['check', '--expr', 'x + \u001b[2J\u202e']);
    assert.strictEqual(r.status, 2, r.stdout);
    assertNoRawInvisible(r.stderr, 'stderr');
    assert.match(r.stderr, /^gradient-inspector: 1:5: /);
  });

  it('escapes control characters in a usage error that quotes an argument', () => {
    const r = run(['check', '--expr', 'x', '--mode', 'fast\u001b[2J']);
    assert.strictEqual(r.status, 2);
    assertNoRawInvisible(r.stderr, 'stderr');
    assert.ok(r.stderr.includes("(got 'fast\\u001b[2J')"), r.stderr);
  });

  it('ends every output with a newline: report, JSON, no variables, help, usage error, input error', () => {
    const outputs = [
      run(['check', '--expr', 'x * 2', '--at', 'x=1']).stdout,
      run(['check', '--expr', 'x * 2', '--at', 'x=1', '--json']).stdout,
      run(['check', '--expr', '3 * 2']).stdout,
      run(['check', '--expr', '3 * 2', '--json']).stdout,
      run(['--help']).stdout,
      run(['check']).stderr,
      run(['check', '--expr', 'x +']).stderr,
    ];
    outputs.forEach((text, i) => assert.ok(text.length > 0 && text.endsWith('\n'), `output ${i} does not end with a newline: ${JSON.stringify(text.slice(-40))}`));
  });

  it('says there is nothing to differentiate for an expression without variables, not PASSED 0 of 0', () => {
    const text = run(['check', '--expr', '3 * 2']);
    assert.strictEqual(text.status, 0, text.stderr);
    assert.strictEqual(text.stdout, 'value: 6\nnothing to differentiate: the expression has no variables\n');
    const json = JSON.parse(run(['check', '--expr', '3 * 2', '--json']).stdout);
    assert.ok(json.notes.includes('nothing to differentiate: the expression has no variables'), JSON.stringify(json.notes));
    assert.strictEqual(json.check.totalEntries, 0);
  });

  it('names the line:column of the op that first made a value or gradient non-finite', () => {
    const gradient = run(['check', '--expr', 'y = 2\ny * sqrt(x)', '--at', 'x=0', '--language', 'python']);
    assert.match(gradient.stdout, /^note: the first non-finite gradient comes from the derivative of sqrt at 2:5$/m);
    const value = run(['check', '--expr', '1 + log(x)', '--at', 'x=0']);
    assert.match(value.stdout, /^note: the first non-finite value comes from log at 1:5$/m);
  });
});
