// The fuzzer's judge: each property catches what it is for, and lets a clean outcome through.
import * as assert from 'assert';
import { MAX_MESSAGE_CHARS, violations } from '../../fuzz/properties';
import { FuzzRequest, Outcome } from '../../fuzz/requests';

const TEXT: FuzzRequest = { target: 'text', text: 'x + @', language: 'math', bindings: {} };

function classes(outcome: Outcome, request: FuzzRequest = TEXT): string[] {
  return violations(request, outcome).map(v => v.class);
}

function rejected(message: string, extra: Partial<{ kind: string; range: { start: number; end: number }; expected: string }> = {}): Outcome {
  return { kind: 'rejected', error: { kind: extra.kind ?? 'syntax', message, range: 'range' in extra ? extra.range : { start: 4, end: 5 }, expected: extra.expected }, textLength: 5 };
}

describe('fuzz properties', () => {
  it('an Inspection and a located, printable InspectError hold', () => {
    assert.deepStrictEqual(classes({ kind: 'ok', notes: ['a note'] }), []);
    assert.deepStrictEqual(classes(rejected("unexpected '@'", { expected: 'an expression' })), []);
    assert.deepStrictEqual(classes(rejected('the graph is too big', { kind: 'limit', range: undefined })), []);
  });

  it('another exception, a timeout and a dead worker fail', () => {
    assert.deepStrictEqual(classes({ kind: 'crashed', name: 'RangeError', message: 'Maximum call stack size exceeded', stack: '' }), ['threw RangeError']);
    assert.deepStrictEqual(classes({ kind: 'timeout', ms: 3000 }), ['timeout']);
    assert.deepStrictEqual(classes({ kind: 'died', reason: 'out of memory' }), ['died']);
  });

  it('a range outside the text, a syntax error without a place, an empty message fail', () => {
    assert.deepStrictEqual(classes(rejected('x', { range: { start: 4, end: 6 } })), ['range outside the text']);
    assert.deepStrictEqual(classes(rejected('x', { range: { start: 3, end: 2 } })), ['range outside the text']);
    assert.deepStrictEqual(classes(rejected('x', { range: undefined })), ['error without a place']);
    assert.deepStrictEqual(classes(rejected(' ')), ['empty message']);
  });

  it('raw control characters, lone surrogates and bidi controls fail; a surrogate pair passes', () => {
    assert.deepStrictEqual(classes(rejected('bad \u001b[2J')), ['raw U+001B in a message']);
    assert.deepStrictEqual(classes(rejected('bad \ud800 x')), ['raw U+D800 in a message']);
    assert.deepStrictEqual(classes(rejected('bad \u202e')), ['raw U+202E in a message']);
    assert.deepStrictEqual(classes(rejected('line\nbreak')), ['raw U+000A in a message']);
    assert.deepStrictEqual(classes({ kind: 'ok', notes: ['tab\there'] }), ['raw U+0009 in a note']);
    assert.deepStrictEqual(classes(rejected('fine 😀', { expected: 'x\u0000' })), ['raw U+0000 in a expected']);
  });

  it('a message quoting more than the bound fails', () => {
    assert.deepStrictEqual(classes(rejected('m'.repeat(MAX_MESSAGE_CHARS))), []);
    assert.deepStrictEqual(classes(rejected('m'.repeat(MAX_MESSAGE_CHARS + 1))), ['message too long']);
  });

  it('a math span must hold the cursor and sit inside the document', () => {
    const markdown: FuzzRequest = { target: 'markdown', document: 'a $x$ b', cursor: 3 };
    assert.deepStrictEqual(classes({ kind: 'ok', notes: [], span: { start: 2, end: 5, innerStart: 3, innerEnd: 4 } }, markdown), []);
    assert.deepStrictEqual(classes({ kind: 'ok', notes: [], span: { start: 4, end: 5, innerStart: 5, innerEnd: 5 } }, markdown), ['malformed math span']);
  });
});
