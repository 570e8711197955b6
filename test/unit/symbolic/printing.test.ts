// How derivatives read: the lecture's examples, simplification, and the printed forms.
import * as assert from 'assert';
import katex from 'katex';
import { backward, forward } from '../../../src/engine/autograd';
import { symbolicDerivatives, SymbolicDerivative } from '../../../src/engine/symbolic';
import { Tensor } from '../../../src/engine/tensor';
import { Language } from '../../../src/lang/ast';
import { lowerProgram } from '../../../src/lang/lower';
import { parseProgram } from '../../../src/lang/parse';

function derivatives(source: string, at: Record<string, number>, language: Language = 'math'): Map<string, SymbolicDerivative> {
  const bindings = new Map(Object.entries(at).map(([k, v]) => [k, Tensor.scalar(v)]));
  const { graph, output } = lowerProgram(parseProgram(source, language), bindings);
  forward(graph, output);
  backward(graph, output);
  const result = symbolicDerivatives(graph, output);
  if (!result.ok) { throw new Error(result.reason); }
  for (const leaf of graph.leaves(output)) {
    const d = result.derivatives.get(leaf.name as string);
    const g = leaf.grad?.data[0] as number;
    assert.ok(d && Math.abs(d.value - g) <= 1e-12 + 1e-9 * Math.abs(g), `${source}: ∂/∂${leaf.name} ${d?.value} vs ${g}`);
  }
  return result.derivatives;
}

function text(source: string, at: Record<string, number>, wrt: string, language: Language = 'math'): string {
  return (derivatives(source, at, language).get(wrt) as SymbolicDerivative).text;
}

function latex(source: string, at: Record<string, number>, wrt: string, language: Language = 'math'): string {
  return (derivatives(source, at, language).get(wrt) as SymbolicDerivative).latex;
}

describe('symbolic derivatives: the lecture examples', () => {
  it('d/dx sin(5·exp(x))', () => {
    const d = derivatives('sin(5 * exp(x))', { x: 0.3 }).get('x') as SymbolicDerivative;
    assert.strictEqual(d.text, '5 * cos(5 * exp(x)) * exp(x)');
    assert.strictEqual(d.latex, '5 \\cos(5 e^{x}) e^{x}');
    assert.strictEqual(d.value, 5 * Math.cos(5 * Math.exp(0.3)) * Math.exp(0.3));
  });
  it('the same from LaTeX', () => {
    assert.strictEqual(text('\\sin\\left(5 e^{x}\\right)', { x: 0.3 }, 'x', 'latex'), '5 * cos(5 * exp(x)) * exp(x)');
  });
  const neuron = { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 };
  it('the sigmoid neuron written with exp: ∂/∂w0', () => {
    const d = derivatives('1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))', neuron).get('w0') as SymbolicDerivative;
    assert.strictEqual(d.text, 'x0 * exp(-(w0 * x0 + w1 * x1 + w2)) / (1 + exp(-(w0 * x0 + w1 * x1 + w2)))^2');
    assert.strictEqual(d.latex,
      '\\frac{x_{0} e^{-\\left(w_{0} x_{0} + w_{1} x_{1} + w_{2}\\right)}}{\\left(1 + e^{-\\left(w_{0} x_{0} + w_{1} x_{1} + w_{2}\\right)}\\right)^{2}}');
  });
  it('the sigmoid neuron written with sigmoid: x0·σ(z)·(1 − σ(z))', () => {
    const d = derivatives('sigmoid(w0*x0 + w1*x1 + w2)', neuron).get('w0') as SymbolicDerivative;
    assert.strictEqual(d.text, 'x0 * sigmoid(w0 * x0 + w1 * x1 + w2) * (1 - sigmoid(w0 * x0 + w1 * x1 + w2))');
    assert.strictEqual(d.latex, 'x_{0} \\sigma(w_{0} x_{0} + w_{1} x_{1} + w_{2}) \\left(1 - \\sigma(w_{0} x_{0} + w_{1} x_{1} + w_{2})\\right)');
  });
  it('the LaTeX neuron names its variables as written', () => {
    assert.strictEqual(latex('\\sigma(w_0 x_0 + w_1)', { w_0: 1, x_0: 2, w_1: 0.5 }, 'w_0', 'latex'),
      'x_{0} \\sigma(w_{0} x_{0} + w_{1}) \\left(1 - \\sigma(w_{0} x_{0} + w_{1})\\right)');
  });
});

describe('symbolic derivatives: simplification', () => {
  const cases: [string, Record<string, number>, string, string][] = [
    ['x^3 - 2*x^2 + 5*x - 1', { x: 1.7 }, 'x', '3 * x^2 - 4 * x + 5'],
    ['x * 1 + 0', { x: 2 }, 'x', '1'],
    ['x^1 + y^0', { x: 2, y: 3 }, 'x', '1'],
    ['0 * x + y', { x: 2, y: 3 }, 'y', '1'],
    ['-(-x)', { x: 2 }, 'x', '1'],
    ['2 * (3 * x)', { x: 2 }, 'x', '6'],
    ['2 * (3 * (x * y))', { x: 2, y: 5 }, 'x', '6 * y'],
    ['x * x', { x: 2 }, 'x', '2 * x'],
    ['x * sin(x)', { x: 3 }, 'x', 'sin(x) + x * cos(x)'],
    ['sin(x) * cos(y) + tan(x*y)', { x: 0.4, y: -0.7 }, 'y', 'x * (1 + tan(x * y)^2) - sin(x) * sin(y)'],
    ['-x^2', { x: 0.4 }, 'x', '-2 * x'],
    ['x / x^3', { x: 2 }, 'x', '-2 / x^3'],
    ['x*y + (x*y)^2 + sin(x*y)', { x: 0.6, y: 1.4 }, 'x', 'y * (1 + 2 * x * y + cos(x * y))'],
    ['(x^2 + 1) / (x - 3)', { x: 0.25 }, 'x', '2 * x / (x - 3) - (x^2 + 1) / (x - 3)^2'],
    ['sqrt(x)', { x: 4 }, 'x', '1 / (2 * sqrt(x))'],
    ['log(x)', { x: 2 }, 'x', '1 / x'],
    ['exp(2 * x)', { x: 0.5 }, 'x', '2 * exp(2 * x)'],
    ['x^y', { x: 1.8, y: 2.3 }, 'x', 'y * x^(y - 1)'],
    ['x^y', { x: 1.8, y: 2.3 }, 'y', 'x^y * log(x)'],
    ['2^x', { x: 1.5 }, 'x', '2^x * log(2)'],
    ['x^(1/3)', { x: 8 }, 'x', '1 / (3 * x^(2/3))'],
    ['pi * x^2', { x: 2 }, 'x', '2 * pi * x'],
    ['x / 2', { x: 3 }, 'x', '1/2'],
    ['3 / x', { x: 3 }, 'x', '-3 / x^2'],
    ['tanh(x)', { x: 0.3 }, 'x', '1 - tanh(x)^2'],
    ['tan(x)', { x: 0.3 }, 'x', '1 + tan(x)^2'],
    ['asin(x)', { x: 0.3 }, 'x', '1 / sqrt(1 - x^2)'],
    ['acos(x)', { x: 0.3 }, 'x', '-1 / sqrt(1 - x^2)'],
    ['atan(x)', { x: 0.3 }, 'x', '1 / (1 + x^2)'],
    ['cos(x)', { x: 0.3 }, 'x', '-sin(x)'],
    ['relu(x)', { x: 0.3 }, 'x', '[x > 0]'],
    ['abs(x)', { x: -0.3 }, 'x', 'sign(x)'],
    ['softplus(x)', { x: 0.3 }, 'x', 'sigmoid(x)'],
    ['max(x, y)', { x: 0.3, y: 0.1 }, 'x', '[x > y]'],
    ['min(x, y)', { x: 0.3, y: 0.1 }, 'y', '[y < x]'],
    ['max(x, y)', { x: 0.3, y: 0.3 }, 'x', '[x > y] + [x = y] / 2'],
  ];
  for (const [source, at, wrt, expected] of cases) {
    it(`d/d${wrt} ${source} = ${expected}`, () => assert.strictEqual(text(source, at, wrt), expected));
  }
});

describe('symbolic derivatives: LaTeX output', () => {
  const cases: [string, Record<string, number>, string, string][] = [
    ['x^3 - 2*x^2', { x: 1.7 }, 'x', '3 x^{2} - 4 x'],
    ['sqrt(x)', { x: 4 }, 'x', '\\frac{1}{2 \\sqrt{x}}'],
    ['relu(x)', { x: 0.3 }, 'x', '\\mathbb{1}[x > 0]'],
    ['x / 2', { x: 3 }, 'x', '\\frac{1}{2}'],
    ['exp(x)^2', { x: 0.1 }, 'x', '2 {e^{x}}^{2}'],
    ['abs(x - y)', { x: 1, y: 0.5 }, 'x', '\\operatorname{sign}(x - y)'],
  ];
  for (const [source, at, wrt, expected] of cases) {
    it(`d/d${wrt} ${source}: ${expected}`, () => {
      assert.strictEqual(latex(source, at, wrt), expected);
      assert.doesNotThrow(() => katex.renderToString(expected, { throwOnError: true, strict: 'error' }));
    });
  }
  it('accented and Greek names', () => {
    assert.strictEqual(latex('\\frac{1}{2}(y - \\hat{y})^2', { y: 1, y_hat: 0.25 }, 'y_hat', 'latex'), '-\\left(y - \\hat{y}\\right)');
    assert.strictEqual(latex('\\theta_1^2 + \\mu', { theta_1: 3, mu: 1 }, 'theta_1', 'latex'), '2 \\theta_{1}');
  });
});
