// LaTeX errors: kind, exact range, and what was expected.
import * as assert from 'assert';
import { formatError, InspectError } from '../../../src/engine/errors';
import { inspect } from '../../../src/inspect';
import { parseLatex } from '../../../src/lang/latex';
import { MAX_LATEX_TOKENS } from '../../../src/lang/latex-lexer';

function failure(text: string): InspectError {
  try {
    parseLatex(text);
  } catch (err) {
    if (err instanceof InspectError) { return err; }
    throw err;
  }
  throw new Error(`parsed without error: ${text}`);
}

function expectError(text: string, kind: string, rangeText: string, at?: number): InspectError {
  const err = failure(text);
  assert.strictEqual(err.kind, kind, err.message);
  assert.ok(err.range, 'has a range');
  assert.strictEqual(text.slice(err.range.start, err.range.end), rangeText, err.message);
  if (at !== undefined) { assert.strictEqual(err.range.start, at); }
  return err;
}

describe('parseLatex: errors', () => {
  it('\\int is unsupported, at the command, listing what is', () => {
    const err = expectError('x + \\int_0^1 x dx', 'unsupported', '\\int', 4);
    assert.ok(err.expected?.includes('\\frac'));
  });
  it('\\sum without an index is refused by name', () => { assert.match(expectError('\\sum x', 'unsupported', '\\sum', 0).message, /index as a subscript/); });
  it('\\prod with a bound but no index is refused by name', () => { assert.match(expectError('2 \\prod^3 x', 'unsupported', '\\prod', 2).message, /index as a subscript/); });
  it('\\lim is unsupported', () => { expectError('\\lim_{h \\to 0} h', 'unsupported', '\\lim', 0); });
  it('matrices are unsupported', () => { expectError('\\begin{pmatrix} 1 \\end{pmatrix}', 'unsupported', '\\begin', 0); });
  it('an unknown command is unsupported, at the command', () => {
    const err = expectError('x + \\foo{y}', 'unsupported', '\\foo', 4);
    assert.match(err.message, /unknown command \\foo/);
  });
  it('an unknown \\operatorname is unsupported, at its name', () => { expectError('\\operatorname{gelu}(x)', 'unsupported', '\\operatorname{gelu}', 0); });
  it('a relation is unsupported', () => { expectError('x \\le y', 'unsupported', '\\le', 2); });
  it('an unclosed brace points at the brace', () => {
    const err = expectError('\\frac{1}{2 + x', 'syntax', '{', 8);
    assert.strictEqual(err.expected, "'}'");
  });
  it('an unclosed parenthesis points at it', () => { expectError('(x + 1', 'syntax', '(', 0); });
  it('an unmatched closer points at it', () => { expectError('x + 1)', 'syntax', ')', 5); });
  it('a mismatched closer points at it, expecting the right one', () => {
    const err = expectError('(x + 1]', 'syntax', ']', 6);
    assert.strictEqual(err.expected, "')'");
  });
  it('an extra closing brace', () => { expectError('x}', 'syntax', '}', 1); });
  it('\\frac missing its denominator', () => {
    const err = expectError('\\frac{1}', 'syntax', '\\frac', 0);
    assert.match(err.message, /denominator/);
  });
  it('\\frac missing both arguments', () => {
    const err = expectError('1 + \\frac', 'syntax', '\\frac', 4);
    assert.match(err.message, /numerator/);
  });
  it('an empty group', () => { expectError('\\frac{}{2}', 'syntax', '{}', 5); });
  it('a missing exponent', () => { expectError('x^', 'syntax', '^', 1); });
  it('a double superscript', () => { expectError('x^2^3', 'syntax', '^', 3); });
  it('an operator without an operand', () => {
    const err = expectError('x + ', 'syntax', '', 3);
    assert.strictEqual(err.expected, 'an expression');
  });
  it('an empty formula', () => { expectError('  ', 'syntax', ''); });
  it('a function without an argument', () => { expectError('\\sin + x', 'syntax', '+', 5); });
  it('a function argument may start with a minus', () => { assert.strictEqual(parseLatex('\\sin -x').statements.length, 1); });
  it('\\max without brackets', () => { expectError('\\max a', 'syntax', 'a', 5); });
  it('\\max with one argument', () => { expectError('\\max(a)', 'syntax', '\\max(a)', 0); });
  it('\\left without a delimiter', () => { expectError('\\left x', 'syntax', '\\left'); });
  it('a stray character', () => { expectError('x ? y', 'syntax', '?', 2); });
  it('a second derivative in \\frac is refused by name', () => {
    const err = expectError('\\frac{\\partial^2 g}{\\partial x^2}', 'unsupported', '\\partial^', 6);
    assert.match(err.message, /second and higher derivatives/);
  });
  it("g'' is refused by name", () => { assert.match(expectError("g''(x)", 'unsupported', "''", 1).message, /g'': second/); });
  it('a prime after a bracket (not a named function)', () => { expectError("(x+1)'", 'unsupported', "'", 5); });
  it('unsupported subscript contents', () => { expectError('x_{i+1}', 'unsupported', '+', 4); });
  it('deep nesting is a limit, not a stack overflow', () => {
    const err = failure('('.repeat(5000) + 'x' + ')'.repeat(5000));
    assert.strictEqual(err.kind, 'limit');
  });
  it('a long flat formula parses', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `x_{${i}}`).join(' + ');
    assert.strictEqual(parseLatex(text).statements.length, 1);
  });
});

describe('LaTeX errors through inspect(): line:column like the other dialects', () => {
  async function located(text: string): Promise<string> {
    try {
      await inspect({ kind: 'text', text, language: 'latex' }, { check: false });
    } catch (err) {
      if (err instanceof InspectError) { return formatError(err, text); }
      throw err;
    }
    throw new Error(`no error for ${text}`);
  }

  it('a wrong closer names the opener by line:column, not by offset', async () => {
    assert.strictEqual(await located('x +\n  \\left( y\n  + 1 ]'), "3:7: expected ')' to close the '(' at 2:3, found ']'");
  });

  it('errors on a later line are located there, in every kind of line ending', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      assert.strictEqual(await located(`\\frac{a}{b}${eol}+ \\int x`), '2:3: \\int: integrals are not supported', JSON.stringify(eol));
      assert.strictEqual(await located(`x${eol}${eol}+ {y`), "3:3: '{' is never closed", JSON.stringify(eol));
      assert.strictEqual(await located(`x +${eol}  \\`), '2:3: a backslash must be followed by a command name', JSON.stringify(eol));
    }
  });

  it('a control character is named by its code point', async () => {
    assert.strictEqual(await located('x +\n\u001b[2J'), '2:1: unexpected character U+001B in the formula');
  });

  it('too many tokens is a limit error located at the formula', async () => {
    const text = 'x+'.repeat(MAX_LATEX_TOKENS);
    const err = await inspect({ kind: 'text', text, language: 'latex' }, { check: false }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof InspectError && err.kind === 'limit' && err.range, String(err));
    assert.match(formatError(err, text), /^1:\d+: the formula has more than 100000 tokens$/);
  });
});
