// Files as editors save them: a UTF-8 byte-order mark at the start, and `\n`, `\r\n` or old Mac `\r`
// line endings. Every dialect reads them as Python does, and every line:column agrees.
import * as assert from 'assert';
import { InspectError, formatError, lineColumnAt } from '../../../src/engine/errors';
import { inspect } from '../../../src/inspect';
import { tokenize } from '../../../src/lang/lexer';
import { tokenizeLatex } from '../../../src/lang/latex-lexer';

const BOM = '\ufeff';
const ENDINGS: [string, string][] = [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']];

async function valueOf(text: string, language: 'math' | 'python' | 'latex' | 'auto'): Promise<number> {
  const inspection = await inspect({ kind: 'text', text, language }, { check: false });
  return inspection.value.data[0];
}

async function errorOf(text: string, language: 'math' | 'python' | 'latex' | 'auto'): Promise<string> {
  try {
    await inspect({ kind: 'text', text, language }, { check: false });
  } catch (err) {
    if (err instanceof InspectError) { return formatError(err, text); }
    throw err;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe('line breaks and the byte-order mark', () => {
  describe('lineColumnAt', () => {
    for (const [name, eol] of ENDINGS) {
      it(`counts ${name} as one line break`, () => {
        const text = `ab${eol}cd${eol}${eol}e`;
        assert.deepStrictEqual(lineColumnAt(text, text.indexOf('d')), { line: 2, column: 2 });
        assert.deepStrictEqual(lineColumnAt(text, text.indexOf('e')), { line: 4, column: 1 });
      });
    }

    it('gives the byte-order mark no column', () => {
      const text = `${BOM}x + @`;
      assert.deepStrictEqual(lineColumnAt(text, text.indexOf('@')), { line: 1, column: 5 });
      assert.deepStrictEqual(lineColumnAt(text, 0), { line: 1, column: 1 });
    });
  });

  describe('math and Python lexer', () => {
    for (const [name, eol] of ENDINGS) {
      it(`${name}: one newline token per line break, covering the whole break`, () => {
        const tokens = tokenize(`x = 1${eol}y = x${eol}`, 'python');
        const newlines = tokens.filter(t => t.kind === 'newline');
        assert.strictEqual(newlines.length, 2);
        assert.deepStrictEqual(newlines.map(t => t.range.end - t.range.start), [eol.length, eol.length]);
        assert.deepStrictEqual(tokens.filter(t => t.kind === 'name').map(t => t.text), ['x', 'y', 'x']);
      });

      it(`${name}: a comment ends at the line break`, async () => {
        assert.strictEqual(await valueOf(`x = 3 # three${eol}x * x`, 'python'), 9);
      });

      it(`${name}: a backslash continues the line`, async () => {
        assert.strictEqual(await valueOf(`x = 2 + \\${eol}3${eol}x`, 'python'), 5);
      });

      it(`${name}: an error on line 3 is reported at 3:column`, async () => {
        assert.strictEqual(await errorOf(`x = 2${eol}y = 3${eol}x + $`, 'python'), "3:5: unexpected character '$'");
      });

      it(`${name}: a string does not run past the line break`, async () => {
        assert.strictEqual(await errorOf(`x = 'abc${eol}x`, 'python'), '1:5: unterminated string');
      });
    }

    it('ignores a byte-order mark at the start, in python, math and auto mode', async () => {
      assert.strictEqual(await valueOf(`${BOM}x = 2\ny = x * x\ny`, 'python'), 4);
      assert.strictEqual(await valueOf(`${BOM}2^3`, 'math'), 8);
      assert.strictEqual(await valueOf(`${BOM}x = 2\ry = x ** 3\ry`, 'auto'), 8);
    });

    it('an error after a byte-order mark has the column an editor shows', async () => {
      assert.strictEqual(await errorOf(`${BOM}x + @`, 'math'), "1:5: unexpected '@'");
    });

    it('a byte-order mark inside the text is an unexpected character, named by its code point', async () => {
      assert.strictEqual(await errorOf(`x + ${BOM}1`, 'math'), '1:5: unexpected character U+FEFF');
    });
  });

  describe('LaTeX lexer', () => {
    for (const [name, eol] of ENDINGS) {
      it(`${name}: a % comment ends at the line break`, async () => {
        const tokens = tokenizeLatex(`x % note${eol}+ 1`);
        assert.deepStrictEqual(tokens.map(t => t.text), ['x', '+', '1', '']);
      });

      it(`${name}: an error on line 2 is reported at 2:column`, async () => {
        assert.strictEqual(await errorOf(`\\frac{x}{2}${eol}+ @`, 'latex'), "2:3: unexpected character '@' in the formula");
      });
    }

    it('ignores a byte-order mark at the start', async () => {
      assert.strictEqual(await valueOf(`${BOM}\\frac{6}{3}`, 'latex'), 2);
      assert.strictEqual(await valueOf(`${BOM}\\sqrt{4}`, 'auto'), 2);
    });
  });
});
