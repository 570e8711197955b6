// The integration suites' one on-disk fixture that a test cannot make itself: a symbolic link in the
// opened workspace (examples/) pointing out of it, for the ONNX external-data containment test
// (test/vscode/14-external-data.test.ts). Made before the workbench starts, removed when the
// runner exits; the folder is git-ignored.
'use strict';
const fs = require('fs');
const path = require('path');

const FOLDER = '.side-file-test';

/** examples/.side-file-test/escape.bin → ../../package.json (outside examples/). */
function placeSideFileFixture(workspaceFolder) {
  const folder = path.join(workspaceFolder, FOLDER);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder);
  fs.symlinkSync(path.join('..', '..', 'package.json'), path.join(folder, 'escape.bin'));
  process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}

module.exports = { placeSideFileFixture };
