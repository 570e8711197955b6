import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { gradcheck } from '../../../src/engine/gradcheck';
import { localiseWrongNode } from '../../../src/engine/gradcheck-localise';
import { Graph } from '../../../src/engine/graph';
import { OpDef } from '../../../src/engine/op';
import { registerOp } from '../../../src/engine/ops';
import { Tensor } from '../../../src/engine/tensor';
import { inspect } from '../../../src/inspect';
import { cliJson } from '../../../src/cli-json';
import { reportLines } from '../../../src/cli-report';
import { toWireInspection } from '../../../src/wire';

/** x³ elementwise whose VJP forgets the factor 3: the deliberately wrong op of these tests. */
const WRONG_CUBE: OpDef = {
  name: 'test_wrong_cube',
  arity: 1,
  label: () => 'cube',
  forward: ([x]) => new Tensor(x.shape, x.data.map(v => v * v * v)),
  vjp: ({ inputs: [x], grad }) => [new Tensor(x.shape, x.data.map((v, i) => v * v * grad.data[i]))],
};

describe('gradcheck: localising the wrong node', function () {
  this.timeout(20_000);
  let unregister: () => void = () => undefined;
  before(() => { unregister = registerOp(WRONG_CUBE); });
  after(() => unregister());

  it('names the first op whose VJP disagrees with its own forward, between correct ops', async () => {
    // sum(exp(cube(sin(x))) · w): sin, cube, exp, mul and sum; only cube is wrong.
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([3], [0.3, -0.7, 1.1]));
    const w = graph.leaf('w', Tensor.fromArray([3], [2, -1, 0.5]));
    const cube = graph.apply('test_wrong_cube', [graph.apply('sin', [x])], {}, { range: { start: 4, end: 15 } });
    const output = graph.apply('sum', [graph.apply('mul', [graph.apply('exp', [cube]), w])]);
    forward(graph, output);
    backward(graph, output);
    const result = await gradcheck(graph, output);
    assert.strictEqual(result.passed, false);
    const wrong = result.wrongNode;
    assert.ok(wrong, 'a wrong node is named');
    assert.deepStrictEqual([wrong.node, wrong.op, wrong.input, wrong.range], [cube, 'test_wrong_cube', 0, { start: 4, end: 15 }]);
    // The true VJP is 3x²·v and the wrong one x²·v: the dot-product test sees a factor 3.
    assert.ok(Math.abs(wrong.numeric / wrong.analytic - 3) < 1e-6, `${wrong.numeric} vs ${wrong.analytic}`);
    assert.strictEqual(result.nodesChecked, 2, 'sin, then cube: the search stops at the first wrong node');
  });

  it('finds no wrong node when the failure is the step, and checks every op node', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(0.3));
    const output = graph.apply('sin', [graph.apply('mul', [graph.constant(Tensor.scalar(5)), graph.apply('exp', [x])])]);
    forward(graph, output);
    backward(graph, output);
    const result = await gradcheck(graph, output, { eps: 0.1 });
    assert.strictEqual(result.passed, false);
    assert.strictEqual(result.wrongNode, undefined);
    assert.strictEqual(result.nodesChecked, 3);
    assert.strictEqual((await gradcheck(graph, output)).nodesChecked, undefined, 'a passing check localises nothing');
  });

  it('reports the wrong node with its line and column in the CLI report and JSON', async () => {
    const graph = new Graph();
    const text = 'y = cube(x)\nexp(y)';
    const x = graph.leaf('x', Tensor.scalar(0.8));
    const cube = graph.apply('test_wrong_cube', [x], {}, { range: { start: 4, end: 11 } });
    const output = graph.apply('exp', [cube], {}, { range: { start: 12, end: 18 } });
    forward(graph, output);
    backward(graph, output);
    const base = await inspect({ kind: 'text', text: 'x', language: 'math' }, { bindings: new Map([['x', Tensor.scalar(0.8)]]) });
    const inspection = { ...base, text, graph, output, order: graph.order(output), leaves: graph.leaves(output), check: await gradcheck(graph, output), derivatives: undefined };
    assert.ok(reportLines(inspection).some(line => /^wrong node: cube \(test_wrong_cube\) at 1:5 \(node 1\): its backward disagrees with its forward/.test(line)), reportLines(inspection).join('\n'));
    const json = cliJson(inspection) as unknown as { check: { wrongNode: { node: number; line: number; column: number } } };
    assert.deepStrictEqual([json.check.wrongNode.node, json.check.wrongNode.line, json.check.wrongNode.column], [1, 1, 5]);
    const wire = toWireInspection(inspection, 't');
    assert.deepStrictEqual(wire.nodes.map(n => n.checkStatus), ['fail', 'fail', undefined], 'the leaf x fails, and the wrong op is marked too');
    assert.deepStrictEqual([wire.check?.wrongNode?.node, wire.check?.wrongNode?.op], [1, 'test_wrong_cube']);
  });
});

describe('gradcheck: localisation finds no wrong node among the real ops', function () {
  this.timeout(20_000);
  const PROGRAMS: readonly string[] = [
    'W = np.array([[0.5, -1.2, 0.3], [2.0, 0.1, -0.7]])\nx = np.array([0.4, -0.3, 1.5])\nb = np.array([0.2, -0.1])\nh = np.tanh(W @ x + b)\nnp.sum(np.log(np.exp(h) + 1.5) / (1 + h ** 2))',
    'a = np.array([[1.0, -2.0, 0.5], [0.3, 0.7, -1.1]])\ns = np.exp(a) / np.sum(np.exp(a), axis=1, keepdims=True)\nnp.sum(s * np.sqrt(a * a + 1)) + np.mean(np.sin(a.T @ a))',
    'x = np.array([0.9, -0.4, 2.2, -1.3])\nnp.sum(x ** 3 * np.cos(x)) + np.max(x * x) + np.sum(np.maximum(x, 0.5) * np.abs(x - 3))',
  ];
  for (const [k, text] of PROGRAMS.entries()) {
    it(`checks every op node of program ${k + 1} alone and finds each VJP right`, async () => {
      const inspection = await inspect({ kind: 'text', text, language: 'python' }, { check: false });
      const ops = inspection.order.filter(id => inspection.graph.nodes[id].kind === 'op').length;
      const { node, checked } = await localiseWrongNode(inspection.graph, inspection.order, { atol: 1e-5, rtol: 1e-3, seed: 0 }, async () => false);
      assert.strictEqual(node, undefined, JSON.stringify(node));
      assert.strictEqual(checked, ops);
      assert.ok(ops >= 8, `${ops} op nodes`);
    });
  }
});

describe('gradcheck: localisation takes analytic ops\' JVP by the complex step', () => {
  it('agrees to 1e-13 relative on exp, sin, tanh, mul and div, where a central difference would not', async () => {
    const text = 'x = np.array([0.4, -1.3, 2.2])\ny = np.array([1.5, 0.25, -0.8])\nnp.sum(np.tanh(np.exp(x) * np.sin(y)) / (2 + y * y))';
    const inspection = await inspect({ kind: 'text', text, language: 'python' }, { check: false });
    const strict = { atol: 0, rtol: 1e-13, seed: 3 };
    const { node, checked } = await localiseWrongNode(inspection.graph, inspection.order, strict, async () => false);
    assert.strictEqual(node, undefined, JSON.stringify(node));
    assert.ok(checked >= 7, `${checked} nodes`);
  });
});
