// The gradient-flow statistics on small hand-built graphs: which nodes are a layer's outputs, who
// owns a shared weight, the flag rules at their edges, and norms that neither overflow nor hide NaN.
import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { deadRelu } from '../../../src/engine/activation-fractions';
import { Graph, NodeId } from '../../../src/engine/graph';
import { gradientFlow, jointNorm, LayerFlow } from '../../../src/engine/gradient-flow';
import { Tensor } from '../../../src/engine/tensor';

function run(graph: Graph, output: NodeId, batchSize?: number): LayerFlow[] {
  const order = graph.order(output);
  forward(graph, output, order);
  backward(graph, output, order);
  return gradientFlow(graph, output, order, { layerOf: n => n.layer, isParameter: leaf => leaf.name !== 'x', batchSize });
}

/** A chain of layers y = scale_k · (…(scale_1 · x)), each a mul by its own weight; loss Σy. */
function chain(scales: number[]): { graph: Graph; output: NodeId } {
  const graph = new Graph();
  let h = graph.leaf('x', Tensor.fromNested([1, 2]));
  scales.forEach((s, k) => {
    const w = graph.leaf(`w${k}`, Tensor.scalar(s));
    h = graph.apply('mul', [h, w], {}, { layer: `l${k}` });
  });
  return { graph, output: graph.apply('sum', [h]) };
}

describe('gradient flow statistics', () => {
  it('measures each layer at the values it hands on, and its weights', () => {
    const { graph, output } = chain([2, 3]);
    const [first, second] = run(graph, output);
    // l0 = 2x = [2, 4], ∂Σ/∂l0 = 3 per entry; l1 = [6, 12], ∂Σ/∂l1 = 1 per entry.
    assert.deepStrictEqual([first.name, first.depth, first.ops], ['l0', 0, ['*']]);
    assertNear(first.activationNorm, Math.hypot(2, 4));
    assertNear(first.gradientNorm, Math.hypot(3, 3));
    assertNear(second.activationNorm, Math.hypot(6, 12));
    assertNear(second.gradientNorm, Math.SQRT2);
    // ∂Σ/∂w0 = 3·(1 + 2) = 9, ∂Σ/∂w1 = 2 + 4 = 6.
    assert.deepStrictEqual(first.parameters, [{ name: 'w0', shape: [], norm: 2, gradientNorm: 9, ratio: 4.5 }]);
    assert.deepStrictEqual(second.parameters, [{ name: 'w1', shape: [], norm: 3, gradientNorm: 6, ratio: 2 }]);
  });

  it('takes only the values read outside the layer as its output, all of them jointly', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromNested([3, 4]));
    const inner = graph.apply('exp', [x], {}, { layer: 'a' });
    const kept = graph.apply('neg', [inner], {}, { layer: 'a' });
    const side = graph.apply('mul', [x, x], {}, { layer: 'a' });
    const output = graph.apply('sum', [graph.apply('add', [kept, side], {}, { layer: 'b' })]);
    const [a] = run(graph, output);
    const expected = Math.sqrt(Math.exp(6) + Math.exp(8) + 9 ** 2 + 16 ** 2);
    assert.ok(Math.abs(a.activationNorm - expected) <= 1e-12 * expected, `${a.activationNorm} vs ${expected}`);
    assert.strictEqual(a.gradientNorm, 2);
  });

  it('gives a weight read by two layers to the first of them', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromNested([1, 2]));
    const w = graph.leaf('tied', Tensor.scalar(2));
    const h = graph.apply('mul', [x, w], {}, { layer: 'embed' });
    const output = graph.apply('sum', [graph.apply('mul', [h, w], {}, { layer: 'head' })]);
    const [embed, head] = run(graph, output);
    assert.deepStrictEqual(embed.parameters.map(p => p.name), ['tied']);
    assert.deepStrictEqual(head.parameters, []);
  });

  it('flags vanishing below 1e-3 of the largest gradient, or below 1e-10 when non-zero', () => {
    // Gradients of the layers' outputs: l0 gets 1e-3·1e-1 = 1e-4 of l2's 1, l1 gets 1e-1.
    assert.deepStrictEqual(run(...spread(chain([1, 1e-3, 1e-1]))).map(l => l.flags), [['vanishing'], [], []]);
    assert.deepStrictEqual(run(...spread(chain([1, 3e-3, 0.5]))).map(l => l.flags), [[], [], []]);
    // All three tiny: relatively fine, but below 1e-10 absolutely.
    assert.deepStrictEqual(run(...spread(chain([1, 1, 1e-11]))).map(l => l.flags), [['vanishing'], ['vanishing'], []]);
  });

  it('flags exploding above 1e3 × the last layer\'s gradient, or non-finite', () => {
    // l0's output gradient is 1e4·1 = 1e4 times l2's; the others, measured against the largest
    // layer that is not exploding, are not vanishing.
    assert.deepStrictEqual(run(...spread(chain([1, 1e4, 1]))).map(l => l.flags), [['exploding'], [], []]);
    assert.deepStrictEqual(run(...spread(chain([1, 1e2, 1]))).map(l => l.flags), [[], [], []]);
    assert.deepStrictEqual(run(...spread(chain([1, Infinity, 1]))).map(l => l.flags), [['exploding'], [], []]);
  });

  it('counts dead ReLU units per unit over the batch or per entry', () => {
    const outputs = [Tensor.fromNested([[0, 1, 0], [0, 0, 2]])];
    assert.deepStrictEqual(deadRelu(outputs, 2), { fraction: { count: 1, total: 3 }, basis: 'unit' });
    assert.deepStrictEqual(deadRelu(outputs, undefined), { fraction: { count: 4, total: 6 }, basis: 'entry' });
    // An output whose axis 0 is not the batch is counted per entry.
    assert.deepStrictEqual(deadRelu(outputs, 4).basis, 'entry');
  });

  it('norms neither overflow nor hide a NaN', () => {
    const huge = jointNorm([Tensor.fromNested([3e200, 4e200])]);
    assert.ok(Math.abs(huge - 5e200) <= 1e-15 * 5e200, String(huge));
    assert.ok(Number.isNaN(jointNorm([Tensor.fromNested([1, NaN, 2])])));
    assert.ok(Number.isNaN(jointNorm([Tensor.fromNested([Infinity, NaN])])));
    assert.strictEqual(jointNorm([Tensor.fromNested([1, -Infinity])]), Infinity);
    assert.strictEqual(jointNorm([undefined, Tensor.fromNested([0, 0])]), 0);
    // Squares of 3e-170 underflow to 0: the scaled pass still finds the norm.
    const tiny = jointNorm([Tensor.fromNested([3e-170]), Tensor.fromNested([4e-170])]);
    assert.ok(Math.abs(tiny - 5e-170) <= 1e-15 * 5e-170, String(tiny));
    assert.strictEqual(jointNorm([Tensor.fromNested([3, 4])]), 5);
  });

  it('finds no layers in a graph without layer names', () => {
    const graph = new Graph();
    const output = graph.apply('sum', [graph.leaf('x', Tensor.fromNested([1, 2]))]);
    assert.deepStrictEqual(run(graph, output), []);
  });
});

function assertNear(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) <= 1e-15 * Math.abs(expected), `${actual} vs ${expected}`);
}

function spread({ graph, output }: { graph: Graph; output: NodeId }): [Graph, NodeId] {
  return [graph, output];
}
