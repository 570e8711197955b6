// How input appears inside messages: printable characters quoted, the rest named, long pieces cut.
import * as assert from 'assert';
import { MAX_QUOTED_LENGTH, quoteInput, visibleCharacter } from '../../../src/lang/quoting';

describe('quoting input in messages', () => {
  it('visibleCharacter quotes what prints and names what does not', () => {
    assert.deepStrictEqual(visibleCharacter('a$b', 1), { shown: "'$'", length: 1 });
    assert.deepStrictEqual(visibleCharacter('\u0000', 0), { shown: 'U+0000', length: 1 });
    assert.deepStrictEqual(visibleCharacter('x\u001b', 1), { shown: 'U+001B', length: 1 });
    assert.deepStrictEqual(visibleCharacter('\u202e', 0), { shown: 'U+202E', length: 1 });
    assert.deepStrictEqual(visibleCharacter('\ufeff', 0), { shown: 'U+FEFF', length: 1 });
    assert.deepStrictEqual(visibleCharacter('\ud800x', 0), { shown: 'U+D800', length: 1 });
    assert.deepStrictEqual(visibleCharacter('😀', 0), { shown: "'😀'", length: 2 });
  });

  it('quoteInput keeps short pieces, names invisible characters, and cuts long pieces saying how long they were', () => {
    assert.strictEqual(quoteInput('sinn'), 'sinn');
    assert.strictEqual(quoteInput('a\u0007b\u202ec'), 'aU+0007bU+202Ec');
    assert.strictEqual(quoteInput('v'.repeat(MAX_QUOTED_LENGTH)), 'v'.repeat(MAX_QUOTED_LENGTH));
    assert.strictEqual(quoteInput('v'.repeat(10_000_000)), `${'v'.repeat(MAX_QUOTED_LENGTH)}… (10000000 characters)`);
  });

  it('never cuts a surrogate pair in half', () => {
    const quoted = quoteInput('😀'.repeat(100));
    assert.strictEqual(quoted, `${'😀'.repeat(MAX_QUOTED_LENGTH)}… (200 characters)`);
  });
});
