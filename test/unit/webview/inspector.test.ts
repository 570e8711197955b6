import * as assert from 'assert';
import type { WireInspection, WireTensor } from '../../../src/protocol';
import { tensorDistribution } from '../../../src/wire-distribution';
import { DIVERGING_RAMP, readableText, SEQUENTIAL_RAMP } from '../../../webview/colour-scale';
import { heatmapGrid, heatmapSvg } from '../../../webview/heatmap';
import { histogramBin, histogramSvg } from '../../../webview/histogram';
import { inspectNode, knownEntries } from '../../../webview/inspector-model';
import { validateMessage } from '../../../webview/messages';
import { lectureInspection } from './sample';

function matrix(rows: number, columns: number, data: number[]): WireTensor {
  return {
    shape: [rows, columns], size: data.length, data, min: Math.min(...data), max: Math.max(...data),
    mean: data.reduce((a, b) => a + b, 0) / data.length, norm: Math.hypot(...data), nonFinite: 0, distribution: tensorDistribution(data),
  };
}

/** The lecture with x replaced by a 3×2 weight W whose check has one failing and one kink entry. */
function weightInspection(): WireInspection {
  const inspection = lectureInspection();
  inspection.nodes[0] = {
    ...inspection.nodes[0], name: 'W', label: 'W', source: 'W', checkStatus: 'fail',
    value: matrix(3, 2, [0.2, -0.5, 0.8, 0.1, -0.3, 0.7]), grad: matrix(3, 2, [1, -2, 0, 0.5, -0.25, 3]),
  };
  const entry = (flat: number, numeric: number, status: 'pass' | 'fail' | 'kink') => {
    const analytic = [1, -2, 0, 0.5, -0.25, 3][flat];
    return {
      leaf: 'W', leafId: 0, index: [Math.floor(flat / 2), flat % 2], flat, analytic, numeric,
      absError: Math.abs(analytic - numeric), relError: Math.abs(analytic - numeric) / Math.abs(numeric), status,
    };
  };
  inspection.check = {
    passed: false, mode: 'full', eps: 1e-6, atol: 1e-5, rtol: 1e-3, maxAbsError: 1, maxRelError: 0.5, totalEntries: 6,
    counts: { pass: 4, fail: 1, kink: 1 },
    entries: [entry(5, 2, 'fail'), entry(2, 0.5, 'kink'), entry(0, 1, 'pass'), entry(1, -2, 'pass'), entry(3, 0.5, 'pass')],
    entriesOmitted: 1, evaluations: 12, cancelled: false,
  };
  return inspection;
}

describe('node inspector', () => {
  it('gives a checked leaf its value, gradient, numeric gradient and error, with the check\'s marks', () => {
    const inspected = inspectNode(weightInspection(), 0);
    assert.ok(inspected);
    assert.deepStrictEqual(inspected.sections.map(s => s.name), ['value', 'gradient', 'numeric gradient', 'error']);
    const [value, gradient, numeric, error] = inspected.sections;
    assert.deepStrictEqual(value.data, [0.2, -0.5, 0.8, 0.1, -0.3, 0.7]);
    assert.strictEqual(value.marks.size, 0);
    assert.deepStrictEqual([...gradient.marks], [[5, 'fail'], [2, 'kink']]);
    // The row of entry 4 was not sent (entriesOmitted): not checked as far as the panel knows.
    assert.deepStrictEqual(numeric.data, [1, -2, 0.5, 0.5, null, 2]);
    assert.strictEqual(knownEntries(numeric), 5);
    assert.deepStrictEqual(error.data, [0, 0, 0.5, 0, null, 1]);
    assert.strictEqual(error.scale, 'magnitude');
    assert.strictEqual(error.max, 1);
    assert.strictEqual(inspectNode(weightInspection(), 2)?.sections.length, 2, 'an op node has value and gradient only');
    assert.strictEqual(inspectNode(weightInspection(), 99), undefined);
  });

  it('draws a 3×2 matrix as six coloured cells with their numbers, the failing entry outlined', () => {
    const inspected = inspectNode(weightInspection(), 0);
    const gradient = inspected?.sections[1];
    assert.ok(gradient?.data);
    const map = heatmapSvg({ data: gradient.data, shape: gradient.shape, scale: 'signed', marks: gradient.marks, selected: 5, numbers: String });
    assert.strictEqual(map.rows, 3);
    assert.strictEqual(map.columns, 2);
    assert.strictEqual(map.limit, 3);
    assert.strictEqual((map.svg.match(/class="heatmap-cell"/g) ?? []).length, 6);
    const numbers = [...map.svg.matchAll(/<text class="heatmap-number"[^>]*>([^<]*)<\/text>/g)].map(m => m[1]);
    assert.deepStrictEqual(numbers, ['1', '-2', '0', '0.5', '-0.25', '3']);
    // 3 is the largest: saturated red; 0 is white; the text on each is the readable one.
    assert.ok(map.svg.includes(`data-flat="5" x="72" y="52" width="72" height="26" fill="${DIVERGING_RAMP[6]}"`), map.svg);
    assert.ok(map.svg.includes(`data-flat="2" x="0" y="26" width="72" height="26" fill="#f7f7f7"`));
    assert.ok(map.svg.includes(`fill="${readableText(DIVERGING_RAMP[6])}" text-anchor="middle" dominant-baseline="central">3<`));
    assert.ok(/class="heatmap-fail" data-flat="5"/.test(map.svg));
    assert.ok(/class="heatmap-kink" data-flat="2"/.test(map.svg));
    assert.ok(/class="heatmap-selected" data-flat="5"/.test(map.svg));
  });

  it('hatches entries without a number and scales errors from 0', () => {
    const map = heatmapSvg({ data: [0, null, 2, 1], shape: [4], scale: 'magnitude' });
    assert.deepStrictEqual([map.rows, map.columns], [1, 4]);
    assert.ok(map.svg.includes('data-flat="1" x="14" y="0" width="14" height="14" fill="url(#heatmap-hatch)"'));
    assert.ok(map.svg.includes(`data-flat="0" x="0" y="0" width="14" height="14" fill="${SEQUENTIAL_RAMP[0]}"`));
    assert.ok(map.svg.includes(`data-flat="2" x="28" y="0" width="14" height="14" fill="${SEQUENTIAL_RAMP[5]}"`));
    assert.ok(!map.svg.includes('<text'));
    assert.deepStrictEqual(heatmapGrid([2, 3, 4]), { rows: 6, columns: 4 });
    assert.deepStrictEqual(heatmapGrid([]), { rows: 1, columns: 1 });
  });

  it('draws a histogram with its range, 0, and markers under the bins of failing entries', () => {
    assert.strictEqual(histogramBin(3, -1, 3, 4), 3);
    assert.strictEqual(histogramBin(-1, -1, 3, 4), 0);
    assert.strictEqual(histogramBin(5, -1, 3, 4), -1);
    const svg = histogramSvg({ low: -1, high: 3, counts: [2, 0, 5, 1], marks: [{ value: 2.5, mark: 'fail' }, { value: 2.9, mark: 'kink' }, { value: -1, mark: 'kink' }], format: String });
    assert.strictEqual((svg.match(/class="histogram-bar"/g) ?? []).length, 4);
    assert.ok(svg.includes('height="0.00"'), 'an empty bin has no bar');
    assert.ok(svg.includes('<title>5</title>'));
    assert.strictEqual((svg.match(/class="histogram-fail"/g) ?? []).length, 1, 'the failing entry wins its bin');
    assert.strictEqual((svg.match(/class="histogram-kink"/g) ?? []).length, 1);
    assert.ok(/class="histogram-zero"/.test(svg));
    for (const text of ['>-1<', '>3<', '>0<']) { assert.ok(svg.includes(text), text); }
  });

  it('accepts the simulate test seam only with a selector and a click or change', () => {
    assert.deepStrictEqual(validateMessage({ type: 'simulate', selector: '#graph-colour', event: 'change', value: 'error' }),
      { kind: 'ok', message: { type: 'simulate', selector: '#graph-colour', event: 'change', value: 'error' } });
    assert.deepStrictEqual(validateMessage({ type: 'simulate', selector: 'x', event: 'click' }), { kind: 'ok', message: { type: 'simulate', selector: 'x', event: 'click' } });
    assert.strictEqual(validateMessage({ type: 'simulate', selector: 'x', event: 'keydown' }).kind, 'malformed');
    assert.strictEqual(validateMessage({ type: 'simulate', selector: 3, event: 'click' }).kind, 'malformed');
  });
});
