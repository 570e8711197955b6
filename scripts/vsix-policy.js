// What the .vsix may and must hold, and how big it may be. Checked by scripts/package.js on every
// package it writes; unit-tested in test/unit/packaging/vsix-policy.test.ts.
'use strict';

/** Bytes of the whole .vsix. The Marketplace takes far more; this keeps a download small and fast. */
const MAX_VSIX_BYTES = 2_500_000;

/** Every entry must match one of these (vsce renames LICENSE to LICENSE.txt and lower-cases readme/changelog). */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/media\/icon\.(png|svg)$/,
  /^extension\/dist\/(node|web)\/extension\.js$/,
  /^extension\/dist\/webview\/(main|layout-worker)\.js(\.LICENSE\.txt)?$/,
  /^extension\/dist\/webview\/fonts\/KaTeX_[\w-]+\.woff2$/,
];

/** Entries a working, publishable extension cannot do without. */
const REQUIRED = [
  'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt',
  'extension/media/icon.png', 'extension/dist/node/extension.js', 'extension/dist/web/extension.js',
  'extension/dist/webview/main.js', 'extension/dist/webview/layout-worker.js',
];

const MANIFEST_FIELDS = ['repository', 'bugs', 'homepage', 'icon'];

/** Image sources of Markdown (`![alt](src)`) and HTML (`<img src="...">`). */
function imageSources(markdown) {
  const markdownImages = [...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)].map(match => match[1]);
  const htmlImages = [...markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map(match => match[1]);
  return [...markdownImages, ...htmlImages];
}

/** The repository's own file an image URL points at (vsce rewrites relative links to <repository>/raw/HEAD/<path>). */
function repositoryPath(url, manifest) {
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const base = typeof repository === 'string' ? repository.replace(/\.git$/, '') : undefined;
  return base && url.startsWith(`${base}/raw/HEAD/`) ? url.slice(`${base}/raw/HEAD/`.length) : undefined;
}

/**
 * Everything wrong with a package, one sentence each ([] when it is fine). `repositoryHas(path)` says
 * whether the repository holds a file, so that an image the README shows from it really exists.
 * @param {{ archiveBytes: number, entries: { name: string }[], manifest: Record<string, unknown>, readme: string,
 *           repositoryHas?: (path: string) => boolean }} vsix
 */
function vsixProblems({ archiveBytes, entries, manifest, readme, repositoryHas = () => true }) {
  const names = entries.map(entry => entry.name);
  const problems = [];
  for (const name of names.filter(entry => !ALLOWED.some(pattern => pattern.test(entry)))) {
    problems.push(`${name} is not on the allow-list (scripts/vsix-policy.js)`);
  }
  for (const name of REQUIRED.filter(required => !names.includes(required))) {
    problems.push(`${name} is missing`);
  }
  if (!names.some(name => name.endsWith('.woff2'))) { problems.push('no KaTeX woff2 font is packaged'); }
  if (archiveBytes >= MAX_VSIX_BYTES) {
    problems.push(`the package is ${archiveBytes.toLocaleString('en-US')} bytes, the limit is below ${MAX_VSIX_BYTES.toLocaleString('en-US')}`);
  }
  for (const field of MANIFEST_FIELDS.filter(key => manifest[key] === undefined)) {
    problems.push(`package.json has no "${field}"`);
  }
  for (const entryPoint of [manifest.main, manifest.browser, manifest.icon]) {
    if (typeof entryPoint === 'string' && !names.includes(`extension/${entryPoint.replace(/^\.\//, '')}`)) {
      problems.push(`package.json names ${entryPoint}, which is not packaged`);
    }
  }
  for (const source of imageSources(readme)) {
    const inRepository = repositoryPath(source, manifest);
    if (!/^https:\/\//.test(source)) {
      problems.push(`readme.md shows ${source}, which does not resolve on the Marketplace (an https URL is needed)`);
    } else if (inRepository !== undefined && !repositoryHas(inRepository)) {
      problems.push(`readme.md shows ${inRepository}, which is not in the repository`);
    }
  }
  return problems;
}

module.exports = { vsixProblems, MAX_VSIX_BYTES };
