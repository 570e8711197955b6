// Notification text: VS Code's notifications turn [label](command:…) into a link that runs the
// command; text from a file must not form one.
import * as assert from 'assert';
import { plainNotificationText } from '../../../src/extension/notification-text';

/** The link pattern of VS Code's notification renderer (parseLinkedText), as it reads a message. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

describe('notification text', () => {
  for (const hostile of [
    "'[Trust](command:workbench.trust.manage)' (Add), node 0: shapes differ",
    '[x](https://example.com "title")',
    '[a](file:///etc/passwd) and [b](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
    'nested [[a](command:x)](command:y)',
  ]) {
    it(`forms no link: ${hostile.slice(0, 50)}`, () => {
      const text = plainNotificationText(hostile);
      assert.ok(!NOTIFICATION_LINK.test(text), text);
      assert.strictEqual(text.replace(/\] \(/g, ']('), hostile, 'only the space between ] and ( is added');
    });
  }

  it('shows control and bidi characters as escapes', () => {
    assert.strictEqual(plainNotificationText('a\u001b[2J\u202eb'), 'a\\u001b[2J\\u202eb');
  });
});
