// The CLI as a user runs it: a child process on the compiled file, checking output and exit status.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES } from '../fixtures';

const CLI = path.resolve(__dirname, '../../../src/cli.js');

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gradient-inspector CLI', function () {
  this.timeout(60_000);
  it("checks the lecture's (x + y) * z and exits 0", () => {
    const r = run(['check', '--expr', '(x + y) * z', '--at', 'x=-2', '--at', 'y=5', '--at', 'z=-4']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /value: -12/);
    assert.match(r.stdout, /^x\s+-2\s+-4\s+-4\s/m);
    assert.match(r.stdout, /^y\s+5\s+-4\s+-4\s/m);
    assert.match(r.stdout, /^z\s+-4\s+3\s+3\s/m);
    assert.match(r.stdout, /gradient check PASSED: full mode, 3 of 3 entries/);
  });

  it('prints the symbolic derivative of a scalar expression (the analytic method)', () => {
    const r = run(['check', '--expr', 'sin(5 * exp(x))', '--at', 'x=0.3']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /^∂output\/∂x = 5 \* cos\(5 \* exp\(x\)\) \* exp\(x\)$/m);
  });

  it('prints one JSON object with --json', () => {
    const r = run(['check', '--expr', '(x + y) * z', '--at', 'x=-2', '--at', 'y=5', '--at', 'z=-4', '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.strictEqual(json.value, -12);
    assert.deepStrictEqual(json.gradients, { x: -4, y: -4, z: 3 });
    assert.strictEqual(json.check.passed, true);
    assert.strictEqual(json.check.mode, 'full');
    assert.strictEqual(json.check.eps, 1e-6);
    assert.strictEqual(json.check.atol, 1e-5);
    assert.strictEqual(json.check.rtol, 1e-3);
    assert.strictEqual(json.graph.nodes.length, 5);
    const plus = json.graph.nodes.find((n: { op: string }) => n.op === 'add');
    assert.strictEqual(plus.value, 3);
    assert.strictEqual(plus.grad, -4);
    assert.match(plus.range.text, /^\(?x \+ y\)?$/);
    assert.strictEqual(plus.range.line, 1);
    assert.strictEqual(json.memory.parameterBytes, 24);
  });

  it('notes that a vector output is differentiated as its sum', () => {
    const r = run(['check', '--expr', 'W = np.array([[1.0, 2.0], [3.0, 4.0]])\nx = np.array([0.5, -1.0])\nnp.tanh(W @ x)', '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.ok(json.notes.some((n: string) => /sum/.test(n)), JSON.stringify(json.notes));
    assert.deepStrictEqual(json.gradients.x.length, 2);
  });

  it('reads a .py file and honours --eps/--atol/--rtol/--mode', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gi-')), 'f.py');
    fs.writeFileSync(file, 'a = 0.3\nb = -1.2\nnp.exp(a) * np.sin(b) ** 2\n');
    const r = run(['check', file, '--eps', '1e-4', '--atol', '1e-7', '--rtol', '1e-6', '--mode', 'fast', '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.strictEqual(json.language, 'python');
    assert.strictEqual(json.check.eps, 1e-4);
    assert.strictEqual(json.check.atol, 1e-7);
    assert.strictEqual(json.check.rtol, 1e-6);
    assert.strictEqual(json.check.mode, 'fast');
  });

  it('exits 1 when a gradient disagrees (a step so large the difference is wrong)', () => {
    const r = run(['check', '--expr', 'sin(5 * exp(x))', '--at', 'x=0.3', '--eps', '0.1']);
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /FAIL/);
    assert.match(r.stdout, /gradient check FAILED/);
    assert.match(r.stdout, /^x\s.*FAIL\s+truncation$/m);
    assert.match(r.stdout, /^x: truncation: .*too large; eps 0\.00001 passes\.$/m);
    const json = JSON.parse(run(['check', '--expr', 'sin(5 * exp(x))', '--at', 'x=0.3', '--eps', '0.1', '--json']).stdout);
    assert.strictEqual(json.check.entries[0].diagnosis, 'truncation');
    assert.strictEqual(json.check.entries[0].suggestedEps, 1e-5);
    assert.match(json.check.entries[0].advice, /too large/);
  });

  it('names a relu kink with its one-sided derivatives and convention, and diagnoses every entry with --diagnose all', () => {
    const json = JSON.parse(run(['check', '--expr', 'relu(x) + x*x', '--at', 'x=[0, 1]', '--diagnose', 'all', '--json']).stdout);
    const [kink, smooth] = [...json.check.entries].sort((a: { flat: number }, b: { flat: number }) => a.flat - b.flat);
    assert.deepStrictEqual([kink.status, kink.diagnosis, kink.convention], ['kink', 'kink', 'relu′(0) = 0']);
    assert.ok(Math.abs(kink.oneSided[0]) < 1e-5 && Math.abs(kink.oneSided[1] - 1) < 1e-5, JSON.stringify(kink.oneSided));
    assert.strictEqual(smooth.status, 'pass');
    assert.ok(typeof smooth.advice === 'string' && smooth.advice.startsWith('Passes'), JSON.stringify(smooth));
    assert.strictEqual(run(['check', '--expr', 'x', '--diagnose', 'some']).status, 2);
  });

  it('passes x*2 at x = 1e12: the step is relative, h = eps·|x|, shown in the table and the JSON', () => {
    const r = run(['check', '--expr', 'x*2', '--at', 'x=1e12']);
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^entry\s+value\s+analytic\s+numeric\s+h\s/m);
    assert.match(r.stdout, /^x\s+1e\+12\s+2\s+2\s+1e\+6\s/m);
    const json = JSON.parse(run(['check', '--expr', 'x*2', '--at', 'x=1e12', '--json']).stdout);
    assert.strictEqual(json.check.entries[0].h, 1e6);
    assert.strictEqual(json.check.entries[0].numeric, 2);
  });

  it('judges against --reference richardson or complex, and refuses complex through abs with its line:column', () => {
    for (const reference of ['richardson', 'complex']) {
      const r = run(['check', '--expr', 'sin(5 * exp(x))', '--at', 'x=0.3', '--reference', reference, '--json']);
      assert.strictEqual(r.status, 0, r.stderr);
      const json = JSON.parse(r.stdout);
      assert.strictEqual(json.check.reference, reference);
      assert.ok(json.check.maxRelError < 1e-12, `${reference}: ${json.check.maxRelError}`);
    }
    const refused = run(['check', '--expr', 'sin(x) + abs(x)', '--at', 'x=0.3', '--reference', 'complex']);
    assert.strictEqual(refused.status, 2);
    assert.match(refused.stderr, /^gradient-inspector: 1:10: the complex-step reference needs analytic ops: abs \(abs\) is not analytic/);
    assert.strictEqual(run(['check', '--expr', 'x', '--reference', 'forward']).status, 2);
  });

  it('replays in float32 with --precision: the cancellation of log(1 + exp(x)) - x at x = 20, in the report and the JSON', () => {
    const r = run(['check', '--expr', 'log(1 + exp(x)) - x', '--at', 'x=20', '--precision', 'float32']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /^float32 replay: output rel err 1 /m);
    assert.match(r.stdout, /^ {2}catastrophic cancellation at - \(node 5\): condition number 1\.9\d+e\+10/m);
    assert.match(r.stdout, /^ {2}a gradient check in float32 needs eps ≈ 0\.00390625 /m);
    const json = JSON.parse(run(['check', '--expr', 'log(1 + exp(x)) - x', '--at', 'x=20', '--precision', 'float32', '--json']).stdout);
    assert.strictEqual(json.precision.type, 'float32');
    assert.strictEqual(json.precision.nodes.length, 6);
    assert.strictEqual(json.precision.firstOverThreshold.node, 5);
    assert.strictEqual(run(['check', '--expr', 'x', '--precision', 'float8']).status, 2);
  });

  it('exits 2 with line:column for a syntax error', () => {
    const r = run(['check', '--expr', 'x = 1\ny = (x + 2 *\n']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /^gradient-inspector: \d+:\d+: /m);
  });

  it('exits 2 listing every unbound variable', () => {
    const r = run(['check', '--expr', 'a * b + c']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /a, b, c/);
  });

  it('exits 2 on bad flags', () => {
    assert.strictEqual(run(['check', '--expr', 'x', '--eps', '-1']).status, 2);
    assert.strictEqual(run(['check', '--expr', 'x', '--mode', 'slow']).status, 2);
    assert.strictEqual(run(['frobnicate']).status, 2);
    assert.strictEqual(run(['check', path.join(os.tmpdir(), 'does-not-exist.py')]).status, 2);
  });

  it('checks an ONNX model with --inputs and --json', () => {
    const model = path.join(FIXTURES, 'onnx', 'mlp_relu.onnx');
    const ref = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'onnx', 'mlp_relu.json'), 'utf8'));
    const inputs = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gi-')), 'inputs.json');
    fs.writeFileSync(inputs, JSON.stringify(ref.inputs));
    const r = run(['check', model, '--inputs', inputs, '--loss', 'l2', '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.ok(Math.abs(json.value - ref.expected.loss) <= 1e-9 * Math.abs(ref.expected.loss));
    assert.deepStrictEqual(Object.keys(json.gradients).sort(), Object.keys(ref.expected.grads).sort());
    assert.strictEqual(json.check.passed, true);
  });

  it('exits 2 with a clear message for a file that is not ONNX', () => {
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gi-')), 'bad.onnx');
    fs.writeFileSync(bad, 'this is not a protobuf');
    const r = run(['check', bad]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /gradient-inspector: /);
    assert.doesNotMatch(r.stderr, /internal error/);
  });

  it('--max-nodes and --memory-mib set the limits; the refusal names the flag', () => {
    const small = run(['check', '--expr', 'x + x + x', '--at', 'x=1', '--max-nodes', '2']);
    assert.strictEqual(small.status, 2);
    assert.match(small.stderr, /^gradient-inspector: 1:1: the graph needs more than 2 nodes, over the limit; raise it with gradientInspector\.limits\.maxNodes \(CLI: --max-nodes\)$/m);
    assert.strictEqual(run(['check', '--expr', 'x + x + x', '--at', 'x=1', '--max-nodes', '3']).status, 0);
    const tight = run(['check', '--language', 'python', '--expr', 'np.ones((512, 512)).sum()', '--memory-mib', '8']);
    assert.strictEqual(tight.status, 2);
    assert.match(tight.stderr, /1:1: np\.ones of shape \(512, 512\) \(262,144 entries\) needs an estimated 12 MiB .* over the memory budget of 8 MiB/);
    assert.strictEqual(run(['check', '--language', 'python', '--expr', 'np.ones((512, 512)).sum()', '--memory-mib', '16', '--mode', 'fast']).status, 0);
    for (const bad of [['--max-nodes', '0'], ['--max-nodes', '2.5'], ['--memory-mib', '-1']]) {
      const r = run(['check', '--expr', 'x', ...bad]);
      assert.strictEqual(r.status, 2, bad.join(' '));
      assert.match(r.stderr, new RegExp(`${bad[0]} must be`));
    }
    assert.match(run(['--help']).stdout, /--max-nodes N .*\n.*--memory-mib M/);
  });

  it('values nested 100,000 deep (--inputs JSON, --at) are refused with a short message, no stack overflow', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-deep-'));
    const inputs = path.join(dir, 'deep.json');
    fs.writeFileSync(inputs, `{"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const fromFile = run(['check', path.join(FIXTURES, 'onnx', 'mlp_relu.onnx'), '--inputs', inputs]);
    fs.rmSync(dir, { recursive: true });
    assert.strictEqual(fromFile.status, 2);
    assert.match(fromFile.stderr, /^gradient-inspector: --inputs .*deep\.json: input 'x': nested deeper than 32 levels/);
    const fromFlag = run(['check', '--expr', 'W', '--at', `W=${'['.repeat(50_000)}${']'.repeat(50_000)}`]);
    assert.strictEqual(fromFlag.status, 2);
    assert.match(fromFlag.stderr, /nested too deeply/);
    for (const r of [fromFile, fromFlag]) {
      const firstLine = r.stderr.split('\n')[0];
      assert.ok(firstLine.length < 300, firstLine.slice(0, 300));
      assert.doesNotMatch(r.stderr, /RangeError|call stack|\n\s+at /);
    }
  });
});
