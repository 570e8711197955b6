// Invisible characters shown as escapes: the one rule for terminal text, hover text and JSON.
import * as assert from 'assert';
import { controlSafeJson, visibleLine, visibleLines } from '../../../src/visible-text';

describe('visible text', () => {
  it('writes C0, DEL, C1, bidi, zero-width, BOM, separators and tag characters as \\u escapes', () => {
    assert.strictEqual(visibleLine('a\u001b[2Jb\u0007\u007f\u009b\u202e\u2066\u200b\ufeff\u2028\u2029\t\n'),
      'a\\u001b[2Jb\\u0007\\u007f\\u009b\\u202e\\u2066\\u200b\\ufeff\\u2028\\u2029\\u0009\\u000a');
    assert.strictEqual(visibleLine('tag\u{e0041}'), 'tag\\u{e0041}');
  });

  it('leaves printable text alone, Unicode letters and symbols included', () => {
    const text = 'x_1 + σ(W·x) − ∂output/∂w ≤ 1e-3 \\frac{a}{b} 日本 😀';
    assert.strictEqual(visibleLine(text), text);
  });

  it('keeps the newline of multi-line text and escapes a carriage return', () => {
    assert.strictEqual(visibleLines('one\r\ntwo\n'), 'one\\u000d\ntwo\n');
  });

  it('escapes in JSON what JSON.stringify leaves raw, and the document parses to the same value', () => {
    const value = { 'n\u009b\u202e': 'a\u2028b\u2029c\u007f\u{e0041}' };
    const json = controlSafeJson(JSON.stringify(value));
    assert.ok(!/[\u007f-\u009f\u2028\u2029\u202e\u{e0041}]/u.test(json), json);
    assert.deepStrictEqual(JSON.parse(json), value);
  });
});
