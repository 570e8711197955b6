// Finding the math around the cursor in Markdown.
import * as assert from 'assert';
import { findMathSpan } from '../../../src/lang/latex-span';

/** The span around the first `|` in the text (the marker is removed before searching). */
function around(marked: string): { inner: string; whole: string; display: boolean } | undefined {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const span = findMathSpan(text, offset);
  return span && { inner: text.slice(span.inner.start, span.inner.end), whole: text.slice(span.start, span.end), display: span.display };
}

describe('findMathSpan', () => {
  it('inline $…$', () => assert.deepStrictEqual(around('The loss $L = (y - \\hat|{y})^2$ is'), { inner: 'L = (y - \\hat{y})^2', whole: '$L = (y - \\hat{y})^2$', display: false }));
  it('display $$…$$ over lines', () => assert.deepStrictEqual(around('a\n$$\n\\frac{1}{1 + e^{-|z}}\n$$\nb'), { inner: '\n\\frac{1}{1 + e^{-z}}\n', whole: '$$\n\\frac{1}{1 + e^{-z}}\n$$', display: true }));
  it('\\(…\\)', () => assert.deepStrictEqual(around('see \\(x^|2\\) here'), { inner: 'x^2', whole: '\\(x^2\\)', display: false }));
  it('\\[…\\]', () => assert.deepStrictEqual(around('\\[ \\sin|(x) \\]'), { inner: ' \\sin(x) ', whole: '\\[ \\sin(x) \\]', display: true }));
  it('cursor on the opening delimiter', () => assert.strictEqual(around('a |$x$ b')?.inner, 'x'));
  it('cursor just after the closing delimiter', () => assert.strictEqual(around('a $x$| b')?.inner, 'x'));
  it('outside any span', () => assert.strictEqual(around('a $x$ b| $y$'), undefined));
  it('the second of two spans', () => assert.strictEqual(around('$x$ and $y|^2$')?.inner, 'y^2'));
  it('escaped dollars are not delimiters', () => assert.strictEqual(around('costs \\$5 and \\$|6'), undefined));
  it('an escaped dollar inside math', () => assert.strictEqual(around('$a \\$ |b$')?.inner, 'a \\$ b'));
  it('$5 and $6 is not math (closing $ followed by a digit)', () => assert.strictEqual(around('$5 and |$6'), undefined));
  it('a space after the opening $ is not math', () => assert.strictEqual(around('$ x |$'), undefined));
  it('inline math does not cross a blank line', () => assert.strictEqual(around('$x\n\ny|$'), undefined));
  it('inline code is excluded', () => assert.strictEqual(around('`$x|$` and $y$'), undefined));
  it('math after inline code is found', () => assert.strictEqual(around('`$x$` and $y|$')?.inner, 'y'));
  it('double-backtick code spans', () => assert.strictEqual(around('``a ` $x|$`` b'), undefined));
  it('fenced code is excluded', () => assert.strictEqual(around('```\n$x|$\n```\n$y$'), undefined));
  it('math after a fence is found', () => assert.strictEqual(around('```py\nx = "$"\n```\n$y|$')?.inner, 'y'));
  it('tilde fences', () => assert.strictEqual(around('~~~\n$x|$\n~~~'), undefined));
  it('an unclosed fence hides the rest', () => assert.strictEqual(around('```\n$x|$'), undefined));
  it('HTML comments are excluded', () => assert.strictEqual(around('<!-- $x|$ -->'), undefined));
  it('an unclosed $ is not math', () => assert.strictEqual(around('costs $5|'), undefined));
  it('tells inline from display math across a document', () => {
    const text = '$a$ `$b$` $$c$$ \\(d\\)';
    assert.deepStrictEqual(['a', 'b', 'c', 'd'].map(v => findMathSpan(text, text.indexOf(v))?.display), [false, undefined, true, false]);
  });
});
