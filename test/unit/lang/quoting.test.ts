// How input appears inside messages: printable characters quoted, the rest named, long pieces cut.
import * as assert from 'assert';
import { excerpt, MAX_QUOTED_CHARACTERS as MAX_QUOTED_LENGTH } from '../../../src/engine/excerpt';
import { visibleCharacter } from '../../../src/lang/quoting';

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

  it('excerpt keeps short pieces, names invisible characters, and cuts long pieces saying how long they were', () => {
    assert.strictEqual(excerpt('sinn'), 'sinn');
    assert.strictEqual(excerpt('a\u0007b\u202ec'), 'a\\u0007b\\u202ec');
    assert.strictEqual(excerpt('v'.repeat(MAX_QUOTED_LENGTH)), 'v'.repeat(MAX_QUOTED_LENGTH));
    assert.strictEqual(excerpt('v'.repeat(10_000_000)), `${'v'.repeat(MAX_QUOTED_LENGTH)}… (10000000 characters)`);
  });

  it('never cuts a surrogate pair in half', () => {
    const quoted = excerpt('😀'.repeat(100));
    assert.strictEqual(quoted, `${'😀'.repeat(MAX_QUOTED_LENGTH)}… (200 characters)`);
  });
});
