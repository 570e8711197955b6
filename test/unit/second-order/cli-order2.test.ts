// `--order 2` as a user runs it: the report, the JSON fields and the exit status.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { FIXTURES } from '../fixtures';

const CLI = path.resolve(__dirname, '../../../src/cli.js');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI --order 2', function () {
  this.timeout(60_000);
  const at = ['--at', 'x=0.7', '--at', 'y=1.3'];

  it('prints the H·v table, the forward-mode verdict and the Hessian, and exits 0', () => {
    const r = run(['--expr', 'sin(x*y) + x^3/y', ...at, '--order', '2']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /^direction\s+h\s+vᵀHv\s+numeric/m);
    assert.strictEqual(r.stdout.match(/^v[123]\s.*\spass\s/gm)?.length, 3, r.stdout);
    assert.match(r.stdout, /forward mode: uᵀ\(Jᵀv\) = vᵀ\(J·u\) at each of 5 op nodes, to 1e-10 relative: all agree/);
    assert.match(r.stdout, /^x\s+1\.89651\s+-0\.974525$/m);
    assert.match(r.stdout, /second-order check PASSED: 3 of 3 directions, 5 of 5 nodes/);
  });

  it('--json has check.order 2, secondOrder, jvp and hessian', () => {
    const r = run(['--expr', 'sin(x*y) + x^3/y', ...at, '--order', '2', '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.strictEqual(json.check.order, 2);
    assert.strictEqual(json.secondOrder.passed, true);
    assert.strictEqual(json.secondOrder.directions.length, 3);
    assert.ok(json.secondOrder.directions.every((d: { h: number; passed: boolean }) => d.passed && d.h === 1.3e-6));
    assert.strictEqual(json.jvp.passed, true);
    assert.deepStrictEqual(json.jvp.nodes.map((n: { op: string }) => n.op), ['mul', 'sin', 'pow', 'div', 'add']);
    assert.strictEqual(json.jvp.nodes[0].line, 1);
    assert.deepStrictEqual(json.hessian.inputs, ['x', 'y']);
    assert.ok(Math.abs(json.hessian.rows[0][1] - -0.9745251388361437) < 1e-14);
  });

  it('without --order, check.order is 1 and there is no second-order report', () => {
    const json = JSON.parse(run(['--expr', 'x*y', ...at, '--json']).stdout);
    assert.strictEqual(json.check.order, 1);
    assert.strictEqual(json.secondOrder, undefined);
    assert.strictEqual(json.hessian, undefined);
  });

  it('exits 1 when H·v disagrees with the gradient differences (across the kink of x·|x|)', () => {
    const r = run(['--expr', 'x*abs(x)', '--at', 'x=1e-7', '--order', '2']);
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /gradient check PASSED/);
    assert.match(r.stdout, /second-order check FAILED: 0 of 3 directions/);
  });

  it('refuses a model with an op that has no forward-mode rule, naming the op and node (exit 2)', () => {
    const r = run([path.join(FIXTURES, 'onnx', 'nn_family_opset17.onnx'), '--order', '2']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /ReduceProd.*forward mode is not available for op prod/);
  });

  it('rejects an order other than 1 or 2', () => {
    const r = run(['--expr', 'x', '--at', 'x=1', '--order', '3']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /--order must be one of 1, 2 \(got '3'\)/);
  });
});
