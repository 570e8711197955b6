import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { gradcheck } from '../../../src/engine/gradcheck';
import { GradcheckEntry } from '../../../src/engine/gradcheck-types';
import { Graph, NodeId } from '../../../src/engine/graph';
import { Tensor } from '../../../src/engine/tensor';

function run(graph: Graph, output: NodeId): void {
  forward(graph, output);
  backward(graph, output);
}

function byFlat(entries: readonly GradcheckEntry[], leafId: NodeId): Map<number, GradcheckEntry> {
  return new Map(entries.filter(e => e.leafId === leafId).map(e => [e.flat, e]));
}

describe('gradcheck: kinks', function () {
  this.timeout(20_000);

  it('marks relu entries at 0 or within h of 0 as kinks, and not as failures', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([4], [0, 5e-7, 2e-6, -3]));
    const relu = graph.apply('relu', [x]);
    run(graph, relu);
    const result = await gradcheck(graph, relu);
    const entries = byFlat(result.entries, x);
    const at0 = entries.get(0) as GradcheckEntry;
    // relu'(0) is taken as 0; the central difference across 0 is the mean of the slopes, 1/2.
    assert.deepStrictEqual([at0.status, at0.kinkNode, at0.analytic], ['kink', relu, 0]);
    assert.ok(Math.abs(at0.numeric - 0.5) < 1e-9);
    const near = entries.get(1) as GradcheckEntry;
    assert.deepStrictEqual([near.status, near.kinkNode, near.analytic], ['kink', relu, 1]);
    assert.ok(Math.abs(near.numeric - 0.75) < 1e-9); // ((5e-7 + 1e-6) − 0) / 2e-6
    assert.deepStrictEqual([entries.get(2)?.status, entries.get(2)?.kinkNode], ['pass', undefined]);
    assert.deepStrictEqual([entries.get(3)?.status, entries.get(3)?.numeric], ['pass', 0]);
    assert.deepStrictEqual(result.counts, { pass: 2, fail: 0, kink: 2 });
    assert.strictEqual(result.passed, true);
    // Kinks are left out of the maxima: the 0.5 at x = 0 is not an error of the gradient.
    assert.ok(result.maxAbsError < 1e-8, `maxAbsError ${result.maxAbsError}`);
    assert.deepStrictEqual(result.entries.map(e => e.status), ['kink', 'kink', 'pass', 'pass']);
  });

  it('marks a kink even when the numbers agree (a tie of maximum)', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(2));
    const y = graph.leaf('y', Tensor.scalar(2));
    const max = graph.apply('maximum', [x, y]);
    run(graph, max);
    const result = await gradcheck(graph, max);
    for (const e of result.entries) {
      assert.deepStrictEqual([e.status, e.kinkNode, e.analytic], ['kink', max, 0.5]);
      assert.ok(Math.abs(e.numeric - 0.5) < 1e-9);
    }
    assert.strictEqual(result.entries.length, 2);
  });

  it('names the kinked node downstream of the leaf, not the leaf', async () => {
    // out = 3·relu(x − 1) at x = 1: the kink is at the relu node.
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(1));
    const shifted = graph.apply('sub', [x, graph.constant(Tensor.scalar(1))]);
    const relu = graph.apply('relu', [shifted]);
    const out = graph.apply('mul', [relu, graph.constant(Tensor.scalar(3))]);
    run(graph, out);
    const [entry] = (await gradcheck(graph, out)).entries;
    assert.deepStrictEqual([entry.status, entry.kinkNode], ['kink', relu]);
    assert.ok(Math.abs(entry.numeric - 1.5) < 1e-9);
  });

  it('names the first kinked node in topological order', async () => {
    for (const reluFirst of [true, false]) {
      const graph = new Graph();
      const x = graph.leaf('x', Tensor.scalar(0));
      const first = graph.apply(reluFirst ? 'relu' : 'abs', [x]);
      const second = graph.apply(reluFirst ? 'abs' : 'relu', [x]);
      const out = graph.apply('add', [second, first]);
      run(graph, out);
      const [entry] = (await gradcheck(graph, out)).entries;
      assert.deepStrictEqual([entry.status, entry.kinkNode], ['kink', first], reluFirst ? 'relu then abs' : 'abs then relu');
    }
  });

  it('looks only at kinks downstream of the perturbed leaf', async () => {
    // out = relu(x)·y at x = 0: perturbing y does not move x across the kink.
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(0));
    const y = graph.leaf('y', Tensor.scalar(2));
    const relu = graph.apply('relu', [x]);
    const out = graph.apply('mul', [relu, y]);
    run(graph, out);
    const result = await gradcheck(graph, out);
    assert.deepStrictEqual(result.entries.map(e => [e.leaf, e.status, e.kinkNode]), [['x', 'kink', relu], ['y', 'pass', undefined]]);
  });

  it('detects a change of argmax in a max reduction and of region in clip', async () => {
    const graph = new Graph();
    // max picks entry 2 at 3 + h and entry 3 at 3 − h; clip to [1, 2] changes region at 1 ± h.
    const x = graph.leaf('x', Tensor.fromArray([4], [1, 1.5, 3, 3 - 5e-7]));
    const max = graph.apply('max', [x]);
    const clipped = graph.apply('clip', [x], { min: 1, max: 2 });
    const out = graph.apply('add', [max, graph.apply('sum', [clipped])]);
    run(graph, out);
    const entries = byFlat((await gradcheck(graph, out)).entries, x);
    assert.deepStrictEqual([entries.get(0)?.status, entries.get(0)?.kinkNode], ['kink', clipped]);
    assert.deepStrictEqual([entries.get(1)?.status, entries.get(1)?.kinkNode], ['pass', undefined]);
    assert.deepStrictEqual([entries.get(2)?.status, entries.get(2)?.kinkNode], ['kink', max]);
    assert.deepStrictEqual([entries.get(3)?.status, entries.get(3)?.kinkNode], ['kink', max]);
  });

  it('sorts failures before kinks before passes', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([4], [1, 0, 2, 0]));
    const out = graph.apply('relu', [x]);
    run(graph, out);
    const node = graph.node(x);
    const grad = (node.grad as Tensor).clone();
    grad.data[2] = 3;
    node.grad = grad;
    const result = await gradcheck(graph, out);
    assert.deepStrictEqual(result.entries.map(e => [e.status, e.flat]), [['fail', 2], ['kink', 1], ['kink', 3], ['pass', 0]]);
    assert.strictEqual(result.passed, false);
  });

  it('marks the directional check of fast mode as a kink when it straddles one', async () => {
    const n = 2500;
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(0.37 * i + 0.1));
    const build = (zeroAt?: number): { graph: Graph; output: NodeId; relu: NodeId } => {
      const graph = new Graph();
      const data = values.slice();
      if (zeroAt !== undefined) { data[zeroAt] = 0; }
      const w = graph.leaf('W', new Tensor([50, 50], data));
      const relu = graph.apply('relu', [w]);
      const output = graph.apply('sum', [graph.apply('mul', [relu, w])]);
      run(graph, output);
      return { graph, output, relu };
    };
    const smooth = build();
    const clean = await gradcheck(smooth.graph, smooth.output);
    assert.strictEqual(clean.mode, 'fast');
    assert.deepStrictEqual([clean.directional?.status, clean.passed], ['pass', true]);
    const kinked = build(1000);
    const result = await gradcheck(kinked.graph, kinked.output);
    assert.deepStrictEqual([result.directional?.status, result.directional?.kinkNode, result.passed], ['kink', kinked.relu, true]);
  });
});
