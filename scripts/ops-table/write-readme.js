#!/usr/bin/env node
// npm run ops-table — rewrites the README's ONNX operator table from the converter registry (after
// `tsc -p .` compiled src/model/ops-table.ts into out/). Prints whether the table changed.
'use strict';
const fs = require('fs');
const path = require('path');

const repo = path.resolve(__dirname, '..', '..');
const { operatorTable, withOperatorTable } = require(path.join(repo, 'out', 'src', 'model', 'ops-table.js'));

const readmePath = path.join(repo, 'README.md');
const before = fs.readFileSync(readmePath, 'utf8');
const after = withOperatorTable(before, operatorTable());
if (after === before) {
  console.log('README.md: the operator table is current');
} else {
  fs.writeFileSync(readmePath, after);
  console.log('README.md: the operator table was rewritten');
}
