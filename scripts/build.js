#!/usr/bin/env node
// npm run build — every webpack bundle (extension for Node and web, webview, CLI, integration suite),
// then a fingerprint of what they were built from in dist/build-fingerprint.json.
//
//   node scripts/build.js [--mode production|development] [--if-stale] [--log FILE]
//
// --if-stale builds only when dist/ is not already a build of the current sources (of the mode given
// with --mode, or of either mode without it): npm test and packaging use it, so a fresh clone builds
// once and the next run builds nothing. --log sends webpack's output to FILE (its end is shown on failure).
'use strict';
const crypto = require('crypto');
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const repo = path.resolve(__dirname, '..');
const FINGERPRINT = path.join(repo, 'dist', 'build-fingerprint.json');
// Everything webpack reads from this repository, and the lockfile for what it reads from node_modules.
const INPUT_FOLDERS = ['src', 'webview', 'test/vscode'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'webpack.config.js', 'scripts/woff2-only-loader.js'];
const MODES = ['production', 'development'];

function parseArgs(argv) {
  const options = { mode: undefined, ifStale: false, log: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--if-stale') { options.ifStale = true; }
    else if (argv[i] === '--mode' && MODES.includes(argv[i + 1])) { options.mode = argv[++i]; }
    else if (argv[i] === '--log' && argv[i + 1]) { options.log = path.resolve(argv[++i]); }
    else { throw new Error(`unexpected argument ${argv[i]} (expected --mode ${MODES.join('|')}, --if-stale or --log FILE)`); }
  }
  return options;
}

function inputFiles(root) {
  const inFolders = INPUT_FOLDERS.flatMap(folder => fs.readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/')));
  return [...inFolders, ...INPUT_FILES].sort();
}

/** A hash of the inputs' names and contents, and of SUITE_GREP (it selects the suite's tests at build time). */
function sourceFingerprint(root = repo, suiteGrep = process.env.SUITE_GREP ?? '') {
  const hash = crypto.createHash('sha256').update(`${suiteGrep}\0`);
  for (const file of inputFiles(root)) {
    hash.update(`${file}\0`).update(fs.readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

/** Whether the last build (`{ mode, sources }`, or undefined) is of these sources and of the mode asked for (any, when none is). */
function isCurrent(last, sources, mode) {
  return last !== undefined && last.sources === sources && (mode ?? last.mode) === last.mode;
}

/** { mode, sources } of the last complete build, if any. */
function lastBuild() {
  try { return JSON.parse(fs.readFileSync(FINGERPRINT, 'utf8')); } catch { return undefined; }
}

const LOG_TAIL_LINES = 40;

function build(mode, log) {
  fs.rmSync(FINGERPRINT, { force: true });
  const webpack = require.resolve('webpack-cli/bin/cli.js');
  let output = 'inherit';
  if (log) {
    fs.mkdirSync(path.dirname(log), { recursive: true });
    output = fs.openSync(log, 'w');
  }
  const result = spawnSync(process.execPath, [webpack, '--mode', mode], { cwd: repo, stdio: ['ignore', output, output] });
  if (log) {
    fs.closeSync(output);
    if (result.status !== 0) { console.error(fs.readFileSync(log, 'utf8').split('\n').slice(-LOG_TAIL_LINES).join('\n')); }
  }
  return result.status ?? 1;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const sources = sourceFingerprint();
  const last = lastBuild();
  if (options.ifStale && isCurrent(last, sources, options.mode)) {
    console.log(`dist/ is a ${last.mode} build of the current sources: not rebuilt`);
    return;
  }
  const mode = options.mode ?? 'production';
  const startedAt = Date.now();
  console.log(`building dist/ (${mode})${options.log ? `, log in ${path.relative(process.cwd(), options.log)}` : ''}…`);
  const status = build(mode, options.log);
  if (status !== 0) {
    console.error(`the build failed (exit status ${status})`);
    process.exit(status);
  }
  fs.writeFileSync(FINGERPRINT, `${JSON.stringify({ mode, sources }, null, 2)}\n`);
  console.log(`built in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
}

if (require.main === module) { main(); }

module.exports = { sourceFingerprint, isCurrent };
