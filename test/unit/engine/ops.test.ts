import * as assert from 'assert';
import { Attrs, Precedence } from '../../../src/engine/op';
import { allOps, getOp, hasOp } from '../../../src/engine/ops';
import { Tensor } from '../../../src/engine/tensor';
import { t } from './ops-testing';

const elementwise = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'neg', 'exp', 'log', 'log1p', 'sqrt', 'abs',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'sigmoid', 'relu', 'leaky_relu', 'softplus', 'clip'];
const others = ['sum', 'mean', 'max', 'min', 'logsumexp', 'softmax', 'log_softmax', 'matmul', 'dot', 'transpose', 'reshape',
  'index', 'broadcast_to', 'concat', 'stack'];

function branch(name: string, inputs: Tensor[], attrs: Attrs = {}): number[] {
  const def = getOp(name);
  assert.ok(def.branch, `${name} has a branch signature`);
  return Array.from(def.branch(inputs, attrs, def.forward(inputs, attrs)));
}

/** Whether evaluations at x − h and x + h take different branches: a kink lies between them. */
function straddles(name: string, x: number, h: number, attrs: Attrs = {}): boolean {
  const below = branch(name, [Tensor.scalar(x - h)], attrs), above = branch(name, [Tensor.scalar(x + h)], attrs);
  return below.some((b, i) => b !== above[i]);
}

describe('ops: the table', () => {
  it('registers every op of the engine by the names the front-ends use', () => {
    for (const name of [...elementwise, ...others]) { assert.ok(hasOp(name), name); }
    assert.strictEqual(new Set(allOps().map(op => op.name)).size, allOps().length);
  });

  it('every scalar-applicable op has a written form', () => {
    for (const name of elementwise) { assert.ok(getOp(name).written, name); }
  });

  it('written forms in plain text and LaTeX', () => {
    const text = (name: string, args: string[], attrs: Attrs = {}) => getOp(name).written?.text(args, attrs);
    const latex = (name: string, args: string[], attrs: Attrs = {}) => getOp(name).written?.latex(args, attrs);
    assert.strictEqual(text('pow', ['x', '2']), 'x^2');
    assert.strictEqual(latex('div', ['a', 'b']), '\\frac{a}{b}');
    assert.strictEqual(latex('pow', ['x', '2']), 'x^{2}');
    assert.strictEqual(latex('pow', ['e^{x}', '2']), '{e^{x}}^{2}');
    assert.strictEqual(text('exp', ['x']), 'exp(x)');
    assert.strictEqual(latex('exp', ['x']), 'e^{x}');
    assert.strictEqual(latex('sqrt', ['x']), '\\sqrt{x}');
    assert.strictEqual(latex('sigmoid', ['x']), '\\sigma(x)');
    assert.strictEqual(text('sigmoid', ['x']), 'sigmoid(x)');
    assert.strictEqual(latex('log', ['x']), '\\log(x)');
    assert.strictEqual(latex('abs', ['x']), '\\left|x\\right|');
    assert.strictEqual(latex('maximum', ['a', 'b']), '\\max(a, b)');
    assert.strictEqual(text('clip', ['x'], { min: 0, max: null }), 'clip(x, 0, None)');
    assert.strictEqual(text('leaky_relu', ['x'], { alpha: 0.2 }), 'leaky_relu(x, 0.2)');
    assert.strictEqual(getOp('pow').written?.precedence, Precedence.Power);
    assert.strictEqual(getOp('neg').written?.precedence, Precedence.Unary);
    assert.strictEqual(getOp('sub').written?.precedence, Precedence.Sum);
  });

  it('labels show attributes', () => {
    assert.strictEqual(getOp('add').label({}), '+');
    assert.strictEqual(getOp('sum').label({ axis: 0 }), 'sum(axis=0)');
    assert.strictEqual(getOp('max').label({ axis: [0, 2], keepdims: true }), 'max(axis=(0, 2), keepdims)');
    assert.strictEqual(getOp('index').label({ items: [{ kind: 'int', value: 1 }, { kind: 'slice', start: null, stop: null, step: -1 }, { kind: 'newaxis' }] }), '[1, ::-1, None]');
  });
});

describe('ops: branch signatures at kinks', () => {
  it('relu, leaky_relu and abs: the sign of each entry', () => {
    for (const name of ['relu', 'leaky_relu', 'abs']) {
      assert.deepStrictEqual(branch(name, [t([-0.5, 0, 2])]), [-1, 0, 1], name);
      assert.ok(straddles(name, 0, 1e-6), `${name} straddles its kink at 0`);
      assert.ok(straddles(name, 5e-7, 1e-6), `${name} straddles a kink just below x + h`);
      assert.ok(!straddles(name, 0.3, 1e-6), `${name} is smooth at 0.3`);
    }
  });

  it('maximum / minimum: the comparison of each pair, broadcast', () => {
    assert.deepStrictEqual(branch('maximum', [t([1, 2, 3]), Tensor.scalar(2)]), [-1, 0, 1]);
    assert.deepStrictEqual(branch('minimum', [t([[1], [3]]), t([2, 3])]), [-1, -1, 1, 0]);
  });

  it('clip: below, at min, inside, at max, above', () => {
    const attrs = { min: -1, max: 1 };
    assert.deepStrictEqual(branch('clip', [t([-3, -1, 0.5, 1, 3])], attrs), [-2, -1, 0, 1, 2]);
    assert.ok(straddles('clip', 1, 1e-6, attrs));
    assert.ok(!straddles('clip', 0, 1e-6, attrs));
  });

  it('max / min reductions: the flat index of the extreme entry per output', () => {
    const x = t([[1, 5, 3], [4, 2, 6]]);
    assert.deepStrictEqual(branch('max', [x]), [5]);
    assert.deepStrictEqual(branch('max', [x], { axis: 1 }), [1, 5]);
    assert.deepStrictEqual(branch('min', [x], { axis: 0 }), [0, 4, 2]);
    const tie = (v: number) => branch('max', [t([v, 2])]);
    assert.notDeepStrictEqual(tie(2 + 1e-6), tie(2 - 1e-6), 'a tie straddles a kink');
  });

  it('smooth ops have no branch signature', () => {
    for (const name of ['exp', 'sigmoid', 'add', 'matmul', 'softmax']) { assert.strictEqual(getOp(name).branch, undefined, name); }
  });
});
