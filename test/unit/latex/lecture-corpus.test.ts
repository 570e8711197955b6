// The lecture as a corpus: 36 distinct formulas of a backpropagation lecture's notes, as such notes
// write them (test/fixtures/latex-lecture.md, written with its PyTorch float64 references by
// scripts/fixtures/latex_claims.py). Each has one exact outcome: a value, a claim that holds, a
// claim the notes get wrong on purpose, or a refusal naming the construct.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { InspectError } from '../../../src/engine/errors';
import type { Nested } from '../../../src/engine/tensor';
import { inspectAnalysedBlock } from '../../../src/inspect-block';
import { fileBlocks } from '../../../src/io/file-blocks';
import { markdownDocument, scopeOf } from '../../../src/io/latex-scope';
import { textLines } from '../../../src/io/source-lines';
import { parseBindings } from '../../../src/lang/bindings';
import type { ClaimResult } from '../../../src/lang/latex-claims';
import { assertClose, FIXTURES } from '../fixtures';

type Expected =
  | { outcome: 'value'; value: number }
  | { outcome: 'claim'; passed: boolean; lhs: Nested; rhs?: Nested }
  | { outcome: 'refused'; construct: string };

type Reference = Expected & { line: number; formula: string };

type Outcome =
  | { outcome: 'value'; value: Nested }
  | { outcome: 'claim'; claims: ClaimResult[] }
  | { outcome: 'refused'; message: string; kind: string };

const corpus = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'latex-lecture.json'), 'utf8')) as { formulas: Reference[] };

/** Every formula of the notes, read as the CLI and the editor read it, by its 1-based line. */
async function readLecture(): Promise<Map<number, { text: string; outcome: Outcome }>> {
  const source = textLines(fs.readFileSync(path.join(FIXTURES, 'latex-lecture.md'), 'utf8'));
  const document = markdownDocument(source);
  const read = new Map<number, { text: string; outcome: Outcome }>();
  for (const block of fileBlocks(source, 'markdown', 'auto').blocks) {
    const line = source.lineOf(block.docStart) + 1;
    try {
      const bindings = block.valuesText ? parseBindings(block.valuesText) : new Map();
      const inspection = await inspectAnalysedBlock(source, block, bindings, { check: false, latex: scopeOf(block, document) });
      const claims = inspection.claims ?? [];
      read.set(line, { text: block.text, outcome: claims.length > 0 ? { outcome: 'claim', claims } : { outcome: 'value', value: inspection.value.toNested() } });
    } catch (err) {
      if (!(err instanceof InspectError)) { throw err; }
      read.set(line, { text: block.text, outcome: { outcome: 'refused', message: err.message, kind: err.kind } });
    }
  }
  return read;
}

function assertOutcome(reference: Reference, outcome: Outcome): void {
  const what = `line ${reference.line}: ${reference.formula}`;
  assert.strictEqual(outcome.outcome, reference.outcome, `${what}: ${JSON.stringify(outcome)}`);
  if (reference.outcome === 'value' && outcome.outcome === 'value') {
    assertClose(outcome.value, reference.value, what);
  } else if (reference.outcome === 'claim' && outcome.outcome === 'claim') {
    assert.strictEqual(outcome.claims.length, 1, what);
    const [claim] = outcome.claims;
    assert.strictEqual(claim.error, undefined, what);
    assert.strictEqual(claim.passed, reference.passed, `${what}: ${JSON.stringify(claim)}`);
    assertClose(claim.lhs, reference.lhs, `${what}, left`);
    if (reference.rhs !== undefined) { assertClose(claim.rhs, reference.rhs, `${what}, right`); }
  } else if (reference.outcome === 'refused' && outcome.outcome === 'refused') {
    assert.ok(outcome.message.startsWith(reference.construct), `${what}: ${outcome.message}`);
  }
}

describe('the lecture as a corpus: 36 formulas of a backpropagation lecture', function () {
  this.timeout(60_000);
  let read: Map<number, { text: string; outcome: Outcome }>;
  before(async () => { read = await readLecture(); });

  it('the notes hold the 36 formulas, each where the references say', () => {
    assert.strictEqual(corpus.formulas.length, 36);
    assert.deepStrictEqual([...read.entries()].map(([line, f]) => [line, f.text]), corpus.formulas.map(r => [r.line, r.formula]));
  });

  for (const reference of corpus.formulas) {
    const expected = reference.outcome === 'refused' ? `refused naming ${reference.construct}`
      : reference.outcome === 'value' ? 'analyses to its PyTorch value'
        : reference.passed ? 'a claim that holds, both sides as PyTorch' : 'a false claim (wrong on purpose), both sides as PyTorch';
    it(`${reference.formula}: ${expected}`, () => {
      const found = read.get(reference.line);
      assert.ok(found, `no formula on line ${reference.line}`);
      assertOutcome(reference, found.outcome);
    });
  }

  it('34 of the 36 analyse (the issue found 2), and the two refused name what cannot be evaluated', () => {
    const outcomes = [...read.values()].map(f => f.outcome.outcome);
    assert.deepStrictEqual({ analysed: outcomes.filter(o => o !== 'refused').length, refused: outcomes.filter(o => o === 'refused').length }, { analysed: 34, refused: 2 });
  });
});
