#!/usr/bin/env node
// npm run bench:webview — the graph tab's drawing against mermaid's, in headless Chromium (Debian's
// chromium, found as test/run-web.js finds it). Bundles bench/webview/page.ts with the panel's
// webpack settings, serves it on localhost, and for graphs of 100, 300, 1,000 and 3,000 boxes
// prints one JSON line: {"name","boxes","ours_ms","peer_ms","ratio"}, medians of RUNS runs, where
// ours is the panel's worker layout and SVG drawing, and the peer mermaid's own render() of the same
// flowchart text in the same page, both to an interactive drawing (SVG in the page, next frame).
// Then the time to the first drawing of the model of 10⁵ engine nodes, folded, without peer.
//
//   node bench/webview/run.js [--sizes 100,300,1000,3000] [--runs 3] [--peer-timeout SECONDS] [--deep-blocks 3400]
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const webpack = require('webpack');
const { chromiumExecutable } = require('../../scripts/chromium');

const root = path.resolve(__dirname, '..', '..');
const outDir = path.join(root, 'test-results', 'bench-webview');

function parseArgs(argv) {
  const options = { sizes: [100, 300, 1000, 3000], runs: 3, peerTimeout: 300, deepBlocks: 3400 };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--sizes') { options.sizes = value.split(',').map(Number); }
    else if (key === '--runs') { options.runs = Number(value); }
    else if (key === '--peer-timeout') { options.peerTimeout = Number(value); }
    else if (key === '--deep-blocks') { options.deepBlocks = Number(value); }
    else { throw new Error(`unexpected argument ${key} (expected --sizes, --runs, --peer-timeout or --deep-blocks)`); }
  }
  if (!options.sizes.every(n => Number.isInteger(n) && n > 1) || !(options.runs >= 1) || !(Number.isInteger(options.deepBlocks) && options.deepBlocks >= 1)) {
    throw new Error('--sizes takes box counts above 1, --runs and --deep-blocks positive counts');
  }
  return options;
}

/** The panel's webview bundle settings, with the benchmark page as the entry beside the layout worker. */
function bundle() {
  const configs = require(path.join(root, 'webpack.config.js'))({}, { mode: 'production' });
  const webviewConfig = configs.find(config => config.name === 'webview');
  const config = {
    ...webviewConfig,
    name: 'bench-webview',
    entry: { page: './bench/webview/page.ts', 'layout-worker': './webview/graph/layout-worker.ts' },
    output: { ...webviewConfig.output, path: outDir },
    devtool: false,
  };
  return new Promise((resolve, reject) => webpack(config, (error, stats) => {
    if (error || stats.hasErrors()) { reject(error ?? new Error(stats.toString('errors-only'))); return; }
    fs.writeFileSync(path.join(outDir, 'index.html'), '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><script src="page.js"></script></body></html>');
    resolve();
  }));
}

function serve() {
  const server = http.createServer((request, response) => {
    const name = path.basename(new URL(request.url, 'http://localhost').pathname) || 'index.html';
    const file = path.join(outDir, name);
    if (!fs.existsSync(file)) { response.writeHead(404).end(); return; }
    response.writeHead(200, { 'content-type': name.endsWith('.html') ? 'text/html' : 'text/javascript' }).end(fs.readFileSync(file));
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timed(page, which, boxes, timeoutMs) {
  const run = page.evaluate(([name, n]) => globalThis.bench[name](n), [which, boxes]);
  let timer;
  const deadline = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`over ${timeoutMs / 1000} s`)), timeoutMs); });
  try { return await Promise.race([run, deadline]); } finally { clearTimeout(timer); }
}

/**
 * Time to the first drawing of the model of 10⁵ engine nodes, folded (limit 1,000 boxes). No
 * peer: mermaid is measured up to 3,000 boxes above, and nothing else here draws 10⁵ nodes.
 */
async function foldedModel(browser, server, options) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  await page.waitForFunction(() => globalThis.bench !== undefined);
  const runs = [];
  let drawn;
  for (let i = 0; i < options.runs; i++) {
    drawn = await timed(page, 'folded', options.deepBlocks, 300_000);
    if (drawn.place !== 'worker') { throw new Error(`the layout ran on the ${drawn.place}, not in the worker`); }
    runs.push(drawn.ms);
  }
  console.log(JSON.stringify({
    name: `folded-model-${drawn.nodes}-nodes`, nodes: drawn.nodes, boxes: drawn.boxes, ours_ms: Math.round(median(runs)), peer_ms: null, ratio: null,
    peer_error: 'no peer draws a graph of 10⁵ nodes (mermaid is measured up to 3,000 boxes above)',
  }));
  await page.close();
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  await bundle();
  const server = await serve();
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  try {
    for (const boxes of options.sizes) {
      // A fresh page per size: mermaid's and our leftovers do not tax the next measurement.
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
      await page.waitForFunction(() => globalThis.bench !== undefined);
      await timed(page, 'ours', boxes, 60_000);
      const oursRuns = [];
      for (let i = 0; i < options.runs; i++) {
        const result = await timed(page, 'ours', boxes, 60_000);
        if (result.boxes !== boxes) { throw new Error(`ours drew ${result.boxes} boxes of ${boxes}`); }
        if (result.place !== 'worker') { throw new Error(`the layout ran on the ${result.place}, not in the worker`); }
        oursRuns.push(result.ms);
      }
      const peerRuns = [];
      let peerError;
      for (let i = 0; i < options.runs && peerError === undefined; i++) {
        try {
          const result = await timed(page, 'peer', boxes, options.peerTimeout * 1000);
          if (result.boxes !== boxes) { throw new Error(`mermaid drew ${result.boxes} boxes of ${boxes}`); }
          peerRuns.push(result.ms);
        } catch (error) {
          peerError = error.message.split('\n')[0];
        }
      }
      const oursMs = median(oursRuns);
      const peerMs = peerRuns.length > 0 ? median(peerRuns) : null;
      const line = { name: `residual-stack-${boxes}`, boxes, ours_ms: Math.round(oursMs), peer_ms: peerMs === null ? null : Math.round(peerMs), ratio: peerMs === null ? null : Number((oursMs / peerMs).toFixed(4)) };
      if (peerError !== undefined) { line.peer_error = peerError; }
      console.log(JSON.stringify(line));
      await page.close();
    }
    await foldedModel(browser, server, options);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch(error => {
  console.error(`bench:webview: ${error.message}`);
  process.exit(1);
});
