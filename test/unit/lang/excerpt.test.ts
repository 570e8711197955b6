// Messages quote user text through one helper: a 10 MB identifier is shown as its first 40
// characters and "…", whichever message, note or CLI line it reaches.
import * as assert from 'assert';
import { excerpt, MAX_QUOTED_CHARACTERS } from '../../../src/engine/excerpt';
import { InspectError } from '../../../src/engine/errors';
import { parseBindings } from '../../../src/lang/bindings';
import { parseLatex } from '../../../src/lang/latex';
import { inspect } from '../../../src/inspect';

async function messageOf(text: string, language: 'math' | 'python'): Promise<string> {
  try {
    const result = await inspect({ kind: 'text', text, language }, { check: false, memoryMiB: 8192 });
    return result.notes.join('\n');
  } catch (err) {
    assert.ok(err instanceof InspectError, String(err));
    return `${err.message} ${err.expected ?? ''}`;
  }
}

describe('excerpt: user text in messages', function () {
  this.timeout(20_000);
  const huge = 'a'.repeat(10_000_000);

  it('keeps short text whole and cuts long text after 40 code points, saying how long it was, never inside a surrogate pair', () => {
    assert.strictEqual(excerpt('theta'), 'theta');
    assert.strictEqual(excerpt('x'.repeat(40)), 'x'.repeat(40));
    assert.strictEqual(excerpt('x'.repeat(41)), `${'x'.repeat(40)}… (41 characters)`);
    assert.strictEqual(excerpt('x'.repeat(39) + '𝜃𝜃'), `${'x'.repeat(39)}𝜃… (43 characters)`);
    assert.strictEqual(MAX_QUOTED_CHARACTERS, 40);
  });

  for (const [what, text, language] of [
    ['an unbound name', huge, 'math'],
    ['an unknown function', `x = 1\n${huge}(x)`, 'python'],
    ['an unknown method', `x = np.array([1.0])\nx.${huge}()`, 'python'],
    ['an unexpected name', `x ${huge} (`, 'python'],
    ['a run-together name', `x = 1\n${'x'.repeat(1_000_000)} + x`, 'math'],
  ] as const) {
    it(`${what} is quoted short`, async () => {
      const message = await messageOf(text, language);
      assert.ok(message.length < 500, `${message.length} characters: ${message.slice(0, 200)}`);
      assert.match(message, /(a|x){40}…/);
    });
  }

  it('LaTeX notes and errors quote a long run short', () => {
    const notes = parseLatex(`\\sin ${'v'.repeat(50_000)} + x^${'1'.repeat(5_000)}`).notes;
    assert.strictEqual(notes.length, 3, notes.join('\n'));
    for (const note of notes) { assert.ok(note.length < 400, note); }
    assert.throws(() => parseLatex(`(x + ${'y'.repeat(1_000)} ]`), (err: unknown) => err instanceof InspectError && err.message.length < 200);
  });

  it('a value line that does not read is quoted short', () => {
    assert.throws(() => parseBindings(`W=${'['.repeat(100_000)}`), (err: unknown) => {
      assert.ok(err instanceof InspectError);
      assert.ok(err.message.length < 200, err.message);
      return true;
    });
  });
});
