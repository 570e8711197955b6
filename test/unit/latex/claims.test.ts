// Definitions in a document and claims about them: which definition a use means, what is refused
// by name, and claims that are false, loose or written to a precision.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { Tensor } from '../../../src/engine/tensor';
import { inspect, Inspection } from '../../../src/inspect';
import { parseLatexFormula } from '../../../src/lang/latex';
import { readLatexDocument } from '../../../src/lang/latex-document';

/** A document of formulas, one a line; the formula on `line` (1-based) is inspected in its scope. */
async function inDocument(formulas: string[], line: number, values: Record<string, number | number[]> = {}): Promise<Inspection> {
  const offsets = formulas.map((_, i) => i * 1000);
  const document = readLatexDocument(formulas.map((text, i) => ({ text, offset: offsets[i], line: i + 1 })));
  const bindings = new Map(Object.entries(values).map(([k, v]) => [k, Tensor.fromNested(v)]));
  return inspect({ kind: 'text', text: formulas[line - 1], language: 'latex' }, { bindings, check: false, latex: { document, offset: offsets[line - 1] } });
}

async function failure(run: () => Promise<unknown>): Promise<InspectError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof InspectError) { return err; }
    throw err;
  }
  throw new Error('no error');
}

describe('LaTeX definitions in a document', () => {
  it('a definition below its use is found, and a note says it was the first below', async () => {
    const r = await inDocument(['g(2, 3)', 'g(a, b) = a^2 b'], 1);
    assert.strictEqual(r.value.data[0], 12);
    assert.ok(r.notes.some(n => n.includes('g(a, b) is the definition at line 2 (its only definition; none is above: the first below)')));
  });

  it('a name defined twice means the nearest definition above the use', async () => {
    const formulas = ['g(x) = 2x', 'g(1)', 'g(x) = 3x', 'g(1)'];
    assert.strictEqual((await inDocument(formulas, 2)).value.data[0], 2);
    assert.strictEqual((await inDocument(formulas, 4)).value.data[0], 3);
  });

  it('definitions that refer to each other without end are reported by name at the use', async () => {
    const err = await failure(() => inDocument(['a(x) = b(x) + 1', 'b(x) = a(x)', 'a(2)'], 3));
    assert.match(err.message, /the definitions refer to each other without end: a → b → a/);
    assert.deepStrictEqual(err.range, { start: 0, end: 4 });
  });

  it('a derivative of a function the document does not define names it', async () => {
    const err = await failure(() => inDocument(["h'(x) = 1"], 1));
    assert.strictEqual(err.message, 'h is not defined in this document');
  });

  it('a call with the wrong number of arguments says the definition and its line', async () => {
    const err = await failure(() => inDocument(['g(a, b) = a b', 'g(1, 2, 3)'], 2));
    assert.strictEqual(err.message, 'g takes 2 arguments (g(a, b) at line 1), got 3');
  });

  it("g' of a function of several parameters is refused with the partial to write instead", async () => {
    const err = await failure(() => inDocument(['g(a, b) = a b', "g'(a) = b"], 2));
    assert.match(err.message, /g' needs g to have one parameter; g\(a, b\) \(line 1\) has 2/);
  });

  it('the update rule shows the updated value', async () => {
    const r = await inspect({ kind: 'text', text: 'x \\leftarrow x - \\eta \\cdot 2', language: 'latex' },
      { bindings: new Map([['x', Tensor.scalar(1)], ['eta', Tensor.scalar(0.1)]]), check: false });
    assert.strictEqual(r.value.data[0], 0.8);
    assert.ok(r.notes.some(n => n.includes('update rule')));
  });

  it('a head that uses its parameters is a definition; \\mathcal{L} = … defines L', () => {
    const f = parseLatexFormula('f_{\\mathbf{w}}(\\mathbf{x}) = \\sigma(w_0 x_0)');
    assert.deepStrictEqual(f.head && { name: f.head.name, params: f.head.params }, { name: 'f_w', params: ['x'] });
    const L = parseLatexFormula('\\mathcal{L} = (y - \\hat{y})^2');
    assert.strictEqual(L.program.statements[0].kind === 'assign' && L.program.statements[0].target, 'L');
  });
});

describe('LaTeX claims', () => {
  it('a false derivative claim says false, with both sides and the point', async () => {
    const r = await inDocument(['g(x) = x^3', "g'(x) = 2 x^2"], 2, { x: 2 });
    const [c] = r.claims ?? [];
    assert.strictEqual(c.passed, false);
    assert.strictEqual(c.kind, 'derivative');
    assert.deepStrictEqual([c.lhs, c.rhs, c.at], [12, 8, { x: 2 }]);
    assert.strictEqual(c.maxAbsError >= 4, true);
  });

  it('an identity holds at the given point and at three seeded random points, the same each time', async () => {
    const first = (await inDocument(['g(x) = \\sin(x^2)', "g'(x) = 2x \\cos(x^2)"], 2, { x: 0.7 })).claims?.[0];
    const again = (await inDocument(['g(x) = \\sin(x^2)', "g'(x) = 2x \\cos(x^2)"], 2, { x: 0.7 })).claims?.[0];
    assert.strictEqual(first?.passed, true);
    assert.strictEqual(first?.points, 4);
    assert.deepStrictEqual(first, again);
  });

  it('an identity that holds at the given point only is false at a random point, which is shown', async () => {
    // 2x equals x² at x = 2 but is no derivative of x² elsewhere… nor of x³: the claim is checked away from the example.
    const c = (await inDocument(['g(x) = x^2', "g'(x) = x^2"], 2, { x: 2 })).claims?.[0];
    assert.strictEqual(c?.passed, false);
    assert.notDeepStrictEqual(c?.at, { x: 2 });
    assert.notStrictEqual(c?.lhs, c?.rhs);
  });

  it('a number is compared to the precision written; \\approx loosely', async () => {
    const claimOf = async (text: string) => (await inspect({ kind: 'text', text, language: 'latex' }, { check: false })).claims?.[0];
    assert.strictEqual((await claimOf('(1.25322 - 1.25347) / 0.0001 = -2.5'))?.passed, true);
    assert.strictEqual((await claimOf('(1.25322 - 1.25347) / 0.0001 = -2.4'))?.passed, false);
    assert.strictEqual((await claimOf('1/3 = 0.333'))?.passed, true);
    assert.strictEqual((await claimOf('1/3 = 0.33'))?.passed, true);
    assert.strictEqual((await claimOf('1/3 = 0.3334'))?.passed, false);
    assert.strictEqual((await claimOf('\\pi \\approx 3.14'))?.passed, true);
    assert.strictEqual((await claimOf('\\pi \\approx 3.2'))?.passed, false);
    assert.strictEqual((await claimOf('1/3 = 1/3'))?.passed, true);
  });

  it('chained equalities are each a claim', async () => {
    const r = await inspect({ kind: 'text', text: '2 + 2 = 4 = 5', language: 'latex' }, { check: false });
    assert.deepStrictEqual(r.claims?.map(c => [c.text, c.passed]), [['2 + 2 = 4', true], ['4 = 5', false]]);
  });

  it('an underbrace label starting with = is a claim about the braced expression', async () => {
    const r = await inspect({ kind: 'text', text: '\\underbrace{x + y}_{= 3} z', language: 'latex' },
      { bindings: new Map([['x', Tensor.scalar(1)], ['y', Tensor.scalar(2)], ['z', Tensor.scalar(4)]]), check: false });
    assert.strictEqual(r.value.data[0], 12);
    assert.deepStrictEqual(r.claims?.map(c => [c.text, c.passed, c.lhs]), [['\\underbrace{x + y}_{= 3}', true, 3]]);
  });

  it('without values a claim must hold at any point: x + y = q is false at a random point, x + y = y + x true', async () => {
    const claimOf = async (text: string) => (await inspect({ kind: 'text', text, language: 'latex' }, { check: false })).claims?.[0];
    const c = await claimOf('x + y = q');
    assert.strictEqual(c?.passed, false);
    assert.deepStrictEqual(Object.keys(c?.at ?? {}), ['x', 'y', 'q']);
    assert.strictEqual((await claimOf('x + y = y + x'))?.points, 3);
    assert.strictEqual((await claimOf('x + y = y + x'))?.passed, true);
  });

  it('with values, a claim that is no identity holds at them only (one point)', async () => {
    const c = (await inspect({ kind: 'text', text: 'x + y = q', language: 'latex' },
      { bindings: new Map([['x', Tensor.scalar(1)], ['y', Tensor.scalar(2)], ['q', Tensor.scalar(3)]]), check: false })).claims?.[0];
    assert.deepStrictEqual([c?.passed, c?.points], [true, 1]);
  });

  it('a formula with claims binds its variables without values to seeded random values, with a note', async () => {
    const r = await inDocument(['g(x) = x^2', "g'(x) = 2x"], 2);
    assert.strictEqual(r.claims?.[0].passed, true);
    assert.ok(r.notes.some(n => /^x has no value: seeded random value x=-?\d/.test(n)));
  });
});
