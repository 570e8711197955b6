import * as assert from 'assert';
import type { SweepResult } from '../../../src/protocol';
import { decadeRange, plottablePoints, sweepLegend, sweepSvg } from '../../../webview/sweep-plot';

function sweep(): SweepResult {
  const points = [];
  for (let k = 1; k <= 12; k++) {
    const h = 10 ** -k;
    points.push({ h, numeric: 1, absError: h * h + 1e-16 / h });
  }
  points.push({ h: 1e-13, numeric: null, absError: null }, { h: 1e-14, numeric: 1, absError: 0 });
  return { leaf: 'x', leafId: 0, flat: 0, analytic: 1, points };
}

describe('webview sweep plot', () => {
  it('keeps only points a log axis can show, by increasing h', () => {
    const points = plottablePoints(sweep());
    assert.strictEqual(points.length, 12);
    assert.strictEqual(points[0].h, 1e-12);
    assert.strictEqual(points[11].h, 0.1);
  });

  it('covers the data with whole decades', () => {
    assert.deepStrictEqual(decadeRange([3e-9, 0.5]), [-9, 0]);
    assert.deepStrictEqual(decadeRange([1e-3, 1e-3]), [-3, -2]);
  });

  it('draws decades, the points, the line and the chosen eps', () => {
    const svg = sweepSvg(sweep(), 1e-6, { width: 560, height: 300 });
    assert.strictEqual((svg.match(/<circle /g) ?? []).length, 12);
    assert.strictEqual((svg.match(/<polyline /g) ?? []).length, 1);
    assert.ok(svg.includes('>1e-12<') && svg.includes('>1e-2<') && !svg.includes('>1e-11<'));
    assert.ok(svg.includes('eps = 1e-6'));
    // eps = 1e-6 sits 6/11 of the way across the h axis from 1e-12 to 1e-1 (x from 64 to 544).
    const eps = /class="plot-eps" x1="([\d.]+)"/.exec(svg);
    assert.ok(eps !== null);
    assert.ok(Math.abs(Number(eps[1]) - (64 + (6 / 11) * 480)) < 0.1);
  });

  it('says so when there is nothing to plot', () => {
    const empty = sweepSvg({ leaf: 'x', leafId: 0, flat: 0, analytic: 1, points: [{ h: 1e-3, numeric: 1, absError: 0 }] }, 1e-6, { width: 200, height: 100 });
    assert.ok(empty.includes('Not enough finite, non-zero errors to plot'));
  });
});

describe('webview sweep plot: one curve per reference', () => {
  it('draws the Richardson and complex-step errors beside the central one, with a legend, skipping exact zeros', () => {
    const base = sweep();
    const points = base.points.map(p => ({ ...p, richardson: p.h * p.h * p.h * p.h + 1e-15, complex: p.h > 1e-3 ? p.h * p.h : 0 }));
    const svg = sweepSvg({ ...base, points }, 1e-6, { width: 560, height: 300 });
    assert.strictEqual((svg.match(/<polyline /g) ?? []).length, 3);
    assert.strictEqual((svg.match(/class="plot-point plot-point-richardson"/g) ?? []).length, 14);
    assert.strictEqual((svg.match(/class="plot-point plot-point-complex"/g) ?? []).length, 2);
    assert.ok(svg.includes('>richardson</text>') && svg.includes('>complex</text>') && svg.includes('>central (in use)</text>'));
    assert.strictEqual(plottablePoints({ ...base, points }, 'complex').length, 2);
  });

  it('draws no legend for the central curve alone', () => {
    assert.ok(!sweepSvg(sweep(), 1e-6, { width: 560, height: 300 }).includes('plot-legend'));
  });
});

describe('webview sweep plot: the reference in use', () => {
  const withReferences = (complex: (h: number) => number | undefined): SweepResult => {
    const base = sweep();
    return { ...base, points: base.points.map(p => ({ ...p, richardson: p.h ** 4 + 1e-15, ...(complex(p.h) === undefined ? {} : { complex: complex(p.h) }) })) };
  };

  it('marks the check\'s reference in the legend and draws its curve thicker', () => {
    const result = withReferences(h => h * h + 1e-16);
    assert.deepStrictEqual(sweepLegend(result, 'richardson').map(e => [e.text, e.inUse]), [['central', false], ['richardson (in use)', true], ['complex', false]]);
    const svg = sweepSvg(result, 1e-6, { width: 560, height: 300 }, 'richardson');
    assert.strictEqual((svg.match(/<polyline class="plot-line plot-line-richardson plot-line-in-use"/g) ?? []).length, 1);
    assert.strictEqual((svg.match(/plot-line-in-use/g) ?? []).length, 2, 'the curve and its legend swatch');
    assert.ok(svg.includes('class="plot-legend plot-legend-richardson plot-legend-in-use"'));
  });

  it('says when the complex step is exact at every h, and when the graph has none (an op is not analytic)', () => {
    assert.deepStrictEqual(sweepLegend(withReferences(() => 0), 'complex').map(e => e.text), ['central', 'richardson', 'complex (in use): 0 at every h']);
    assert.deepStrictEqual(sweepLegend(withReferences(() => undefined), 'central').map(e => e.text),
      ['central (in use)', 'richardson', 'complex: none (an op is not analytic)']);
  });

  it('puts the legend above the plotting area, so no curve runs under it', () => {
    const svg = sweepSvg(withReferences(h => h * h + 1e-16), 1e-6, { width: 560, height: 300 }, 'complex');
    const legendY = [...svg.matchAll(/<text class="plot-legend[^"]*" x="[\d.]+" y="([\d.]+)"/g)].map(m => Number(m[1]));
    const axisTop = Number(/class="plot-axis" x1="64" x2="64" y1="([\d.]+)"/.exec(svg)?.[1]);
    assert.strictEqual(legendY.length, 3);
    assert.ok(legendY.every(y => y < axisTop), `legend at ${legendY}, plot from ${axisTop}`);
    const pointYs = [...svg.matchAll(/<circle [^>]* cy="([\d.]+)"/g)].map(m => Number(m[1]));
    assert.ok(pointYs.every(y => y >= axisTop), 'a point above the plotting area');
  });
});
