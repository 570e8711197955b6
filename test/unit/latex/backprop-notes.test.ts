// examples/backprop-notes.md read as the CLI and the extension read it: every formula with the
// document's definitions in scope, every claim verified, and the numbers against PyTorch float64
// references (scripts/fixtures/latex_claims.py → test/fixtures/latex-claims.json).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { InspectError, lineColumnAt } from '../../../src/engine/errors';
import { Inspection } from '../../../src/inspect';
import { inspectAnalysedBlock } from '../../../src/inspect-block';
import { AnalysedBlock, toDocOffset } from '../../../src/io/block';
import { fileBlocks } from '../../../src/io/file-blocks';
import { markdownDocument, scopeOf } from '../../../src/io/latex-scope';
import { textLines } from '../../../src/io/source-lines';
import { parseBindings } from '../../../src/lang/bindings';
import { assertClose, FIXTURES } from '../fixtures';

const NOTES = path.resolve(__dirname, '../../../../examples/backprop-notes.md');

interface Formula { line: number; text: string; inspection?: Inspection; error?: { message: string; line: number; column: number } }

/** What the notes cannot evaluate, as a lecture would write it; each is refused by name. */
const REFUSED = [
  'Limits such as $\\lim_{h \\to 0} \\frac{g(x + h) - g(x)}{h}$, elided terms $x_1 + \\cdots + x_n$, sets',
  '$\\{1, 2\\}$, membership $x \\in A$, arrows $x \\rightarrow 0$ and elided compositions',
  '$f_1 \\circ \\cdots \\circ f_n$ are refused with one sentence naming the construct.',
  '',
].join('\n');

async function readNotes(text = fs.readFileSync(NOTES, 'utf8')): Promise<Formula[]> {
  const source = textLines(text);
  const document = markdownDocument(source);
  const formulas: Formula[] = [];
  for (const block of fileBlocks(source, 'markdown', 'auto').blocks) {
    formulas.push(await analyse(text, source, block, document));
  }
  return formulas;
}

async function analyse(text: string, source: ReturnType<typeof textLines>, block: AnalysedBlock, document: ReturnType<typeof markdownDocument>): Promise<Formula> {
  const line = source.lineOf(block.docStart) + 1;
  try {
    const bindings = block.valuesText ? parseBindings(block.valuesText) : new Map();
    const inspection = await inspectAnalysedBlock(source, block, bindings, { check: {}, latex: scopeOf(block, document) });
    return { line, text: block.text, inspection };
  } catch (err) {
    if (!(err instanceof InspectError)) { throw err; }
    const at = lineColumnAt(text, toDocOffset(block, err.range?.start ?? 0));
    return { line, text: block.text, error: { message: err.message, ...at } };
  }
}

const references = (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'latex-claims.json'), 'utf8')) as { lines: Record<string, Record<string, unknown>> }).lines;

describe('examples/backprop-notes.md: the lecture notes as written', function () {
  this.timeout(60_000);
  let formulas: Formula[];
  before(async () => { formulas = await readNotes(); });

  const at = (line: number, startsWith = ''): Formula => {
    const found = formulas.find(f => f.line === line && f.text.trim().startsWith(startsWith));
    assert.ok(found, `a formula on line ${line} starting with ${startsWith}`);
    return found;
  };
  const claim = (line: number, startsWith = '') => {
    const f = at(line, startsWith);
    assert.ok(f.inspection, f.error?.message);
    const [c] = f.inspection.claims ?? [];
    assert.ok(c, `a claim on line ${line}`);
    return c;
  };

  it('every formula analyses, and every claim is true', () => {
    const analysed = formulas;
    const failed = analysed.filter(f => f.error);
    assert.deepStrictEqual(failed.map(f => `${f.line}: ${f.error?.message}`), []);
    const claims = analysed.flatMap(f => f.inspection?.claims ?? []);
    assert.ok(claims.length >= 20, `${claims.length} claims`);
    assert.deepStrictEqual(claims.filter(c => !c.passed).map(c => c.text), []);
  });

  it('the circuit: g(-2, 5, -4) = -12 and its partials at the point, as PyTorch', () => {
    assertClose(claim(16, 'g(x').lhs, references['16'].lhs, 'g(x, y, z)');
    assertClose(claim(27, '\\frac{\\partial g}{\\partial x}').lhs, references['27'].dx, '∂g/∂x');
    assertClose(claim(27, '\\frac{\\partial g}{\\partial y}').lhs, references['27'].dy, '∂g/∂y');
    assertClose(claim(28).lhs, references['28'].dz, '∂g/∂z');
  });

  it('the chain rule: partials of the gates evaluated at their inputs, at the point and at random points', () => {
    const c = claim(24);
    assert.strictEqual(c.kind, 'derivative');
    assert.strictEqual(c.points, 4);
    assertClose(c.lhs, references['24'].lhs, 'left');
    assertClose(c.rhs, references['24'].rhs, 'right');
  });

  it('the sigmoid neuron: ∂f/∂w_0 and ∇_w f (f read as f_w), as PyTorch', () => {
    const partial = claim(38);
    assertClose(partial.lhs, references['38'].lhs, '∂f/∂w_0');
    assertClose(partial.rhs, references['38'].rhs, 'f(1 - f) x_0');
    const gradient = claim(41);
    assertClose(gradient.lhs, references['41'].lhs, '∇_w f');
    assert.match(gradient.tolerance, /within 1 %/);
    assert.ok(at(38).inspection?.notes.some(n => n.includes('f read as f_w')));
  });

  it("g'(x) and d/dx: the derivative by our autograd equals the lecture's formula and PyTorch", () => {
    for (const line of [48, 51]) {
      const c = claim(line);
      assertClose(c.lhs, references[String(line)].lhs, `line ${line} left`);
      assertClose(c.rhs, references[String(line)].rhs, `line ${line} right`);
    }
    assert.ok(at(48).inspection?.notes.some(n => /g\(x\) is the definition at line 45 \(one of \d definitions; the nearest above\)/.test(n)));
  });

  it('numeric equalities: the finite difference ≈ 6.03 and -2.5 to the decimal written', () => {
    assertClose(claim(56, '\\frac').lhs, references['56'].lhs, 'finite difference');
    const written = claim(57);
    assert.strictEqual(written.tolerance, 'to the 1 decimal written (±0.05)');
    assert.ok(written.passed);
  });

  it('losses: the MSE with n the vectors\' length, the squared norm, dL/dθ and the update', () => {
    const mse = at(62).inspection;
    assert.ok(mse);
    assertClose(mse.value.data[0], references['62'].value, 'MSE');
    const [dy, dyHat] = references['62'].grads as number[][];
    assertClose(Array.from(mse.gradients.get('y')?.data ?? []), dy, '∂/∂y');
    assertClose(Array.from(mse.gradients.get('y_hat')?.data ?? []), dyHat, '∂/∂ŷ');
    assert.ok(mse.notes.includes('n = 3, the length of y'));
    assertClose(claim(65).lhs, references['65'].lhs, '‖y − ŷ‖²');
    assertClose(claim(71).lhs, references['71'].lhs, 'dL/dθ');
    assertClose(at(76).inspection?.value.data[0], references['76'].value, 'θ after one step');
  });

  it('vectors and matrices: xᵀAx, its gradient, Wx + w·x, sums by index, logsumexp and norms', () => {
    const quadratic = at(81).inspection;
    assert.ok(quadratic);
    assertClose(quadratic.value.data[0], references['81'].value, 'xᵀAx');
    const grads81 = references['81'].grads as Record<string, unknown>;
    assertClose(quadratic.gradients.get('x')?.toNested(), grads81.x, '∂/∂x');
    assertClose(quadratic.gradients.get('A')?.toNested(), grads81.A, '∂/∂A');
    assertClose(claim(84).lhs, references['84'].lhs, '∇_x q');
    assert.ok(at(84).inspection?.notes.some(n => n.includes('none is above: the first below')));
    const affine = at(89).inspection;
    assert.ok(affine);
    assertClose(affine.value.toNested(), references['89'].value, 'Wx + w·x');
    const grads89 = references['89'].grads as Record<string, unknown>;
    for (const name of ['W', 'x', 'w']) { assertClose(affine.gradients.get(name)?.toNested(), grads89[name], `∂/∂${name}`); }
    assertClose(claim(92).lhs, references['92'].lhs, 'Σ w_i x_i');
    assertClose(claim(95).lhs, references['95'].lhs, 'log Σ e^z');
    const mixed = at(98).inspection;
    assert.ok(mixed);
    assertClose(mixed.value.toNested(), references['98'].value, 'softmax + max + norms');
    assertClose(mixed.gradients.get('z')?.toNested(), (references['98'].grads as Record<string, unknown>).z, '∂/∂z');
  });

  it('what cannot be evaluated is refused by name at its line:column', async () => {
    const refused = (await readNotes(REFUSED)).map(f => `${f.error?.line}:${f.error?.column} ${f.error?.message.split(':')[0]}`);
    assert.deepStrictEqual(refused, [
      '1:17 \\lim', '1:80 \\cdots', '2:2 a set \\{…\\} cannot be evaluated', '2:27 set membership (\\in) cannot be evaluated',
      '2:45 an arrow (\\rightarrow) cannot be evaluated', '3:6 \\circ',
    ]);
  });
});
