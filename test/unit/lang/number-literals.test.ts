// Number literals at their edges: each is read as Python reads it, or refused with a located error
// saying what was expected; never silently read as something else (`1e+ 3` is not 1·e + 3).
import * as assert from 'assert';
import { formatError, InspectError } from '../../../src/engine/errors';
import { inspect } from '../../../src/inspect';

type Dialect = 'math' | 'python';

async function valueOf(text: string, language: Dialect): Promise<number> {
  const inspection = await inspect({ kind: 'text', text, language }, { check: false });
  return inspection.value.data[0];
}

/** `line:column: message (expected …)`, as the CLI prints it. */
async function errorOf(text: string, language: Dialect): Promise<string> {
  try {
    await inspect({ kind: 'text', text, language }, { check: false });
  } catch (err) {
    if (err instanceof InspectError) { return `${formatError(err, text)} (expected ${err.expected})`; }
    throw err;
  }
  throw new Error(`no error for ${text} in ${language}`);
}

describe('number literals', () => {
  const values: [string, number][] = [
    ['.5', 0.5], ['5.', 5], ['1.e5', 1e5], ['1.E-3', 1e-3], ['1_000', 1000], ['1_000.000_1', 1000.0001],
    ['2e-3', 2e-3], ['1E+2', 100], ['1e1_0', 1e10], ['0_0', 0], ['1e-999', 0],
  ];
  for (const [text, value] of values) {
    for (const dialect of ['math', 'python'] as const) {
      it(`${dialect}: ${text} is ${value}`, async () => assert.strictEqual(await valueOf(text, dialect), value));
    }
  }

  it('python: hexadecimal, octal and binary integers', async () => {
    assert.strictEqual(await valueOf('0x10', 'python'), 16);
    assert.strictEqual(await valueOf('0XfF', 'python'), 255);
    assert.strictEqual(await valueOf('0o17', 'python'), 15);
    assert.strictEqual(await valueOf('0b1_01', 'python'), 5);
  });

  it('math: 2e is 2·e (Euler\'s number) and 2e - 1 a difference, as written', async () => {
    assert.strictEqual(await valueOf('2e', 'math'), 2 * Math.E);
    assert.strictEqual(await valueOf('2e-1', 'math'), 0.2);
    assert.strictEqual(await valueOf('2e - 1', 'math'), 2 * Math.E - 1);
  });

  const errors: [string, Dialect, string][] = [
    ['1e+ 3', 'math', "1:1: the exponent of '1e+' is missing its digits (expected digits right after '1e+', as in 1e+3)"],
    ['1e+ 3', 'python', "1:1: the exponent of '1e+' is missing its digits (expected digits right after '1e+', as in 1e+3)"],
    ['x = 1\ny = 2E- 3', 'math', "2:5: the exponent of '2E-' is missing its digits (expected digits right after '2E-', as in 2E-3)"],
    ['1e', 'python', "1:1: the exponent of '1e' is missing its digits (expected digits right after '1e', as in 1e3)"],
    ['x = 1e-x', 'python', "1:5: the exponent of '1e-' is missing its digits (expected digits right after '1e-', as in 1e-3)"],
    ['1..2', 'math', "1:1: malformed number '1..2' (expected a number such as 1.5, 2e-3 or 1_000)"],
    ['1.2.3', 'python', "1:1: malformed number '1.2.3' (expected a number such as 1.5, 2e-3 or 1_000)"],
    ['1__0', 'python', "1:1: malformed number '1__0': '_' only goes between digits (expected a number such as 1.5, 2e-3 or 1_000)"],
    ['1_', 'math', "1:1: malformed number '1_': '_' only goes between digits (expected a number such as 1.5, 2e-3 or 1_000)"],
    ['1_e5', 'python', "1:1: malformed number '1_e5': '_' only goes between digits (expected a number such as 1.5, 2e-3 or 1_000)"],
    ['1e999', 'math', "1:1: the number '1e999' is too large for float64 (at most about 1.8e308) (expected a number of at most 1.8e308)"],
    ['1e999', 'python', "1:1: the number '1e999' is too large for float64 (at most about 1.8e308) (expected a number of at most 1.8e308)"],
    ['1j', 'python', '1:1: complex numbers are not supported (expected a real number)'],
    ['2 * 1.5J', 'python', '1:5: complex numbers are not supported (expected a real number)'],
    ['007', 'python', "1:1: leading zeros are not allowed in '007' (expected an integer without leading zeros (or 0o for octal))"],
    ['0x', 'python', "1:1: malformed hexadecimal number '0x' (expected hexadecimal digits after 0x)"],
    ['0b102', 'python', "1:1: malformed binary number '0b102' (expected binary digits after 0b)"],
    ['0o8', 'python', "1:1: malformed octal number '0o8' (expected octal digits after 0o)"],
  ];
  for (const [text, dialect, message] of errors) {
    it(`${dialect}: ${JSON.stringify(text)} is refused where it is written`, async () => assert.strictEqual(await errorOf(text, dialect), message));
  }

  it('math: a number then a name is an implicit product, also after 0 (0x is 0·x)', async () => {
    const inspection = await inspect({ kind: 'text', text: '0x + 1j', language: 'math' }, {
      check: false, bindings: new Map(), symbolic: false,
    }).catch((e: unknown) => e);
    assert.ok(inspection instanceof InspectError);
    assert.deepStrictEqual(inspection.detail, ['x', 'j']);
  });
});
