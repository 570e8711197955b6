// Per-layer gradient flow of the PyTorch-exported fixtures (scripts/fixtures/gradient_flow.py)
// against the norms, fractions and flags PyTorch's forward and full backward hooks recorded in float64.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LayerFlow } from '../../../src/engine/gradient-flow';
import { inspect, Inspection } from '../../../src/inspect';
import { Nested, Tensor } from '../../../src/engine/tensor';
import { assertClose, FIXTURES } from '../fixtures';

interface ReferenceLayer {
  name: string;
  depth: number;
  activationNorm: number;
  gradientNorm: number;
  parameters: { name: string; shape: number[]; norm: number; gradientNorm: number; ratio: number }[];
  deadReluFraction?: number;
  saturatedFraction?: number;
  flags: string[];
}

interface FlowFixture {
  model: string;
  inputs: Record<string, Nested>;
  gradientFlow: { batchAxis: string | null; layers: ReferenceLayer[] };
}

function fixture(name: string): { spec: FlowFixture; bytes: Uint8Array } {
  const dir = path.join(FIXTURES, 'onnx');
  const spec = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as FlowFixture;
  return { spec, bytes: new Uint8Array(fs.readFileSync(path.join(dir, spec.model))) };
}

async function inspectFixture(name: string): Promise<{ inspection: Inspection; reference: FlowFixture['gradientFlow'] }> {
  const { spec, bytes } = fixture(name);
  const inspection = await inspect({ kind: 'onnx', bytes, fileName: spec.model }, { model: { inputs: spec.inputs }, check: false });
  return { inspection, reference: spec.gradientFlow };
}

/** Relative 1e-9 with no absolute floor: the vanishing norms are near 1e-13. */
function close(actual: number, expected: number, what: string): void {
  assertClose(actual, expected, what, 1e-9, 0);
}

function compareLayer(ours: LayerFlow, ref: ReferenceLayer): void {
  const at = `layer ${ref.name}`;
  assert.strictEqual(ours.name, ref.name);
  assert.strictEqual(ours.depth, ref.depth, `${at} depth`);
  close(ours.activationNorm, ref.activationNorm, `${at} activation norm`);
  close(ours.gradientNorm, ref.gradientNorm, `${at} gradient norm`);
  assert.deepStrictEqual(ours.parameters.map(p => p.name), ref.parameters.map(p => p.name), `${at} parameters`);
  ours.parameters.forEach((p, i) => {
    const r = ref.parameters[i];
    assert.deepStrictEqual(p.shape, r.shape, `${at} ${r.name} shape`);
    close(p.norm, r.norm, `${at} ${r.name} norm`);
    close(p.gradientNorm, r.gradientNorm, `${at} ${r.name} gradient norm`);
    close(p.ratio, r.ratio, `${at} ${r.name} |gradient|/|weight|`);
  });
  assert.strictEqual(ours.deadReluFraction, ref.deadReluFraction, `${at} dead ReLU fraction`);
  if (ref.saturatedFraction === undefined) {
    assert.strictEqual(ours.saturatedFraction, undefined, `${at} saturated fraction`);
  } else {
    close(ours.saturatedFraction ?? NaN, ref.saturatedFraction, `${at} saturated fraction`);
  }
  assert.deepStrictEqual(ours.flags, ref.flags, `${at} flags`);
}

describe('gradient flow per layer against PyTorch hooks', () => {
  for (const name of ['gradient_flow_sigmoid_tanh', 'gradient_flow_relu_dead', 'gradient_flow_relu_dead_fixed']) {
    it(`${name}: every layer's norms, fractions and flags match PyTorch float64 within 1e-9`, async () => {
      const { inspection, reference } = await inspectFixture(name);
      const layers = inspection.layers ?? [];
      assert.deepStrictEqual(layers.map(l => l.name), reference.layers.map(l => l.name));
      layers.forEach((layer, i) => compareLayer(layer, reference.layers[i]));
    });
  }

  it('flags the vanishing layers of the deep sigmoid/tanh MLP and its saturated tanh', async () => {
    const { inspection } = await inspectFixture('gradient_flow_sigmoid_tanh');
    const layers = inspection.layers ?? [];
    const vanishing = layers.filter(l => l.flags.includes('vanishing')).map(l => l.name);
    assert.deepStrictEqual(vanishing, Array.from({ length: 14 }, (_, i) => String(i)));
    assert.deepStrictEqual(layers.filter(l => l.flags.includes('saturated')).map(l => l.name), ['1']);
    assert.ok(layers.every(l => !l.flags.includes('exploding')));
    assert.deepStrictEqual(layers[0].ops, ['Gemm']);
    assert.deepStrictEqual(layers[1].ops, ['Tanh']);
  });

  it('counts dead ReLU units over the declared batch axis, and entries when there is none', async () => {
    const perUnit = await inspectFixture('gradient_flow_relu_dead');
    const perEntry = await inspectFixture('gradient_flow_relu_dead_fixed');
    assert.deepStrictEqual(perUnit.inspection.batchAxis, { name: 'batch', size: 8 });
    assert.strictEqual(perEntry.inspection.batchAxis, undefined);
    const first = (i: Inspection): LayerFlow => (i.layers ?? [])[1];
    assert.deepStrictEqual([first(perUnit.inspection).deadReluBasis, first(perUnit.inspection).deadReluFraction], ['unit', 1 / 16]);
    assert.deepStrictEqual([first(perEntry.inspection).deadReluBasis, first(perEntry.inspection).deadReluFraction], ['entry', 35 / 64]);
    const dead = (perUnit.inspection.layers ?? [])[3];
    assert.deepStrictEqual([dead.deadReluFraction, dead.activationNorm, dead.flags], [1, 0, ['dead-relu']]);
    // Nothing flows back through the dead layer: every layer before it has a zero gradient.
    assert.deepStrictEqual((perUnit.inspection.layers ?? []).slice(0, 3).map(l => [l.gradientNorm, l.flags]), [[0, ['vanishing']], [0, ['vanishing']], [0, ['vanishing']]]);
  });

  it('gives expressions without groups no layers', async () => {
    const inspection = await inspect({ kind: 'text', text: 'tanh(x * w)', language: 'math' }, { bindings: new Map([['x', Tensor.scalar(0.5)], ['w', Tensor.scalar(2)]]), check: false });
    assert.strictEqual(inspection.layers, undefined);
  });
});
