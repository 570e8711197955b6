// Hostile Markdown notes (test/unit/latex/hostile-notes.ts) read as the CLI and the editor read them,
// the document's definitions in scope: what fits analyses with the right value; what does not is a
// located 'limit' refusal naming the limit, never a stack overflow or a hang.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { inspectAnalysedBlock } from '../../../src/inspect-block';
import { analysedBlock, AnalysedBlock } from '../../../src/io/block';
import { markdownDocument, scopeOf } from '../../../src/io/latex-scope';
import { textLines } from '../../../src/io/source-lines';
import { parseBindings } from '../../../src/lang/bindings';
import { MAX_EXPANSION_DEPTH } from '../../../src/lang/latex-definitions';
import { MAX_WRITTEN_TERMS } from '../../../src/lang/latex-sums';
import { MAX_EXPANDED_NODES } from '../../../src/lang/latex-tree';
import { MAX_NESTING } from '../../../src/lang/nesting';
import { HOSTILE_NOTES, HostileNote } from './hostile-notes';

interface Read { block: AnalysedBlock; value?: number; gradient?: number; error?: InspectError }

async function read(note: HostileNote): Promise<Read> {
  const lines = textLines(note.document);
  const block = analysedBlock(lines, 'markdown', note.cursor, note.cursor);
  assert.ok(block, `no formula at the cursor of ${note.name}`);
  try {
    const inspection = await inspectAnalysedBlock(lines, block, parseBindings(block.valuesText ?? ''), { check: false, latex: scopeOf(block, markdownDocument(lines)) });
    const x = inspection.graph.nodes.find(n => n.name === 'x');
    return { block, value: inspection.value.data[0], gradient: x?.grad?.data[0] };
  } catch (err) {
    if (err instanceof InspectError) { return { block, error: err }; }
    throw err;
  }
}

/** The refusal of a note: a limit, located in the analysed formula at `where` (its text there). */
async function refusal(note: HostileNote, message: RegExp, where: string): Promise<InspectError> {
  const { block, error } = await read(note);
  assert.ok(error, `${note.name} analysed`);
  assert.strictEqual(error.kind, 'limit', error.message);
  assert.match(error.message, message);
  assert.ok(error.range, `${note.name}: the refusal has no place`);
  assert.strictEqual(block.text.slice(error.range.start, error.range.end), where);
  return error;
}

describe('hostile Markdown notes', function () {
  this.timeout(30_000);

  it('a 5,000-term sum written out, a \\sum of 5,000 terms and a 5,000-term definition body analyse', async () => {
    const sum = await read(HOSTILE_NOTES.longSum);
    assert.deepStrictEqual([sum.value, sum.gradient], [2500, 5000]);
    const sigma = await read(HOSTILE_NOTES.longSigma);
    assert.deepStrictEqual([sigma.value, sigma.gradient], [0.5 * 5000 * 5001 / 2, 5000 * 5001 / 2]);
    const body = await read(HOSTILE_NOTES.longBody);
    assert.deepStrictEqual([body.value, body.gradient], [2500, 5000]);
  });

  it(`a chain of 60 definitions each using the previous expands (within ${MAX_EXPANSION_DEPTH})`, async () => {
    const chain = await read(HOSTILE_NOTES.shortChain);
    assert.deepStrictEqual([chain.value, chain.gradient], [60.5, 1]);
  });

  it('2,000 nested braces: the nesting limit at the first brace past it', async () => {
    await refusal(HOSTILE_NOTES.braces, new RegExp(`nests deeper than ${MAX_NESTING} levels`), '{');
    const { error } = await read(HOSTILE_NOTES.braces);
    assert.strictEqual(error?.range?.start, MAX_NESTING);
  });

  it(`a chain of 500 definitions: refused at the use, naming the depth ${MAX_EXPANSION_DEPTH} and the chain`, async () => {
    await refusal(HOSTILE_NOTES.definitionChain,
      new RegExp(`^the definitions use one another more than ${MAX_EXPANSION_DEPTH} deep: f_500 → f_499 → f_498 → … → f_437 → f_436$`), 'f_{500}(x)');
  });

  it('\\sum_{i=1}^{10^9}: the bound is read as 10^9 and the sum refused by its number of terms', async () => {
    await refusal(HOSTILE_NOTES.billionTerms, new RegExp(`^the sum has 1000000000 terms, more than ${MAX_WRITTEN_TERMS}$`), '\\sum_{i=1}^{10^9} x');
  });

  it('five nested sums of 100 terms: refused before they are written out, naming the node limit', async () => {
    // The innermost sum has 100 + 99 nodes, the next 100 · 199 + 99, the third 100 · 19,999 + 99.
    await refusal(HOSTILE_NOTES.nestedSums, new RegExp(`^written out, the sum's 100 terms have 1,999,999 nodes, more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')}$`),
      '\\sum_{i=1}^{100} \\sum_{i=1}^{100} \\sum_{i=1}^{100} x');
  });

  it('definitions that nest 150 levels each: refused when the expansion nests past the limit', async () => {
    await refusal(HOSTILE_NOTES.deepDefinitions,
      new RegExp(`^with its definitions expanded \\(k_2\\(x\\) at line 5\\), the formula nests deeper than ${MAX_NESTING} levels \\(301\\)$`), 'k_{30}(x)');
  });

  it('a 5,000-term definition composed with itself: refused by the node count of the expansion', async () => {
    // The body has 5,000 x and 4,999 +; each x of the outer one holds the inner body: 4,999 + 5,000 · 9,999.
    await refusal(HOSTILE_NOTES.composedBody,
      new RegExp(`^with its definitions expanded \\(g\\(x\\) at line 1\\), the formula has 49,999,999 nodes, more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')}$`), 'g(g(x))');
  });
});
