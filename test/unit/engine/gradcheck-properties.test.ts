// Property tests of the checker on random graphs of add, sub and mul over broadcastable leaves:
// correct adjoints always pass, and one corrupted adjoint entry is always the one failure.
import * as assert from 'assert';
import fc from 'fast-check';
import { backward, forward } from '../../../src/engine/autograd';
import { gradcheck } from '../../../src/engine/gradcheck';
import { Graph, NodeId } from '../../../src/engine/graph';
import { Shape, Tensor, sizeOf } from '../../../src/engine/tensor';

const RUNS = { seed: 20261126, numRuns: 150 };
const SHAPES: readonly Shape[] = [[], [3], [2, 3], [2, 1]];

interface GraphSpec {
  leaves: { shape: Shape; values: number[] }[];
  /** Each op applies to two earlier nodes, picked modulo the count so far. */
  ops: { op: 'add' | 'sub' | 'mul'; left: number; right: number }[];
}

const leafSpec = fc.constantFrom(...SHAPES).chain(shape =>
  fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: sizeOf(shape), maxLength: sizeOf(shape) }).map(values => ({ shape, values })));

const graphSpec: fc.Arbitrary<GraphSpec> = fc.record({
  leaves: fc.array(leafSpec, { minLength: 1, maxLength: 3 }),
  ops: fc.array(fc.record({ op: fc.constantFrom('add' as const, 'sub' as const, 'mul' as const), left: fc.nat(), right: fc.nat() }), { minLength: 1, maxLength: 7 }),
});

function build(spec: GraphSpec): { graph: Graph; output: NodeId } {
  const graph = new Graph();
  const ids = spec.leaves.map((leaf, k) => graph.leaf(`x${k}`, Tensor.fromArray(leaf.shape, leaf.values)));
  for (const { op, left, right } of spec.ops) {
    ids.push(graph.apply(op, [ids[left % ids.length], ids[right % ids.length]]));
  }
  const output = ids[ids.length - 1];
  forward(graph, output);
  backward(graph, output);
  return { graph, output };
}

describe('gradcheck: properties on random graphs', function () {
  this.timeout(60_000);

  it('passes every entry of correct adjoints', async () => {
    await fc.assert(fc.asyncProperty(graphSpec, async spec => {
      const { graph, output } = build(spec);
      const result = await gradcheck(graph, output);
      const leafEntries = graph.leaves(output).reduce((n, leaf) => n + (leaf.value as Tensor).size, 0);
      assert.strictEqual(result.entries.length, leafEntries);
      assert.strictEqual(result.evaluations, 2 * leafEntries);
      assert.strictEqual(result.counts.pass, leafEntries, JSON.stringify(result.entries.filter(e => e.status !== 'pass')));
    }), RUNS);
  });

  it('fails exactly the one corrupted adjoint entry', async () => {
    await fc.assert(fc.asyncProperty(graphSpec, fc.nat(), fc.double({ min: 0.01, max: 10, noNaN: true }), fc.boolean(), async (spec, pick, size, negative) => {
      const { graph, output } = build(spec);
      const entries = graph.leaves(output).flatMap(leaf => Array.from({ length: (leaf.value as Tensor).size }, (_, flat) => ({ leaf, flat })));
      const { leaf, flat } = entries[pick % entries.length];
      const grad = leaf.grad ? leaf.grad.clone() : Tensor.zeros((leaf.value as Tensor).shape);
      const truth = grad.data[flat];
      // Beyond atol + rtol·|truth| by a clear margin, whatever the gradient's size.
      const delta = (negative ? -1 : 1) * (size + 0.01 * Math.abs(truth));
      grad.data[flat] = truth + delta;
      leaf.grad = grad;
      const result = await gradcheck(graph, output);
      assert.strictEqual(result.passed, false);
      assert.strictEqual(result.counts.fail, 1);
      const [worst] = result.entries;
      assert.deepStrictEqual([worst.status, worst.leafId, worst.flat], ['fail', leaf.id, flat]);
      assert.strictEqual(worst.analytic, truth + delta);
      assert.ok(Math.abs(worst.absError - Math.abs(delta)) < 1e-6 * (1 + Math.abs(truth)));
    }), RUNS);
  });
});
