import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { DEFAULT_SWEEP_STEPS, stepSizeSweep } from '../../../src/engine/gradcheck';
import { SweepPoint } from '../../../src/engine/gradcheck-types';
import { Graph, NodeId } from '../../../src/engine/graph';
import { Tensor } from '../../../src/engine/tensor';

/** f(x) = x⁵ + 3x, built from mul and add: f'(x) = 5x⁴ + 3, f'''(x) = 60x². */
function quintic(x0: number): { graph: Graph; output: NodeId; x: NodeId } {
  const graph = new Graph();
  const x = graph.leaf('x', Tensor.scalar(x0));
  let power = x;
  for (let i = 0; i < 4; i++) { power = graph.apply('mul', [power, x]); }
  const output = graph.apply('add', [power, graph.apply('mul', [x, graph.constant(Tensor.scalar(3))])]);
  forward(graph, output);
  backward(graph, output);
  return { graph, output, x };
}

function minimum(points: readonly SweepPoint[]): SweepPoint {
  return points.reduce((best, p) => (p.absError < best.absError ? p : best));
}

describe('stepSizeSweep', () => {
  it('uses h = 1e-1 … 1e-12 by default', () => {
    assert.deepStrictEqual(DEFAULT_SWEEP_STEPS, [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12]);
  });

  it('shows truncation error falling like h² and round-off rising like ε/h', () => {
    const { graph, output, x } = quintic(1.3);
    const points = stepSizeSweep(graph, output, x, 0);
    assert.deepStrictEqual(points.map(p => p.h), DEFAULT_SWEEP_STEPS);
    const analytic = 5 * 1.3 ** 4 + 3;
    for (const p of points) { assert.ok(Math.abs(p.absError - Math.abs(p.numeric - analytic)) < 1e-12); }
    // Truncation: f'''·h²/6 = 60·1.69/6·h² = 16.9·h² (x⁵ has a fifth-derivative term too: + h⁴).
    const at = (h: number): number => (points.find(p => p.h === h) as SweepPoint).absError;
    assert.ok(Math.abs(at(1e-2) / (16.9e-4) - 1) < 0.01, `error at 1e-2: ${at(1e-2)}`);
    assert.ok(Math.abs(at(1e-3) / (16.9e-6) - 1) < 0.01, `error at 1e-3: ${at(1e-3)}`);
    const best = minimum(points);
    assert.ok(best.h >= 1e-6 && best.h <= 1e-3, `minimum error at h = ${best.h}`);
    assert.ok(at(1e-1) > 100 * best.absError);
    assert.ok(at(1e-12) > 100 * best.absError);
    assert.ok(at(1e-12) > at(1e-9) && at(1e-11) > at(1e-8), 'round-off grows as h shrinks');
  });

  it('has its smallest error between h = 1e-6 and 1e-3 for sin(5·exp(x))', () => {
    for (const x0 of [-0.2, 0.3, 1]) {
      const graph = new Graph();
      const x = graph.leaf('x', Tensor.scalar(x0));
      const five = graph.constant(Tensor.scalar(5));
      const output = graph.apply('sin', [graph.apply('mul', [five, graph.apply('exp', [x])])]);
      forward(graph, output);
      backward(graph, output);
      const analytic = Math.cos(5 * Math.exp(x0)) * 5 * Math.exp(x0);
      assert.ok(Math.abs((graph.node(x).grad as Tensor).item() - analytic) < 1e-12);
      const points = stepSizeSweep(graph, output, x, 0);
      const best = minimum(points);
      assert.ok(best.h >= 1e-6 && best.h <= 1e-3, `x = ${x0}: minimum error at h = ${best.h}`);
      assert.ok(points[0].absError > 100 * best.absError, `x = ${x0}: error at h = 1e-1 is ${points[0].absError}`);
      assert.ok(points[11].absError > 100 * best.absError, `x = ${x0}: error at h = 1e-12 is ${points[11].absError}`);
      // Truncation error falls like h²: a factor of 100 per decade between 1e-2 and 1e-4.
      const ratio = points[1].absError / points[3].absError;
      assert.ok(ratio > 0.9e4 && ratio < 1.1e4, `x = ${x0}: error ratio 1e-2 / 1e-4 is ${ratio}`);
    }
  });

  it('takes the steps it is given and leaves the graph untouched', () => {
    const { graph, output, x } = quintic(0.7);
    const value = graph.node(x).value as Tensor;
    const before = graph.nodes.map(n => n.value?.data[0]);
    const points = stepSizeSweep(graph, output, x, 0, [0.5, 0.25]);
    assert.deepStrictEqual(points.map(p => p.h), [0.5, 0.25]);
    // Central differences of x⁵: f'(x) + 10x²h² + h⁴ exactly.
    for (const p of points) {
      assert.ok(Math.abs(p.numeric - (5 * 0.7 ** 4 + 3 + 10 * 0.49 * p.h ** 2 + p.h ** 4)) < 1e-12);
    }
    assert.strictEqual(graph.node(x).value, value);
    assert.deepStrictEqual(graph.nodes.map(n => n.value?.data[0]), before);
  });

  it('sweeps one entry of a tensor leaf', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([3], [1, 2, 3]));
    const output = graph.apply('mul', [graph.apply('mul', [x, x]), x]);
    forward(graph, output);
    backward(graph, output);
    const [point] = stepSizeSweep(graph, output, x, 2, [1e-2]);
    assert.ok(Math.abs(point.numeric - (27 + 1e-4)) < 1e-10); // 3x² + h²
  });

  it('rejects an unknown leaf, an entry out of range and a bad step', () => {
    const { graph, output, x } = quintic(1);
    const isValueError = (pattern: RegExp) => (err: unknown): boolean => err instanceof InspectError && err.kind === 'value' && pattern.test(err.message);
    assert.throws(() => stepSizeSweep(graph, output, output, 0), isValueError(/is not a leaf the output depends on/));
    assert.throws(() => stepSizeSweep(graph, output, x, 1), isValueError(/entry 1 is out of range for leaf x of 1 entries/));
    assert.throws(() => stepSizeSweep(graph, output, x, 0, [1e-3, 0]), isValueError(/step size must be a positive finite number, got 0/));
    assert.throws(() => stepSizeSweep(graph, output, x, 0, [NaN]), isValueError(/step size/));
  });
});
