// Programs for the Python tracer: functions with defaults and keyword arguments, bounded and
// unbounded loops, branches on numbers and on arrays, recursion, containers, index assignment and
// hand-written backward passes, type annotations, then the same random damage as every text input. Every outcome
// must be an Inspection or a located InspectError, within the sandbox's time and memory.
import { Random } from './random';
import { damage, GenerationLimits } from './text-inputs';

const ARRAYS = ['x', 'w', 'np.ones((2, 3))', 'x[0]', 'x[:, 1:]', 'x.T', 'np.maximum(0, x)', 'x.reshape(-1)', 'np.arange(3)'];
const INTEGERS = ['0', '1', '2', '3', 'n', 'len(xs)', 'x.shape[0]', 'x.shape[-1] // 2', 'i % 2', '-1', '7'];

function arrayExpression(r: Random, depth: number): string {
  if (depth <= 0 || r.chance(0.3)) { return r.pick(ARRAYS); }
  const sub = (): string => arrayExpression(r, depth - 1);
  switch (r.below(7)) {
    case 0: return `${sub()} ${r.pick(['+', '-', '*', '/'])} ${sub()}`;
    case 1: return `np.${r.pick(['exp', 'tanh', 'sqrt', 'abs'])}(${sub()})`;
    case 2: return `${sub()}.sum(axis=${r.pick(['0', '1', '-1', '5'])}, keepdims=${r.pick(['True', 'False'])})`;
    case 3: return `f(${sub()}${r.chance(0.5) ? `, k=${r.pick(INTEGERS)}` : ''})`;
    case 4: return `${sub()}[${r.pick(['x > 0', 'np.arange(2), [0, 2]', ':, i', '::-1', 'None', '[1, 1, 0]'])}]`;
    case 5: return `(${sub()} if ${r.pick(INTEGERS)} ${r.pick(['<', '==', '>='])} ${r.pick(INTEGERS)} else ${sub()})`;
    default: return `np.where(${sub()} > 0, ${sub()}, 0.0)`;
  }
}

/** Annotations as modern layer code writes them; a few are malformed, and must be refused where they break. */
const ANNOTATIONS = [
  'int', 'float', 'np.ndarray', '"np.ndarray"', 'Optional[np.ndarray]', 'tuple[np.ndarray, tuple]', 'dict[str, np.ndarray]',
  'Tuple[int, ...]', 'int | None', 'list[int', 'Undefined[1:2]', 'f(x)', '',
];

function annotated(r: Random, indent: string, expr: () => string): string[] {
  const annotation = r.pick(ANNOTATIONS);
  switch (r.below(3)) {
    case 0: return [`${indent}${r.pick(['y', 'n', 'y[0]', 'm'])}: ${annotation} = ${r.chance(0.5) ? expr() : r.pick(INTEGERS)}`];
    case 1: return [`${indent}${r.pick(['cache', 'y', 'a, b'])}: ${annotation}`];
    default: return [`${indent}def k(v: ${annotation}, s: ${r.pick(ANNOTATIONS)} = 2) -> ${annotation}:`, `${indent}    return v * s`, `${indent}y = k(${expr()})`];
  }
}

function statement(r: Random, indent: string, depth: number): string[] {
  const expr = (): string => arrayExpression(r, r.between(0, 3));
  const block = (): string[] => (depth <= 0 ? [`${indent}    pass`] : statement(r, `${indent}    `, depth - 1));
  switch (r.below(11)) {
    case 0: return [`${indent}for i in ${r.pick(['range(3)', 'range(n)', 'reversed(xs)', 'xs', 'x', 'range(10**7)'])}:`, ...block()];
    case 1: return [`${indent}while n < ${r.pick(['5', '10**9', 'n + 1'])}:`, `${indent}    n += 1`, ...block()];
    case 2: return [`${indent}if ${r.pick(['n > 1', 'x.sum() > 0', 'x', 'xs', 'd.get("a")'])}:`, ...block(), `${indent}else:`, ...block()];
    case 3: return [`${indent}y${r.pick(['', '[0]', '[x > 0]', '[:, 0]', '[np.arange(2), [1, 0]]'])} ${r.pick(['=', '+=', '-=', '*='])} ${expr()}`];
    case 4: return [`${indent}a, b = ${r.pick(['g(x)', '(1, 2)', '(x, w, n)', 'x.shape'])}`];
    case 5: return [`${indent}xs.append(${r.pick(INTEGERS)})`, `${indent}d[f"k{len(xs)}"] = ${expr()}`];
    case 6: return [`${indent}assert ${r.pick(['n >= 0', 'x.shape == (2, 3)', 'False', 'len(xs) < 3'])}, "checked"`];
    case 7: return [`${indent}y = ${r.pick(['rec(3)', 'rec(n + 100)', 'h(x, x)', 'Sq.apply(x)'])}`];
    case 8: return [`${indent}dx, dw = ${r.pick(['lin_backward(y, cache)', 'lin_backward(x, (x, w))', 'loss_grad(x)[1], w'])}`];
    case 9: return annotated(r, indent, expr);
    default: return [`${indent}y = ${expr()}`];
  }
}

const PRELUDE = [
  'from __future__ import annotations',
  'from typing import Optional, Tuple',
  'import numpy as np',
  'import torch',
  'def f(v, k=1):',
  '    """Docstring."""',
  '    return v * k',
  'def g(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:',
  '    return v.sum(), v * 2',
  'def h(a, b):',
  '    return a @ b.T',
  'def rec(m):',
  '    return 1 if m <= 0 else m * rec(m - 1)',
  'def lin_forward(x, w):',
  '    return x * w, (x, w)',
  'def lin_backward(dout, cache):',
  '    x, w = cache',
  '    return dout * w, dout * x',
  'def loss_grad(x):',
  '    return (x * x).sum(), 2 * x',
  'class Sq(torch.autograd.Function):',
  '    @staticmethod',
  '    def forward(ctx, v):',
  '        ctx.save_for_backward(v)',
  '        return v * v',
  '    @staticmethod',
  '    def backward(ctx, grad_output):',
  '        v, = ctx.saved_tensors',
  '        return 2 * v * grad_output',
];

export function tracedProgram(r: Random, limits: GenerationLimits): string {
  const lines = [...PRELUDE];
  lines.push('np.random.seed(0)', 'x = np.random.randn(2, 3)', 'w = np.random.randn(2, 3)', 'y = x * 1', 'xs = [1, 2]', 'd = {}');
  lines.push('def body(x, w, y, xs, d):', '    n = 0');
  for (let i = r.between(1, 4); i > 0; i--) { lines.push(...statement(r, '    ', r.between(0, 2))); }
  lines.push('    return y');
  lines.push('y, cache = lin_forward(x, w)', `out = body(x, w, y, xs, d)`, r.pick(['out.sum()', 'out', 'loss_grad(x)', 'xs']));
  const text = lines.join('\n');
  return r.chance(0.4) ? damage(r, text, limits) : text;
}
