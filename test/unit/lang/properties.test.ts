// Property tests over random well-formed expressions: print → parse → print is stable and gives
// back the same tree; backward agrees with central differences away from kinks.
import * as assert from 'assert';
import fc from 'fast-check';
import { backward, forward } from '../../../src/engine/autograd';
import { SourceRange } from '../../../src/engine/errors';
import { gradcheck } from '../../../src/engine/gradcheck';
import { Graph, NodeId } from '../../../src/engine/graph';
import { BinaryOperator, Expr, IndexItem } from '../../../src/lang/ast';
import { lowerProgram } from '../../../src/lang/lower';
import { parseProgram } from '../../../src/lang/parse';
import { Dialect, parseExpression } from '../../../src/lang/parser';
import { printExpr } from '../../../src/lang/printer';
import { scalarBindings } from './run';

const AT: SourceRange = { start: 0, end: 0 };
const RUNS = { seed: 42, numRuns: 300 };

const num = (value: number): Expr => ({ kind: 'number', value, range: AT });
const name = (n: string): Expr => ({ kind: 'name', name: n, range: AT });
const unary = (op: '-' | '+', operand: Expr): Expr => ({ kind: 'unary', op, operand, range: AT });
const binary = (op: BinaryOperator, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, range: AT, opRange: AT });
const call = (callee: string, ...args: Expr[]): Expr => ({ kind: 'call', callee, calleeRange: AT, args, kwargs: [], range: AT });

/** The tree without source ranges, for comparing a reparse with the original. */
function shape(expr: unknown): unknown {
  return JSON.parse(JSON.stringify(expr, (key, value: unknown) => (key.endsWith('ange') || key === 'implicit' ? undefined : value)));
}

// ---- round-trip

const numbers = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1e25, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0.5, 1e-7, 2.5e-12));

function syntaxTrees(dialect: Dialect): fc.Arbitrary<Expr> {
  const variables = dialect === 'math' ? ['x', 'y', 'z', 'w1', 'theta', 'pi', 'e'] : ['x', 'y', 'W', 'b1', 'np.pi'];
  const operators: BinaryOperator[] = dialect === 'math' ? ['+', '-', '*', '/', '^'] : ['+', '-', '*', '/', '^', '@'];
  const functions = dialect === 'math'
    ? ['sin', 'cos', 'exp', 'log', 'ln', 'sqrt', 'tanh', 'sigmoid', 'relu', 'softplus', 'abs', 'arcsin', 'sinh']
    : ['np.exp', 'torch.log', 'math.sqrt', 'F.relu', 'torch.sigmoid', 'np.tanh', 'np.abs', 'scipy.special.expit', 'sigmoid'];
  const { expr } = fc.letrec<{ expr: Expr; leaf: Expr; node: Expr }>(tie => ({
    leaf: fc.oneof(numbers.map(num), fc.constantFrom(...variables).map(name)),
    expr: fc.oneof({ maxDepth: 6, depthSize: 'medium', withCrossShrink: true }, { arbitrary: tie('leaf'), weight: 1 }, { arbitrary: tie('node'), weight: 2 }),
    node: fc.oneof(
      fc.tuple(fc.constantFrom<'-' | '+'>('-', '+'), tie('expr')).map(([op, e]) => unary(op, e)),
      fc.tuple(fc.constantFrom(...operators), tie('expr'), tie('expr')).map(([op, a, b]) => binary(op, a, b)),
      fc.tuple(fc.constantFrom(...functions), tie('expr')).map(([f, a]) => call(f, a)),
      fc.tuple(fc.constantFrom(dialect === 'math' ? 'max' : 'np.maximum', dialect === 'math' ? 'min' : 'torch.minimum'), tie('expr'), tie('expr')).map(([f, a, b]) => call(f, a, b)),
      ...(dialect === 'python' ? pythonForms(tie('expr')) : []),
    ),
  }));
  return expr;
}

function pythonForms(inner: fc.Arbitrary<Expr>): fc.Arbitrary<Expr>[] {
  const smallInt = fc.integer({ min: -3, max: 3 }).map(v => (v < 0 ? unary('-', num(-v)) : num(v)));
  const slice: fc.Arbitrary<IndexItem> = fc.tuple(fc.option(smallInt, { nil: undefined }), fc.option(smallInt, { nil: undefined }), fc.option(smallInt, { nil: undefined }))
    .map(([start, stop, step]) => ({ kind: 'slice' as const, range: AT, ...(start ? { start } : {}), ...(stop ? { stop } : {}), ...(step ? { step } : {}) }));
  const item: fc.Arbitrary<IndexItem> = fc.oneof(smallInt, slice, fc.constant<IndexItem>({ kind: 'newaxis', range: AT }));
  return [
    fc.tuple(inner, fc.constantFrom('sum', 'mean', 'exp', 'max'), fc.boolean()).map(([object, method, axis]): Expr => ({
      kind: 'method', object, method, methodRange: AT, args: [], range: AT,
      kwargs: axis ? [{ name: 'axis', value: num(0), range: AT }, { name: 'keepdims', value: name('True'), range: AT }] : [],
    })),
    inner.map((object): Expr => ({ kind: 'attribute', object, name: 'T', nameRange: AT, range: AT })),
    fc.tuple(inner, fc.array(item, { minLength: 1, maxLength: 3 })).map(([object, items]): Expr => ({ kind: 'index', object, items, range: AT })),
    fc.tuple(fc.array(numbers.map(num), { maxLength: 3 }), fc.boolean()).map(([items, tuple]): Expr => ({ kind: 'list', items, tuple, range: AT })),
  ];
}

describe('print → parse round-trip', () => {
  for (const dialect of ['math', 'python'] as const) {
    it(`${dialect}: printing a parsed print gives the same text and the same tree`, () => {
      fc.assert(fc.property(syntaxTrees(dialect), tree => {
        const printed = printExpr(tree, dialect);
        const reparsed = parseExpression(printed, dialect);
        assert.strictEqual(printExpr(reparsed, dialect), printed);
        assert.deepStrictEqual(shape(reparsed), shape(tree), printed);
      }), RUNS);
    });
  }

  it('minimal parentheses', () => {
    const cases: [string, Dialect, string][] = [
      ['(a + b) * c - (d - e)', 'math', '(a + b) * c - (d - e)'],
      ['((a * b)) / (c / d)', 'math', 'a * b / (c / d)'],
      ['-(x^2) + (-x)^2', 'math', '-x^2 + (-x)^2'],
      ['2^(3^x) + (2^3)^x', 'math', '2^3^x + (2^3)^x'],
      ['3x(y + 1)', 'math', '3 * x * (y + 1)'],
      ['-(x ** 2) + 2 ** (-1)', 'python', '-x ** 2 + 2 ** -1'],
      ['(W @ x + b).sum(axis=0)[None, ::2]', 'python', '(W @ x + b).sum(axis=0)[None, ::2]'],
      ['(2).T + (-x).T', 'python', '(2).T + (-x).T'],
    ];
    for (const [text, dialect, expected] of cases) {
      assert.strictEqual(printExpr(parseExpression(text, dialect), dialect), expected);
    }
  });
});

// ---- gradients

/** Random scalar expressions over x, y, z, defined everywhere (logs and square roots of 1 + u²). */
function smoothTrees(dialect: Dialect): fc.Arbitrary<Expr> {
  const py = dialect === 'python';
  const fn = (mathName: string, pythonName: string) => (a: Expr): Expr => call(py ? pythonName : mathName, a);
  const onePlusSquare = (a: Expr): Expr => binary('+', num(1), binary('^', a, num(2)));
  const wrappers: ((a: Expr) => Expr)[] = [
    fn('sin', 'np.sin'), fn('cos', 'torch.cos'), fn('tanh', 'np.tanh'), fn('sigmoid', 'torch.sigmoid'), fn('atan', 'np.arctan'),
    fn('softplus', 'F.softplus'), a => fn('exp', 'torch.exp')(fn('tanh', 'math.tanh')(a)),
    a => fn('log', 'np.log')(onePlusSquare(a)), a => fn('sqrt', 'math.sqrt')(onePlusSquare(a)),
    fn('abs', 'np.abs'), fn('relu', 'F.relu'), a => unary('-', a),
  ];
  const combiners: ((a: Expr, b: Expr) => Expr)[] = [
    (a, b) => binary('+', a, b), (a, b) => binary('-', a, b), (a, b) => binary('*', a, b),
    (a, b) => binary('/', a, onePlusSquare(b)), (a, b) => call(py ? 'np.maximum' : 'max', a, b), (a, b) => call(py ? 'torch.minimum' : 'min', a, b),
    a => binary('^', a, num(2)), a => binary('^', a, num(3)),
  ];
  const { expr } = fc.letrec<{ expr: Expr }>(tie => ({
    expr: fc.oneof(
      { maxDepth: 5, depthSize: 'medium' },
      { arbitrary: fc.constantFrom('x', 'y', 'z').map(name), weight: 2 },
      { arbitrary: fc.integer({ min: 1, max: 30 }).map(v => num(v / 10)), weight: 1 },
      { arbitrary: fc.tuple(fc.integer({ min: 0, max: wrappers.length - 1 }), tie('expr')).map(([i, a]) => wrappers[i](a)), weight: 3 },
      { arbitrary: fc.tuple(fc.integer({ min: 0, max: combiners.length - 1 }), tie('expr'), tie('expr')).map(([i, a, b]) => combiners[i](a, b)), weight: 3 },
    ),
  }));
  return expr;
}

const KINKED = new Set(['abs', 'relu', 'maximum', 'minimum']);

/** Every kinked op is at least `margin` away from its kink at the evaluated point. */
function awayFromKinks(graph: Graph, order: readonly NodeId[], margin: number): boolean {
  return order.every(id => {
    const node = graph.nodes[id];
    if (!KINKED.has(node.op)) { return true; }
    const [a, b] = node.inputs.map(i => graph.nodes[i].value?.item() ?? 0);
    return Math.abs(node.inputs.length === 2 ? a - b : a) > margin;
  });
}

describe('analytic gradients agree with central differences', () => {
  const point = fc.record({ x: fc.double({ min: -2, max: 2, noNaN: true }), y: fc.double({ min: -2, max: 2, noNaN: true }), z: fc.double({ min: -2, max: 2, noNaN: true }) });
  for (const dialect of ['math', 'python'] as const) {
    it(`${dialect}: random expressions over the op table (gradcheck, full mode)`, async () => {
      await fc.assert(fc.asyncProperty(smoothTrees(dialect), point, async (tree, at) => {
        const text = printExpr(tree, dialect);
        const { graph, output } = lowerProgram(parseProgram(text, dialect), scalarBindings(at));
        const order = graph.order(output);
        forward(graph, output, order);
        fc.pre(awayFromKinks(graph, order, 1e-3));
        backward(graph, output, order);
        const check = await gradcheck(graph, output, { mode: 'full' });
        const worst = check.entries[0];
        assert.ok(check.passed && check.counts.kink === 0, `${text} at ${JSON.stringify(at)}: d/d${worst?.leaf} analytic ${worst?.analytic}, numeric ${worst?.numeric} (${worst?.status})`);
      }), RUNS);
    });
  }
});
