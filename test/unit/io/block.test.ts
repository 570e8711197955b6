import * as assert from 'assert';
import { analysedBlock, AnalysedBlock, bracketDelta, toDocOffset, toTextOffset } from '../../../src/io/block';
import { textLines } from '../../../src/io/source-lines';

/** The block with the cursor at the `|` marker (removed from the text). */
function at(marked: string, languageId: string): { block: AnalysedBlock | undefined; text: string } {
  const cursor = marked.indexOf('|');
  const text = marked.slice(0, cursor) + marked.slice(cursor + 1);
  return { block: analysedBlock(textLines(text), languageId, cursor, cursor), text };
}

/** Every analysed character sits at the same character in the document. */
function assertMapsBack(block: AnalysedBlock, text: string): void {
  for (let i = 0; i < block.text.length; i++) {
    if (block.text[i] === '\n') { continue; }
    assert.strictEqual(text[toDocOffset(block, i)], block.text[i], `character ${i}`);
    assert.strictEqual(toTextOffset(block, toDocOffset(block, i)), i);
  }
}

describe('analysedBlock: Python', () => {
  it('takes the straight-line code from the previous blank line to the cursor line', () => {
    const { block, text } = at('import numpy as np\n\nx = 2.0\ny = x * 3\nz = y + 1|\nw = z\n', 'python');
    assert.strictEqual(block?.text, 'x = 2.0\ny = x * 3\nz = y + 1');
    assert.strictEqual(block?.language, 'python');
    assertMapsBack(block, text);
  });

  it('starts after a def, dedents the body, skips comments and imports, and reads `return` as its expression', () => {
    const { block, text } = at('def f(x):\n    import math\n    # square it\n    y = x ** 2\n    return y * 3|\n', 'python');
    assert.strictEqual(block?.text, 'y = x ** 2\ny * 3');
    assertMapsBack(block as AnalysedBlock, text);
  });

  it('keeps bracketed continuation lines and finishes the statement the cursor is in', () => {
    const { block } = at('W = np.array([[1, 2],\n  [3, 4]])\nx = np.array([1, 2])\nloss = np.sum(W @ x|,\n   axis=0)\n\nother = 1', 'python');
    assert.strictEqual(block?.text, 'W = np.array([[1, 2],\n  [3, 4]])\nx = np.array([1, 2])\nloss = np.sum(W @ x,\n   axis=0)');
  });

  it('skips a nested block above the cursor and stops at its header', () => {
    const { block } = at('a = 1\nfor i in range(3):\n    a = a + i\nb = a * 2|', 'python');
    assert.strictEqual(block?.text, 'b = a * 2');
  });

  it('gives nothing on a blank or comment line, and the line itself on a block header', () => {
    assert.strictEqual(at('x = 1\n|\ny = 2', 'python').block, undefined);
    assert.strictEqual(at('x = 1\n# note|', 'python').block, undefined);
    assert.strictEqual(at('x = 1\nfor i in range(3):|', 'python').block?.text, 'for i in range(3):');
  });

  it('uses a selection as it is', () => {
    const text = 'a = 1\nb = (a + 2) * 3\n';
    const block = analysedBlock(textLines(text), 'python', 10, 21);
    assert.strictEqual(block?.text, '(a + 2) * 3');
    assert.strictEqual(toDocOffset(block as AnalysedBlock, 0), 10);
  });

  it('dedents a selection inside a function body, keeping the map to the document', () => {
    const text = 'def f(x):\n    y = x ** 2\n\n    return y * 3\n';
    const start = text.indexOf('y = x');
    const block = analysedBlock(textLines(text), 'python', start - 4, text.indexOf('y * 3') + 5);
    assert.strictEqual(block?.text, 'y = x ** 2\nreturn y * 3');
    assertMapsBack(block as AnalysedBlock, text);
  });

  it('counts brackets outside strings and comments only', () => {
    assert.strictEqual(bracketDelta('f("(", [1, 2  # ) ]'), 2);
    assert.strictEqual(bracketDelta("x = ')' + g(h(1)"), 1);
  });
});

describe('analysedBlock: Markdown math', () => {
  it('finds the inline $…$ span around the cursor, as LaTeX, with the values comment above it', () => {
    const { block, text } = at('# Neuron\n\n<!-- values: w_0=2, x_0=-1 -->\n\nThe output is $\\sigma(w_0 x|_0)$ here.\n', 'markdown');
    assert.strictEqual(block?.text, '\\sigma(w_0 x_0)');
    assert.strictEqual(block?.language, 'latex');
    assert.strictEqual(block?.valuesText, 'w_0=2, x_0=-1');
    assertMapsBack(block as AnalysedBlock, text);
  });

  it('finds display math in $$…$$, \\[…\\] and \\(…\\)', () => {
    assert.strictEqual(at('$$\n\\frac{1}{1 + e^{-|x}}\n$$', 'markdown').block?.text, '\n\\frac{1}{1 + e^{-x}}\n');
    assert.strictEqual(at('see \\[ \\sin(5 e^|x) \\] ok', 'markdown').block?.text, ' \\sin(5 e^x) ');
    assert.strictEqual(at('inline \\( x^|2 \\) ok', 'markdown').block?.text, ' x^2 ');
  });

  it('picks the span the cursor is in, not a neighbour, and nothing outside math', () => {
    assert.strictEqual(at('$a + b$ and $c |* d$', 'markdown').block?.text, 'c * d');
    assert.strictEqual(at('$a + b$ and| $c * d$', 'markdown').block, undefined);
    assert.strictEqual(at('plain | prose', 'markdown').block, undefined);
  });

  it('reads a values comment over several lines, or earlier on the formula\'s line', () => {
    assert.strictEqual(at('<!-- values:\n  x=0.3,\n  y=2 -->\n\n$x |y$', 'markdown').block?.valuesText, 'x=0.3,\n  y=2');
    assert.strictEqual(at('<!-- values: x=1 --> <!-- values: x=2 --> then $x|^2$', 'markdown').block?.valuesText, 'x=2');
  });

  it('takes the nearest values above the span, not one below it', () => {
    const doc = '<!-- values: z=1 -->\n$z$\n\n<!-- values: z=2 -->\n$|z^2$\n\n<!-- values: z=3 -->\n';
    assert.strictEqual(at(doc, 'markdown').block?.valuesText, 'z=2');
    assert.strictEqual(at('$|z$\n<!-- values: z=3 -->', 'markdown').block?.valuesText, undefined);
  });

  it('strips delimiters from a selected formula', () => {
    const text = 'so $$ x^2 + 1 $$ ok';
    const block = analysedBlock(textLines(text), 'markdown', 3, 16);
    assert.strictEqual(block?.text, ' x^2 + 1 ');
    assert.strictEqual(block?.language, 'latex');
  });
});

describe('analysedBlock: plain text', () => {
  it('takes the current line, trimmed, with a `# values:` line above', () => {
    const { block, text } = at('# values: x=-2, y=5, z=-4\n\n  (x + y) |* z  \n', 'plaintext');
    assert.strictEqual(block?.text, '(x + y) * z');
    assert.strictEqual(block?.language, 'auto');
    assert.strictEqual(block?.valuesText, 'x=-2, y=5, z=-4');
    assertMapsBack(block as AnalysedBlock, text);
  });

  it('reads the plain `values:` line of examples/lecture.txt, the nearest one above', () => {
    const lecture = 'values: x=-2, y=5, z=-4\n(x + y) * z\n\nvalues: x=0.3\nsin(5 * exp(|x))\n';
    assert.strictEqual(at(lecture, 'plaintext').block?.valuesText, 'x=0.3');
    assert.strictEqual(at(lecture.replace('|', '').replace('(x + y)', '(x + |y)'), 'plaintext').block?.valuesText, 'x=-2, y=5, z=-4');
  });

  it('has no values when none is written above', () => {
    assert.strictEqual(at('(x + |y) * z\nvalues: x=1\n', 'plaintext').block?.valuesText, undefined);
  });

  it('reads text with backslash commands as LaTeX', () => {
    assert.strictEqual(at('\\sin(5 \\exp(x|))', 'plaintext').block?.language, 'latex');
  });
});

describe('analysedBlock: Python functions called from top-level code', () => {
  const file = 'import numpy as np\n\ndef f(x):\n    y = x * 2\n    return y|\n\ndef unused(v):\n    return v\n\nx = np.ones(3)\nout = f(x)\nout.sum()\n';

  it('with the cursor in a function the file calls, the block is the whole file (the tracer runs the call sites)', () => {
    const { block, text } = at(file, 'python');
    assert.strictEqual(block?.text, text);
    assertMapsBack(block as AnalysedBlock, text);
  });

  it('in a paused debug frame the called function\'s body is the block (its values come from the frame)', () => {
    const cursor = file.indexOf('|');
    const text = file.replace('|', '');
    const block = analysedBlock(textLines(text), 'python', cursor, cursor, { wholeFileForCallSites: false });
    assert.strictEqual(block?.text, 'y = x * 2\ny');
  });

  it('a function nothing calls keeps the body-as-a-block reading', () => {
    const { block } = at(file.replace('return y|', 'return y').replace('return v\n', 'return v|\n'), 'python');
    assert.strictEqual(block?.text, 'v');
  });
});
