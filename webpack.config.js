// Builds every bundle of the project: the extension for Node and for the web worker extension host,
// the webview, the CLI, and the integration suite for both hosts. Types are checked by `tsc --noEmit`
// (npm run typecheck), so ts-loader only transpiles.
// Build one bundle alone with `npx webpack --config-name <name>` (names below).
'use strict';
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');

const root = __dirname;
const dist = path.join(root, 'dist');

const typescriptRule = {
  test: /\.ts$/,
  exclude: /node_modules/,
  use: [{ loader: 'ts-loader', options: { transpileOnly: true } }],
};

/** Settings shared by every bundle; `overrides` adds the target-specific parts. */
function bundle(name, overrides, mode) {
  return {
    name,
    mode,
    context: root,
    resolve: { extensions: ['.ts', '.js'], ...overrides.resolve },
    module: { rules: [typescriptRule, ...(overrides.rules ?? [])] },
    devtool: mode === 'production' ? 'nosources-source-map' : 'source-map',
    // webpack's default is two terser compress passes; one gives nearly the same size in half the time.
    optimization: { minimizeOptions: { javascript: { compress: { passes: 1 } } } },
    performance: { hints: false },
    infrastructureLogging: { level: 'warn' },
    ...withoutKeys(overrides, ['resolve', 'rules']),
  };
}

function withoutKeys(object, keys) {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

// Stack traces in the extension host and in mocha point at the .ts sources.
const sourceMapPaths = { devtoolModuleFilenameTemplate: 'webpack://gradient-inspector/[resource-path]' };

// Some dependencies read `process.env` or `process.nextTick`; the browser hosts have no `process`.
const provideProcess = new webpack.ProvidePlugin({ process: require.resolve('process/browser') });

const browserResolve = { mainFields: ['browser', 'module', 'main'] };

function nodeExtension(mode) {
  return bundle('extension-node', {
    target: 'node20',
    entry: './src/extension/extension.ts',
    output: { path: path.join(dist, 'node'), filename: 'extension.js', library: { type: 'commonjs2' }, ...sourceMapPaths },
    externals: { vscode: 'commonjs vscode' },
  }, mode);
}

function webExtension(mode) {
  return bundle('extension-web', {
    target: 'webworker',
    entry: './src/extension/extension.ts',
    output: { path: path.join(dist, 'web'), filename: 'extension.js', library: { type: 'commonjs' }, ...sourceMapPaths },
    externals: { vscode: 'commonjs vscode' },
    resolve: browserResolve,
    plugins: [provideProcess],
  }, mode);
}

/** mermaid.core.mjs imports each diagram type lazily as ./chunks/mermaid.core/<type>-<hash>.mjs. */
function isUnusedMermaidDiagram(resource, context) {
  const diagram = /^\.\/chunks\/mermaid\.core\/(\w+[Dd]iagram|[\w-]+-definition|diagram)(-v2)?-\w+\.mjs$/.exec(resource);
  return Boolean(diagram) && /mermaid[\\/]dist$/.test(context) && diagram[1] !== 'flowDiagram';
}

function webview(mode) {
  return bundle('webview', {
    target: 'web',
    // The layout worker is a second entry: the panel fetches it and starts it from a blob: URL.
    entry: { main: './webview/main.ts', 'layout-worker': './webview/graph/layout-worker.ts' },
    output: {
      path: path.join(dist, 'webview'),
      filename: '[name].js',
      // The webview loads main.js through asWebviewUri; `auto` resolves fonts next to it from currentScript.
      publicPath: 'auto',
      // Fonts no longer emitted must not linger in dist/ and be packaged.
      clean: true,
      ...sourceMapPaths,
    },
    resolve: browserResolve,
    rules: [
      {
        test: /\.css$/,
        oneOf: [
          { test: /katex[\\/]dist[\\/]/, use: ['style-loader', 'css-loader', require.resolve('./scripts/woff2-only-loader')] },
          { use: ['style-loader', 'css-loader'] },
        ],
      },
      { test: /\.(woff2?|ttf)$/, type: 'asset/resource', generator: { filename: 'fonts/[name][ext]' } },
    ],
    plugins: [
      provideProcess,
      // mermaid loads its diagram types with dynamic imports; the webview's CSP and localResourceRoots
      // are simpler with one script file, so every chunk is merged into main.js.
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      // The panel draws flowcharts only: mermaid's other diagram types (a megabyte, cytoscape among
      // them) would be merged into main.js and shipped unused. Loading one of them would throw.
      new webpack.IgnorePlugin({ checkResource: isUnusedMermaidDiagram }),
    ],
    // Source maps of mermaid cost a third of the build time and nobody debugs mermaid here; compressing
    // mermaid's 10 MB would triple it again for a file that is only ever read from the local disk.
    devtool: mode === 'production' ? false : 'source-map',
    optimization: { minimizeOptions: { javascript: { compress: false } } },
  }, mode);
}

/** Marks the emitted CLI executable, so `bin` works straight from a clone. */
class ExecutableOutputPlugin {
  constructor(fileName) { this.fileName = fileName; }
  apply(compiler) {
    compiler.hooks.afterEmit.tap('ExecutableOutputPlugin', compilation => {
      fs.chmodSync(path.join(compilation.outputOptions.path, this.fileName), 0o755);
    });
  }
}

function cli(mode) {
  return bundle('cli', {
    target: 'node20',
    entry: './src/cli.ts',
    output: { path: dist, filename: 'cli.js', library: { type: 'commonjs2' }, ...sourceMapPaths },
    plugins: [
      new webpack.BannerPlugin({ banner: '#!/usr/bin/env node', raw: true, entryOnly: true }),
      new ExecutableOutputPlugin('cli.js'),
    ],
  }, mode);
}

/** Which host the suite is bundled for, and SUITE_GREP (environment, at build time) to run only some tests. */
function suiteConstants(host) {
  return new webpack.DefinePlugin({ SUITE_HOST: JSON.stringify(host), SUITE_GREP: JSON.stringify(process.env.SUITE_GREP ?? '') });
}

function webSuite(mode) {
  return bundle('suite-web', {
    target: 'webworker',
    entry: './test/vscode/index.ts',
    output: { path: path.join(dist, 'test', 'vscode'), filename: 'web.js', library: { type: 'commonjs' }, ...sourceMapPaths },
    externals: { vscode: 'commonjs vscode' },
    resolve: { ...browserResolve, fallback: { assert: require.resolve('assert') } },
    plugins: [provideProcess, suiteConstants('web')],
    // Test code stays readable in failure stacks.
    optimization: { minimize: false },
    // mocha's browser build probes for an optional require it never makes in a browser.
    ignoreWarnings: [{ module: /mocha[\\/]mocha\.js$/, message: /Critical dependency/ }],
  }, mode);
}

function nodeSuite(mode) {
  return bundle('suite-node', {
    target: 'node20',
    entry: './test/vscode/index.ts',
    output: { path: path.join(dist, 'test', 'vscode'), filename: 'node.js', library: { type: 'commonjs2' }, ...sourceMapPaths },
    // mocha's Node build loads its reporters and ui with dynamic requires: take it from node_modules.
    externals: { vscode: 'commonjs vscode', mocha: 'commonjs mocha' },
    plugins: [suiteConstants('node')],
    optimization: { minimize: false },
  }, mode);
}

/**
 * The suite's test-only extension (test/vscode/fake-debugpy): built into its own folder, which
 * test/run-web.js loads beside the extension under test. One bundle serves both hosts.
 */
function fakeDebugpy(mode) {
  return bundle('fake-debugpy', {
    target: 'webworker',
    entry: './test/vscode/fake-debugpy/extension.ts',
    output: { path: path.join(__dirname, 'test', 'vscode', 'fake-debugpy', 'dist'), filename: 'extension.js', library: { type: 'commonjs' } },
    externals: { vscode: 'commonjs vscode' },
    resolve: browserResolve,
    optimization: { minimize: false },
  }, mode);
}

module.exports = (_env, argv) => {
  const mode = argv.mode ?? 'production';
  return [nodeExtension, webExtension, webview, cli, webSuite, nodeSuite, fakeDebugpy].map(make => make(mode));
};
