// Type annotations in the Python subset (issue 13): parameters, returns and annotated assignments
// are parsed and never evaluated, so unknown names, calls or `typing` forms in them cannot fail;
// malformed annotations are refused at their line:column.
import * as assert from 'assert';
import { lineColumnAt } from '../../../src/engine/errors';
import { parseProgram } from '../../../src/lang/parse';
import { lowerProgram } from '../../../src/lang/lower';
import { assertClose } from '../fixtures';
import { evaluate, gradientOf, inspectErrorOf } from './run';

const run = (text: string) => evaluate(text, 'python');

function errorAt(text: string, language: 'python' | 'math' = 'python'): { line: number; column: number; message: string } {
  const err = inspectErrorOf(() => lowerProgram(parseProgram(text, language), new Map()));
  assert.ok(err.range, `no range: ${err.message}`);
  const { line, column } = lineColumnAt(text, err.range.start);
  return { line, column, message: err.message };
}

/** The value and x-gradient of `text`, which must equal those of `plain` (its unannotated twin). */
function assertSameAs(text: string, plain: string, value: number): void {
  const annotated = run(text);
  const reference = run(plain);
  assertClose(annotated.value.toNested(), value, 'value');
  assertClose(annotated.value.toNested(), reference.value.toNested(), 'value vs unannotated');
  assertClose(gradientOf(annotated, 'x').toNested(), gradientOf(reference, 'x').toNested(), 'dx vs unannotated');
}

describe('Python type annotations', () => {
  it('parameter annotations, with and without defaults, are ignored', () => {
    assertSameAs(
      'def f(x: np.ndarray, k: int, eps: float = 0.5) -> float:\n    return x * k + eps\nx = 2.0\nf(x, 3)',
      'def f(x, k, eps=0.5):\n    return x * k + eps\nx = 2.0\nf(x, 3)',
      6.5,
    );
  });

  it('a return annotation with nested generics, ellipsis and unions is ignored', () => {
    const text = 'def f(x: "torch.Tensor") -> tuple[Optional[np.ndarray], Tuple[int, ...], dict[str, int | None]]:\n    return x * x, (1,), {}\nx = 3.0\ny, s, d = f(x)\ny';
    assertSameAs(text, 'def f(x):\n    return x * x, (1,), {}\nx = 3.0\ny, s, d = f(x)\ny', 9);
  });

  it('a parameter annotation may span lines inside brackets', () => {
    const text = 'def f(\n    x: dict[\n        str,\n        float,\n    ],\n    y: float = 2.0,\n) -> float:\n    return x * y\nx = 1.5\nf(x)';
    assertSameAs(text, 'def f(x, y=2.0):\n    return x * y\nx = 1.5\nf(x)', 3);
  });

  it('an annotated assignment with a value assigns it, at top level and in a function', () => {
    const text = 'x: float = 2.0\ndef f(v):\n    n: int = 3\n    out: np.ndarray = v ** n\n    return out\nf(x)';
    assertSameAs(text, 'x = 2.0\ndef f(v):\n    n = 3\n    out = v ** n\n    return out\nf(x)', 8);
  });

  it('an annotated store into an index, and a tuple value, assign like plain ones', () => {
    const r = run('import numpy as np\nx = np.ones(3)\ny = x * 2\ny[0]: float = 5.0\nt: tuple = 1, 2\ny.sum() * t[1]');
    assertClose(r.value.toNested(), (5 + 2 + 2) * 2, 'value');
    assertClose(gradientOf(r, 'x').toNested(), [0, 4, 4], 'dx');
  });

  it('an annotation without a value binds nothing: reading the name is still an error', () => {
    const plain = run('x = 2.0\ncache: dict[str, np.ndarray]\nx * x');
    assertClose(plain.value.toNested(), 4, 'value');
    const e = errorAt('x = 2.0\ny: float\ny * x');
    assert.deepStrictEqual([e.line, e.column], [3, 1]);
    assert.match(e.message, /unbound variable: y/);
  });

  it('annotations are never evaluated: unknown names, calls and strings cannot fail', () => {
    const text = 'from __future__ import annotations\nfrom typing import Tuple, Optional\n' +
      'def f(x: Undefined, k: launch_missiles() = 2) -> "no such type":\n    y: Optional[NotDefinedAnywhere] = x * k\n    return y\nx = 1.25\nf(x)';
    assertSameAs(text, 'def f(x, k=2):\n    y = x * k\n    return y\nx = 1.25\nf(x)', 2.5);
  });

  it('typing and __future__ imports are accepted', () => {
    const r = run('from __future__ import annotations\nfrom typing import Tuple, Optional\nimport typing\nx = 2.0\nx * 3');
    assertClose(r.value.toNested(), 6, 'value');
  });

  it('a bracket left open in an annotation is named with the place it opened', () => {
    const e = errorAt('def f(x: list[int) -> int:\n    return x\nf(1.0)');
    assert.deepStrictEqual([e.line, e.column], [1, 18]);
    assert.strictEqual(e.message, "expected ']' to close the '[' at 1:14, found ')'");
  });

  it('an unmatched closing bracket in an annotated assignment is named', () => {
    const e = errorAt('x = 1.0\ny: int] = 2\ny');
    assert.deepStrictEqual([e.line, e.column], [2, 7]);
    assert.strictEqual(e.message, "unmatched ']'");
  });

  it('an unclosed bracket at the end of the text is named', () => {
    const e = errorAt('x = 1.0\ny: dict[str, int');
    assert.deepStrictEqual([e.line, e.column], [2, 17]);
    assert.strictEqual(e.message, "unclosed '[' (opened at 2:8)");
  });

  it('an empty annotation is refused where the type was expected', () => {
    for (const [text, line, column, after] of [
      ['def f(x: ) -> int:\n    return x', 1, 10, ':'],
      ['def f(x) -> :\n    return x', 1, 13, '->'],
      ['x: = 2', 1, 4, ':'],
    ] as const) {
      const err = inspectErrorOf(() => parseProgram(text, 'python'));
      assert.ok(err.range, text);
      assert.deepStrictEqual(Object.values(lineColumnAt(text, err.range.start)), [line, column], text);
      assert.strictEqual(err.expected, `a type annotation after '${after}'`, text);
    }
  });

  it('only one target can be annotated, as in Python', () => {
    const e = errorAt('a, b: int = 1, 2\na');
    assert.deepStrictEqual([e.line, e.column], [1, 1]);
    assert.strictEqual(e.message, 'only a single target can be annotated');
  });

  it('math text still refuses annotations', () => {
    const e = errorAt('x: 2', 'math');
    assert.deepStrictEqual([e.line, e.column], [1, 2]);
    assert.strictEqual(e.message, 'annotations are not supported');
  });
});
