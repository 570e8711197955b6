// A Markdown document saved with Windows (CRLF) or old Mac (CR) line endings: math spans, code
// fences and blank lines are found as in an LF document, and an error inside a formula is located
// at the line:column the editor shows.
import * as assert from 'assert';
import { formatError, InspectError } from '../../../src/engine/errors';
import { analysedBlock, toDocOffset } from '../../../src/io/block';
import { inspect } from '../../../src/inspect';
import { findMathSpan } from '../../../src/lang/latex-span';
import { textLines } from '../../../src/io/source-lines';

const ENDINGS: [string, string][] = [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']];

describe('Markdown math in documents with CRLF and CR line endings', () => {
  for (const [name, eol] of ENDINGS) {
    it(`${name}: an error inside a display formula is located in the document`, async () => {
      const document = ['The loss:', '', '$$', '\\frac{1}{2} (y -', ' \\hat{y})^{2} \\le 1', '$$', ''].join(eol);
      const block = analysedBlock(textLines(document), 'markdown', document.indexOf('\\hat'), document.indexOf('\\hat'));
      assert.ok(block, 'a block around the formula');
      assert.strictEqual(block.language, 'latex');
      const err = await inspect({ kind: 'text', text: block.text, language: block.language }, { check: false }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof InspectError && err.range, String(err));
      const inDocument = new InspectError(err.message, err.kind, { start: toDocOffset(block, err.range.start), end: toDocOffset(block, err.range.end) });
      assert.strictEqual(formatError(inDocument, document), '5:15: the relation \\le cannot be evaluated');
    });

    it(`${name}: a $ inside a closed code fence is not math; the formula after it is`, () => {
      const document = ['```python', 'cost = "$5"', '```', 'and $x^2$ here'].join(eol);
      const span = findMathSpan(document, document.indexOf('x^2'));
      assert.ok(span);
      assert.strictEqual(document.slice(span.inner.start, span.inner.end), 'x^2');
      assert.strictEqual(findMathSpan(document, document.indexOf('5')), undefined);
    });

    it(`${name}: a blank line ends an inline $ before it closes`, () => {
      const document = ['costs $5 or', '', 'more$ than that'].join(eol);
      assert.strictEqual(findMathSpan(document, document.indexOf('5')), undefined);
      assert.strictEqual(findMathSpan(document, document.indexOf('or')), undefined);
    });
  }
});
