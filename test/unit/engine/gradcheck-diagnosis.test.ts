import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { gradcheck } from '../../../src/engine/gradcheck';
import { GradcheckEntry, GradcheckOptions, GradcheckResult } from '../../../src/engine/gradcheck-types';
import { Graph, NodeId } from '../../../src/engine/graph';
import { Tensor } from '../../../src/engine/tensor';

function run(graph: Graph, output: NodeId): void {
  forward(graph, output);
  backward(graph, output);
}

/** sin(5·exp(x)): curvature large enough that eps = 0.1 is far too coarse. */
function sinOfExp(x0: number): { graph: Graph; output: NodeId; x: NodeId } {
  const graph = new Graph();
  const x = graph.leaf('x', Tensor.scalar(x0));
  const output = graph.apply('sin', [graph.apply('mul', [graph.constant(Tensor.scalar(5)), graph.apply('exp', [x])])]);
  run(graph, output);
  return { graph, output, x };
}

function unary(op: string, values: number[]): { graph: Graph; output: NodeId; x: NodeId } {
  const graph = new Graph();
  const x = graph.leaf('x', Tensor.fromArray([values.length], values));
  const output = graph.apply(op, [x]);
  run(graph, output);
  return { graph, output, x };
}

async function only(graph: Graph, output: NodeId, options: GradcheckOptions = {}): Promise<{ result: GradcheckResult; entry: GradcheckEntry }> {
  const result = await gradcheck(graph, output, options);
  assert.strictEqual(result.entries.length, 1);
  return { result, entry: result.entries[0] };
}

describe('gradcheck: diagnosis per entry', function () {
  this.timeout(20_000);

  it('diagnoses truncation (slope ≈ +2) when the step is too large, and the eps it suggests passes', async () => {
    const { graph, output } = sinOfExp(0.3);
    const { entry } = await only(graph, output, { eps: 0.1 });
    assert.strictEqual(entry.status, 'fail');
    assert.strictEqual(entry.diagnosis, 'truncation');
    assert.ok(entry.slope !== undefined && Math.abs(entry.slope - 2) < 0.2, `slope ${entry.slope}`);
    assert.match(entry.advice ?? '', /too large/);
    assert.ok(entry.suggestedEps !== undefined && entry.suggestedEps < 0.1);
    const again = await only(graph, output, { eps: entry.suggestedEps });
    assert.strictEqual(again.entry.status, 'pass');
    assert.strictEqual(again.entry.diagnosis, undefined, 'passing entries are diagnosed only on request');
  });

  it('diagnoses round-off (slope ≈ −1) when the step is too small, and the eps it suggests passes', async () => {
    const { graph, output } = unary('exp', [1]);
    const { entry } = await only(graph, output, { eps: 1e-15 });
    assert.strictEqual(entry.status, 'fail');
    assert.strictEqual(entry.diagnosis, 'round-off');
    assert.ok(entry.slope !== undefined && entry.slope < -0.5, `slope ${entry.slope}`);
    assert.match(entry.advice ?? '', /too small/);
    assert.ok(entry.suggestedEps !== undefined && entry.suggestedEps > 1e-15);
    assert.strictEqual((await only(graph, output, { eps: entry.suggestedEps })).entry.status, 'pass');
  });

  it('diagnoses a mismatch when no step agrees: the error is flat in h', async () => {
    const { graph, output, x } = unary('exp', [0.5]);
    graph.node(x).grad = Tensor.fromArray([1], [Math.exp(0.5) * 1.1]); // a wrong backward: 10% off
    const { result, entry } = await only(graph, output);
    assert.strictEqual(result.passed, false);
    assert.strictEqual(entry.diagnosis, 'mismatch');
    assert.ok(entry.slope !== undefined && Math.abs(entry.slope) < 0.1, `slope ${entry.slope}`);
    assert.strictEqual(entry.suggestedEps, undefined);
    assert.match(entry.advice ?? '', /analytic gradient disagrees/);
  });

  it('reports one-sided derivatives at a relu kink and accepts relu′(0) = 0 as a subgradient', async () => {
    const { graph, output } = unary('relu', [0]);
    const { result, entry } = await only(graph, output);
    assert.deepStrictEqual([entry.status, entry.diagnosis, entry.analytic, entry.oneSided], ['kink', 'kink', 0, [0, 1]]);
    assert.strictEqual(entry.convention, 'relu′(0) = 0');
    assert.match(entry.advice ?? '', /valid subgradient/);
    assert.strictEqual(result.passed, true);
  });

  it('fails a kink entry whose analytic value lies outside its one-sided derivatives', async () => {
    const { graph, output, x } = unary('abs', [0]);
    graph.node(x).grad = Tensor.fromArray([1], [3]); // abs has subgradients [−1, 1] at 0, not 3
    const { result, entry } = await only(graph, output);
    assert.deepStrictEqual([entry.status, entry.diagnosis, entry.oneSided], ['fail', 'kink', [-1, 1]]);
    assert.match(entry.advice ?? '', /not a subgradient/);
    assert.strictEqual(result.passed, false);
    assert.deepStrictEqual(result.counts, { pass: 0, fail: 1, kink: 0 });
  });

  it('names the tie convention of maximum, whose analytic ½ lies between the one-sided 0 and 1', async () => {
    const graph = new Graph();
    const a = graph.leaf('a', Tensor.scalar(2));
    const b = graph.leaf('b', Tensor.scalar(2));
    const output = graph.apply('maximum', [a, b]);
    run(graph, output);
    const result = await gradcheck(graph, output);
    for (const entry of result.entries) {
      assert.deepStrictEqual([entry.status, entry.analytic], ['kink', 0.5]);
      assert.deepStrictEqual([...(entry.oneSided ?? [])].sort(), [0, 1]);
      assert.match(entry.convention ?? '', /half and half/);
    }
  });

  it('diagnoses a non-finite analytic gradient and a step that does not move x', async () => {
    const atZero = unary('log', [0]);
    assert.strictEqual((await only(atZero.graph, atZero.output)).entry.diagnosis, 'non-finite');
    const { graph, output } = unary('exp', [1]);
    const { entry } = await only(graph, output, { eps: 1e-17 });
    assert.strictEqual(entry.diagnosis, 'non-finite');
    assert.match(entry.advice ?? '', /does not move x = 1/);
  });

  it("diagnoses passing entries with diagnose: 'all', and at most maxDiagnosed entries, counting the rest", async () => {
    const { graph, output } = sinOfExp(0.3);
    const { entry } = await only(graph, output, { eps: 1e-3, diagnose: 'all' });
    assert.strictEqual(entry.status, 'pass');
    assert.strictEqual(entry.diagnosis, 'truncation'); // at h = 1e-3 the error still falls like h²
    const many = unary('exp', [1, 2, 3]);
    const limited = await gradcheck(many.graph, many.output, { eps: 1e-15, maxDiagnosed: 1 });
    assert.deepStrictEqual(limited.entries.map(e => e.diagnosis !== undefined), [true, false, false]);
    assert.strictEqual(limited.undiagnosed, 2);
    await assert.rejects(gradcheck(many.graph, many.output, { maxDiagnosed: -1 }), /maxDiagnosed must be a non-negative integer/);
  });
});
