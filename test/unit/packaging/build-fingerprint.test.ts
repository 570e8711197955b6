// When npm test, npm start and packaging rebuild dist/ (scripts/build.js --if-stale): on any change to
// what webpack reads, and only then. A stale dist/ would be packaged and tested as if it were current.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadScript, type BuildFingerprint } from './scripts';

const { sourceFingerprint, isCurrent } = loadScript<BuildFingerprint>('build.js');

/** A pretend repository with every input scripts/build.js reads. */
function makeProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-build-'));
  const files: Record<string, string> = {
    'src/engine/tensor.ts': 'export const x = 1;\n',
    'webview/main.ts': 'export {};\n',
    'test/vscode/index.ts': 'export function run() {}\n',
    'package.json': '{"name":"gradient-inspector"}\n',
    'package-lock.json': '{}\n',
    'tsconfig.json': '{}\n',
    'webpack.config.js': 'module.exports = [];\n',
    'scripts/woff2-only-loader.js': 'module.exports = css => css;\n',
  };
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('the build fingerprint', () => {
  it('is the same for the same sources, whatever their modification times', () => {
    const root = makeProject();
    const before = sourceFingerprint(root, '');
    fs.utimesSync(path.join(root, 'src/engine/tensor.ts'), new Date(0), new Date(0));
    assert.strictEqual(sourceFingerprint(root, ''), before);
  });

  it('changes with a source byte, a new source file, the lockfile, or SUITE_GREP', () => {
    const root = makeProject();
    const before = sourceFingerprint(root, '');
    const seen = new Set([before]);
    const changes: [string, () => void][] = [
      ['a changed source', () => fs.writeFileSync(path.join(root, 'src/engine/tensor.ts'), 'export const x = 2;\n')],
      ['a new test file', () => fs.writeFileSync(path.join(root, 'test/vscode/99-new.test.ts'), '\n')],
      ['the lockfile', () => fs.writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}\n')],
    ];
    for (const [what, change] of changes) {
      change();
      const after = sourceFingerprint(root, '');
      assert.ok(!seen.has(after), `${what} left the fingerprint unchanged`);
      seen.add(after);
    }
    assert.ok(!seen.has(sourceFingerprint(root, 'theme')), 'SUITE_GREP selects other tests into the bundle');
  });

  it('counts a build as current only for the same sources and, when one is asked for, the same mode', () => {
    const last = { mode: 'development', sources: 'abc' };
    assert.strictEqual(isCurrent(last, 'abc'), true);
    assert.strictEqual(isCurrent(last, 'abc', 'development'), true);
    assert.strictEqual(isCurrent(last, 'abc', 'production'), false, 'packaging needs a production build');
    assert.strictEqual(isCurrent(last, 'abd'), false);
    assert.strictEqual(isCurrent(undefined, 'abc'), false, 'no build yet');
  });
});
