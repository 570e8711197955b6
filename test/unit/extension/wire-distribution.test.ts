import * as assert from 'assert';
import { Tensor } from '../../../src/engine/tensor';
import { toWireTensor } from '../../../src/wire';
import { binOf, HISTOGRAM_BINS, tensorDistribution } from '../../../src/wire-distribution';
import { inspectionProblem } from '../../../webview/messages';
import { lectureInspection } from '../webview/sample';

describe('tensor distribution on the wire', () => {
  it('gives std, exact zeros and an equal-width histogram of the finite entries', () => {
    const d = tensorDistribution([0, 0, 1, 2, 3, NaN, Infinity], 4);
    // mean 1.2, deviations -1.2 -1.2 -0.2 0.8 1.8: Σ² = 1.44+1.44+0.04+0.64+3.24 = 6.8, / 5 = 1.36
    assert.ok(d.std !== null && Math.abs(d.std - Math.sqrt(1.36)) < 1e-15, String(d.std));
    assert.strictEqual(d.zeros, 2);
    assert.deepStrictEqual(d.histogram, { low: 0, high: 3, counts: [2, 1, 1, 1] });
  });

  it('puts the maximum in the last bin and a constant tensor in one bin', () => {
    assert.strictEqual(binOf(3, 0, 0.75, 4), 3);
    assert.strictEqual(binOf(0, 0, 0.75, 4), 0);
    assert.deepStrictEqual(tensorDistribution([5, 5, 5]).histogram, { low: 5, high: 5, counts: [3] });
    assert.strictEqual(tensorDistribution([5, 5, 5]).std, 0);
  });

  it('has no std and no bins when nothing is finite', () => {
    assert.deepStrictEqual(tensorDistribution([NaN, -Infinity]), { std: null, zeros: 0, histogram: { low: 0, high: 0, counts: [] } });
  });

  it('keeps the std of large, close values (two passes, not E[x²] − E[x]²)', () => {
    const d = tensorDistribution([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    assert.ok(d.std !== null && Math.abs(d.std - Math.sqrt(2 / 3)) < 1e-6, String(d.std));
  });

  it('comes with every non-scalar tensor, with or without its data', () => {
    const values = Array.from({ length: 10 }, (_, i) => i - 3);
    const summarized = toWireTensor(Tensor.fromArray([10], values), 9);
    assert.strictEqual(summarized.data, undefined);
    assert.strictEqual(summarized.distribution?.zeros, 1);
    assert.strictEqual(summarized.distribution?.histogram.counts.length, HISTOGRAM_BINS);
    assert.strictEqual(summarized.distribution?.histogram.counts.reduce((a, b) => a + b, 0), 10);
    assert.ok(toWireTensor(Tensor.fromArray([10], values), 10).distribution);
    assert.strictEqual(toWireTensor(Tensor.scalar(2)).distribution, undefined);
  });

  it('is validated in the webview: a malformed histogram names its place', () => {
    const inspection = lectureInspection();
    inspection.nodes[2].value = { ...inspection.nodes[2].value, distribution: { std: 1, zeros: 0, histogram: { low: 2, high: 1, counts: [1] } } };
    assert.strictEqual(inspectionProblem(inspection), 'nodes[2].value.distribution.histogram needs low ≤ high and at most 256 counts');
    inspection.nodes[2].value.distribution = { std: 1, zeros: 0, histogram: { low: 0, high: 1, counts: [1.5] } };
    assert.match(inspectionProblem(inspection) ?? '', /nodes\[2\]\.value\.distribution\.histogram/);
    inspection.nodes[2].value.distribution = { std: 1, zeros: 0, histogram: { low: 0, high: 1, counts: [1, 2] } };
    assert.strictEqual(inspectionProblem(inspection), undefined);
    assert.strictEqual(inspectionProblem({ ...inspection, maxTensorEntries: 'many' }), 'maxTensorEntries is not a number');
  });
});
