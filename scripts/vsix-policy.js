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
  /^extension\/dist\/webview\/main\.js(\.LICENSE\.txt)?$/,
  /^extension\/dist\/webview\/fonts\/KaTeX_[\w-]+\.woff2$/,
];

/** Entries a working, publishable extension cannot do without. */
const REQUIRED = [
  'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt',
  'extension/media/icon.png', 'extension/dist/node/extension.js', 'extension/dist/web/extension.js',
  'extension/dist/webview/main.js',
];

const MANIFEST_FIELDS = ['repository', 'bugs', 'homepage', 'icon'];

/** Image sources of Markdown (`![alt](src)`) and HTML (`<img src="...">`). */
function imageSources(markdown) {
  const markdownImages = [...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)].map(match => match[1]);
  const htmlImages = [...markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map(match => match[1]);
  return [...markdownImages, ...htmlImages];
}

/**
 * Everything wrong with a package, one sentence each ([] when it is fine).
 * @param {{ archiveBytes: number, entries: { name: string }[], manifest: Record<string, unknown>, readme: string }} vsix
 */
function vsixProblems({ archiveBytes, entries, manifest, readme }) {
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
  for (const source of imageSources(readme).filter(image => !/^https:\/\//.test(image))) {
    problems.push(`readme.md shows ${source}, which does not resolve on the Marketplace (an https URL is needed)`);
  }
  return problems;
}

module.exports = { vsixProblems, MAX_VSIX_BYTES };
