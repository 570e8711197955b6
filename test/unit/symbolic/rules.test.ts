// Each op's symbolic rule, on a hand-built graph, evaluates to the autograd gradient (which the
// engine tests check against PyTorch); kinks, ties and thresholds included. And the refusals.
import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { Attrs } from '../../../src/engine/op';
import { Graph } from '../../../src/engine/graph';
import { MAX_SYMBOLIC_NODES, symbolicDerivatives, TENSOR_REASON, TOO_LARGE_REASON } from '../../../src/engine/symbolic';
import { DERIVATIVE_RULES } from '../../../src/engine/symbolic-rules';
import { Tensor } from '../../../src/engine/tensor';
import { assertClose } from '../fixtures';

/** op applied to leaves x (and y) at the given values; returns the symbolic derivatives' text and whether they match autograd. */
function check(op: string, values: number[], attrs: Attrs = {}): Map<string, string> {
  const g = new Graph();
  const names = ['x', 'y', 'z'];
  const leaves = values.map((v, i) => g.leaf(names[i], Tensor.scalar(v)));
  const out = g.apply(op, leaves, attrs);
  forward(g, out);
  backward(g, out);
  const result = symbolicDerivatives(g, out);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  const texts = new Map<string, string>();
  leaves.forEach((id, i) => {
    const d = result.derivatives.get(names[i]);
    assert.ok(d);
    assertClose(d.value, g.nodes[id].grad?.data[0], `${op}(${values.join(', ')}) ∂/∂${names[i]} = ${d.text}`);
    texts.set(names[i], d.text);
  });
  return texts;
}

describe('symbolic rules against autograd', () => {
  const unaryPoints: [string, number[]][] = [
    ['neg', [0.7]], ['exp', [0.7]], ['log', [0.7]], ['log1p', [0.7]], ['sqrt', [0.7]],
    ['abs', [-0.7]], ['abs', [0.7]], ['abs', [0]],
    ['sin', [0.7]], ['cos', [0.7]], ['tan', [0.7]], ['asin', [0.7]], ['acos', [0.7]], ['atan', [0.7]],
    ['sinh', [0.7]], ['cosh', [0.7]], ['tanh', [0.7]], ['sigmoid', [-1.3]], ['sigmoid', [30]],
    ['relu', [0.7]], ['relu', [-0.7]], ['relu', [0]], ['softplus', [0.7]], ['softplus', [-3]],
  ];
  for (const [op, values] of unaryPoints) {
    it(`${op}(${values.join(', ')})`, () => { check(op, values); });
  }
  const binaryPoints: [string, number[]][] = [
    ['add', [0.7, -1.2]], ['sub', [0.7, -1.2]], ['mul', [0.7, -1.2]], ['div', [0.7, -1.2]],
    ['pow', [1.7, -1.2]], ['pow', [0.5, 3]], ['maximum', [0.7, -1.2]], ['maximum', [-1.2, 0.7]], ['maximum', [0.7, 0.7]],
    ['minimum', [0.7, -1.2]], ['minimum', [0.7, 0.7]],
  ];
  for (const [op, values] of binaryPoints) {
    it(`${op}(${values.join(', ')})`, () => { check(op, values); });
  }
  it('leaky_relu on both sides and at 0, default and given slope', () => {
    assert.strictEqual(check('leaky_relu', [-0.5]).get('x'), '[x > 0] + 0.01 * [x <= 0]');
    check('leaky_relu', [0.5], { alpha: 0.2 });
    check('leaky_relu', [0], { alpha: 0.2 });
    check('leaky_relu', [-2], { alpha: 0.2 });
  });
  it('softplus with beta, and past its threshold', () => {
    assert.strictEqual(check('softplus', [0.5], { beta: 2 }).get('x'), 'sigmoid(2 * x)');
    assert.strictEqual(check('softplus', [20.01]).get('x'), '1');
    check('softplus', [3], { beta: 2, threshold: 5 });
  });
  it('clip inside, outside and on its bounds', () => {
    assert.strictEqual(check('clip', [0.5], { min: 0, max: 1 }).get('x'), '[0 <= x <= 1]');
    check('clip', [1.5], { min: 0, max: 1 });
    check('clip', [1], { min: 0, max: 1 });
    check('clip', [0], { min: 0, max: 1 });
    assert.strictEqual(check('clip', [-0.5], { min: 0 }).get('x'), '[x >= 0]');
    assert.strictEqual(check('clip', [0.5], { max: 0 }).get('x'), '[x <= 0]');
  });
  it('a rule exists for every scalar elementwise op of the table', () => {
    for (const op of ['add', 'sub', 'mul', 'div', 'neg', 'pow', 'exp', 'log', 'log1p', 'sqrt', 'abs', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan',
      'sinh', 'cosh', 'tanh', 'sigmoid', 'relu', 'softplus', 'maximum', 'minimum', 'leaky_relu', 'clip']) {
      assert.ok(DERIVATIVE_RULES.has(op), op);
    }
  });
  it('reductions and reshapes of one-element tensors pass through', () => {
    const g = new Graph();
    const x = g.leaf('x', Tensor.fromArray([1], [0.4]));
    const out = g.apply('sum', [g.apply('exp', [g.apply('reshape', [x], { shape: [1, 1] })])], {});
    forward(g, out);
    backward(g, out);
    const result = symbolicDerivatives(g, out);
    assert.ok(result.ok);
    assert.strictEqual(result.derivatives.get('x')?.text, 'exp(x)');
    assertClose(result.derivatives.get('x')?.value, g.nodes[x].grad?.data[0], 'd/dx');
  });
  it('a leaf used twice accumulates; a leaf not reached has derivative 0', () => {
    const g = new Graph();
    const x = g.leaf('x', Tensor.scalar(3));
    g.leaf('unused', Tensor.scalar(1));
    const out = g.apply('mul', [x, g.apply('sin', [x])]);
    forward(g, out);
    backward(g, out);
    const result = symbolicDerivatives(g, out);
    assert.ok(result.ok);
    assertClose(result.derivatives.get('x')?.value, Math.sin(3) + 3 * Math.cos(3), 'd/dx x sin x');
    assert.strictEqual(result.derivatives.has('unused'), false);
  });
  it('runs the forward pass itself when values are missing', () => {
    const g = new Graph();
    const x = g.leaf('x', Tensor.scalar(0.5));
    const out = g.apply('exp', [g.apply('mul', [g.constant(Tensor.scalar(2)), x])]);
    const result = symbolicDerivatives(g, out);
    assert.ok(result.ok);
    assert.strictEqual(result.derivatives.get('x')?.value, 2 * Math.exp(1));
  });
});

describe('symbolic derivatives: refusals', () => {
  it('tensors', () => {
    const g = new Graph();
    const x = g.leaf('x', Tensor.fromArray([2], [1, 2]));
    const out = g.apply('sum', [g.apply('exp', [x])], {});
    assert.deepStrictEqual(symbolicDerivatives(g, out), { ok: false, reason: TENSOR_REASON });
  });
  it('an op without a rule is named', () => {
    const g = new Graph();
    const x = g.leaf('x', Tensor.fromArray([1, 1, 1, 1], [2]));
    const out = g.apply('avgpool', [x], { kernel: [1, 1] });
    const result = symbolicDerivatives(g, out);
    assert.ok(!result.ok && /avgpool/.test(result.reason), JSON.stringify(result));
  });
  it('a derivative too long to print', () => {
    const g = new Graph();
    let node = g.leaf('x', Tensor.scalar(0.1));
    for (let i = 0; i < 300; i++) { node = g.apply('sin', [node]); }
    assert.deepStrictEqual(symbolicDerivatives(g, node), { ok: false, reason: TOO_LARGE_REASON });
  });
  it('a graph too big to differentiate symbolically', () => {
    const g = new Graph();
    let node = g.leaf('x', Tensor.scalar(0.1));
    for (let i = 0; i <= MAX_SYMBOLIC_NODES; i++) { node = g.apply('add', [node, g.leaf(`y${i}`, Tensor.scalar(1))]); }
    assert.deepStrictEqual(symbolicDerivatives(g, node), { ok: false, reason: TOO_LARGE_REASON });
  });
  it('repeated squaring stays small in memory and is refused when too long', () => {
    const g = new Graph();
    let node = g.leaf('x', Tensor.scalar(1.01));
    for (let i = 0; i < 60; i++) { node = g.apply('mul', [g.apply('sin', [node]), g.apply('sin', [node])]); }
    const result = symbolicDerivatives(g, node);
    assert.deepStrictEqual(result, { ok: false, reason: TOO_LARGE_REASON });
  });
});

describe('symbolic derivatives: deep graphs', () => {
  it('a chain as deep as the node limit is refused without exhausting the stack', () => {
    const g = new Graph();
    let node = g.leaf('x', Tensor.scalar(0.1));
    for (let i = 1; i < MAX_SYMBOLIC_NODES; i++) { node = g.apply('sin', [node]); }
    assert.deepStrictEqual(symbolicDerivatives(g, node), { ok: false, reason: TOO_LARGE_REASON });
  });
});
