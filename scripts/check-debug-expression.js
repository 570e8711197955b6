#!/usr/bin/env node
// Checks the expression Gradient Inspector evaluates in a paused Python frame (src/debug/python-value.ts)
// against real CPython + NumPy (+ PyTorch when installed), and that the test suite's fake frame
// (test/support/fake-python-frame.ts) answers exactly as they do. Needs `npm run test:unit` (or
// `tsc -p .`) first for out/, and Python 3 with NumPy: Debian's python3-numpy / python3-torch.
//   node scripts/check-debug-expression.js [--python /usr/bin/python3]
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const repo = path.resolve(__dirname, '..');
const { pythonValueExpression, parseValueAnswer } = require(path.join(repo, 'out/src/debug/python-value.js'));
const { evaluateInFakeFrame, pythonFloatRepr } = require(path.join(repo, 'out/test/support/fake-python-frame.js'));
/** A Python list literal of floats (JSON would write -0.0 as 0 and 3e20 as an integer). */
const floats = values => `[${values.map(pythonFloatRepr).join(', ')}]`;

const pythonArg = process.argv.indexOf('--python');
const python = pythonArg > 0 ? process.argv[pythonArg + 1] : '/usr/bin/python3';
const hasTorch = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;

const float64 = Array.from({ length: 4500 }, (_, i) => Math.sin(i + 1) * 10 ** ((i % 13) - 6));
const small = [1, -2.5, 1e-7, 3e20, -0, 0.1 + 0.2];
/** name → [Python source of the value, the fake frame's view of it] */
const cases = {
  n_int: ['7', { kind: 'number', value: 7 }],
  n_float: ['-0.001', { kind: 'number', value: -0.001 }],
  n_np: ['np.float32(0.5)', { kind: 'number', value: 0.5 }],
  a64: [`np.array(${floats(float64)}, dtype=np.float64).reshape(50, 90)`, { kind: 'array', module: 'numpy', dtype: 'float64', shape: [50, 90], data: float64 }],
  a_small: [`np.array(${floats(small)})`, { kind: 'array', module: 'numpy', dtype: 'float64', shape: [6], data: small }],
  a_bool: ['np.array([True, False])', { kind: 'array', module: 'numpy', dtype: 'bool', shape: [2], data: [1, 0] }],
  a_large: ['np.full((200, 100), 2.0)', { kind: 'large', module: 'numpy', dtype: 'float64', shape: [200, 100], summary: [2, 2, 2, 0] }],
  a_complex: ['np.array([1j])', undefined],
  a_object: ['np.array([1, "a"], dtype=object)', undefined],
  a_list: ['[1.0, 2.0]', { kind: 'object', type: 'builtins.list' }],
  a_sub: ['np.array([1.0]).view(type("Sub", (np.ndarray,), {}))', { kind: 'object', type: '__main__.Sub' }],
};
if (hasTorch) {
  Object.assign(cases, {
    t64: [`torch.tensor(${floats(small)}, dtype=torch.float64, requires_grad=True)`, { kind: 'array', module: 'torch', dtype: 'float64', shape: [6], data: small }],
    t_param: ['torch.nn.Parameter(torch.ones(2, 3, dtype=torch.float64))', { kind: 'array', module: 'torch', dtype: 'float64', shape: [2, 3], data: [1, 1, 1, 1, 1, 1] }],
    t_large: ['torch.arange(20000, dtype=torch.float32).reshape(100, 200)', undefined],
  });
}

const MAX = 10000;
const CHUNK = 2000;
const requests = [];
for (const name of Object.keys(cases)) {
  for (let start = 0; start < 6000; start += CHUNK) { requests.push({ name, start, count: CHUNK, maxEntries: MAX }); }
}
const program = [
  'import numpy as np', hasTorch ? 'import torch' : '',
  ...Object.entries(cases).map(([name, [source]]) => `${name} = ${source}`),
  ...requests.map(r => `print(repr(${pythonValueExpression(r)}))`),
].join('\n');
const run = spawnSync(python, ['-'], { input: program, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.status !== 0) { console.error(run.error?.message ?? run.stderr); process.exit(1); }
const answers = run.stdout.trim().split('\n');

let failures = 0;
const fail = message => { failures++; console.log(`FAIL ${message}`); };
requests.forEach((request, i) => {
  const real = answers[i];
  if (real.length >= 65536) { fail(`${request.name}@${request.start}: ${real.length} characters, above debugpy's limit`); }
  const parsed = parseValueAnswer(real);
  const fake = cases[request.name][1];
  if (fake !== undefined) {
    const expected = evaluateInFakeFrame({ [request.name]: fake }, pythonValueExpression(request));
    if (expected !== real) { fail(`${request.name}@${request.start}: the fake frame says ${expected.slice(0, 80)}, Python ${real.slice(0, 80)}`); }
  } else if (request.start === 0) {
    console.log(`${request.name}: ${JSON.stringify(parsed).slice(0, 120)}`);
  }
});
console.log(`${requests.length} answers compared (${Object.keys(cases).length} values; PyTorch ${hasTorch ? 'included' : 'not installed: skipped'}), ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
