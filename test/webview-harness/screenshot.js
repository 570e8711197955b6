// Serves the harness and the webview bundle, opens them in headless Chromium, prints the panel's
// report and saves screenshots. Usage:
//   node test/webview-harness/screenshot.js [bundleDir] [outDir]
// bundleDir defaults to dist/webview (built by `npx webpack --mode development --config-name webview`).
'use strict';
/* global window -- used inside page.evaluate callbacks, which run in the page */
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { chromiumPath, serveHarness } = require('./serve');

const root = path.resolve(__dirname, '..', '..');
const bundleDir = path.resolve(process.argv[2] || path.join(root, 'dist', 'webview'));
const outDir = path.resolve(process.argv[3] || '/tmp/gi-shots');

async function waitForGraph(page, minRenders = 1) {
  await page.waitForFunction(async n => {
    const report = await window.harness.report();
    return report.graph.renderCount >= n && report.graph.rendered;
  }, minRenders, { timeout: 60000, polling: 500 });
}

async function shot(browser, base, name, query, action) {
  const height = name.startsWith('check') ? 840 : name.startsWith('graph') ? 460 : 820;
  const page = await browser.newPage({ viewport: { width: 1100, height } });
  const problems = [];
  page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') { problems.push(`${m.type()}: ${m.text()}`); } });
  page.on('pageerror', e => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${base}/?${query}`);
  await page.waitForFunction(() => window.harness && window.harness.posted.some(m => m.type === 'ready'));
  if (action) {
    await action(page);
  }
  const report = await page.evaluate(() => window.harness.report());
  const webviewErrors = await page.evaluate(() => window.harness.posted.filter(m => m.type === 'webviewError'));
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: false });
  console.log(JSON.stringify({ name, report: { ...report, graph: { ...report.graph, labels: report.graph.labels.slice(0, 6) } }, webviewErrors, problems: problems.slice(0, 10) }, null, 1));
  await page.close();
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const server = await serveHarness(bundleDir);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  const only = process.env.SHOTS ? process.env.SHOTS.split(',') : undefined;
  const shots = [
    ['graph-light', 'theme=light&sample=small', waitForGraph],
    ['graph-dark', 'theme=dark&sample=small', waitForGraph],
    ['check-light', 'theme=light&sample=small&tab=check', async page => {
      await waitForGraph(page);
      await page.click('.check-view vscode-data-grid-row[class*=status-] >> nth=0');
      await page.waitForSelector('.sweep-plot');
    }],
    ['check-dark', 'theme=dark&sample=failing&tab=check', async page => {
      await waitForGraph(page);
      await page.click('.check-view vscode-data-grid-row[class*=status-] >> nth=1');
      await page.waitForSelector('.sweep-plot');
    }],
    ['big-dark', 'theme=dark&sample=big', waitForGraph],
    ['graph-hc', 'theme=high-contrast&sample=failing', waitForGraph],
    ['layers-light', 'theme=light&sample=layers', waitForGraph],
    ['onnx-dark', 'theme=dark&sample=onnx', waitForGraph],
    ['values-dark', 'theme=dark&sample=small&tab=values', waitForGraph],
    ['memory-light', 'theme=light&sample=small&tab=memory', waitForGraph],
    ['derivatives-light', 'theme=light&sample=small&tab=derivatives', waitForGraph],
  ];
  for (const [name, query, action] of shots) {
    if (!only || only.includes(name)) {
      await shot(browser, base, name, query, action);
    }
  }
  await browser.close();
  server.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
