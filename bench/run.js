#!/usr/bin/env node
// Compiles the project (tsc, into out/) and runs the benchmarks in one Node process.
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', root], { stdio: 'inherit', cwd: root });
require(path.join(root, 'out', 'bench', 'index.js'));
