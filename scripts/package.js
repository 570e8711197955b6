#!/usr/bin/env node
// npm run package — the production build (unless dist/ already is one of the current sources), then
// gradient-inspector-<version>.vsix written by @vscode/vsce, then checked against scripts/vsix-policy.js:
// the allow-list, the required files, the manifest's links and the size.
//
//   node scripts/package.js [--unpack DIR] [--quiet]
//
// --unpack also extracts it, as DIR/extension/… (npm test runs the integration suite on that folder).
// --quiet sends the build's and vsce's output to test-results/build.log and test-results/vsce.log.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { listEntries, readEntry } = require('./zip-archive');
const { vsixProblems } = require('./vsix-policy');

const repo = path.resolve(__dirname, '..');
const LARGEST_SHOWN = 5;

function vsixPath() {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  return path.join(repo, `${name}-${version}.vsix`);
}

/** Runs a Node script; with `log`, its output goes there and is shown only when it fails. */
function runNode(script, args, what, log) {
  let output = 'inherit';
  if (log) {
    fs.mkdirSync(path.dirname(log), { recursive: true });
    output = fs.openSync(log, 'w');
  }
  const result = spawnSync(process.execPath, [script, ...args], { cwd: repo, stdio: ['ignore', output, output] });
  if (log) {
    fs.closeSync(output);
    if (result.status !== 0) { console.error(fs.readFileSync(log, 'utf8')); }
  }
  if (result.status !== 0) { throw new Error(`${what} failed (exit status ${result.status})`); }
}

function buildAndPackage(target, quiet) {
  const logs = path.join(repo, 'test-results');
  const buildArgs = ['--if-stale', '--mode', 'production', ...(quiet ? ['--log', path.join(logs, 'build.log')] : [])];
  runNode(path.join(__dirname, 'build.js'), buildArgs, 'the production build');
  // Dependencies are bundled by webpack: no node_modules goes into the package. vsce's own
  // vscode:prepublish step finds the build current and does nothing.
  runNode(require.resolve('@vscode/vsce/vsce'), ['package', '--no-dependencies', '--out', target], 'vsce package',
    quiet ? path.join(logs, 'vsce.log') : undefined);
}

/** The problems of the .vsix at `file`, and a one-line account of what it holds. */
function inspectVsix(file) {
  const archive = fs.readFileSync(file);
  const entries = listEntries(archive, file);
  const text = name => {
    const entry = entries.find(candidate => candidate.name === name);
    return entry ? readEntry(archive, entry).toString('utf8') : '';
  };
  const manifest = JSON.parse(text('extension/package.json') || '{}');
  const repositoryHas = file => fs.existsSync(path.join(repo, file));
  const problems = vsixProblems({ archiveBytes: archive.length, entries, manifest, readme: text('extension/readme.md'), repositoryHas });
  const largest = [...entries].sort((a, b) => b.compressedSize - a.compressedSize).slice(0, LARGEST_SHOWN)
    .map(entry => `${entry.name.replace(/^extension\//, '')} ${(entry.compressedSize / 1e6).toFixed(2)} MB`);
  const summary = `${path.basename(file)}: ${entries.length} files, ${(archive.length / 1e6).toFixed(2)} MB (largest: ${largest.join(', ')})`;
  return { problems, summary };
}

/** Extracts the .vsix into `directory` (emptied first); the extension itself lands in directory/extension. */
function unpackVsix(file, directory) {
  const archive = fs.readFileSync(file);
  fs.rmSync(directory, { recursive: true, force: true });
  for (const entry of listEntries(archive, file)) {
    const target = path.resolve(directory, entry.name);
    if (path.relative(directory, target).startsWith('..')) { throw new Error(`${entry.name} would land outside ${directory}`); }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, readEntry(archive, entry));
  }
  return path.join(directory, 'extension');
}

function main() {
  const at = process.argv.indexOf('--unpack');
  const unpackTo = at >= 0 ? process.argv[at + 1] : undefined;
  if (at >= 0 && !unpackTo) { throw new Error('--unpack needs a folder'); }
  const target = vsixPath();
  buildAndPackage(target, process.argv.includes('--quiet'));
  const { problems, summary } = inspectVsix(target);
  console.log(summary);
  if (problems.length) {
    for (const problem of problems) { console.error(`package check: ${problem}`); }
    throw new Error(`${path.basename(target)} breaks ${problems.length} packaging rules`);
  }
  console.log('package check: allow-list, required files, manifest links and size all hold');
  if (unpackTo) { console.log(`unpacked: ${path.relative(process.cwd(), unpackVsix(target, path.resolve(unpackTo)))}`); }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
