import * as assert from 'assert';
import { backward, firstNonFinite, forward } from '../../../src/engine/autograd';
import { gradcheck } from '../../../src/engine/gradcheck';
import { Graph, NodeId } from '../../../src/engine/graph';
import { Tensor } from '../../../src/engine/tensor';

function grad(graph: Graph, id: NodeId): number[] {
  const g = graph.node(id).grad;
  assert.ok(g, `node ${id} has no adjoint`);
  return Array.from(g.data);
}

describe('autograd: forward and backward', () => {
  it('computes the lecture example (x + y)·z', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(-2));
    const y = graph.leaf('y', Tensor.scalar(5));
    const z = graph.leaf('z', Tensor.scalar(-4));
    const q = graph.apply('add', [x, y]);
    const f = graph.apply('mul', [q, z]);
    assert.strictEqual(forward(graph, f).item(), -12);
    assert.strictEqual(graph.node(q).value?.item(), 3);
    assert.deepStrictEqual(backward(graph, f), { summedOutput: false });
    assert.deepStrictEqual([grad(graph, x), grad(graph, y), grad(graph, z), grad(graph, q), grad(graph, f)], [[-4], [-4], [3], [-4], [1]]);
  });

  it('accumulates fan-out: x·x gives 2x, x·x·x gives 3x², x + x + x gives 3', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([3], [1.5, -2, 0.25]));
    const square = graph.apply('mul', [x, x]);
    forward(graph, square);
    backward(graph, square);
    assert.deepStrictEqual(grad(graph, x), [3, -4, 0.5]);
    const cube = graph.apply('mul', [square, x]);
    forward(graph, cube);
    backward(graph, cube);
    assert.deepStrictEqual(grad(graph, x), [3 * 2.25, 3 * 4, 3 * 0.0625]);
    const triple = graph.apply('add', [graph.apply('add', [x, x]), x]);
    forward(graph, triple);
    backward(graph, triple);
    assert.deepStrictEqual(grad(graph, x), [3, 3, 3]);
  });

  it('does not let accumulation write into another node\'s adjoint', () => {
    // add's VJP hands its own adjoint to both inputs: accumulating into x must not change s's or a's.
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([2], [1, 2]));
    const a = graph.apply('add', [x, x]);
    const s = graph.apply('add', [a, x]);
    forward(graph, s);
    backward(graph, s);
    assert.deepStrictEqual([grad(graph, s), grad(graph, a), grad(graph, x)], [[1, 1], [1, 1], [3, 3]]);
  });

  it('reduces broadcast gradients to each leaf\'s shape', () => {
    const graph = new Graph();
    const m = graph.leaf('m', Tensor.fromArray([2, 3], [1, 2, 3, 4, 5, 6]));
    const row = graph.leaf('row', Tensor.fromArray([3], [10, 20, 30]));
    const column = graph.leaf('column', Tensor.fromArray([2, 1], [-1, 2]));
    const s = graph.leaf('s', Tensor.scalar(0.5));
    // out = (m + row)·column·s, shape (2, 3)
    const out = graph.apply('mul', [graph.apply('mul', [graph.apply('add', [m, row]), column]), s]);
    assert.deepStrictEqual(forward(graph, out).shape, [2, 3]);
    assert.deepStrictEqual(backward(graph, out), { summedOutput: true });
    assert.deepStrictEqual(graph.node(m).grad?.shape, [2, 3]);
    assert.deepStrictEqual(grad(graph, m), [-0.5, -0.5, -0.5, 1, 1, 1]);
    assert.deepStrictEqual(graph.node(row).grad?.shape, [3]);
    assert.deepStrictEqual(grad(graph, row), [0.5, 0.5, 0.5]); // Σ over rows of column·s
    assert.deepStrictEqual(graph.node(column).grad?.shape, [2, 1]);
    assert.deepStrictEqual(grad(graph, column), [(11 + 22 + 33) * 0.5, (14 + 25 + 36) * 0.5]);
    assert.deepStrictEqual(graph.node(s).grad?.shape, []);
    assert.deepStrictEqual(grad(graph, s), [-(11 + 22 + 33) + 2 * (14 + 25 + 36)]);
  });

  it('differentiates a non-scalar output as its sum and says so', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([2, 2], [1, 2, 3, 4]));
    const out = graph.apply('mul', [x, x]);
    forward(graph, out);
    assert.deepStrictEqual(backward(graph, out), { summedOutput: true });
    assert.deepStrictEqual(grad(graph, out), [1, 1, 1, 1]);
    assert.deepStrictEqual(grad(graph, x), [2, 4, 6, 8]);
    const single = new Graph();
    const y = single.leaf('y', Tensor.fromArray([1], [3]));
    const square = single.apply('mul', [y, y]);
    forward(single, square);
    assert.deepStrictEqual(backward(single, square), { summedOutput: true }, 'shape (1,) is not a scalar');
    assert.deepStrictEqual(grad(single, y), [6]);
  });

  it('gives constants no adjoint and recomputes cleanly on a second pass', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(3));
    const c = graph.constant(Tensor.scalar(2));
    const out = graph.apply('mul', [x, c]);
    forward(graph, out);
    backward(graph, out);
    backward(graph, out);
    assert.strictEqual(graph.node(c).grad, undefined);
    assert.deepStrictEqual(grad(graph, x), [2], 'a second backward does not accumulate onto the first');
  });

  it('refuses backward before forward', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(3));
    const out = graph.apply('mul', [x, x]);
    assert.throws(() => backward(graph, out), /backward before forward/);
  });
});

describe('autograd: non-finite values', () => {
  it('reports a NaN constant as the first non-finite node, ahead of the ops it poisons', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([2], [1, 2]));
    const doubled = graph.apply('mul', [x, graph.constant(Tensor.scalar(2))]);
    const nan = graph.constant(Tensor.fromArray([2], [1, NaN]));
    const poisoned = graph.apply('mul', [doubled, nan]);
    const out = graph.apply('add', [poisoned, graph.apply('mul', [poisoned, x])]);
    const order = graph.order(out);
    forward(graph, out, order);
    backward(graph, out, order);
    assert.ok(Number.isNaN(graph.node(out).value?.data[1]));
    assert.deepStrictEqual(firstNonFinite(graph, order), { node: nan, what: 'value' });
    graph.node(nan).value = Tensor.fromArray([2], [1, 1]);
    forward(graph, out, order);
    backward(graph, out, order);
    assert.strictEqual(firstNonFinite(graph, order), undefined);
  });

  it('finds the op whose value first overflows, not the NaN it causes downstream', () => {
    // big = x·x = ∞ from finite x = 1e200; big + (−big) = NaN later.
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([2], [1, 1e200]));
    const big = graph.apply('mul', [x, x]);
    const negated = graph.apply('mul', [big, graph.constant(Tensor.scalar(-1))]);
    const out = graph.apply('add', [big, negated]);
    const order = graph.order(out);
    forward(graph, out, order);
    backward(graph, out, order);
    assert.deepStrictEqual(Array.from(graph.node(out).value?.data ?? []), [0, NaN]);
    assert.deepStrictEqual(firstNonFinite(graph, order), { node: big, what: 'value' });
  });

  it('finds log of a negative number as the first NaN', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([2], [2, -3]));
    const log = graph.apply('log', [x]);
    const out = graph.apply('mul', [log, x]);
    const order = graph.order(out);
    forward(graph, out, order);
    backward(graph, out, order);
    assert.ok(Number.isNaN(graph.node(log).value?.data[1]));
    assert.deepStrictEqual(firstNonFinite(graph, order), { node: log, what: 'value' });
  });

  it('blames the op whose VJP first made an adjoint non-finite when every value is finite', () => {
    // m1 = x·1e-300, m2 = m1·1e300, out = m2·1e300 = 1e300: finite values, but m2's VJP gives
    // ∂out/∂m1 = 1e300·1e300 = ∞.
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(1));
    const m1 = graph.apply('mul', [x, graph.constant(Tensor.scalar(1e-300))]);
    const m2 = graph.apply('mul', [m1, graph.constant(Tensor.scalar(1e300))]);
    const out = graph.apply('mul', [m2, graph.constant(Tensor.scalar(1e300))]);
    const order = graph.order(out);
    forward(graph, out, order);
    backward(graph, out, order);
    assert.strictEqual(graph.node(out).value?.item(), 1e300);
    assert.strictEqual(graph.node(m2).grad?.item(), 1e300);
    assert.strictEqual(graph.node(m1).grad?.item(), Infinity);
    assert.deepStrictEqual(firstNonFinite(graph, order), { node: m2, what: 'gradient' });
  });

  /** The node firstNonFinite names for `op` applied at the point, after forward and backward. */
  function blamed(build: (graph: Graph) => number): { blamed: string; what: string } | undefined {
    const graph = new Graph();
    const out = build(graph);
    const order = graph.order(out);
    forward(graph, out, order);
    backward(graph, out, order);
    const found = firstNonFinite(graph, order);
    return found && { blamed: graph.node(found.node).op, what: found.what };
  }

  it('blames sqrt at 0 for ∂/∂x = ∞, not the leaf that receives it', () => {
    assert.deepStrictEqual(blamed(g => g.apply('sqrt', [g.leaf('x', Tensor.scalar(0))])), { blamed: 'sqrt', what: 'gradient' });
    // Through a later op: 3·sqrt(x) still blames sqrt, whose adjoint 3 is finite.
    assert.deepStrictEqual(blamed(g => g.apply('mul', [g.apply('sqrt', [g.leaf('x', Tensor.scalar(0))]), g.constant(Tensor.scalar(3))])), { blamed: 'sqrt', what: 'gradient' });
  });

  it('blames log at 0 for its value −∞, and 0/0 for its NaN value', () => {
    assert.deepStrictEqual(blamed(g => g.apply('log', [g.leaf('x', Tensor.scalar(0))])), { blamed: 'log', what: 'value' });
    assert.deepStrictEqual(blamed(g => g.apply('div', [g.leaf('x', Tensor.scalar(0)), g.leaf('y', Tensor.scalar(0))])), { blamed: 'div', what: 'value' });
  });

  it('blames pow for x**0.5 at 0 (∂/∂x = ∞) and for x**y at x = −1 (∂/∂y = 1·log(−1) = NaN)', () => {
    assert.deepStrictEqual(blamed(g => g.apply('pow', [g.leaf('x', Tensor.scalar(0)), g.constant(Tensor.scalar(0.5))])), { blamed: 'pow', what: 'gradient' });
    assert.deepStrictEqual(blamed(g => g.apply('pow', [g.leaf('x', Tensor.scalar(-1)), g.leaf('y', Tensor.scalar(2))])), { blamed: 'pow', what: 'gradient' });
  });

  it('blames the node itself when finite contributions overflow as they add up', () => {
    // x is used twice; each mul's VJP gives 1.5e308, finite, but their sum at x is ∞.
    assert.deepStrictEqual(blamed(g => {
      const x = g.leaf('x', Tensor.scalar(1e-300));
      const big = g.constant(Tensor.scalar(1.5e308));
      return g.apply('add', [g.apply('mul', [x, big]), g.apply('mul', [x, big])]);
    }), { blamed: 'leaf', what: 'gradient' });
  });
});

describe('autograd: a chain of 1,000,000 nodes', function () {
  this.timeout(60_000);

  it('runs forward, backward and the gradient check without recursion and gives c^n', async () => {
    const n = 1_000_000;
    const c = 1 + 1e-6;
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(2));
    const factor = graph.constant(Tensor.scalar(c));
    let node = x;
    for (let i = 0; i < n; i++) { node = graph.apply('mul', [node, factor]); }
    const started = performance.now();
    const order = graph.order(node);
    forward(graph, node, order);
    const forwardDone = performance.now();
    backward(graph, node, order);
    const backwardDone = performance.now();
    // The product rounds once per node: a relative error of about n·ε/2 ≈ 1e-10 at most.
    const expected = Math.exp(n * Math.log1p(1e-6));
    assert.strictEqual(order.length, n + 2);
    assert.ok(Math.abs(graph.node(node).value?.item() as number - 2 * expected) < 2 * expected * 1e-9);
    assert.ok(Math.abs(grad(graph, x)[0] - expected) < expected * 1e-9);
    const check = await gradcheck(graph, node);
    const checkDone = performance.now();
    assert.strictEqual(check.passed, true);
    assert.strictEqual(check.evaluations, 2);
    assert.ok(Math.abs(check.entries[0].numeric - expected) < expected * 1e-6);
    console.log(`      1e6-node chain: order + forward ${(forwardDone - started).toFixed(0)} ms, backward ${(backwardDone - forwardDone).toFixed(0)} ms, gradcheck ${(checkDone - backwardDone).toFixed(0)} ms`);
  });
});

describe('autograd: deliberate infinities', () => {
  it('an attention mask of −∞ passed on by add and absorbed by softmax is not reported; a fully masked row (NaN) is, at the softmax', () => {
    const graph = new Graph();
    const scores = graph.leaf('scores', Tensor.fromArray([2, 2], [0.5, -1, 2, 3]));
    const mask = graph.constant(Tensor.fromArray([2, 2], [0, -Infinity, 0, -Infinity]));
    const masked = graph.apply('add', [scores, mask]);
    const attention = graph.apply('softmax', [masked], { axis: -1 });
    const order = graph.order(attention);
    forward(graph, attention, order);
    backward(graph, attention, order);
    assert.deepStrictEqual(Array.from(graph.node(attention).value?.data ?? []), [1, 0, 1, 0]);
    assert.strictEqual(firstNonFinite(graph, order), undefined);

    graph.node(mask).value = Tensor.fromArray([2, 2], [0, -Infinity, -Infinity, -Infinity]);
    forward(graph, attention, order);
    backward(graph, attention, order);
    assert.ok(Number.isNaN(graph.node(attention).value?.data[2]));
    assert.deepStrictEqual(firstNonFinite(graph, order), { node: attention, what: 'value' });
  });
});
