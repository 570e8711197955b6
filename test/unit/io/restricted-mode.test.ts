// The manifest's Restricted Mode declaration: limited support, said in words, and the settings a
// repository's workspace settings must not be able to raise.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));

describe('Restricted Mode (package.json capabilities.untrustedWorkspaces)', () => {
  const trust = manifest.capabilities.untrustedWorkspaces;

  it('is limited support, and the description says what is limited', () => {
    assert.strictEqual(trust.supported, 'limited');
    assert.match(trust.description, /external data/);
    assert.match(trust.description, /trusted/);
  });

  it('keeps the node and memory limits, the check\'s size and how much is read from a debugger out of a workspace\'s reach', () => {
    assert.deepStrictEqual([...trust.restrictedConfigurations].sort(), [
      'gradientInspector.debug.maxEntries',
      'gradientInspector.fastThreshold',
      'gradientInspector.hover.maxNodes',
      'gradientInspector.limits.maxNodes',
      'gradientInspector.limits.memoryMiB',
      'gradientInspector.maxGraphNodes',
      'gradientInspector.mode',
    ]);
  });
});
