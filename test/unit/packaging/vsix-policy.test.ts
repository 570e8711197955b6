// What a .vsix may hold: scripts/vsix-policy.js, which scripts/package.js applies to every package.
import * as assert from 'assert';
import { loadScript, type VsixPolicy } from './scripts';

const { vsixProblems, MAX_VSIX_BYTES } = loadScript<VsixPolicy>('vsix-policy.js');

const SHIPPED = [
  'extension.vsixmanifest', '[Content_Types].xml',
  'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt',
  'extension/media/icon.png', 'extension/media/icon.svg',
  'extension/dist/node/extension.js', 'extension/dist/web/extension.js',
  'extension/dist/webview/main.js', 'extension/dist/webview/main.js.LICENSE.txt', 'extension/dist/webview/layout-worker.js',
  'extension/dist/webview/fonts/KaTeX_Main-Regular.woff2',
];

const MANIFEST = {
  main: './dist/node/extension.js',
  browser: './dist/web/extension.js',
  icon: 'media/icon.png',
  repository: { type: 'git', url: 'https://github.com/gradient-inspector/gradient-inspector.git' },
  bugs: { url: 'https://github.com/gradient-inspector/gradient-inspector/issues' },
  homepage: 'https://github.com/gradient-inspector/gradient-inspector#readme',
};

const README = '# Gradient Inspector\n\n![The graph tab](https://github.com/gradient-inspector/gradient-inspector/raw/HEAD/docs/panel-graph.png)\n';

/** The repository's files that the README may show. */
const REPOSITORY_FILES = ['docs/panel-graph.png', 'docs/panel-check.png'];

function problemsWith(change: { names?: string[]; archiveBytes?: number; manifest?: Record<string, unknown>; readme?: string }): string[] {
  return vsixProblems({
    archiveBytes: change.archiveBytes ?? 2_170_000,
    entries: (change.names ?? SHIPPED).map(name => ({ name })),
    manifest: change.manifest ?? MANIFEST,
    readme: change.readme ?? README,
    repositoryHas: file => REPOSITORY_FILES.includes(file),
  });
}

describe('the .vsix policy', () => {
  it('accepts the package as it ships', () => {
    assert.deepStrictEqual(problemsWith({}), []);
  });

  it('refuses sources, tests, source maps, node_modules and non-woff2 fonts, naming each', () => {
    const extra = [
      'extension/src/engine/tensor.ts', 'extension/test/unit/fixtures.ts', 'extension/dist/node/extension.js.map',
      'extension/node_modules/katex/package.json', 'extension/dist/webview/fonts/KaTeX_Main-Regular.ttf',
      'extension/dist/webview/fonts/KaTeX_Main-Regular.woff', 'extension/dist/cli.js', 'extension/docs/panel-graph.png',
    ];
    const problems = problemsWith({ names: [...SHIPPED, ...extra] });
    assert.deepStrictEqual(problems, extra.map(name => `${name} is not on the allow-list (scripts/vsix-policy.js)`));
  });

  it('requires both entry points, the webview bundle, the icon, the changelog and a woff2 font', () => {
    const missing = ['extension/dist/web/extension.js', 'extension/media/icon.png', 'extension/changelog.md'];
    const fonts = SHIPPED.filter(name => name.endsWith('.woff2'));
    const problems = problemsWith({ names: SHIPPED.filter(name => !missing.includes(name) && !fonts.includes(name)) });
    for (const name of missing) { assert.ok(problems.includes(`${name} is missing`), `${name}: ${problems.join('; ')}`); }
    assert.ok(problems.includes('no KaTeX woff2 font is packaged'));
    assert.ok(problems.includes('package.json names ./dist/web/extension.js, which is not packaged'));
    assert.ok(problems.includes('package.json names media/icon.png, which is not packaged'));
  });

  it('holds the size below 2.5 MB, the limit itself included', () => {
    assert.strictEqual(MAX_VSIX_BYTES, 2_500_000);
    assert.deepStrictEqual(problemsWith({ archiveBytes: MAX_VSIX_BYTES - 1 }), []);
    assert.deepStrictEqual(problemsWith({ archiveBytes: MAX_VSIX_BYTES }), ['the package is 2,500,000 bytes, the limit is below 2,500,000']);
  });

  it('requires repository, bugs, homepage and icon in the manifest', () => {
    const bare = { main: MANIFEST.main, browser: MANIFEST.browser };
    assert.deepStrictEqual(problemsWith({ manifest: bare }), ['repository', 'bugs', 'homepage', 'icon'].map(field => `package.json has no "${field}"`));
  });

  it('refuses a README image from the repository that the repository does not hold', () => {
    const readme = `${README}![gone](https://github.com/gradient-inspector/gradient-inspector/raw/HEAD/docs/vscode-mlp.png)\n`;
    assert.deepStrictEqual(problemsWith({ readme }), ['readme.md shows docs/vscode-mlp.png, which is not in the repository']);
  });

  it('refuses README images that would not resolve on the Marketplace (relative, or plain http)', () => {
    const readme = `${README}![relative](docs/vscode-onnx.png)\n<img src="./docs/panel-check.png" width="400">\n![insecure](http://example.com/a.png)\n`;
    assert.deepStrictEqual(problemsWith({ readme }), [
      'readme.md shows docs/vscode-onnx.png, which does not resolve on the Marketplace (an https URL is needed)',
      'readme.md shows http://example.com/a.png, which does not resolve on the Marketplace (an https URL is needed)',
      'readme.md shows ./docs/panel-check.png, which does not resolve on the Marketplace (an https URL is needed)',
    ]);
  });
});
