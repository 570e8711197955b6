import * as assert from 'assert';
import { minimumWidthEm } from '../../../webview/views/grid';

describe('data grid minimum width', () => {
  it('sums fixed em tracks and the minimums of minmax tracks', () => {
    assert.strictEqual(minimumWidthEm('minmax(5em, 1.2fr) 6em minmax(8.5em, 1.3fr) 1fr'), 19.5);
    assert.strictEqual(minimumWidthEm('7.5em 9em minmax(8em, 1.4fr) 6em 2fr 2fr'), 30.5);
  });

  it('counts nothing for tracks without an em minimum', () => {
    assert.strictEqual(minimumWidthEm('1fr 2fr minmax(auto, 1fr) 120px'), 0);
  });
});
