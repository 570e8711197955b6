// Values given from outside (`x=1, W=[[1,2],[3,4]]`, `--at x=-2`) and the automatic language choice.
import * as assert from 'assert';
import { parseBindingArg, parseBindings } from '../../../src/lang/bindings';
import { detectLanguage } from '../../../src/lang/detect';
import { inspectErrorOf } from './run';

describe('parseBindings', () => {
  it('numbers (negative, exponents) and nested arrays; commas inside brackets do not split', () => {
    const b = parseBindings('x=1, y = -2.5e-3 ,W=[[1,2],[3, -4]] ; v=[.5, 1e2, +3]');
    assert.deepStrictEqual([...b.keys()], ['x', 'y', 'W', 'v']);
    assert.deepStrictEqual(b.get('x')?.shape, []);
    assert.strictEqual(b.get('y')?.item(), -2.5e-3);
    assert.deepStrictEqual(b.get('W')?.toNested(), [[1, 2], [3, -4]]);
    assert.deepStrictEqual(b.get('v')?.toNested(), [0.5, 100, 3]);
  });

  it('empty text is no bindings', () => {
    assert.strictEqual(parseBindings('  ').size, 0);
  });

  it('a single --at argument', () => {
    const [name, value] = parseBindingArg('x=-2');
    assert.strictEqual(name, 'x');
    assert.strictEqual(value.item(), -2);
    assert.deepStrictEqual(parseBindingArg('W=[[1, 2], [3, 4]]')[1].shape, [2, 2]);
  });

  const errors: [string, number, RegExp][] = [
    ['x=1.2.3', 6, /unexpected '\.' after the number 1\.2 at column 6/],
    ['x=1e5x', 6, /unexpected 'x' after the number 1e5/],
    ['x 1', 3, /expected '=' after x at column 3/],
    ['=1', 1, /expected a variable name at column 1/],
    ['x=[1, 2', 8, /unclosed '\['/],
    ['x=[1 2]', 6, /expected ',' or '\]' at column 6/],
    ['x=1 y=2', 5, /expected ',' between bindings at column 5/],
    ['x=abc', 3, /expected a number at column 3/],
  ];
  for (const [text, column, message] of errors) {
    it(`error in '${text}' at column ${column}`, () => {
      const err = inspectErrorOf(() => parseBindings(text));
      assert.strictEqual(err.kind, 'syntax');
      assert.strictEqual((err.range?.start ?? -1) + 1, column);
      assert.match(err.message, message);
    });
  }

  it('a ragged array is a value error over the value', () => {
    const err = inspectErrorOf(() => parseBindingArg('W=[[1, 2], [3]]'));
    assert.strictEqual(err.kind, 'value');
    assert.deepStrictEqual(err.range, { start: 2, end: 15 });
  });

  it('trailing text after a single binding', () => {
    const err = inspectErrorOf(() => parseBindingArg('x=1, y=2'));
    assert.strictEqual(err.range?.start, 3);
  });
});

describe('detectLanguage', () => {
  const cases: [string, string][] = [
    ['\\frac{1}{1 + e^{-x}}', 'latex'],
    ['\\sin(x) \\cdot y', 'latex'],
    ['x^2 + 3x y', 'math'],
    ['sin(5 * exp(x))', 'math'],
    ['(x + y) * z', 'math'],
    ['2.5(x + 1)', 'math'],
    ['|x - 1| + max(x, y)', 'math'],
    ['x**2 + y', 'python'],
    ['W @ x', 'python'],
    ['np.tanh(x)', 'python'],
    ['torch.relu(x)', 'python'],
    ['F.softmax(z, dim=-1)', 'python'],
    ['x = 1.0\nx * 2', 'python'],
    ['a = 2\nb = a^2 + 3a\nb', 'math'],
    ['y = x ** 2', 'python'],
    ['import numpy as np\nnp.exp(1)', 'python'],
    ['(W * x).sum()', 'python'],
    ['A.T', 'python'],
    // Python statements: Python's parser then says, at the keyword, that they are not supported yet.
    ['def f(x): return x', 'python'],
    ['async def f(x):\n  return x', 'python'],
    ['class Net:\n  pass', 'python'],
    ['x = 1.0\nfor i in range(3):\n  x = x * 2\nx', 'python'],
    ['x = 1\nwhile x < 3:\n  x = x + 1', 'python'],
    ['y = 2\nif y > 0:\n  y', 'python'],
    ['return x', 'python'],
    ['with ctx as c:\n  c', 'python'],
    ['f = lambda x: x * 2', 'python'],
    ['@decorator\ndef f(x):\n  x', 'python'],
    ['try:\n  x\nexcept E:\n  y', 'python'],
    ['y = x\rif y:\r  y', 'python'],
    ['x: float = 2.0\nx * x', 'python'],
    ['w: list[float] = [1.0]\nw', 'python'],
    // A variable that happens to be named like a keyword stays math.
    ['lambda x^2 + 1', 'math'],
    ['2 lambda + iff', 'math'],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () => assert.strictEqual(detectLanguage(text), expected));
  }
});
