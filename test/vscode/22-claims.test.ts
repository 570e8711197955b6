// Claims in Markdown notes, in the real workbench's extension host: the document's definitions are
// read and the claims verified there as in Node.
import * as assert from 'assert';
import { inspectAnalysedBlock } from '../../src/inspect-block';
import { fileBlocks } from '../../src/io/file-blocks';
import { markdownDocument } from '../../src/io/latex-scope';
import { textLines } from '../../src/io/source-lines';
import { parseBindings } from '../../src/lang/bindings';
import { closeEverything } from './helpers';

const NOTES = [
  '# Notes',
  '',
  'Define $$g(x) = x^3$$ and check its derivative:',
  '',
  '<!-- values: x=2 -->',
  "True: $g'(x) = 3x^2$.",
  '',
  '<!-- values: x=2 -->',
  "False: $g'(x) = 2x^2$.",
  '',
].join('\n');

suite('22. claims in Markdown', () => {
  suiteTeardown(closeEverything);

  test('in this extension host the notes read as in Node: the second claim is false, 12 against 8', async () => {
    const source = textLines(NOTES);
    const blocks = fileBlocks(source, 'markdown', 'auto').blocks;
    const block = blocks[2];
    const inspection = await inspectAnalysedBlock(source, block, parseBindings(block.valuesText ?? ''),
      { check: false, latex: { document: markdownDocument(source), offset: block.docStart } });
    assert.deepStrictEqual(inspection.claims?.map(c => [c.passed, c.lhs, c.rhs]), [[false, 12, 8]]);
  });
});
