// The checks catch a wrong rule: an op whose JVP is wrong fails the per-node dot-product test (and
// only that node); one whose second-order term is wrong fails the H·v check but not the JVP test.
// Ops without a rule are refused by name. The graph is left as the check found it.
import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { Graph, NodeId } from '../../../src/engine/graph';
import { Budget } from '../../../src/engine/limits';
import { OpDef } from '../../../src/engine/op';
import { allOps, registerOp } from '../../../src/engine/ops';
import { hessianVectorProduct } from '../../../src/engine/second-order/forward-over-reverse';
import { jvpCheck } from '../../../src/engine/second-order/jvp-check';
import { secondOrderCheck } from '../../../src/engine/second-order/second-order-check';
import { opsWithTangentRules, registerTangentRule, TangentRule } from '../../../src/engine/second-order/tangent-rule';
import { Tensor } from '../../../src/engine/tensor';

/** x³ elementwise with a correct VJP, 3x²·g. */
function cube(name: string): OpDef {
  return {
    name, arity: 1, label: () => 'cube',
    forward: ([x]) => new Tensor(x.shape, x.data.map(v => v * v * v)),
    vjp: ({ inputs: [x], grad }) => [new Tensor(x.shape, x.data.map((v, i) => 3 * v * v * grad.data[i]))],
  };
}

const times = (a: Tensor, f: (x: number, i: number) => number): Tensor => new Tensor(a.shape, a.data.map(f));

/** J·u = 3x²·u and the second-order term 6x·g·u, with `jvpFactor` and `curvatureFactor` in place of 3 and 6. */
function cubeRule(jvpFactor: number, curvatureFactor: number): TangentRule {
  return {
    jvp: ({ inputs: [x], tangents: [u] }) => times(x, (v, i) => jvpFactor * v * v * (u as Tensor).data[i]),
    curvature: ({ inputs: [x], tangents: [u], grad }) => [u ? times(x, (v, i) => curvatureFactor * v * grad.data[i] * u.data[i]) : null],
  };
}

/** sum(exp(cube(sin(x))) · w), cube being the op under test. */
function cubeGraph(op: string): { graph: Graph; output: NodeId; cubeNode: NodeId } {
  const graph = new Graph();
  const x = graph.leaf('x', Tensor.fromArray([3], [0.3, -0.7, 1.1]));
  const w = graph.leaf('w', Tensor.fromArray([3], [2, -1, 0.5]));
  const cubeNode = graph.apply(op, [graph.apply('sin', [x])], {}, { range: { start: 4, end: 15 } });
  const output = graph.apply('sum', [graph.apply('mul', [graph.apply('exp', [cubeNode]), w])]);
  forward(graph, output);
  backward(graph, output);
  return { graph, output, cubeNode };
}

describe('second order: wrong rules are caught, missing ones refused', function () {
  const removals: (() => void)[] = [];
  before(() => {
    removals.push(registerOp(cube('test_cube')), registerTangentRule('test_cube', cubeRule(3, 6)));
    removals.push(registerOp(cube('test_cube_wrong_jvp')), registerTangentRule('test_cube_wrong_jvp', cubeRule(2, 6)));
    removals.push(registerOp(cube('test_cube_wrong_second')), registerTangentRule('test_cube_wrong_second', cubeRule(3, 3)));
    removals.push(registerOp(cube('test_cube_no_rule')));
  });
  after(() => { for (const remove of removals) { remove(); } });

  it('passes a correct rule: every node agrees and H·v matches the gradient differences', () => {
    const { graph, output } = cubeGraph('test_cube');
    const report = secondOrderCheck(graph, output, graph.order(output));
    assert.strictEqual(report.jvp.passed, true);
    assert.deepStrictEqual(report.jvp.nodes.map(n => n.op), ['sin', 'test_cube', 'exp', 'mul', 'sum']);
    for (const node of report.jvp.nodes) { assert.ok(node.relError <= 1e-14, `${node.op}: ${node.relError}`); }
    assert.strictEqual(report.hvp.passed, true);
    assert.strictEqual(report.passed, true);
  });

  it('a wrong JVP fails the dot-product test at that node alone, naming it and its place', () => {
    const { graph, output, cubeNode } = cubeGraph('test_cube_wrong_jvp');
    const report = secondOrderCheck(graph, output, graph.order(output));
    assert.strictEqual(report.jvp.passed, false);
    const failing = report.jvp.nodes.filter(n => !n.passed);
    assert.deepStrictEqual(failing.map(n => n.node), [cubeNode]);
    assert.deepStrictEqual(failing[0].range, { start: 4, end: 15 });
    // J·u is off by the factor 2/3 exactly.
    assert.ok(Math.abs(failing[0].forward / failing[0].reverse - 2 / 3) < 1e-12, `${failing[0].forward} / ${failing[0].reverse}`);
    assert.strictEqual(report.passed, false);
  });

  it('a wrong second-order term fails H·v against the gradient differences, while its JVP passes', () => {
    const { graph, output } = cubeGraph('test_cube_wrong_second');
    const report = secondOrderCheck(graph, output, graph.order(output));
    assert.strictEqual(report.jvp.passed, true);
    assert.strictEqual(report.hvp.passed, false);
    for (const d of report.hvp.directions) { assert.ok(!d.passed && d.maxAbsError > 1e-3, JSON.stringify(d)); }
  });

  it('refuses an op without a rule by name, with its place, before computing anything', () => {
    const { graph, output } = cubeGraph('test_cube_no_rule');
    assert.throws(() => secondOrderCheck(graph, output, graph.order(output)), (e: unknown) => {
      assert.ok(e instanceof InspectError);
      assert.strictEqual(e.kind, 'unsupported');
      assert.match(e.message, /^forward mode is not available for op test_cube_no_rule/);
      assert.deepStrictEqual(e.range, { start: 4, end: 15 });
      return true;
    });
  });

  it('leaves every value and adjoint of the graph as it found them', () => {
    const { graph, output } = cubeGraph('test_cube');
    const before = graph.nodes.map(n => ({ value: n.value, grad: n.grad, data: n.value?.data.slice() }));
    secondOrderCheck(graph, output, graph.order(output));
    graph.nodes.forEach((n, i) => {
      assert.strictEqual(n.value, before[i].value);
      assert.strictEqual(n.grad, before[i].grad);
      assert.deepStrictEqual(n.value?.data, before[i].data);
    });
  });

  it('H is symmetric through matmul, softmax and a shared input: uᵀ(H·v) = vᵀ(H·u)', () => {
    const graph = new Graph();
    const a = graph.leaf('a', Tensor.fromArray([2, 3], [0.2, -0.4, 0.7, 0.1, 0.3, -0.6]));
    const b = graph.leaf('b', Tensor.fromArray([3, 2], [0.9, -0.3, 0.5, 0.4, -0.8, 0.2]));
    const product = graph.apply('matmul', [a, b]);
    const output = graph.apply('sum', [graph.apply('mul', [graph.apply('softmax', [product], { axis: -1 }), product])]);
    forward(graph, output);
    backward(graph, output);
    const order = graph.order(output);
    const u = new Map([[a, Tensor.fromArray([2, 3], [1, 0.5, -0.2, 0.3, -1, 0.4])], [b, Tensor.fromArray([3, 2], [0.1, -0.7, 0.2, 0.6, 0.3, -0.5])]]);
    const v = new Map([[a, Tensor.fromArray([2, 3], [-0.3, 0.8, 0.1, 0.9, 0.2, -0.4])], [b, Tensor.fromArray([3, 2], [0.5, 0.5, -0.1, 0.2, 0.7, 0.3])]]);
    const hu = hessianVectorProduct(graph, order, u), hv = hessianVectorProduct(graph, order, v);
    const dot = (p: Map<NodeId, Tensor>, q: Map<NodeId, Tensor>): number => [a, b].reduce((s, id) => s + (p.get(id) as Tensor).data.reduce((t, x, i) => t + x * (q.get(id) as Tensor).data[i], 0), 0);
    const uHv = dot(u, hv), vHu = dot(v, hu);
    assert.ok(Math.abs(uHv) > 1e-3);
    assert.ok(Math.abs(uHv - vHu) <= 1e-14 * Math.abs(uHv) + 1e-15, `${uHv} vs ${vHu}`);
    assert.strictEqual(jvpCheck(graph, order, 0).passed, true);
  });

  it('every op of the table has a rule but prod, which is refused by name', () => {
    const withRules = new Set(opsWithTangentRules());
    const without = allOps().map(op => op.name).filter(name => !name.startsWith('test_') && !withRules.has(name));
    assert.deepStrictEqual(without, ['prod']);
  });

  it('refuses, before any work, a graph whose tangents would not fit the memory budget', () => {
    const graph = new Graph(new Budget({ memoryMiB: 1 }));
    const x = graph.leaf('x', Tensor.fromArray([8000], Array.from({ length: 8000 }, (_, i) => i / 8000)));
    const output = graph.apply('sum', [graph.apply('exp', [x])]);
    forward(graph, output);
    backward(graph, output);
    assert.throws(() => secondOrderCheck(graph, output, graph.order(output)), (e: unknown) => {
      assert.ok(e instanceof InspectError);
      assert.strictEqual(e.kind, 'limit');
      assert.match(e.message, /^the second-order check \(a tangent and an adjoint tangent per value\) \(16,001 entries\) needs an estimated .* over the memory budget of 1 MiB/);
      return true;
    });
  });
});
