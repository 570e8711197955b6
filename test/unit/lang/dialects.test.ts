// What the math and Python dialects mean: precedence, implicit multiplication, calls, methods,
// keywords, indexing, literal leaves and inlined intermediates. Values are checked in closed form.
import * as assert from 'assert';
import { Tensor } from '../../../src/engine/tensor';
import { Language } from '../../../src/lang/ast';
import { lowerProgram } from '../../../src/lang/lower';
import { parseProgram } from '../../../src/lang/parse';
import { assertClose } from '../fixtures';
import { evaluate, gradientOf, scalarBindings } from './run';

function valueOf(text: string, language: Language, values: Record<string, number> = {}): unknown {
  return evaluate(text, language, scalarBindings(values)).value.toNested();
}

describe('math dialect', () => {
  const cases: [string, Record<string, number>, number][] = [
    ['-x^2', { x: 3 }, -9],
    ['2^-1', {}, 0.5],
    ['2^3^2', {}, 512],
    ['x^2^-1', { x: 4 }, 2],
    ['2x', { x: 1.5 }, 3],
    ['3x y', { x: 2, y: 5 }, 30],
    ['3x^2 + 2x y', { x: 0.5, y: -1.25 }, -0.5],
    ['x(y + 1)', { x: 2, y: 3 }, 8],
    ['2(x+1)', { x: 2 }, 6],
    ['(a+b)(c+d)', { a: 1, b: 2, c: 3, d: 4 }, 21],
    ['2 sin(x) cos(x)', { x: 0.3 }, Math.sin(0.6)],
    ['|x - 3| + 2|y|', { x: 1, y: -2 }, 6],
    ['ln(e^2)', {}, 2],
    ['log(x) + exp(0)', { x: Math.E }, 2],
    ['2pi', {}, 2 * Math.PI],
    ['e', { e: 5 }, 5],
    ['max(x, y) - min(x, y)', { x: 0.9, y: -0.4 }, 1.3],
    ['sigmoid(0) + relu(-1) + softplus(0)', {}, 0.5 + Math.log(2)],
    ['sqrt(x) / 2 - 1 - 1', { x: 16 }, 0],
    ['x0 + w1 + theta', { x0: 1, w1: 2, theta: 3 }, 6],
    ['arcsin(1) * 2', {}, Math.PI],
    ['2 × x − 6 ÷ 3 · y', { x: 2, y: 1 }, 2],
  ];
  for (const [text, values, expected] of cases) {
    it(`${text} = ${expected}`, () => assertClose(valueOf(text, 'math', values), expected, text));
  }

  it("e^x is exp(x) when e is Euler's number", () => {
    const result = evaluate('e^x', 'math', scalarBindings({ x: 0.7 }));
    assert.strictEqual(result.graph.node(result.output).op, 'exp');
    assertClose(gradientOf(result, 'x').toNested(), Math.exp(0.7), 'd/dx');
  });

  it('xy is one variable named xy, and a note says so when x and y are used too', () => {
    const result = evaluate('xy + x + y', 'math', scalarBindings({ xy: 10, x: 1, y: 2 }));
    assertClose(result.value.toNested(), 13, 'value');
    assert.ok(result.notes.some(n => n.includes("'xy' is read as one variable named xy")), result.notes.join('; '));
  });

  it('statements: assignments then the output', () => {
    assertClose(valueOf('a = 2\nb = a^2\nb + a', 'math'), 6, 'value');
  });

  it('a node used twice accumulates both gradients (inlined intermediate)', () => {
    const result = evaluate('u = x*y\nu + u^2', 'math', scalarBindings({ x: 2, y: 3 }));
    assert.strictEqual(result.graph.nodes.filter(n => n.op === 'mul').length, 1);
    assertClose(gradientOf(result, 'x').toNested(), 3 * (1 + 2 * 6), 'd/dx');
  });

  it('every node carries its source range', () => {
    const text = 'sin(x) + 2';
    const result = evaluate(text, 'math', scalarBindings({ x: 1 }));
    const ranges = result.graph.nodes.map(n => [n.op, text.slice(n.range?.start, n.range?.end)]);
    assert.deepStrictEqual(ranges, [['leaf', 'x'], ['sin', 'sin(x)'], ['constant', '2'], ['add', 'sin(x) + 2']]);
  });
});

describe('python dialect', () => {
  const cases: [string, Record<string, number>, unknown][] = [
    ['-x**2', { x: 3 }, -9],
    ['2**-1', {}, 0.5],
    ['2**3**2', {}, 512],
    ['-2**2', {}, -4],
    ['(-2)**2', {}, 4],
    ['x*-y', { x: 2, y: 3 }, -6],
    ['math.pi / np.pi + np.e - math.e', {}, 1],
    ['np.square(x) + x.pow(3) + torch.pow(x, 2) + np.power(2, x)', { x: 2 }, 4 + 8 + 4 + 4],
    ['np.maximum(x, 0) + torch.minimum(x, 0) + np.clip(x, -1, 1)', { x: -2 }, -3],
    ['torch.clamp(x, min=0.5) + x.clamp(max=0.0) + x.clip(0, 1)', { x: 0.25 }, 0.75],
    ['F.leaky_relu(x, negative_slope=0.2) + torch.relu(x)', { x: -2 }, -0.4],
    ['F.softplus(x, beta=2)', { x: 0 }, Math.log(2) / 2],
    ['torch.special.expit(x) + scipy.special.expit(x) + F.sigmoid(x)', { x: 0 }, 1.5],
    ['np.absolute(x) + math.fabs(x) + abs(x)', { x: -1 }, 3],
    ['np.log1p(x) + np.arctan(1) * 4', { x: 0 }, Math.PI],
    ['sum([1, 2, 3]) + x', { x: 1 }, 7],
    ['x.item() + x.double()', { x: 1.5 }, 3],
    ['x = 1.0; y = 2.0; x + y', {}, 3],
    ['np.array([1., .5, 2e0, 1_000]).sum()', {}, 1003.5],
    ['x = 2\nx.T ** 2 + True * 3 + False', {}, 7],
  ];
  for (const [text, values, expected] of cases) {
    it(`${text} = ${JSON.stringify(expected)}`, () => assertClose(valueOf(text, 'python', values), expected, text));
  }

  const M = 'M = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])\n';
  const arrayCases: [string, unknown][] = [
    ['M.sum(axis=0)', [5, 7, 9]],
    ['M.sum(1)', [6, 15]],
    ['np.sum(M, axis=1, keepdims=True)', [[6], [15]]],
    ['torch.sum(M, dim=0, keepdim=True)', [[5, 7, 9]]],
    ['M.mean()', 3.5],
    ['np.mean(M, axis=(0, 1))', 3.5],
    ['np.max(M, 0) + M.min(axis=0)', [5, 7, 9]],
    ['torch.max(M, M * 0 + 3)', [[3, 3, 3], [4, 5, 6]]],
    ['np.amax(M) + np.amin(M)', 7],
    ['M.T', [[1, 4], [2, 5], [3, 6]]],
    ['np.transpose(M) - M.transpose() + M.t()', [[1, 4], [2, 5], [3, 6]]],
    ['M.transpose(0, 1)', [[1, 4], [2, 5], [3, 6]]],
    ['M.reshape(3, 2)', [[1, 2], [3, 4], [5, 6]]],
    ['M.reshape((3, -1))', [[1, 2], [3, 4], [5, 6]]],
    ['np.reshape(M, (6,))', [1, 2, 3, 4, 5, 6]],
    ['M.view(-1)', [1, 2, 3, 4, 5, 6]],
    ['M[0]', [1, 2, 3]],
    ['M[-1, -1]', 6],
    ['M[:, 1]', [2, 5]],
    ['M[0, 1:3]', [2, 3]],
    ['M[0, ::-1]', [3, 2, 1]],
    ['M[None, 1, :]', [[4, 5, 6]]],
    ['M[1][None]', [[4, 5, 6]]],
    ['M @ np.ones(3)', [6, 15]],
    ['np.matmul(M, np.ones((3, 1)))', [[6], [15]]],
    ['torch.mv(M, torch.ones(3))', [6, 15]],
    ['np.dot(M[0], M[1]) + M[0].dot(M[1])', 64],
    ['np.eye(2) @ M', [[1, 2, 3], [4, 5, 6]]],
    ['np.zeros((2, 3)) + M * [1, 0, 1]', [[1, 0, 3], [4, 0, 6]]],
    ['torch.logsumexp(M * 0, dim=1)', [Math.log(3), Math.log(3)]],
    ['scipy.special.logsumexp(M * 0)', Math.log(6)],
    ['F.softmax(M * 0, dim=-1)', [[1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3]]],
    ['torch.log_softmax(M * 0, 0)', [[-Math.log(2), -Math.log(2), -Math.log(2)], [-Math.log(2), -Math.log(2), -Math.log(2)]]],
    ['(M\n  + 1\n)[0, 0]', 2],
    ['np.linalg.norm(M, axis=1)', [Math.sqrt(14), Math.sqrt(77)]],
    ['torch.norm(M) - M.norm() + torch.linalg.norm(M[0], 2)', Math.sqrt(14)],
    ["F.mse_loss(M, M * 0) + F.mse_loss(M, M * 0, reduction='sum')", 91 / 6 + 91],
    ["F.mse_loss(M, M + 1, reduction='none')", [[1, 1, 1], [1, 1, 1]]],
    ['np.log2(M * 2)[0, 1] + np.log10(M * 1000)[0, 0] + math.log2(8)', 2 + 3 + 3],
  ];
  for (const [expr, expected] of arrayCases) {
    it(`${JSON.stringify(expr)} = ${JSON.stringify(expected)}`, () => assertClose(valueOf(M + expr, 'python'), expected, expr));
  }

  it('a literal-valued assignment makes a named leaf; its range is the assignment', () => {
    const text = 'import numpy as np\nw = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)\n(w ** 2).sum()';
    const result = evaluate(text, 'python');
    assert.deepStrictEqual(result.leaves.map(l => l.name), ['w']);
    const range = result.leaves[0].range;
    assert.strictEqual(text.slice(range?.start, range?.end), 'w = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)');
    assertClose(gradientOf(result, 'w').toNested(), [2, 4], 'dw');
  });

  it('values given from outside override the text and keep the assignment range', () => {
    const text = 'x = 3.0\nx ** 2';
    const result = evaluate(text, 'python', new Map([['x', Tensor.scalar(5)]]));
    assertClose(result.value.toNested(), 25, 'value');
    assertClose(gradientOf(result, 'x').toNested(), 10, 'dx');
    assert.deepStrictEqual(result.leaves[0].range, { start: 0, end: 7 });
  });

  it('a value given for an intermediate replaces its expression (whose names then need no values)', () => {
    const result = evaluate('h = W @ x\nq = 2.0\nh * q', 'python', scalarBindings({ h: 3, unused: 1 }));
    assertClose(result.value.toNested(), 6, 'value');
    assert.deepStrictEqual(result.leaves.map(l => l.name), ['h', 'q']);
    assert.ok(result.notes.some(n => n.includes('a value was given for unused, which the analysed text does not use')), result.notes.join('; '));
  });

  it('intermediates are inlined and shared: fan-out is real', () => {
    const result = evaluate('W = np.array([[1.0, 2.0]])\nx = np.array([3.0, 4.0])\nh = W @ x\nh * h + h', 'python');
    assert.strictEqual(result.graph.nodes.filter(n => n.op === 'matmul').length, 1);
    assertClose(result.value.toNested(), [11 * 11 + 11], 'value');
    assertClose(gradientOf(result, 'x').toNested(), [23, 46], 'dx');
  });

  it('random constructors give seeded leaves of the right shape, stable across runs', () => {
    const text = 'W = np.random.randn(3, 2)\nb = torch.randn((3,))\nu = np.random.rand(2)\nv = np.random.uniform(-1, 1, size=(4,))\n(W @ u + b).sum() + v.sum()';
    const a = evaluate(text, 'python');
    const b = evaluate(text, 'python');
    assert.deepStrictEqual(a.leaves.map(l => [l.name, l.value?.shape]), [['W', [3, 2]], ['b', [3]], ['u', [2]], ['v', [4]]]);
    for (let i = 0; i < a.leaves.length; i++) {
      assert.deepStrictEqual(a.leaves[i].value?.toNested(), b.leaves[i].value?.toNested());
    }
    const u = a.leaves[2].value?.data ?? [];
    assert.ok([...u].every(v => v >= 0 && v < 1));
    const v = a.leaves[3].value?.data ?? [];
    assert.ok([...v].every(x => x >= -1 && x < 1));
    assert.notDeepStrictEqual(a.leaves[0].value?.toNested(), evaluate(text.replace(/W/g, 'V'), 'python').leaves[0].value?.toNested());
  });

  it('zeros, ones and eye leaves', () => {
    const result = evaluate('Z = np.zeros((2, 2))\nO = torch.ones(2, 2)\nI = np.eye(2)\n(Z + O * I).sum()', 'python');
    assertClose(result.value.toNested(), 2, 'value');
    assertClose(gradientOf(result, 'O').toNested(), [[1, 0], [0, 1]], 'dO');
  });

  it('comments, imports, blank lines, semicolons and line continuations', () => {
    const text = '# a model\nimport numpy as np\nfrom torch import nn\n\nx = 2.0  # input\ny = x * \\\n  3; z = y + 1\nz';
    assertClose(valueOf(text, 'python'), 7, 'value');
  });

  it('.backward(): the output is its receiver, and later statements are not analysed', () => {
    const text = 'torch.manual_seed(0)\nw = torch.tensor(2.0, requires_grad=True)\nloss = w ** 3\nloss.backward()\nprint(w.grad)\nundefined_name';
    const result = evaluate(text, 'python');
    assertClose(result.value.toNested(), 8, 'value');
    assertClose(gradientOf(result, 'w').toNested(), 12, 'dw');
    assert.ok(result.notes.some(n => n.includes('.backward() read as')), result.notes.join('; '));
    assert.ok(result.notes.some(n => n.includes('2 statement(s) after .backward() are not analysed')), result.notes.join('; '));
  });

  it('print(value) on the last line: the output is the printed value', () => {
    const result = evaluate('x = 3.0\nprint(x ** 2)', 'python');
    assertClose(result.value.toNested(), 9, 'value');
    assertClose(gradientOf(result, 'x').toNested(), 6, 'dx');
  });

  it('the last assignment is the output', () => {
    assertClose(valueOf('x = 3.0\ny = x * 2\nloss = y + 1', 'python'), 7, 'value');
  });

  it("Python's e is a variable, np.e is the constant", () => {
    assertClose(valueOf('e * np.e', 'python', { e: 2 }), 2 * Math.E, 'value');
  });

  it('lowering leaves the syntax tree as parsed', () => {
    const text = 'W = np.array([[1.0, 2.0], [3.0, 4.0]])\nv = [5.0, 6.0]\nnp.sum(W * x + v, axis=(0, 1))';
    const program = parseProgram(text, 'python');
    const before = JSON.stringify(program);
    lowerProgram(program, scalarBindings({ x: 1 }));
    assert.strictEqual(JSON.stringify(program), before);
  });

  it('keyword arguments and tuples parse into the tree', () => {
    const program = parseProgram('np.sum(x, axis=(0, 1), keepdims=True)', 'python');
    const statement = program.statements[0];
    assert.ok(statement.kind === 'expr' && statement.expr.kind === 'call');
    assert.deepStrictEqual(statement.expr.kwargs.map(k => k.name), ['axis', 'keepdims']);
    assert.deepStrictEqual(statement.expr.kwargs[0].value.kind, 'list');
  });
});
