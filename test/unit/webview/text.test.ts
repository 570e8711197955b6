import * as assert from 'assert';
import { nextSort, sortEntries } from '../../../webview/check-sort';
import { toCsv, toMarkdown } from '../../../webview/export-text';
import { describeTensor, formatBytes, formatNumber, formatTolerance, summarizeTensor } from '../../../webview/format';
import { parseRerun } from '../../../webview/rerun-form';
import { checkTable, valuesTable } from '../../../webview/tables';
import type { WireCheckEntry } from '../../../src/protocol';
import { lectureInspection } from './sample';

function entry(leaf: string, flat: number, absError: number | null, status: WireCheckEntry['status']): WireCheckEntry {
  return { leaf, leafId: 0, index: [flat], flat, analytic: 1, numeric: 1, absError, relError: absError, status };
}

describe('webview text formatting', () => {
  it('formats numbers with significant digits', () => {
    assert.strictEqual(formatNumber(-4, 5), '-4.0000');
    assert.strictEqual(formatNumber(-12, 5), '-12.000');
    assert.strictEqual(formatNumber(3.1e-10, 3), '3.10e-10');
    assert.strictEqual(formatNumber(123456789, 4), '1.235e+8');
    assert.strictEqual(formatNumber(0, 3), '0.00');
    assert.strictEqual(formatNumber(null, 3), 'non-finite');
    assert.strictEqual(formatTolerance(1e-6), '1e-6');
    assert.strictEqual(formatTolerance(0.01), '0.01');
  });

  it('shows small tensors in full and big ones as a summary', () => {
    const small = { shape: [2, 2], size: 4, data: [1, 2, 3, 4], min: 1, max: 4, mean: 2.5, norm: Math.sqrt(30), nonFinite: 0 };
    assert.strictEqual(describeTensor(small, 2), '[[1.0, 2.0], [3.0, 4.0]]');
    assert.strictEqual(summarizeTensor(small, 3), '(2, 2) ‖·‖=5.48');
    const big = { shape: [13], size: 13, min: -1, max: 2, mean: 0.5, norm: 3, nonFinite: 1 };
    assert.strictEqual(describeTensor(big, 2), '(13,) ‖·‖=3.0 (1 non-finite); min -1.0, mean 0.50, max 2.0');
  });

  it('formats bytes in binary units', () => {
    assert.strictEqual(formatBytes(24), '24 B');
    assert.strictEqual(formatBytes(1536), '1.50 KiB');
    assert.strictEqual(formatBytes(3 * 1024 ** 3), '3.00 GiB');
  });

  it('writes CSV with quoting and Markdown with escaped pipes', () => {
    const table = { headers: ['a', 'b'], rows: [['x, y', 'say "hi"'], ['|p|', 'q']] };
    assert.strictEqual(toCsv(table), 'a,b\r\n"x, y","say ""hi"""\r\n|p|,q\r\n');
    assert.strictEqual(toMarkdown(table), '| a | b |\n| --- | --- |\n| x, y | say "hi" |\n| \\|p\\| | q |\n');
  });

  it('exports names from a file as text: no spreadsheet formula in CSV, no HTML in Markdown', () => {
    const table = { headers: ['leaf', 'value'], rows: [['=HYPERLINK("http://x")', '-0.5'], ['-1+cmd|\' /C calc\'!A0', '-1e-3'], ['@SUM(A1)', '+Inf'], ['<img src=x onerror=f()>', 'NaN']] };
    assert.strictEqual(toCsv(table), 'leaf,value\r\n"\'=HYPERLINK(""http://x"")",-0.5\r\n\'-1+cmd|\' /C calc\'!A0,-1e-3\r\n\'@SUM(A1),+Inf\r\n<img src=x onerror=f()>,NaN\r\n');
    assert.ok(toMarkdown(table).includes('| &lt;img src=x onerror=f()> | NaN |'), toMarkdown(table));
  });

  it('builds the values table in topological order', () => {
    const inspection = lectureInspection();
    inspection.nodes[4].source = '(x + y) * z';
    const table = valuesTable(inspection, 5);
    assert.deepStrictEqual(table.rows.map(r => r[0]), ['0', '1', '2', '3', '4 (output)']);
    assert.deepStrictEqual(table.rows[4], ['4 (output)', '*', '(x + y) * z', '()', '-12.000', '1.0000']);
    assert.deepStrictEqual(table.rows[0].slice(1, 2), ['leaf x']);
  });

  it('names the kink node in the status column', () => {
    const inspection = lectureInspection();
    const kink = { ...entry('x', 0, 1e-3, 'kink'), kinkNode: 2 };
    assert.strictEqual(checkTable([kink], inspection, 3).rows[0][6], 'kink at + (node 2)');
    assert.strictEqual(checkTable([entry('x', 0, 1, 'fail')], inspection, 3).rows[0][6], 'FAIL');
  });

  it('sorts check rows stably, non-finite errors as the worst', () => {
    const rows = [entry('b', 0, 1e-3, 'pass'), entry('a', 1, null, 'fail'), entry('a', 0, 1e-9, 'pass'), entry('c', 0, 1e-3, 'kink')];
    const byError = sortEntries(rows, nextSort(undefined, 'absError'));
    assert.deepStrictEqual(byError.map(e => `${e.leaf}${e.flat}`), ['a1', 'b0', 'c0', 'a0']);
    const ascending = sortEntries(rows, nextSort(nextSort(undefined, 'absError'), 'absError'));
    assert.deepStrictEqual(ascending.map(e => `${e.leaf}${e.flat}`), ['a0', 'b0', 'c0', 'a1']);
    assert.deepStrictEqual(sortEntries(rows, nextSort(undefined, 'leaf')).map(e => `${e.leaf}${e.flat}`), ['a0', 'a1', 'b0', 'c0']);
    assert.deepStrictEqual(sortEntries(rows, undefined), rows);
  });

  it('validates the Re-run fields', () => {
    const choices = { reference: 'central', precision: 'none' };
    assert.deepStrictEqual(parseRerun({ eps: ' 1e-6 ', atol: '0', rtol: '1e-5', mode: 'fast', ...choices }),
      { ok: true, eps: 1e-6, atol: 0, rtol: 1e-5, mode: 'fast', reference: 'central', precision: 'none' });
    const bad = parseRerun({ eps: '0', atol: '-1', rtol: 'abc', mode: 'slow', ...choices });
    assert.strictEqual(bad.ok, false);
    if (!bad.ok) {
      assert.deepStrictEqual(Object.keys(bad.errors).sort(), ['atol', 'eps', 'mode', 'rtol']);
    }
    assert.strictEqual(parseRerun({ eps: 'Infinity', atol: '0', rtol: '0', mode: 'auto', ...choices }).ok, false);
    assert.strictEqual(parseRerun({ eps: '1e-400', atol: '0', rtol: '0', mode: 'auto', ...choices }).ok, false);
  });

  it('passes the reference and precision dropdowns through, and names a choice it does not know', () => {
    const fields = { eps: '1e-6', atol: '1e-5', rtol: '1e-3', mode: 'auto' };
    const complex = parseRerun({ ...fields, reference: 'complex', precision: 'bfloat16' });
    assert.deepStrictEqual(complex, { ok: true, eps: 1e-6, atol: 1e-5, rtol: 1e-3, mode: 'auto', reference: 'complex', precision: 'bfloat16' });
    const unknown = parseRerun({ ...fields, reference: 'forward', precision: 'float8' });
    assert.deepStrictEqual(unknown, { ok: false, errors: {
      reference: 'reference must be central, richardson or complex',
      precision: 'precision must be none, float32, bfloat16 or float16',
    } });
    // An empty dropdown (nothing chosen yet) is not a silent default.
    assert.strictEqual(parseRerun({ ...fields, reference: '', precision: 'none' }).ok, false);
  });
});
