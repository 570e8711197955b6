// Drives the panel in headless Chromium through the harness and checks its behaviour: clicks,
// keyboard, highlight, theme re-render, folding, sorting, Re-run validation, exports, progress,
// errors, state restore, and no CSP violation. Usage: node test/webview-harness/verify.js [bundleDir]
'use strict';
/* global window, document -- used inside page.evaluate callbacks, which run in the page */
const assert = require('assert');
const path = require('path');
const { chromium } = require('playwright-core');
const { chromiumPath, serveHarness } = require('./serve');

const bundleDir = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'dist', 'webview'));

const report = page => page.evaluate(() => window.harness.report());
const posted = (page, type) => page.evaluate(t => window.harness.posted.filter(m => m.type === t), type);
const send = (page, message) => page.evaluate(m => window.harness.send(m), message);

async function until(page, predicate, what) {
  for (let i = 0; i < 120; i++) {
    if (await predicate()) { return; }
    await page.waitForTimeout(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function open(browser, base, query) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 820 } });
  page.on('pageerror', e => console.log(`pageerror: ${e.message}`));
  await page.goto(`${base}/?${query}`);
  await until(page, async () => (await report(page)).graph.rendered, 'the first render');
  return page;
}

const checks = [];
function check(name, body) { checks.push([name, body]); }

check('small graph: labels, click and keyboard reveal, highlight, theme re-render', async (browser, base) => {
  const page = await open(browser, base, 'theme=dark&sample=small');
  let r = await report(page);
  assert.strictEqual(r.graph.svgNodeCount, 5);
  assert.ok(r.graph.labels.includes('✓ x data -2.0000 | grad -4.0000'), r.graph.labels.join(' / '));
  assert.strictEqual(r.valuesRows, 5);
  await page.click('g.node[data-box="n2"]');
  assert.deepStrictEqual((await posted(page, 'revealNode')).map(m => m.nodeId), [2]);
  await page.focus('g.node[data-box="n3"]');
  await page.keyboard.press('Enter');
  assert.deepStrictEqual((await posted(page, 'revealNode')).map(m => m.nodeId), [2, 3]);
  await send(page, { type: 'highlight', nodeIds: [0, 4] });
  await page.waitForTimeout(100);
  const highlighted = await page.$$eval('g.node.highlighted', nodes => nodes.map(n => n.dataset.box));
  assert.deepStrictEqual(highlighted.sort(), ['n0', 'n4']);
  await page.evaluate(() => { document.body.className = 'vscode-light'; });
  await until(page, async () => (await report(page)).graph.renderCount === 2, 'the theme re-render');
  r = await report(page);
  assert.strictEqual(r.theme, 'light');
  assert.deepStrictEqual(await page.$$eval('g.node.highlighted', nodes => nodes.map(n => n.dataset.box).sort()), ['n0', 'n4']);
  assert.deepStrictEqual(await page.evaluate(() => window.harness.violations), []);
  await page.close();
});

check('600-node graph folds under the limit; clicking a group expands it', async (browser, base) => {
  const page = await open(browser, base, 'theme=dark&sample=big');
  const before = await report(page);
  assert.ok(before.graph.svgNodeCount <= 150, `svgNodeCount ${before.graph.svgNodeCount}`);
  assert.ok(before.graph.foldedNodes > 400);
  assert.match(before.graph.message, /^Folded \d+ nodes into \d+ groups \(limit 150\); click a group to expand$/);
  console.log(`  big graph: ${before.graph.svgNodeCount} boxes, rendered in ${Math.round(before.graph.renderMs)} ms`);
  const key = await page.getAttribute('g.node.folded-group >> nth=0', 'data-group');
  await page.click('g.node.folded-group >> nth=0');
  await until(page, async () => (await report(page)).graph.renderCount === 2, 'the re-render after expanding');
  const after = await report(page);
  assert.ok(after.graph.svgNodeCount > 1);
  assert.strictEqual(await page.$(`g.node[data-group="${key}"]`), null);
  assert.ok(await page.$(`g.node[data-box="n${key.slice(4)}"]`), `root of ${key} shown`);
  assert.strictEqual((await posted(page, 'revealNode')).length, 0);
  await page.close();
});

check('layered model folds by layer', async (browser, base) => {
  const page = await open(browser, base, 'theme=light&sample=layers');
  const r = await report(page);
  assert.strictEqual(r.graph.message, 'Folded 65 nodes into 13 groups (limit 150); click a group to expand');
  assert.ok(r.graph.labels.some(l => l.startsWith('⊞ /layer0 5 nodes')));
  await page.close();
});

check('ONNX model: one box per ONNX node, click reveals its output node, highlight of any member', async (browser, base) => {
  const page = await open(browser, base, 'theme=dark&sample=onnx');
  const r = await report(page);
  // 5 leaves (2 weights, 2 biases, the input), Gemm, Relu, Gemm and the L2Loss loss.
  assert.strictEqual(r.graph.svgNodeCount, 9, r.graph.labels.join(' / '));
  assert.strictEqual(r.graph.labels.filter(l => l.startsWith('Gemm ')).length, 2, r.graph.labels.join(' / '));
  assert.ok(r.graph.labels.some(l => l.startsWith('Gemm /0/Gemm data (2, 8)')), r.graph.labels.join(' / '));
  assert.ok(r.graph.labels.some(l => l.startsWith('Relu /1/Relu data (2, 8)')), r.graph.labels.join(' / '));
  assert.ok(r.graph.labels.includes('L2Loss (output) loss data 0.59227 | grad 1.0000'), r.graph.labels.join(' / '));
  assert.deepStrictEqual(await page.$$eval('g.node', nodes => nodes.map(n => n.dataset.box).sort()), ['n0', 'n1', 'n11', 'n15', 'n2', 'n3', 'n4', 'n7', 'n8']);
  await page.click('g.node[data-box="n7"]');
  assert.deepStrictEqual((await posted(page, 'revealNode')).map(m => m.nodeId), [7]);
  await send(page, { type: 'highlight', nodeIds: [5, 14] });
  await page.waitForTimeout(100);
  assert.deepStrictEqual(await page.$$eval('g.node.highlighted', nodes => nodes.map(n => n.dataset.box).sort()), ['n15', 'n7']);
  await page.close();
  const folded = await open(browser, base, 'theme=dark&sample=onnx&limit=8');
  assert.strictEqual((await report(folded)).graph.message, 'Folded 3 nodes into 1 group (limit 8); click a group to expand');
  assert.strictEqual((await report(folded)).graph.svgNodeCount, 7);
  await folded.close();
});

check('check tab: sort by header (mouse and keyboard), sweep, Re-run validation, export', async (browser, base) => {
  const page = await open(browser, base, 'theme=dark&sample=failing&tab=check');
  let r = await report(page);
  assert.strictEqual(r.activeTab, 'check');
  assert.deepStrictEqual(r.check.rows.map(x => x.status), ['FAIL', 'kink at + (node 2)', 'pass']);
  assert.ok(r.check.banner.startsWith('✗ FAILED'), r.check.banner);
  const leafHeader = '.check-view vscode-data-grid-cell[cell-type="columnheader"][grid-column="1"]';
  await page.click(leafHeader);
  r = await report(page);
  assert.deepStrictEqual(r.check.rows.map(x => x.leaf), ['x', 'y', 'z']);
  assert.strictEqual(await page.getAttribute(leafHeader, 'aria-sort'), 'ascending');
  await page.focus(leafHeader);
  await page.keyboard.press('Enter');
  r = await report(page);
  assert.deepStrictEqual(r.check.rows.map(x => x.leaf), ['z', 'y', 'x']);
  await page.click('.check-view vscode-data-grid-row[class*=status-] >> nth=0');
  await page.waitForSelector('.sweep-plot circle');
  assert.deepStrictEqual((await posted(page, 'requestSweep')).map(m => [m.leafId, m.flat]), [[3, 0]]);
  await page.fill('#check-eps input', 'abc');
  await page.click('.check-controls vscode-button');
  assert.strictEqual((await posted(page, 'rerun')).length, 0);
  assert.match(await page.textContent('#error-eps'), /eps must be a number/);
  await page.fill('#check-eps input', '1e-4');
  await page.click('.check-controls vscode-button');
  assert.deepStrictEqual(await posted(page, 'rerun'), [{ type: 'rerun', eps: 1e-4, atol: 1e-5, rtol: 1e-3, mode: 'auto' }]);
  assert.strictEqual(await page.textContent('#error-eps'), '');
  await page.click('.check-view .export-bar vscode-button >> nth=0');
  const exported = await posted(page, 'export');
  assert.strictEqual(exported[0].format, 'csv');
  assert.strictEqual(exported[0].what, 'check');
  assert.strictEqual(exported[0].destination, 'file');
  assert.ok(exported[0].content.startsWith('Leaf,Index,Analytic,Numeric,Abs error,Rel error,Status,h,Diagnosis\r\nz,'), exported[0].content);
  await page.close();
});

check('graph exports: SVG and mermaid text', async (browser, base) => {
  const page = await open(browser, base, 'theme=dark&sample=small');
  await page.click('.graph-view .export-bar vscode-button >> nth=0');
  await page.click('.graph-view .export-bar vscode-button >> nth=1');
  const exported = await posted(page, 'export');
  assert.deepStrictEqual(exported.map(m => m.format), ['svg', 'mermaid']);
  assert.ok(exported[0].content.startsWith('<svg'));
  assert.ok(exported[1].content.startsWith('flowchart LR\n'));
  await page.close();
});

check('tabs by keyboard post tabChanged and keep the state', async (browser, base) => {
  const page = await open(browser, base, 'theme=dark&sample=small');
  await page.focus('#tab-graph');
  await page.keyboard.press('ArrowRight');
  await until(page, async () => (await report(page)).activeTab === 'values', 'the values tab');
  assert.deepStrictEqual((await posted(page, 'tabChanged')).map(m => m.tab), ['values']);
  const state = await page.evaluate(() => window.harness.state());
  assert.strictEqual(state.activeTab, 'values');
  assert.strictEqual(state.inspection.title, 'lecture.py:3');
  await page.goto(`${base}/?theme=dark&restore=1`);
  await until(page, async () => (await report(page)).graph.rendered, 'the restored render');
  const r = await report(page);
  assert.strictEqual(r.activeTab, 'values');
  assert.strictEqual(r.graph.svgNodeCount, 5);
  assert.strictEqual(r.valuesRows, 5);
  await page.close();
});

check('progress, errors and malformed messages keep the last inspection on screen', async (browser, base) => {
  const page = await open(browser, base, 'theme=dark&sample=small');
  await send(page, { type: 'progress', phase: 'Checking x', done: 2, total: 6 });
  await page.waitForTimeout(100);
  assert.match(await page.textContent('.progress'), /Checking x — 2 \/ 6/);
  assert.strictEqual((await report(page)).graph.svgNodeCount, 5);
  await send(page, { type: 'error', message: "expected ')'", location: 'loss.py:3:7' });
  await page.waitForTimeout(100);
  assert.match(await page.textContent('.error-banner'), /at loss\.py:3:7.*expected '\)'/);
  assert.ok(await page.isHidden('.progress'));
  await send(page, { type: 'inspection', inspection: { title: 'broken', nodes: [] }, settings: {} });
  await send(page, { type: 'noSuchMessage' });
  await page.waitForTimeout(100);
  assert.match(await page.textContent('.error-banner'), /malformed message/);
  assert.strictEqual((await posted(page, 'webviewError')).length, 1);
  assert.strictEqual((await report(page)).graph.svgNodeCount, 5);
  await page.close();
});

async function main() {
  const server = await serveHarness(bundleDir);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  let failed = 0;
  for (const [name, body] of checks) {
    try {
      await body(browser, base);
      console.log(`ok   ${name}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name}\n  ${error.stack.split('\n').slice(0, 4).join('\n  ')}`);
    }
  }
  await browser.close();
  server.close();
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main();
