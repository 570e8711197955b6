// Inputs that broke the tools before, run through the same sandbox and properties as the fuzzer.
// The first group are the crash classes of issue 9 (stack overflow below the nesting limit,
// quadratic LaTeX, unbounded memory, identifiers echoed whole); the second, what the fuzzer found
// in the lexers and parsers.
import * as assert from 'assert';
import { FLOAT, modelBytes } from '../model/onnx-writer';
import { violations } from '../../fuzz/properties';
import { FuzzRequest } from '../../fuzz/requests';
import { Sandbox } from '../../fuzz/sandbox';
import { HOSTILE_NOTES } from '../latex/hostile-notes';

/** "Refused within a few seconds" (issue 9), on a loaded two-core machine. */
const REGRESSION_SANDBOX = { timeoutMs: 6000, memoryBytes: 2 * 1024 ** 3 };
const SCALARS = { x: 0.5, y: 2 };

function text(value: string, language: 'math' | 'python' | 'latex' | 'auto'): FuzzRequest {
  return { target: 'text', text: value, language, bindings: SCALARS };
}

function nested(open: string, inner: string, close: string, depth: number): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

const CRASH_CLASSES: [string, FuzzRequest][] = [
  ['sin( nested 800 deep (stack overflow in lowering and printing)', text(nested('sin(', 'x', ')', 800), 'math')],
  ['exp( nested 716 deep', text(nested('exp(', 'x', ')', 716), 'math')],
  ['np.exp( nested 800 deep', text(nested('np.exp(', 'x', ')', 800), 'python')],
  ['|…| nested 650 deep', text(nested('|', 'x', '|', 650), 'math')],
  ['parentheses at the parser\'s nesting limit, in every dialect', text(nested('(', 'x', ')', 999), 'math')],
  ['python parentheses at the nesting limit', text(nested('(', 'x', ')', 999), 'python')],
  ['\\frac nested 999 deep', text(nested('\\frac{1}{', 'x', '}', 999), 'latex')],
  ['a run of 20,000 adjacent letters in LaTeX (quadratic implicit products)', text('v'.repeat(20_000), 'latex')],
  ['a 2,000,001-term x+x+… chain (node limit enforced while building)', text(`x${'+x'.repeat(2_000_000)}`, 'math')],
  ['np.ones((8192, 8192)) with a few products (memory budget)', text('A = np.ones((8192, 8192))\nB = A * A\nC = B * A\n(C * A).sum()', 'python')],
  ['an ONNX input of dims [8192, 8192] (memory budget)', {
    target: 'onnx',
    bytes: modelBytes({ opset: 13, nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }], inputs: [{ name: 'x', shape: [8192, 8192], elemType: FLOAT }] }),
  }],
  ['a 10 MB identifier is not echoed whole', text('a'.repeat(10_000_000), 'python')],
  ['20,000 line separators (U+2028) in auto mode (detection rescanned ^\\s* from each; found by npm run fuzz)', text('\u2028'.repeat(20_000), 'auto')],
  ['v[None] 48 times: a view of 49 dimensions (over the rank limit; found by npm run fuzz)', text(`v${'[None]'.repeat(48)}`, 'python')],
  ['3,000 reassignments of one name (primed leaf names were found by a cubic search; found by npm run fuzz)', text('θ = 0\r'.repeat(3_000), 'math')],
];

const LEXER_AND_PARSER: [string, FuzzRequest][] = [
  ['python: a string ending in a backslash at the end of the text', text('"\\', 'python')],
  ['python: the same after other lines', text('x = 1\ny = "ab\\', 'python')],
  ['latex: a backslash before NUL, ESC, a bidi override and a lone surrogate', text('x + \\\u0000 + \\\u001b + \\\u202e + \\\ud800', 'latex')],
  ['latex: a backslash before a line break is a control space', text('x \\\n+ \\\r\n y', 'latex')],
  ['latex: a 30,000-letter command name is not echoed whole', text(`\\${'s'.repeat(30_000)}`, 'latex')],
  ['math: a 20,000-digit number is not echoed whole', text('9'.repeat(20_000), 'math')],
  ['python: 1e followed by 20,000 digits of garbage', text(`1e${'0x'.repeat(10_000)}`, 'python')],
  ['math: control characters are named, not printed', text('x + \u0007 + \u001b[2J', 'math')],
  ['values: a values line with control characters and 10,000 brackets', { target: 'values', text: `x=[[[\u001b\u202e${'['.repeat(10_000)}` }],
  ['values: a lone surrogate after a number', { target: 'values', text: 'y=5.\ud800' }],
  ['markdown: a values comment whose error points into the comment', { target: 'markdown', document: '<!-- values: x=1 y -->\n$x^2$\n', cursor: 25 }],
  ['python: byte-order mark and old Mac line endings', text('\ufeffx = 2.0\ry = x ** 3\ry', 'python')],
  ['math: 1e+ 3 is an error at the literal', text('1e+ 3', 'math')],
  ['python: a failed assert with a 10,000-character message is not echoed whole', text(`x = 1.0\nassert x < 0, "${'x+'.repeat(5_000)}"\nx`, 'python')],
  ['python: a raise with a 10,000-character message is not echoed whole', text(`x = 1.0\nraise ValueError("${'d'.repeat(10_000)}")\nx`, 'python')],
];

/** Markdown notes whose sums, nesting and definitions grow past the limits after parsing (issue 16): definitions that nested 150 levels each overflowed the stack, five nested sums never ended. */
const HOSTILE_MARKDOWN: [string, FuzzRequest][] = Object.values(HOSTILE_NOTES)
  .map(note => [`markdown: ${note.name}`, { target: 'markdown', document: note.document, cursor: note.cursor }]);

describe('fuzzing regressions', function () {
  this.timeout(60_000);
  const sandbox = new Sandbox(REGRESSION_SANDBOX);
  after(() => sandbox.close());

  async function assertHolds(request: FuzzRequest): Promise<void> {
    const found = violations(request, await sandbox.run(request));
    assert.deepStrictEqual(found.map(v => `${v.class}: ${v.detail.split('\n').slice(0, 3).join(' | ').slice(0, 400)}`), []);
  }

  describe('crash classes of issue 9 (fixed in the limits branch)', () => {
    for (const [name, request] of CRASH_CLASSES) { it(name, () => assertHolds(request)); }
  });

  describe('found by the fuzzer in the lexers and parsers', () => {
    for (const [name, request] of LEXER_AND_PARSER) { it(name, () => assertHolds(request)); }
  });

  describe('hostile LaTeX notes (sums written out, definitions expanded)', () => {
    for (const [name, request] of HOSTILE_MARKDOWN) { it(name, () => assertHolds(request)); }
  });
});
