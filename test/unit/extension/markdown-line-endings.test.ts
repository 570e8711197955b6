// A Markdown document saved with Windows (CRLF) or old Mac (CR) line endings: math spans, code
// fences and blank lines are found as in an LF document, and an error inside a formula is located
// at the line:column the editor shows.
import * as assert from 'assert';
import { formatError, InspectError } from '../../../src/engine/errors';
import { analysedBlock, SourceLines, toDocOffset } from '../../../src/extension/block';
import { inspect } from '../../../src/inspect';
import { findMathSpan } from '../../../src/lang/latex-span';

/** The document as VS Code's TextDocument sees it: lines split at every kind of line break. */
function lines(text: string): SourceLines {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) { starts.push(m.index + m[0].length); }
  const lineText = (i: number): string => text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length).replace(/[\r\n]+$/, '');
  return {
    lineCount: starts.length,
    line: lineText,
    lineStart: i => starts[i],
    lineOf: o => { let i = 0; while (i + 1 < starts.length && starts[i + 1] <= o) { i++; } return i; },
    slice: (s, e) => text.slice(s, e),
  };
}

const ENDINGS: [string, string][] = [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']];

describe('Markdown math in documents with CRLF and CR line endings', () => {
  for (const [name, eol] of ENDINGS) {
    it(`${name}: an error inside a display formula is located in the document`, async () => {
      const document = ['The loss:', '', '$$', '\\frac{1}{2} (y -', ' \\hat{y})^{2} \\le 1', '$$', ''].join(eol);
      const block = analysedBlock(lines(document), 'markdown', document.indexOf('\\hat'), document.indexOf('\\hat'));
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
