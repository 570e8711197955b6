// The CLI reads a file the way the extension does: every file in examples/ is checked as a user
// would run it (a child process), with values asserted against closed forms and the fixtures.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES } from '../fixtures';

const CLI = path.resolve(__dirname, '../../../src/cli.js');
const EXAMPLES = path.resolve(__dirname, '../../../../examples');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function example(name: string): string {
  return path.join(EXAMPLES, name);
}

function near(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual}, expected ${expected}`);
}

interface FormulaJson {
  line: number;
  column: number;
  text: string;
  status: string;
  result?: { value: number; gradients: Record<string, number>; graph: { nodes: { label: string; range?: { line: number; column: number } }[] } };
  error?: { message: string; line?: number; column?: number };
}

function formulas(args: string[]): { status: number | null; formulas: FormulaJson[]; prose: number[] } {
  const r = run(['check', ...args, '--json']);
  const json = JSON.parse(r.stdout);
  return { status: r.status, formulas: json.formulas, prose: json.prose };
}

// Closed forms of the lecture's three examples.
const sigmoid = (t: number): number => 1 / (1 + Math.exp(-t));
const NEURON = { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 };
const NEURON_OUT = sigmoid(NEURON.w0 * NEURON.x0 + NEURON.w1 * NEURON.x1 + NEURON.w2);
const NEURON_SLOPE = NEURON_OUT * (1 - NEURON_OUT);
const G = (x: number): number => Math.sin(5 * Math.exp(x));
const DG = (x: number): number => 5 * Math.cos(5 * Math.exp(x)) * Math.exp(x);
const DDG = (x: number): number => Math.exp(x) * (5 * Math.cos(5 * Math.exp(x)) - 25 * Math.exp(x) * Math.sin(5 * Math.exp(x)));

function assertNeuron(gradients: Record<string, number>, sub: (name: string) => string): void {
  near(gradients[sub('w0')], NEURON.x0 * NEURON_SLOPE, 'w0');
  near(gradients[sub('x0')], NEURON.w0 * NEURON_SLOPE, 'x0');
  near(gradients[sub('w1')], NEURON.x1 * NEURON_SLOPE, 'w1');
  near(gradients[sub('x1')], NEURON.w1 * NEURON_SLOPE, 'x1');
  near(gradients[sub('w2')], NEURON_SLOPE, 'w2');
}

describe('gradient-inspector CLI: the files in examples/', function () {
  this.timeout(60_000);

  it('every file in examples/ checks and passes (exit 0)', () => {
    const names = fs.readdirSync(EXAMPLES).filter(name => !name.startsWith('.'));
    assert.ok(names.length >= 5, names.join(', '));
    for (const name of names) {
      const r = run(['check', example(name)]);
      assert.strictEqual(r.status, 0, `${name}: ${r.stdout}${r.stderr}`);
      assert.strictEqual(r.stderr, '', name);
    }
  });

  it('lecture.txt: its three formulas at their values lines; the two lines of prose are listed, not checked', () => {
    const r = formulas([example('lecture.txt')]);
    assert.strictEqual(r.status, 0);
    assert.deepStrictEqual(r.prose, [1, 2]);
    assert.deepStrictEqual(r.formulas.map(f => [f.line, f.column, f.text, f.status]), [
      [5, 1, '(x + y) * z', 'passed'],
      [8, 1, '1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))', 'passed'],
      [11, 1, 'sin(5 * exp(x))', 'passed'],
    ]);
    const [circuit, neuron, analytic] = r.formulas.map(f => f.result as NonNullable<FormulaJson['result']>);
    assert.strictEqual(circuit.value, -12);
    assert.deepStrictEqual(circuit.gradients, { x: -4, y: -4, z: 3 });
    near(neuron.value, NEURON_OUT, 'neuron');
    assertNeuron(neuron.gradients, name => name);
    near(analytic.value, G(0.3), 'sin(5 exp x)');
    near(analytic.gradients.x, DG(0.3), 'd/dx sin(5 exp x)');
  });

  it('notes.md: every formula, with the values comment above it; numbers quoted in prose have nothing to differentiate', () => {
    const r = formulas([example('notes.md')]);
    assert.strictEqual(r.status, 0);
    assert.deepStrictEqual(r.formulas.map(f => [f.line, f.text, f.status]), [
      [10, '(x + y) \\cdot z', 'passed'],
      [10, '-4', 'constant'],
      [10, '-4', 'constant'],
      [10, '3', 'constant'],
      [15, '\\frac{1}{1 + \\exp(-(w_0 x_0 + w_1 x_1 + w_2))}', 'passed'],
      [20, '\\sin(5 e^{x})', 'passed'],
      [22, '5 \\cos(5 e^{x}) e^{x}', 'passed'],
    ]);
    const result = (i: number): NonNullable<FormulaJson['result']> => r.formulas[i].result as NonNullable<FormulaJson['result']>;
    assert.deepStrictEqual(result(0).gradients, { x: -4, y: -4, z: 3 });
    assert.deepStrictEqual([result(1).value, result(2).value, result(3).value], [-4, -4, 3]);
    near(result(4).value, NEURON_OUT, 'neuron');
    const w0 = result(4).graph.nodes.find(n => n.label === 'w_0');
    assert.deepStrictEqual([w0?.range?.line, w0?.range?.column], [15, 65], 'node ranges are places in the file');
    assertNeuron(result(4).gradients, name => `${name[0]}_${name[1]}`);
    near(result(5).gradients.x, DG(0.3), 'd/dx sin(5 e^x)');
    near(result(6).value, DG(0.3), "the derivative's formula");
    near(result(6).gradients.x, DDG(0.3), 'its own derivative');
  });

  it('notes.md in the terminal: each formula under FILE:LINE:COLUMN, then a summary line', () => {
    const r = run(['check', example('notes.md')]);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /notes\.md:10:23: \(x \+ y\) \\cdot z\nvalue: -12\n/);
    assert.match(r.stdout, /notes\.md:10:60: -4\nvalue: -4\nnothing to differentiate: the expression has no variables\n/);
    assert.match(r.stdout, /notes\.md: 7 formulas: 4 passed, 0 failed, 0 not analysed, 3 without variables \(nothing to differentiate\)\n$/);
  });

  it('--line N keeps the formulas on line N', () => {
    const r = formulas([example('notes.md'), '--line', '22']);
    assert.deepStrictEqual(r.formulas.map(f => f.text), ['5 \\cos(5 e^{x}) e^{x}']);
    const none = run(['check', example('notes.md'), '--line', '1']);
    assert.strictEqual(none.status, 2);
    assert.match(none.stderr, /^gradient-inspector: .*notes\.md:1: no formula to check\n$/);
    const past = run(['check', example('notes.md'), '--line', '999']);
    assert.strictEqual(past.status, 2);
    assert.match(past.stderr, /--line 999: .*notes\.md has \d+ lines/);
  });

  it('lecture.py: the whole file as Python (x is reassigned, so the last block wins); --line N takes the block the editor takes there', () => {
    const whole = JSON.parse(run(['check', example('lecture.py'), '--json']).stdout);
    near(whole.value, G(0.3), 'the whole file');
    near(whole.gradients["x'"], DG(0.3), "x'");
    const circuit = JSON.parse(run(['check', example('lecture.py'), '--line', '9', '--json']).stdout);
    assert.strictEqual(circuit.value, -12);
    assert.deepStrictEqual(circuit.gradients, { x: -4, y: -4, z: 3 });
    // Node ranges are places in the file: `f = (x + y) * z` is line 9.
    const product = circuit.graph.nodes.find((n: { op: string }) => n.op === 'mul');
    assert.deepStrictEqual([product.range.line, product.range.column, product.range.text], [9, 5, '(x + y) * z']);
    const neuron = JSON.parse(run(['check', example('lecture.py'), '--line', '17', '--json']).stdout);
    near(neuron.value, NEURON_OUT, 'neuron');
    assertNeuron(neuron.gradients, name => name);
  });

  it('mlp.py: the loss and its gradients match the closed form', () => {
    const json = JSON.parse(run(['check', example('mlp.py'), '--json']).stdout);
    const W1 = [[0.2, -0.5], [0.8, 0.1], [-0.3, 0.7]], b1 = [0.1, -0.2, 0.05], W2 = [0.6, -0.4, 0.3], b2 = 0.2, x = [1.5, -0.5], y = 0.4;
    const hidden = W1.map((row, i) => Math.max(row[0] * x[0] + row[1] * x[1] + b1[i], 0));
    const residual = W2.reduce((sum, w, i) => sum + w * hidden[i], b2) - y;
    near(json.value, 0.5 * residual ** 2, 'loss');
    near(json.gradients.b2[0], residual, 'b2');
    json.gradients.W2[0].forEach((g: number, i: number) => near(g, residual * hidden[i], `W2[0][${i}]`));
    assert.strictEqual(json.check.passed, true);
  });

  it('mlp_relu.onnx: the loss of the fixture inputs matches the reference', () => {
    const ref = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'onnx', 'mlp_relu.json'), 'utf8'));
    const inputs = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gi-')), 'inputs.json');
    fs.writeFileSync(inputs, JSON.stringify(ref.inputs));
    const json = JSON.parse(run(['check', example('mlp_relu.onnx'), '--inputs', inputs, '--json']).stdout);
    near(json.value, ref.expected.loss, 'loss');
    assert.strictEqual(json.check.passed, true);
  });
});

describe('gradient-inspector CLI: --dim on a model with dynamic axes', function () {
  this.timeout(60_000);
  const gpt = path.join(FIXTURES, 'onnx', 'gpt_tiny_relu.onnx');

  it('--dim sizes the generated token ids; the notes say so; the check passes', () => {
    const r = run(['check', gpt, '--dim', 'batch=1', '--dim', 'sequence=3', '--mode', 'fast', '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.ok(json.notes.includes('dynamic dimensions: batch = 1 (--dim), sequence = 3 (--dim)'), json.notes.join('\n'));
    assert.ok(json.notes.some((n: string) => /^input 'ids' \(1, 3\): random integers in \[0, 32\)/.test(n)), json.notes.join('\n'));
    assert.strictEqual(json.check.passed, true);
  });

  it('integer token ids from --inputs: the loss matches the PyTorch float64 reference', () => {
    const ref = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'onnx', 'gpt_tiny_relu.json'), 'utf8'));
    const inputs = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gi-')), 'ids.json');
    fs.writeFileSync(inputs, JSON.stringify(ref.inputs));
    // The JSON holds every gradient of the model's 7872 weights: over spawnSync's default 1 MiB buffer.
    const r = spawnSync(process.execPath, [CLI, 'check', gpt, '--inputs', inputs, '--mode', 'fast', '--json'], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
    const json = JSON.parse(r.stdout);
    near(json.value, ref.expected.loss, 'loss');
    assert.ok(json.notes.includes("dynamic dimensions: batch = 2 (input 'ids'), sequence = 5 (input 'ids')"), json.notes.join('\n'));
    assert.strictEqual(json.check.passed, true);
  });

  it('a malformed --dim is a usage error, exit 2', () => {
    for (const bad of ['sequence', '=3', 'sequence=0', 'sequence=x']) {
      const r = run(['check', gpt, '--dim', bad]);
      assert.strictEqual(r.status, 2, bad);
      assert.match(r.stderr, /--dim/, bad);
    }
  });
});

describe('gradient-inspector CLI: reading FILE', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-read-'));

  it('a directory is one line and exit 2, no stack trace', () => {
    const r = run(['check', dir]);
    assert.strictEqual(r.status, 2);
    assert.strictEqual(r.stderr, `gradient-inspector: ${dir} is a directory; expected a file\n`);
  });

  it('a missing file and a device are one line and exit 2', () => {
    const missing = run(['check', path.join(dir, 'missing.txt')]);
    assert.strictEqual(missing.status, 2);
    assert.strictEqual(missing.stderr, `gradient-inspector: ${path.join(dir, 'missing.txt')}: no such file\n`);
    const device = run(['check', '/dev/zero']);
    assert.strictEqual(device.status, 2);
    assert.strictEqual(device.stderr, 'gradient-inspector: /dev/zero is not a regular file\n');
  });

  it('a UTF-8 byte-order mark is accepted, in a Python file, a text file and on standard input', () => {
    const py = path.join(dir, 'bom.py');
    fs.writeFileSync(py, '\uFEFFx = 3.0\nx ** 2\n');
    const json = JSON.parse(run(['check', py, '--json']).stdout);
    assert.strictEqual(json.value, 9);
    assert.strictEqual(json.gradients.x, 6);
    const txt = path.join(dir, 'bom.txt');
    fs.writeFileSync(txt, '\uFEFFvalues: x=3\nx ** 2\n');
    const r = formulas([txt]);
    assert.deepStrictEqual(r.formulas.map(f => [f.line, f.column, f.status]), [[2, 1, 'passed']]);
    const piped = spawnSync(process.execPath, [CLI, 'check', '-', '--at', 'x=3', '--json'], { encoding: 'utf8', input: '\uFEFFx ** 2' });
    assert.strictEqual(JSON.parse(piped.stdout).value, 9, piped.stderr);
  });

  it('a formula that does not parse is reported in its place with the file line and column, and the exit status is the worst', () => {
    const txt = path.join(dir, 'mixed.txt');
    fs.writeFileSync(txt, 'Some notes on the model.\nvalues: x=2\nx * (3 +\nx ** 2\n');
    const r = run(['check', txt]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stdout, /mixed\.txt:3:1: x \* \(3 \+\nerror: .*mixed\.txt:3:9: unexpected end of input/);
    assert.match(r.stdout, /mixed\.txt:4:1: x \*\* 2\nvalue: 4\n/);
    assert.match(r.stdout, /1 passed, 0 failed, 1 not analysed/);
    assert.match(r.stdout, /read as prose, not checked: line 1\n$/);
  });

  it('--help documents every option', () => {
    const r = run(['--help']);
    assert.strictEqual(r.status, 0);
    for (const flag of ['--line', '--expr', '--language', '--at', '--eps', '--atol', '--rtol', '--mode', '--json', '--inputs', '--loss', '--target', '--output', '--dim']) {
      assert.match(r.stdout, new RegExp(`^\\s+${flag} `, 'm'), flag);
    }
  });
});
