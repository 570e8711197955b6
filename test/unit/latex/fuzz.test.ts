// Robustness: any input either parses or fails with an InspectError (never another exception, never
// a hang); spans found in any text are well formed.
import * as assert from 'assert';
import fc from 'fast-check';
import { InspectError } from '../../../src/engine/errors';
import { parseLatex } from '../../../src/lang/latex';
import { findMathSpan } from '../../../src/lang/latex-span';
import { findValuesAbove } from '../../../src/lang/values-above';

const PIECES = [
  'x', 'y', 'w', 'e', '2', '3.5', ' ', '+', '-', '*', '/', '^', '_', '{', '}', '(', ')', '[', ']', '|', ',', '=', '.', "'",
  '\\frac', '\\sqrt', '\\sigma', '\\sin', '\\log', '\\exp', '\\max', '\\hat', '\\mathrm{ReLU}', '\\operatorname', '\\left(', '\\right)',
  '\\left', '\\right', '\\cdot', '\\int', '\\{', '\\}', '\\', '\\,', '$', '%', '\\text{a b}', '\\pi', '\\mu_1', '\\le', '−', 'π', '\\lvert',
];

const MARKDOWN = ['$', '$$', '\\(', '\\)', '\\[', '\\]', '\\$', '`', '```', '~~~', '\n', '\n\n', ' ', 'x', '2', '<!--', '-->', '<!-- values: x=1 -->', '\\'];

describe('robustness', () => {
  it('parseLatex parses or throws an InspectError with a range inside the text', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), pieces => {
      const text = pieces.join('');
      try {
        parseLatex(text);
      } catch (err) {
        assert.ok(err instanceof InspectError, `${text}: ${String(err)}`);
        assert.ok(err.range && err.range.start >= 0 && err.range.end <= text.length && err.range.start <= err.range.end, `${text}: range`);
      }
    }), { numRuns: 3000 });
  });
  it('findMathSpan returns a well-formed span around the offset', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...MARKDOWN), { maxLength: 30 }), fc.nat(), (pieces, n) => {
      const text = pieces.join('');
      const offset = text.length === 0 ? 0 : n % (text.length + 1);
      const span = findMathSpan(text, offset);
      if (span) {
        assert.ok(span.start <= offset && offset <= span.end);
        assert.ok(span.start < span.inner.start && span.inner.start <= span.inner.end && span.inner.end < span.end && span.end <= text.length);
      }
      const values = findValuesAbove(text, offset);
      assert.ok(values === undefined || values === 'x=1');
    }), { numRuns: 3000 });
  });
});
