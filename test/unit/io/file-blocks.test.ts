// Whole files into analysable blocks: which part of a Python, Markdown or text file is checked,
// with the values above each formula, and which text lines are prose.
import * as assert from 'assert';
import { fileBlocks, fileKind, isProse } from '../../../src/io/file-blocks';
import { textLines } from '../../../src/io/source-lines';

describe('fileKind', () => {
  it('by the file name, unless Python is asked for', () => {
    assert.strictEqual(fileKind('a/model.py', 'auto'), 'python');
    assert.strictEqual(fileKind('NOTES.MD', 'auto'), 'markdown');
    assert.strictEqual(fileKind('notes.markdown', 'latex'), 'markdown');
    assert.strictEqual(fileKind('lecture.txt', 'auto'), 'text');
    assert.strictEqual(fileKind('formulas', 'math'), 'text');
    assert.strictEqual(fileKind('lecture.txt', 'python'), 'python');
  });
});

describe('isProse', () => {
  it('three words in a row, or a sentence ending, is prose', () => {
    for (const line of ["The lecture's examples in plain math notation.", 'Check Gradient (Ctrl+Alt+G), or hover it.', 'Examples:', 'see the note below']) {
      assert.ok(isProse(line), line);
    }
  });

  it('formulas are not, implicit products and function names included', () => {
    for (const line of ['(x + y) * z', '1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))', 'x y z', 'w0 x0 + w1 x1', 'sin(x) cos(x) exp(x)', '\\sin x \\cos y', 'loss', 'a * b.T']) {
      assert.ok(!isProse(line), line);
    }
  });
});

describe('fileBlocks', () => {
  it('Python: the whole file, or at a line the block the editor takes there', () => {
    const source = textLines('import numpy as np\n\nx = 2.0\ny = x * 3\n\nz = 1.0\nw = z + 1\n');
    assert.deepStrictEqual(fileBlocks(source, 'python', 'auto').blocks.map(b => b.text), ['import numpy as np\n\nx = 2.0\ny = x * 3\n\nz = 1.0\nw = z + 1\n']);
    assert.deepStrictEqual(fileBlocks(source, 'python', 'auto', 3).blocks.map(b => b.text), ['x = 2.0\ny = x * 3']);
    assert.deepStrictEqual(fileBlocks(source, 'python', 'auto', 1).blocks, []);
  });

  it('Markdown: every math span outside code and comments, each with the values comment above it', () => {
    const text = '<!-- values: x=1 -->\nIt is $x^2$ and $$\\sin x$$.\n\n`$not math$`\n\n```\n$nor this$\n```\n<!-- values: y=2 -->\n\\[ y + 1 \\] and $ $\n';
    const { blocks, prose } = fileBlocks(textLines(text), 'markdown', 'auto');
    assert.deepStrictEqual(blocks.map(b => [b.text.trim(), b.language, b.valuesText]), [
      ['x^2', 'latex', 'x=1'], ['\\sin x', 'latex', 'x=1'], ['y + 1', 'latex', 'y=2'],
    ]);
    assert.deepStrictEqual(prose, []);
    assert.strictEqual(text.slice(blocks[0].docStart, blocks[0].docEnd), 'x^2');
  });

  it('text: formula lines with their values line; blank, values, comment and prose lines are not formulas', () => {
    const text = 'Notes on the circuit below.\nvalues: x=-2, y=5\n# a comment\n(x + y) * 2\n\n% another\n\\frac{x}{y}\n';
    const { blocks, prose } = fileBlocks(textLines(text), 'text', 'auto');
    assert.deepStrictEqual(blocks.map(b => [b.text, b.language, b.valuesText]), [['(x + y) * 2', 'auto', 'x=-2, y=5'], ['\\frac{x}{y}', 'latex', 'x=-2, y=5']]);
    assert.deepStrictEqual(prose, [0]);
  });

  it('a forced math or LaTeX dialect applies to every formula; a line keeps only its own', () => {
    const source = textLines('a + b\n\\alpha\n');
    assert.deepStrictEqual(fileBlocks(source, 'text', 'math').blocks.map(b => b.language), ['math', 'math']);
    assert.deepStrictEqual(fileBlocks(source, 'text', 'auto', 1).blocks.map(b => b.text), ['\\alpha']);
  });
});

describe('textLines', () => {
  it('breaks at \\n, \\r\\n and a lone \\r, with offsets into the text', () => {
    const text = 'a\r\nbb\rccc\nd';
    const lines = textLines(text);
    assert.strictEqual(lines.lineCount, 4);
    assert.deepStrictEqual([0, 1, 2, 3].map(i => lines.line(i)), ['a', 'bb', 'ccc', 'd']);
    assert.deepStrictEqual([0, 1, 2, 3].map(i => lines.lineStart(i)), [0, 3, 6, 10]);
    assert.deepStrictEqual([0, 2, 3, 5, 6, 9, 10, 11].map(o => lines.lineOf(o)), [0, 0, 1, 1, 2, 2, 3, 3]);
  });
});
