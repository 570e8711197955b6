// `gradient-inspector check MODEL.onnx` and its gradient-flow output, run as a user runs it: the
// --json layers against PyTorch's hook references, the human table with its flagged rows and the
// rules of their flags, and layer names from the file shown without their control characters.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertClose, FIXTURES } from '../fixtures';
import { modelBytes } from '../model/onnx-writer';

const CLI = path.resolve(__dirname, '../../../src/cli.js');
const ONNX_DIR = path.join(FIXTURES, 'onnx');

interface JsonLayer {
  name: string;
  depth: number;
  ops: string[];
  activationNorm: number;
  gradientNorm: number;
  parameters: { name: string; ratio: number | null }[];
  deadReluFraction?: number;
  deadReluBasis?: string;
  flags: string[];
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The fixture's model with its recorded inputs, as a CLI user passes them. */
function fixtureArgs(name: string): { args: string[]; reference: { layers: (JsonLayer & { activationNorm: number })[] } } {
  const spec = JSON.parse(fs.readFileSync(path.join(ONNX_DIR, `${name}.json`), 'utf8')) as { inputs: unknown; gradientFlow: { layers: JsonLayer[] } };
  const inputs = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gi-flow-')), 'inputs.json');
  fs.writeFileSync(inputs, JSON.stringify(spec.inputs));
  return { args: ['check', path.join(ONNX_DIR, `${name}.onnx`), '--inputs', inputs], reference: spec.gradientFlow };
}

describe('gradient-inspector check: gradient flow', function () {
  this.timeout(60_000);

  it('--json has the layers, matching PyTorch within 1e-9, with the rules and the batch axis', () => {
    const { args, reference } = fixtureArgs('gradient_flow_relu_dead');
    const r = run([...args, '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { layers: JsonLayer[]; layerRules: { flags: Record<string, string>; thresholds: Record<string, number>; batchAxis: unknown } };
    assert.deepStrictEqual(json.layers.map(l => [l.name, l.depth, l.ops, l.flags]), reference.layers.map(l => [l.name, l.depth, l.depth % 2 === 0 ? ['Gemm'] : ['Relu'], l.flags]));
    json.layers.forEach((layer, i) => {
      assertClose(layer.activationNorm, reference.layers[i].activationNorm, `layer ${layer.name} activation`, 1e-9, 0);
      assertClose(layer.gradientNorm, reference.layers[i].gradientNorm, `layer ${layer.name} gradient`, 1e-9, 0);
    });
    assert.deepStrictEqual(json.layers[1].deadReluBasis, 'unit');
    assert.deepStrictEqual(json.layerRules.batchAxis, { name: 'batch', size: 8 });
    assert.strictEqual(json.layerRules.thresholds.tanhSaturated, 0.99);
    assert.deepStrictEqual(Object.keys(json.layerRules.flags), ['vanishing', 'exploding', 'dead-relu', 'saturated']);
    // Nothing reaches the weights before the dead layer: |grad|/|weight| is 0.
    assert.ok(json.layers[0].parameters.every(p => p.ratio === 0), JSON.stringify(json.layers[0].parameters));
  });

  it('prints a "Gradient flow" table of every layer of a small model and the rules of the raised flags', () => {
    const { args } = fixtureArgs('gradient_flow_relu_dead');
    const r = run(args);
    assert.strictEqual(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const head = lines.findIndex(l => l.startsWith('Gradient flow: 7 layers, 4 flagged'));
    assert.ok(head >= 0, r.stdout);
    assert.match(lines[head + 1], /^layer +depth +activation +gradient +max \|g\|\/\|w\| +dead ReLU +saturated +flags$/);
    const rows = lines.slice(head + 2, head + 9);
    assert.deepStrictEqual(rows.map(row => row.split(/\s+/)[0]), ['0', '1', '2', '3', '4', '5', '6']);
    assert.match(rows[3], /^3 +3 +0 +0\.137\d+ +- +1 +- +dead-relu$/);
    assert.match(rows[0], /vanishing$/);
    assert.ok(lines.includes('dead ReLU: per unit, zero on all 8 samples of the batch axis batch'), r.stdout);
    assert.ok(lines.some(l => l.startsWith('vanishing: gradient norm of the layer\'s output below 0.001 ×')));
    assert.ok(lines.some(l => l.startsWith('dead-relu: more than 50%')));
    assert.ok(!lines.some(l => l.startsWith('exploding:')), 'a rule printed for a flag nobody raised');
  });

  it('samples a deep model through depth and keeps every flagged layer', () => {
    const { args } = fixtureArgs('gradient_flow_sigmoid_tanh');
    const r = run(args);
    assert.strictEqual(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const head = lines.findIndex(l => l.startsWith('Gradient flow: '));
    assert.match(lines[head], /^Gradient flow: 17 of 19 layers \(a sample through depth and the flagged ones; --json has all\), 14 flagged/);
    const names = lines.slice(head + 2, head + 19).map(row => row.split(/\s+/)[0]);
    // Flagged: 0–13; the sample through depth adds 15, 16 and 18 (the last layer).
    assert.deepStrictEqual(names, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '15', '16', '18']);
  });

  it('shows a layer name with control characters as visible escapes', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gi-flow-')), 'hostile.onnx');
    fs.writeFileSync(file, modelBytes({
      opset: 13,
      nodes: [{ op: 'Tanh', name: '/evil\u001b[2J\u202e/Tanh', inputs: ['x'], outputs: ['y'] }],
      initializers: [],
      inputs: [{ name: 'x', shape: [2] }],
    }));
    const r = run(['check', file]);
    assert.strictEqual(r.status, 0, r.stderr);
    const row = r.stdout.split('\n').find(l => l.startsWith('evil'));
    assert.ok(row?.startsWith('evil\\u001b[2J\\u202e '), r.stdout);
    assert.ok(!r.stdout.includes('\u001b') && !r.stdout.includes('\u202e'));
  });
});
