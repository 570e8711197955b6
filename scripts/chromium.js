// The Chromium that drives the real-workbench tests and renders the icon: CHROMIUM_PATH when set, else
// Debian's `chromium`. When it is missing and this process runs as root with apt-get available, it is
// installed from Debian's archive; anywhere else the caller gets one sentence saying what to install.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');

const DEBIAN_CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

class ChromiumMissing extends Error {}

function installedChromium(debianPaths) {
  return debianPaths.find(candidate => fs.existsSync(candidate));
}

function canInstallWithApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** apt-get's own output goes to `log` (a file descriptor, or 'ignore'), not to the test output. */
function installWithApt(log, say) {
  say("Chromium is missing: installing Debian's chromium with apt-get (root, about a minute).");
  const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, { env: environment, stdio: ['ignore', log, log] });
    if (result.status !== 0) { throw new ChromiumMissing(`apt-get ${args.join(' ')} failed (exit status ${result.status}): install chromium by hand, or set CHROMIUM_PATH`); }
  }
}

/**
 * The executable to launch; throws ChromiumMissing with the sentence to show when there is none.
 * `say` shows the one line announcing an installation; `log` takes apt-get's output. `debianPaths`
 * and `canInstall` describe the machine (tests pretend another one).
 */
function chromiumExecutable({ log = 'ignore', say = console.log, debianPaths = DEBIAN_CHROMIUM, canInstall = canInstallWithApt } = {}) {
  const named = process.env.CHROMIUM_PATH;
  if (named) {
    if (!fs.existsSync(named)) { throw new ChromiumMissing(`CHROMIUM_PATH=${named} does not exist: point it at a Chromium or Chrome executable.`); }
    return named;
  }
  const found = installedChromium(debianPaths);
  if (found) { return found; }
  if (!canInstall()) {
    throw new ChromiumMissing('No Chromium found: install Debian\'s chromium (sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome executable.');
  }
  installWithApt(log, say);
  const installed = installedChromium(debianPaths);
  if (!installed) { throw new ChromiumMissing(`apt-get installed chromium, but none is at ${debianPaths.join(' or ')}: set CHROMIUM_PATH`); }
  return installed;
}

module.exports = { chromiumExecutable, ChromiumMissing };
