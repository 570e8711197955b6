// The gradient-flow plot's geometry and the validation of the layers the panel receives.
import * as assert from 'assert';
import type { WireGradientFlow, WireLayer } from '../../../src/protocol';
import { layersPlot, PLOT_MARGIN } from '../../../webview/layers-plot';
import { inspectionProblem } from '../../../webview/messages';
import { lectureInspection } from './sample';

function layer(name: string, depth: number, gradientNorm: number | null, activationNorm: number | null, flags: WireLayer['flags'] = []): WireLayer {
  return { name, depth, ops: ['Gemm'], activationNorm, gradientNorm, parameters: [], flags };
}

const HEIGHT = 280;
const BOTTOM = HEIGHT - PLOT_MARGIN.bottom;

describe('gradient-flow plot', () => {
  it('puts both norms of each layer on one log axis of whole decades', () => {
    const plot = layersPlot([layer('a', 0, 1e-6, 10), layer('b', 1, 1e-3, 1)], HEIGHT);
    assert.ok(plot);
    assert.deepStrictEqual(plot.decades.map(d => d.exponent), [-6, -5, -4, -3, -2, -1, 0, 1]);
    const [a, b] = plot.columns;
    // 1e-6 is the floor of the axis (a bar of one pixel stays visible), 10 its top; 1e-3 sits 3/7 of the way up.
    assert.strictEqual(a.gradient.height, 1);
    assert.ok(Math.abs(a.activation.y - PLOT_MARGIN.top) < 1e-9);
    assert.ok(Math.abs(b.gradient.height - (3 / 7) * (BOTTOM - PLOT_MARGIN.top)) < 1e-9);
    assert.ok(b.x > a.x && a.activation.x > a.gradient.x);
  });

  it('gives zero and non-finite norms their own kinds instead of a log of them', () => {
    const plot = layersPlot([layer('dead', 0, 0, 1), layer('nan', 1, null, 2)], HEIGHT);
    assert.ok(plot);
    assert.deepStrictEqual(plot.columns.map(c => c.gradient.kind), ['zero', 'non-finite']);
    assert.strictEqual(plot.columns[1].gradient.height, BOTTOM - PLOT_MARGIN.top);
    assert.strictEqual(layersPlot([layer('z', 0, 0, 0)], HEIGHT), undefined);
    assert.strictEqual(layersPlot([], HEIGHT), undefined);
  });

  it('keeps norms beyond the 40 decades on the floor, and thousands of layers narrow', () => {
    const plot = layersPlot([layer('tiny', 0, 1e-300, 1e10), ...Array.from({ length: 2999 }, (_, i) => layer(`l${i}`, i + 1, 1, 1))], HEIGHT);
    assert.ok(plot);
    assert.ok(plot.columns[0].gradient.height >= 1 && plot.columns[0].gradient.y <= BOTTOM - 1);
    assert.strictEqual(plot.slot, 4);
    assert.ok(plot.depthTicks.length <= 3000 / 12 + 1);
  });
});

describe('gradient-flow validation', () => {
  const flow = (layers: unknown[]): WireGradientFlow => ({ layers, rules: { 'vanishing': 'v', 'exploding': 'e', 'dead-relu': 'd', 'saturated': 's' } } as WireGradientFlow);

  it('accepts well-formed layers', () => {
    const good = { ...lectureInspection(), gradientFlow: flow([{ ...layer('0', 0, 1, null, ['exploding']), parameters: [{ name: 'w', shape: [2], norm: 1, gradientNorm: null, ratio: null }], deadReluFraction: 0.5 }]) };
    assert.strictEqual(inspectionProblem(good), undefined);
  });

  it('names what is wrong with malformed layers', () => {
    const problem = (layers: unknown[]): string | undefined => inspectionProblem({ ...lectureInspection(), gradientFlow: flow(layers) });
    assert.strictEqual(problem([{ ...layer('0', 0, 1, 1), name: 3 }]), 'gradientFlow.layers[0] needs a name, a depth and ops');
    assert.strictEqual(problem([layer('0', 0, 1, 1), { ...layer('1', 1, 1, 1), gradientNorm: '1' }]), 'gradientFlow.layers[1] has a norm or fraction that is not a number');
    assert.strictEqual(problem([{ ...layer('0', 0, 1, 1), flags: ['<script>'] }]), 'gradientFlow.layers[0].flags is not a list of known flags');
    assert.strictEqual(problem([{ ...layer('0', 0, 1, 1), parameters: [{ name: 'w' }] }]), 'gradientFlow.layers[0].parameters is malformed');
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), gradientFlow: { layers: [] } }), 'gradientFlow needs layers and rules');
    assert.strictEqual(inspectionProblem({ ...lectureInspection(), gradientFlow: { ...flow([]), batchAxis: { name: 1 } } }), 'gradientFlow.batchAxis is malformed');
  });
});
