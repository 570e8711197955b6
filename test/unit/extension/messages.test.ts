import * as assert from 'assert';
import { shiftAnchor } from '../../../src/extension/anchor';
import { parseFromWebview } from '../../../src/extension/panel-messages';

describe('parseFromWebview', () => {
  it('accepts well-formed messages of every type', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepStrictEqual(parseFromWebview({ type: 'revealNode', nodeId: 3 }), { type: 'revealNode', nodeId: 3 });
    assert.deepStrictEqual(parseFromWebview({ type: 'rerun', eps: 1e-4, atol: 0, rtol: 1e-3, mode: 'full', extra: 1 }),
      { type: 'rerun', eps: 1e-4, atol: 0, rtol: 1e-3, mode: 'full' });
    assert.deepStrictEqual(parseFromWebview({ type: 'requestSweep', leafId: 0, flat: 5 }), { type: 'requestSweep', leafId: 0, flat: 5 });
    assert.deepStrictEqual(parseFromWebview({ type: 'export', format: 'csv', what: 'check', content: 'a,b', destination: 'clipboard' }),
      { type: 'export', format: 'csv', what: 'check', content: 'a,b', destination: 'clipboard' });
    assert.deepStrictEqual(parseFromWebview({ type: 'tabChanged', tab: 'memory' }), { type: 'tabChanged', tab: 'memory' });
    assert.deepStrictEqual(parseFromWebview({ type: 'revealClaim', index: 1 }), { type: 'revealClaim', index: 1 });
  });

  it('rejects unknown types and wrong field types', () => {
    for (const bad of [
      null, 'ready', [], { type: 'hello' }, { type: 'revealNode', nodeId: -1 }, { type: 'revealNode', nodeId: '2' },
      { type: 'rerun', eps: 0, atol: 0, rtol: 0, mode: 'full' }, { type: 'rerun', eps: 1e-6, atol: 1e-5, rtol: 1e-3, mode: 'slow' },
      { type: 'requestSweep', leafId: 1.5, flat: 0 }, { type: 'export', format: 'pdf', what: 'x', content: '', destination: 'file' },
      { type: 'export', format: 'svg', what: 'x', content: '', destination: 'disk' }, { type: 'tabChanged', tab: 'nope' },
      { type: 'revealClaim', index: -1 }, { type: 'revealClaim', index: 0.5 }, { type: 'revealClaim' },
    ]) {
      assert.strictEqual(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('shiftAnchor', () => {
  it('shifts after an edit before it, stretches with an edit inside, stays with an edit after', () => {
    const a = { start: 10, end: 20 };
    shiftAnchor(a, { rangeOffset: 0, rangeLength: 2, text: 'abcde' });
    assert.deepStrictEqual(a, { start: 13, end: 23 });
    shiftAnchor(a, { rangeOffset: 15, rangeLength: 1, text: '' });
    assert.deepStrictEqual(a, { start: 13, end: 22 });
    shiftAnchor(a, { rangeOffset: 30, rangeLength: 4, text: 'x' });
    assert.deepStrictEqual(a, { start: 13, end: 22 });
  });

  it('keeps a cursor anchor empty and inside a replaced range moves it to the replacement', () => {
    const cursor = { start: 8, end: 8 };
    shiftAnchor(cursor, { rangeOffset: 5, rangeLength: 6, text: 'ab' });
    assert.deepStrictEqual(cursor, { start: 5, end: 5 });
  });
});

describe('parseFromWebview: the Re-run reference and precision', () => {
  const rerun = { type: 'rerun', eps: 1e-6, atol: 1e-5, rtol: 1e-3, mode: 'auto' };

  it('passes a known reference and precision on, and leaves them out when an older panel sends none', () => {
    assert.deepStrictEqual(parseFromWebview({ ...rerun, reference: 'complex', precision: 'float16' }), { ...rerun, reference: 'complex', precision: 'float16' });
    assert.deepStrictEqual(parseFromWebview(rerun), rerun);
  });

  it('refuses an unknown reference or precision rather than checking with a default', () => {
    for (const bad of [{ reference: 'forward' }, { precision: 'float8' }, { reference: 3 }, { precision: null }]) {
      assert.strictEqual(parseFromWebview({ ...rerun, ...bad }), undefined, JSON.stringify(bad));
    }
  });
});
