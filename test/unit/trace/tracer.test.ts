// The Python tracer: control flow on trace-time values, user functions, containers, index
// assignment and fancy indexing (values and gradients), the seeded generator, and errors that
// name the construct at its line:column.
import * as assert from 'assert';
import { lineColumnAt } from '../../../src/engine/errors';
import { lowerProgram } from '../../../src/lang/lower';
import { parseProgram } from '../../../src/lang/parse';
import { assertClose } from '../fixtures';
import { evaluate, gradientOf, inspectErrorOf, scalarBindings } from '../lang/run';

const run = (text: string, values: Record<string, number> = {}) => evaluate(text, 'python', scalarBindings(values));
const valueOf = (text: string, values: Record<string, number> = {}) => run(text, values).value.toNested();

function errorAt(text: string): { kind: string; line: number; column: number; message: string } {
  const err = inspectErrorOf(() => lowerProgram(parseProgram(text, 'python'), new Map()));
  assert.ok(err.range, `no range: ${err.message}`);
  const { line, column } = lineColumnAt(text, err.range.start);
  return { kind: err.kind, line, column, message: err.message };
}

describe('Python tracer: control flow and functions', () => {
  it('a for loop over range unrolls: x doubled three times', () => {
    const r = run('x = 1.5\ny = x\nfor i in range(3):\n    y = y * 2\ny');
    assertClose(r.value.toNested(), 12, 'value');
    assertClose(gradientOf(r, 'x').toNested(), 8, 'dx');
  });

  it('if/elif/else on integers takes one branch; a conditional expression too', () => {
    const text = 'x = 2.0\ndef f(x, k):\n    if k == 0:\n        return x\n    elif k == 1:\n        return x * x\n    else:\n        return x * x * x\nf(x, 1) + f(x, 2) + (x if 3 > 4 else -x)';
    assertClose(valueOf(text), 4 + 8 - 2, 'value');
  });

  it('a branch decided by an array value is noted with its place', () => {
    const r = run('x = 2.0\nif x > 0:\n    y = x\nelse:\n    y = -x\ny');
    assert.ok(r.notes.some(n => /condition at 2:4 was decided by its traced value \(true\)/.test(n)), r.notes.join('; '));
  });

  it('def with keyword arguments and defaults; return of a tuple unpacked', () => {
    const text = 'def f(a, b=3.0, scale=1):\n    """Docstring."""\n    return a * b * scale, a + b\nx = 2.0\np, q = f(x, scale=2)\np + q';
    const r = run(text);
    assertClose(r.value.toNested(), 12 + 5, 'value');
    assertClose(gradientOf(r, 'x').toNested(), 6 + 1, 'dx');
  });

  it('bounded recursion runs; unbounded recursion is refused with the limit named', () => {
    assertClose(valueOf('def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\nfact(5)'), 120, 'fact');
    const e = errorAt('def f(n):\n    return f(n + 1)\nf(0)');
    assert.strictEqual(e.kind, 'limit');
    assert.match(e.message, /calls nested more than 64 deep \(recursion in f\?\)/);
  });

  it('while loops run, bounded by a trip count named in the error', () => {
    assertClose(valueOf('x = 1.0\nn = 0\nwhile n < 4:\n    x = x * 2\n    n += 1\nx'), 16, 'value');
    // Inside a function `n = 0` is a Python integer, so the loop makes no nodes.
    const e = errorAt('def spin():\n    n = 0\n    while True:\n        n += 1\n    return n\nspin()');
    assert.deepStrictEqual([e.kind, e.line, e.column], ['limit', 3, 5]);
    assert.match(e.message, /more than 10,000 iterations \(the trip-count limit of a traced while loop\)/);
  });

  it('nested loops are bounded in all: 100,000 iterations', () => {
    const e = errorAt('def spin():\n    n = 0\n    for i in range(1000):\n        for j in range(1000):\n            n += 1\n    return n\nspin()');
    assert.deepStrictEqual([e.kind, e.line], ['limit', 4]);
    assert.match(e.message, /the loops ran more than 100,000 iterations in all/);
  });

  it('zip, enumerate, reversed, break and continue', () => {
    const text = 'total = 0\nfor i, (a, b) in enumerate(zip([1, 2, 3], reversed([10, 20, 30]))):\n    if i == 1:\n        continue\n    if i == 2:\n        break\n    total += a * b + i\ntotal';
    assertClose(valueOf(text), 30, 'value');
  });

  it('lists, dicts, len, x.shape[i], integer arithmetic, f-strings and % name dict keys', () => {
    const text = [
      'x = np.ones((4, 6))',
      'params = {}',
      'for i in range(1, 3):',
      "    params[f'W{i}'] = i * 1.0",
      "    params['b%d' % i] = len([1, 2, i])",
      'n = x.shape[1] // 4 + x.shape[0] % 3',
      "params['W2'] * n + params['b1']",
    ].join('\n');
    assertClose(valueOf(text), 2 * 2 + 3, 'value');
  });

  it('assert is checked at trace time', () => {
    assertClose(valueOf('x = np.ones((2, 3))\nassert x.shape == (2, 3), "shape"\nx.sum()'), 6, 'value');
    const e = errorAt('x = np.ones((2, 3))\nassert x.shape[0] == 3, f"rows {x.shape[0]}"\nx');
    assert.deepStrictEqual([e.kind, e.line, e.message], ['value', 2, 'assertion failed: rows 2']);
  });

  it('a raise the trace reaches is an error at the raise', () => {
    const e = errorAt("mode = 'test'\nif mode != 'train':\n    raise ValueError('bad mode %s' % mode)\nmode");
    assert.deepStrictEqual([e.kind, e.line, e.column], ['value', 3, 5]);
    assert.match(e.message, /raise statement: ValueError\(bad mode test\)/);
  });

  it('code ending in a definition has nothing to analyse', () => {
    assert.match(errorAt('def f(x):\n    return x').message, /nothing to analyse/);
  });
});

describe('Python tracer: arrays', () => {
  it('index assignment with integer arrays routes the gradient (dx[np.arange(N), y] -= 1)', () => {
    const text = 'x = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])\ny = np.array([2, 0])\nd = x * 1\nd[np.arange(2), y] -= 10\n(d * d).sum()';
    const r = run(text);
    assertClose(r.value.toNested(), 1 + 4 + 49 + 36 + 25 + 36, 'value');
    // d = x except entries (0,2), (1,0) shifted by −10: ∂/∂x = 2·d.
    assertClose(gradientOf(r, 'x').toNested(), [[2, 4, -14], [-12, 10, 12]], 'dx');
  });

  it('boolean-mask assignment zeroes entries and their gradient (dx[x < 0] = 0)', () => {
    const r = run('x = np.array([[-1.0, 2.0], [3.0, -4.0]])\nd = x * 3\nd[x < 0] = 0\nd.sum()');
    assertClose(r.value.toNested(), 15, 'value');
    assertClose(gradientOf(r, 'x').toNested(), [[0, 3], [3, 0]], 'dx');
  });

  it('slice assignment of a computed column (out[:, i] = …)', () => {
    const text = 'x = np.array([[1.0, 2.0], [3.0, 4.0]])\nout = np.zeros((2, 2))\nfor i in range(2):\n    out[:, i] = x[:, 1 - i] * (i + 1)\n(out * out).sum()';
    const r = run(text);
    assertClose(r.value.toNested(), (4 + 16) + 4 * (1 + 9), 'value');
    assertClose(gradientOf(r, 'x').toNested(), [[8, 4], [24, 8]], 'dx');
  });

  it('fancy indexing reads and an entry selected twice gets both gradients', () => {
    const r = run('x = np.array([1.0, 2.0, 3.0])\nx[[0, 0, 2]].sum() + x[x > 1.5].sum()');
    assertClose(r.value.toNested(), 1 + 1 + 3 + 2 + 3, 'value');
    assertClose(gradientOf(r, 'x').toNested(), [2, 1, 2], 'dx');
  });

  it('an array index mixed with slices: NumPy places the index dimension first when not adjacent', () => {
    const r = run('x = np.arange(24).reshape(2, 3, 4) * 1.0\nx[0, :, [1, 3]]');
    assert.deepStrictEqual(r.value.shape, [2, 3]);
    assertClose(r.value.toNested(), [[1, 5, 9], [3, 7, 11]], 'value');
  });

  it('aliases share writes, copies do not (dx = dout; dx[...] = 0 changes dout too)', () => {
    assertClose(valueOf('a = np.ones(3)\nb = a\nb[0] = 5\nc = a.copy()\nc[1] = 7\na.sum() * 100 + c.sum()'), 7 * 100 + 13, 'value');
  });

  it('np.pad, np.where, zeros_like, var, prod of a shape, .T, reshape(-1), torch clamp, F.relu, .t(), .sum(dim=)', () => {
    const text = [
      'x = np.array([[1.0, -2.0], [3.0, 4.0]])',
      'p = np.pad(x, ((1, 1), (0, 0)), "constant")',
      'w = np.where(x > 0, x, np.zeros_like(x))',
      'v = x.var(axis=0)',
      'k = np.prod(p.shape)',
      't = torch.clamp(x, min=0.0).t()',
      'p.sum() + w.sum() + v.sum() + k + x.T.reshape(-1)[1] + F.relu(x).sum(dim=0)[1] + t[1, 0]',
    ].join('\n');
    assertClose(valueOf(text), 6 + 8 + (1 + 9) + 8 + 3 + 4 + 0, 'value');
  });

  it('np.random.seed makes randn deterministic and order dependent', () => {
    const a = run('np.random.seed(3)\nx = np.random.randn(2, 2)\ny = np.random.randn(2)\nx.sum() + y.sum()').value.data[0];
    const b = run('np.random.seed(3)\nx = np.random.randn(2, 2)\ny = np.random.randn(2)\nx.sum() + y.sum()').value.data[0];
    const c = run('np.random.seed(4)\nx = np.random.randn(2, 2)\ny = np.random.randn(2)\nx.sum() + y.sum()').value.data[0];
    assert.strictEqual(a, b);
    assert.notStrictEqual(a, c);
  });

  it('nodes made inside a user function carry the call path as their group', () => {
    const r = run('def inner(v):\n    return v * 2\ndef outer(v):\n    return inner(v) + 1\nx = 1.0\nouter(x)');
    const groups = r.graph.nodes.filter(n => n.kind === 'op').map(n => n.group);
    assert.deepStrictEqual(groups, ['outer/inner', 'outer']);
  });
});

describe('Python tracer: errors name the construct at its place', () => {
  const cases: [string, string, number, number, RegExp][] = [
    ['unbound name in a function', 'def f():\n    return q\nf()', 2, 12, /unbound variable: q/],
    ['too many arguments', 'def f(a):\n    return a\nf(1, 2)', 3, 1, /f\(\) takes 1 positional argument but 2 were given/],
    ['unknown keyword', 'def f(a):\n    return a\nf(b=1)', 3, 3, /unexpected keyword argument 'b'/],
    ['iterating an array', 'x = np.ones(3)\nfor v in x:\n    pass\nx', 2, 10, /iterating over an array is not supported/],
    ['unpacking mismatch', 'a, b = (1, 2, 3)\na', 1, 1, /too many values to unpack \(expected 2, got 3\)/],
    ['index out of bounds', 'x = np.ones(3)\nx[[0, 5]]', 2, 1, /index 5 is out of bounds for axis 0 with size 3/],
    ['non-Function class', 'class A:\n    pass\n1', 1, 7, /only torch.autograd.Function subclasses/],
    ['other decorators', '@property\ndef f(x):\n    return x\n1', 1, 1, /decorators other than @staticmethod/],
    ['unexpected indent', 'x = 1\n    y = 2\nx', 2, 5, /unexpected indent/],
    ['missing block', 'for i in range(3):\nx = 1\nx', 2, 1, /expected an indented block after 'for'/],
    ['set literal', 'a = {1, 2}\na', 1, 7, /sets are not supported/],
  ];
  for (const [what, text, line, column, message] of cases) {
    it(what, () => {
      const e = errorAt(text);
      assert.deepStrictEqual([e.line, e.column], [line, column], `${what}: ${e.message}`);
      assert.match(e.message, message);
    });
  }
});

describe('take and put ops', () => {
  it('put: the overwritten entries of x get no gradient, the written values get theirs (last write wins)', () => {
    const r = run('x = np.array([1.0, 2.0, 3.0])\nv = np.array([10.0, 20.0])\nd = x * 1\nd[[0, 0]] = v\n(d * np.array([1.0, 2.0, 3.0])).sum()');
    assertClose(r.value.toNested(), 20 + 4 + 9, 'value');
    assertClose(gradientOf(r, 'x').toNested(), [0, 2, 3], 'dx');
    assertClose(gradientOf(r, 'v').toNested(), [0, 1], 'dv');
  });

  it('a broadcast value written into a selection sums its gradient back', () => {
    const r = run('x = np.zeros((2, 3))\ns = 2.0\nx[:, 1:] = s\n(x * np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])).sum()');
    assertClose(gradientOf(r, 's').toNested(), 2 + 3 + 5 + 6, 'ds');
  });
});
