// Long runs of tokens cost linear work. Times are too noisy to compare here (the garbage collector
// dominates a 100,000-node tree), so the tests count operations: the letter tests the LaTeX reader
// makes (RegExp.prototype.test), and the cells of edit distances (Math.min) behind "did you mean".
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { parseLatex } from '../../../src/lang/latex';
import { lowerProgram } from '../../../src/lang/lower';
import { parseProgram } from '../../../src/lang/parse';

/** How many times `method` of `owner` is called during `run`. */
function callsDuring<T extends object>(owner: T, method: keyof T, run: () => void): number {
  const original = owner[method] as unknown as (...args: unknown[]) => unknown;
  let calls = 0;
  (owner as Record<keyof T, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
    calls++;
    return original.apply(this, args);
  };
  try {
    run();
  } finally {
    (owner as Record<keyof T, unknown>)[method] = original;
  }
  return calls;
}

/** Parses and lowers; the unknown-function error (with its "did you mean") is the expected end. */
function parseAndLower(text: string, language: 'math' | 'python'): void {
  try {
    lowerProgram(parseProgram(text, language), new Map());
  } catch (err) {
    if (!(err instanceof InspectError)) { throw err; }
  }
}

describe('linear-time parsing of long runs', () => {
  it('a run of adjacent letters in LaTeX: one note, quoted short, and linear work (4× the letters, < 8× the tests)', () => {
    const program = parseLatex('v'.repeat(20_000));
    assert.strictEqual(program.notes.length, 1);
    assert.ok(program.notes[0].length < 400, program.notes[0]);
    assert.match(program.notes[0], /^read "v{40}… \(20000 characters\)" as a product of the single-letter variables (v·){12}…; write /);
    const work = (n: number): number => callsDuring(RegExp.prototype, 'test', () => parseLatex('v'.repeat(n)));
    const small = work(5_000), large = work(20_000);
    assert.ok(large / small < 8, `4× the letters made ${(large / small).toFixed(1)}× the letter tests (${small} → ${large})`);
  });

  it('a long unknown name in math or Python text is not compared with every known name', () => {
    for (const language of ['math', 'python'] as const) {
      const cells = callsDuring(Math, 'min', () => parseAndLower('x = 1\n' + 'a'.repeat(100_000) + '(x)', language));
      assert.ok(cells < 1_000, `${language}: ${cells} edit-distance cells for one name`);
    }
  });
});
