// Shapes of parsed LaTeX (without lowering): what each construct becomes in the shared AST.
import * as assert from 'assert';
import { Expr, Program } from '../../../src/lang/ast';
import { parseLatex } from '../../../src/lang/latex';

/** The expression as an s-expression: (* a b), (*. a b) for implicit products, (exp x), -x. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'number': return String(e.value);
    case 'name': return e.name;
    case 'unary': return `(${e.op} ${show(e.operand)})`;
    case 'binary': return `(${e.op}${e.implicit ? '.' : ''} ${show(e.left)} ${show(e.right)})`;
    case 'call': return `(${e.callee} ${e.args.map(show).join(' ')})`;
    default: return `<${e.kind}>`;
  }
}

function last(p: Program): Expr {
  const s = p.statements[p.statements.length - 1];
  assert.ok(s.kind === 'expr' || s.kind === 'assign');
  return s.kind === 'expr' ? s.expr : s.value;
}

function parsed(text: string): string {
  return show(last(parseLatex(text)));
}

function notes(text: string): string[] {
  return parseLatex(text).notes;
}

describe('parseLatex: shapes', () => {
  const cases: [string, string][] = [
    ['\\frac{a}{b}', '(/ a b)'],
    ['\\frac12', '(/ 1 2)'],
    ['\\dfrac{1}{1 + x}', '(/ 1 (+ 1 x))'],
    ['\\sqrt{x}', '(sqrt x)'],
    ['\\sqrt[3]{x}', '(^ x (/ 1 3))'],
    ['\\sqrt[n]{x + 1}', '(^ (+ x 1) (/ 1 n))'],
    ['x^2', '(^ x 2)'],
    ['x^{y+1}', '(^ x (+ y 1))'],
    ['x^23', '(*. (^ x 2) 3)'],
    ['w_0', 'w_0'],
    ['x_{i}', 'x_i'],
    ['x_{12}', 'x_12'],
    ['w_{ij}', 'w_ij'],
    ['x_1^2', '(^ x_1 2)'],
    ['\\hat{y}', 'y_hat'],
    ['\\hat y', 'y_hat'],
    ['\\bar{x}', 'x_bar'],
    ['\\hat{y}_i', 'y_hat_i'],
    ['\\mathbf{x}', 'x'],
    ['\\mu', 'mu'],
    ['\\theta_1', 'theta_1'],
    ['\\varepsilon', 'epsilon'],
    ['x_{\\text{max}}', 'x_max'],
    ['\\mathrm{loss}', 'loss'],
    ['\\pi', 'pi'],
    ['2\\pi', '(*. 2 pi)'],
    ['\\sigma(z)', '(sigmoid z)'],
    ['\\sigma\\left(w x + b\\right)', '(sigmoid (+ (*. w x) b))'],
    ['\\sigma^2', '(^ sigma 2)'],
    ['\\sigma x', '(*. sigma x)'],
    ['\\sigma_1(x)', '(*. sigma_1 x)'],
    ['\\sin^2 x', '(^ (sin x) 2)'],
    ['\\sin^2(x)', '(^ (sin x) 2)'],
    ['\\sin^{-1} x', '(asin x)'],
    ['\\sin x', '(sin x)'],
    ['\\sin 2x', '(sin (*. 2 x))'],
    ['\\sin x \\cos y', '(*. (sin x) (cos y))'],
    ['\\sin x + 1', '(+ (sin x) 1)'],
    ['\\sin x \\cdot y', '(* (sin x) y)'],
    ['\\log x^2', '(log (^ x 2))'],
    ['\\log_2 x', '(/ (log x) (log 2))'],
    ['\\ln(x)', '(ln x)'],
    ['\\exp(-x)', '(exp (- x))'],
    ['\\exp(x)^2', '(^ (exp x) 2)'],
    ['\\arctan x', '(atan x)'],
    ['\\tanh(w x + b)', '(tanh (+ (*. w x) b))'],
    ['e^{x}', '(exp x)'],
    ['e^x', '(exp x)'],
    ['5 e^{x}', '(*. 5 (exp x))'],
    ['e', 'e'],
    ['\\mathrm{e}^{-y z}', '(exp (*. (- y) z))'],
    ['w x', '(*. w x)'],
    ['wx', '(*. w x)'],
    ['w_0 x_0 + w_1 x_1', '(+ (*. w_0 x_0) (*. w_1 x_1))'],
    ['2(x+1)', '(*. 2 (+ x 1))'],
    ['(x+1)(x-1)', '(*. (+ x 1) (- x 1))'],
    ['3x^2', '(*. 3 (^ x 2))'],
    ['-x^2', '(- (^ x 2))'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b / c', '(/ (/ a b) c)'],
    ['a \\cdot b', '(* a b)'],
    ['a \\times b', '(* a b)'],
    ['a \\div b', '(/ a b)'],
    ['a * b', '(* a b)'],
    ['|x|', '(abs x)'],
    ['|x - y| z', '(*. (abs (- x y)) z)'],
    ['|x| |y|', '(*. (abs x) (abs y))'],
    ['\\left| x \\right|', '(abs x)'],
    ['\\lvert x \\rvert', '(abs x)'],
    ['|f(|x|)|', '(abs (*. f (abs x)))'],
    ['\\left( x + 1 \\right)^2', '(^ (+ x 1) 2)'],
    ['\\left[ x \\right]', 'x'],
    ['\\{ x + 1 \\}', '(+ x 1)'],
    ['\\left\\{ x \\right\\}', 'x'],
    ['\\bigl( x \\bigr)', 'x'],
    ['{x}^{2}', '(^ x 2)'],
    ['\\max(0, w x + b)', '(max 0 (+ (*. w x) b))'],
    ['\\min\\{a, b\\}', '(min a b)'],
    ['\\mathrm{ReLU}(x)', '(relu x)'],
    ['\\operatorname{relu}(x)', '(relu x)'],
    ['\\operatorname{softplus}(x)', '(softplus x)'],
    ['\\mathrm{sigmoid}(x)', '(sigmoid x)'],
    ['\\operatorname{ReLU} x', '(relu x)'],
    ['a\\,b', '(*. a b)'],
    ['a \\; b \\! c \\quad d', '(*. (*. (*. a b) c) d)'],
    ['\\displaystyle \\frac{1}{2}', '(/ 1 2)'],
    ['\\left. x \\right.', 'x'],
    ['$x^2$', '(^ x 2)'],
    ['$$ x + 1 $$', '(+ x 1)'],
    ['\\(x\\)', 'x'],
    ['\\[x\\]', 'x'],
    ['x^2.', '(^ x 2)'],
    ['x % comment\n + 1', '(+ x 1)'],
    ['0.5 x', '(*. 0.5 x)'],
    ['.5', '0.5'],
    ['\\frac{1}{1 + \\exp(-(w_0 x_0 + w_1 x_1 + w_2))}', '(/ 1 (+ 1 (exp (- (+ (+ (*. w_0 x_0) (*. w_1 x_1)) w_2)))))'],
    ['\\log(1 + e^{-y z})', '(log (+ 1 (exp (*. (- y) z))))'],
    ['x_{\\max}', 'x_max'],
    ['2 · x − y', '(- (* 2 x) y)'],
    ['σ(z) + π θ', '(+ (sigmoid z) (*. pi theta))'],
    ['\\frac{d}{2}', '(/ d 2)'],
    ['\\frac{1}{2}(y - \\tanh(w x + b))^2', '(*. (/ 1 2) (^ (- y (tanh (+ (*. w x) b))) 2))'],
  ];
  for (const [text, expected] of cases) {
    it(`${text} → ${expected}`, () => assert.strictEqual(parsed(text), expected));
  }

  it('L = … defines L and outputs it', () => {
    const p = parseLatex('L = \\frac{1}{2}(y - \\hat{y})^2');
    assert.strictEqual(p.statements.length, 2);
    const [def, out] = p.statements;
    assert.ok(def.kind === 'assign' && def.target === 'L' && show(def.value) === '(*. (/ 1 2) (^ (- y y_hat) 2))');
    assert.ok(out.kind === 'expr' && show(out.expr) === 'L');
  });

  it('f(x) = … keeps the right-hand side, with a note', () => {
    const p = parseLatex('f(x) = x^2');
    assert.strictEqual(p.statements.length, 1);
    assert.strictEqual(parsed('f(x) = x^2'), '(^ x 2)');
    assert.ok(p.notes.some(n => n.includes('right-hand side')));
  });

  it('language is latex', () => assert.strictEqual(parseLatex('x').language, 'latex'));
});

describe('parseLatex: notes on ambiguities', () => {
  it('\\sigma(…) as the sigmoid', () => assert.ok(notes('\\sigma(x)').some(n => n.includes('sigmoid'))));
  it('no sigmoid note for \\sigma^2', () => assert.deepStrictEqual(notes('\\sigma^2'), []));
  it('adjacent letters as a product', () => assert.ok(notes('wx').some(n => n.includes('"wx"') && n.includes('\\mathrm{wx}'))));
  it('no note for spaced letters', () => assert.deepStrictEqual(notes('w x'), []));
  it('x^23 as LaTeX typesets it', () => assert.ok(notes('x^23').some(n => n.includes('^{23}'))));
  it('x_12 as LaTeX typesets it', () => {
    assert.strictEqual(parsed('x_12'), '(*. x_1 2)');
    assert.ok(notes('x_12').some(n => n.includes('_{12}')));
  });
  it('a letter followed by digits', () => {
    assert.strictEqual(parsed('x2'), '(*. x 2)');
    assert.ok(notes('x2').some(n => n.includes('x_{2}')));
  });
  it('\\log as the natural logarithm', () => assert.ok(notes('\\log x').some(n => n.includes('natural logarithm'))));
  it('a function argument spanning a product', () => assert.ok(notes('\\sin 2x').some(n => n.includes('argument of \\sin'))));
  it('\\sin^{-1} as arcsin', () => assert.ok(notes('\\sin^{-1} x').some(n => n.includes('asin'))));
});

describe('parseLatex: ranges', () => {
  const text = '\\frac{1}{2}(y - \\tanh(w x + b))^2';
  const e = last(parseLatex(text));
  const slice = (r: { start: number; end: number }): string => text.slice(r.start, r.end);

  it('the whole expression covers the text', () => assert.strictEqual(slice(e.range), text));
  it('implicit product: opRange is the gap', () => {
    assert.ok(e.kind === 'binary' && e.implicit);
    assert.strictEqual(slice(e.left.range), '\\frac{1}{2}');
    assert.strictEqual(slice(e.right.range), '(y - \\tanh(w x + b))^2');
    assert.deepStrictEqual(e.opRange, { start: e.left.range.end, end: e.right.range.start });
  });
  it('\\frac: opRange is the command', () => {
    assert.ok(e.kind === 'binary' && e.left.kind === 'binary');
    assert.strictEqual(slice(e.left.opRange), '\\frac');
  });
  it('a bracketed group includes its brackets; a call its callee', () => {
    assert.ok(e.kind === 'binary' && e.right.kind === 'binary');
    const base = e.right.left;
    assert.strictEqual(slice(base.range), '(y - \\tanh(w x + b))');
    assert.ok(base.kind === 'binary' && base.right.kind === 'call');
    assert.strictEqual(slice(base.right.range), '\\tanh(w x + b)');
    assert.strictEqual(slice(base.right.calleeRange), '\\tanh');
  });
  it('names with subscripts and accents', () => {
    const t = 'w_{0} + \\hat{y}_1';
    const s = last(parseLatex(t));
    assert.ok(s.kind === 'binary');
    assert.strictEqual(t.slice(s.left.range.start, s.left.range.end), 'w_{0}');
    assert.strictEqual(t.slice(s.right.range.start, s.right.range.end), '\\hat{y}_1');
  });
  it('\\left( \\right) ranges include the sizing commands', () => {
    const t = '\\sin\\left(x\\right)';
    const s = last(parseLatex(t));
    assert.strictEqual(t.slice(s.range.start, s.range.end), t);
  });
  it('offsets are into the original text, delimiters included', () => {
    const t = '$x + y$';
    const s = last(parseLatex(t));
    assert.deepStrictEqual(s.range, { start: 1, end: 6 });
  });
});
