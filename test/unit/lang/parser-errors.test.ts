// Each kind of mistake: the error kind, where it points (line, column, length) and what it says.
import * as assert from 'assert';
import { InspectError, lineColumnAt } from '../../../src/engine/errors';
import { Language } from '../../../src/lang/ast';
import { lowerProgram } from '../../../src/lang/lower';
import { parseProgram } from '../../../src/lang/parse';
import { inspectErrorOf, scalarBindings } from './run';

interface Located { kind: string; line: number; column: number; length: number; message: string; expected?: string }

function errorOf(text: string, language: Language, values: Record<string, number> = {}): Located {
  const err: InspectError = inspectErrorOf(() => lowerProgram(parseProgram(text, language), scalarBindings(values)));
  assert.ok(err.range, `error without a range: ${err.message}`);
  const { line, column } = lineColumnAt(text, err.range.start);
  return { kind: err.kind, line, column, length: err.range.end - err.range.start, message: err.message, expected: err.expected };
}

describe('parser errors', () => {
  it('unexpected token: points at it', () => {
    const e = errorOf('x + * y', 'math');
    assert.deepStrictEqual([e.kind, e.line, e.column, e.length], ['syntax', 1, 5, 1]);
    assert.match(e.message, /unexpected '\*'/);
    assert.strictEqual(e.expected, 'an expression');
  });

  it("missing ')': at the end of input, naming where '(' was opened", () => {
    const text = 'sin(x + 1';
    const e = errorOf(text, 'math');
    assert.deepStrictEqual([e.kind, e.line, e.column], ['syntax', 1, text.length + 1]);
    assert.match(e.message, /unclosed '\(' \(opened at 1:4\)/);
    assert.match(e.expected ?? '', /'\)'/);
  });

  it("a wrong token where ')' belongs", () => {
    const e = errorOf('(x + 1]', 'python', { x: 1 });
    assert.deepStrictEqual([e.kind, e.line, e.column, e.length], ['syntax', 1, 7, 1]);
    assert.match(e.message, /expected '\)' to close the '\(' at 1:1, found '\]'/);
  });

  it("a list left open across lines: at the first token that cannot continue it", () => {
    const text = 'W = np.array([[1, 2],\n  [3, 4]\nW.sum()';
    const e = errorOf(text, 'python');
    assert.deepStrictEqual([e.kind, e.line, e.column, e.length], ['syntax', 3, 1, 1]);
    assert.match(e.message, /expected ',' or '\]' to close the '\[' at 1:14, found name 'W'/);
  });

  it("unclosed '[' of an index", () => {
    const e = errorOf('x[0', 'python', { x: 1 });
    assert.deepStrictEqual([e.kind, e.line, e.column], ['syntax', 1, 4]);
    assert.match(e.message, /unclosed '\[' \(opened at 1:2\)/);
  });

  it('trailing operator: at end of input', () => {
    const e = errorOf('x * y +', 'math');
    assert.deepStrictEqual([e.kind, e.line, e.column], ['syntax', 1, 8]);
    assert.match(e.message, /unexpected end of input/);
    assert.strictEqual(e.expected, 'an expression');
  });

  it('trailing operator at the end of a line names that line', () => {
    const e = errorOf('a = 1\nb = a +\nb', 'python');
    assert.deepStrictEqual([e.kind, e.line, e.column], ['syntax', 2, 8]);
    assert.match(e.message, /unexpected end of line/);
  });

  it('empty input, and input with only comments', () => {
    for (const text of ['', '   \n  ', '# just a comment\nimport numpy as np\n']) {
      const e = errorOf(text, 'python');
      assert.strictEqual(e.kind, 'syntax');
      assert.match(e.message, /empty input/);
      assert.strictEqual(e.expected, 'an expression');
    }
  });

  it('bad number 1.2.3: one error over the whole number', () => {
    const e = errorOf('x + 1.2.3', 'math', { x: 1 });
    assert.deepStrictEqual([e.kind, e.line, e.column, e.length], ['syntax', 1, 5, 5]);
    assert.match(e.message, /malformed number '1\.2\.3'/);
  });

  it('two numbers side by side', () => {
    const e = errorOf('2 3', 'math');
    assert.deepStrictEqual([e.kind, e.column], ['syntax', 3]);
    assert.match(e.message, /unexpected number 3/);
  });

  it('unknown function: at the callee, with close names', () => {
    const e = errorOf('y = np.expp(x)', 'python', { x: 1 });
    assert.deepStrictEqual([e.kind, e.line, e.column, e.length], ['unsupported', 1, 5, 7]);
    assert.match(e.message, /unknown function np\.expp \(did you mean np\.exp/);
  });

  it('unknown function in math text, near a known one', () => {
    const e = errorOf('sinn(x) + 1', 'math', { x: 1 });
    assert.deepStrictEqual([e.kind, e.column, e.length], ['unsupported', 1, 4]);
    assert.match(e.message, /did you mean sin/);
  });

  it('unknown method', () => {
    const e = errorOf('x.summ()', 'python', { x: 1 });
    assert.deepStrictEqual([e.kind, e.column, e.length], ['unsupported', 3, 4]);
    assert.match(e.message, /unknown method \.summ\(\) \(did you mean sum/);
  });

  it('a with block on line 3 names line 3 and the construct', () => {
    const e = errorOf('import numpy as np\nx = 1.0\nwith open(f) as g:\n    x = x * 2\nx', 'python');
    assert.deepStrictEqual([e.kind, e.line, e.column, e.length], ['unsupported', 3, 1, 4]);
    // The place is the range's (printed as 3:1 by every view), not repeated inside the message.
    assert.strictEqual(e.message, "'with': with blocks are not supported");
  });

  it('constructs outside the Python subset are unsupported, located by their range and named', () => {
    const cases: [string, number, RegExp][] = [
      ['x = 1.0\ntry:\n    x', 2, /try blocks/],
      ['x = 1.0\ny = [v for v in x]\ny', 2, /comprehensions/],
      ['f = lambda v: v\nf', 1, /lambda/],
      ['x = 1.0\ndel x\nx', 2, /del statements/],
      ['x = 1.0\nglobal x\nx', 2, /global statements/],
    ];
    for (const [text, line, message] of cases) {
      const e = errorOf(text, 'python');
      assert.deepStrictEqual([e.kind, e.line], ['unsupported', line], text);
      assert.match(e.message, message);
      assert.doesNotMatch(e.message, /line \d/);
    }
  });

  it('unbound variables: all listed, located at the first use', () => {
    const text = 'h = W1 @ x + b\nh.sum()';
    const err = inspectErrorOf(() => lowerProgram(parseProgram(text, 'python'), scalarBindings({ b: 1 })));
    assert.strictEqual(err.kind, 'unbound');
    assert.strictEqual(err.message, 'unbound variables: W1, x (give values with --at NAME=VALUE)');
    assert.deepStrictEqual(err.detail, ['W1', 'x']);
    assert.deepStrictEqual(err.range, { start: 4, end: 6 });
  });

  it('a variable used before its assignment is unbound', () => {
    const e = errorOf('y = x * 2\nx = 1.0\ny', 'python');
    assert.strictEqual(e.kind, 'unbound');
    assert.strictEqual(e.message, 'unbound variable: x (give values with --at NAME=VALUE)');
  });

  it("Python's ^ is xor: a clear error", () => {
    const e = errorOf('x ^ 2', 'python', { x: 1 });
    assert.deepStrictEqual([e.kind, e.column], ['unsupported', 3]);
    assert.match(e.message, /write \*\* for a power/);
  });

  it('a math function name without parentheses', () => {
    const e = errorOf('sin x', 'math', { x: 1 });
    assert.deepStrictEqual([e.kind, e.column], ['syntax', 5]);
    assert.match(e.message, /expected '\(' after the function sin/);
  });

  it('unexpected character', () => {
    const e = errorOf('x $ y', 'math');
    assert.deepStrictEqual([e.kind, e.column, e.length], ['syntax', 3, 1]);
    assert.match(e.message, /unexpected character '\$'/);
  });

  it('an unmatched closing bracket', () => {
    const e = errorOf('x + 1)', 'math', { x: 1 });
    assert.deepStrictEqual([e.kind, e.column], ['syntax', 6]);
    assert.match(e.message, /unmatched '\)'/);
  });

  it('non-literal index and swapped axes of unknown rank are unsupported', () => {
    // Traced: an index computed from values is known, so it indexes; a scalar has nothing to index.
    assert.strictEqual(errorOf('x[i]', 'python', { x: 1, i: 0 }).kind, 'shape');
    assert.strictEqual(errorOf('x.transpose(1, 2)', 'python', { x: 1 }).kind, 'unsupported');
  });

  it('wrong argument counts and unknown keywords', () => {
    assert.match(errorOf('np.exp(x, y)', 'python', { x: 1, y: 1 }).message, /np\.exp takes 1 argument, got 2/);
    const e = errorOf('np.sum(x, foo=1)', 'python', { x: 1 });
    assert.match(e.message, /keyword argument 'foo' of np\.sum is not supported/);
    assert.strictEqual(e.column, 11);
  });

  it('a ragged array literal', () => {
    const e = errorOf('W = np.array([[1, 2], [3]])\nW.sum()', 'python');
    assert.strictEqual(e.kind, 'value');
    assert.match(e.message, /ragged/);
  });
});
