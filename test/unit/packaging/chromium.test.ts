// Where the integration suite's browser comes from (scripts/chromium.js): CHROMIUM_PATH wins, and a
// wrong one is one sentence saying what to do, not a stack trace from deep inside Playwright.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadScript, type ChromiumLookup } from './scripts';

const { chromiumExecutable, ChromiumMissing } = loadScript<ChromiumLookup>('chromium.js');

describe('the Chromium lookup', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) { delete process.env.CHROMIUM_PATH; } else { process.env.CHROMIUM_PATH = saved; }
  });

  it('takes CHROMIUM_PATH when it names an existing file', () => {
    const fake = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gi-chromium-')), 'chrome');
    fs.writeFileSync(fake, '');
    process.env.CHROMIUM_PATH = fake;
    assert.strictEqual(chromiumExecutable(), fake);
  });

  it('without Chromium and without root, stops with one sentence saying what to install', () => {
    delete process.env.CHROMIUM_PATH;
    const pretend = { debianPaths: ['/nowhere/usr/bin/chromium'], canInstall: () => false };
    assert.throws(() => chromiumExecutable({ ...pretend, say: line => assert.fail(`announced an installation: ${line}`) }), (error: Error) => {
      assert.ok(error instanceof ChromiumMissing);
      assert.strictEqual(error.message, "No Chromium found: install Debian's chromium (sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome executable.");
      return true;
    });
  });

  it("finds Debian's chromium where it is installed", () => {
    delete process.env.CHROMIUM_PATH;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gi-debian-'));
    const installed = path.join(folder, 'chromium');
    fs.writeFileSync(installed, '');
    assert.strictEqual(chromiumExecutable({ debianPaths: [path.join(folder, 'missing'), installed], canInstall: () => false }), installed);
  });

  it('stops with one sentence naming a CHROMIUM_PATH that does not exist', () => {
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    assert.throws(() => chromiumExecutable(), (error: Error) => {
      assert.ok(error instanceof ChromiumMissing);
      assert.strictEqual(error.message, 'CHROMIUM_PATH=/nowhere/chromium does not exist: point it at a Chromium or Chrome executable.');
      return true;
    });
  });
});
