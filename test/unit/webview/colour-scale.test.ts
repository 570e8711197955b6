import * as assert from 'assert';
import {
  contrastRatio, DIVERGING_RAMP, divergingColour, formatBoundary, hexToRgb, logStepScale, magnitudeColour, rampColour, readableText,
  relativeLuminance, SEQUENTIAL_RAMP,
} from '../../../webview/colour-scale';
import { colourBoxes, leafErrors, nodeMeasure } from '../../../webview/graph/node-colour';
import { graphPalette, type ThemeKind } from '../../../webview/theme';
import { lectureInspection } from './sample';

describe('colour scales', () => {
  it('computes WCAG contrast (black on white is 21, a colour on itself 1)', () => {
    assert.strictEqual(contrastRatio('#000000', '#ffffff'), 21);
    assert.strictEqual(contrastRatio('#777777', '#777777'), 1);
    assert.ok(Math.abs(relativeLuminance('#808080') - 0.2158605) < 1e-6);
  });

  it('steps by round numbers of decades, in as many steps as the data needs', () => {
    const scale = logStepScale([1e-6, 3e-3, 0.5, 20]);
    // Eight one-decade steps would be too many for six colours: two decades a step.
    assert.deepStrictEqual(scale.steps.map(s => s.label), ['1e-6 – 1e-4', '1e-4 – 0.01', '0.01 – 1', '1 – 100']);
    assert.deepStrictEqual([1e-6, 3e-3, 0.5, 20].map(scale.stepOf), [0, 1, 2, 3]);
    assert.strictEqual(scale.stepOf(0), -1);
    assert.strictEqual(scale.stepOf(undefined), -1);
    assert.strictEqual(scale.stepOf(NaN), -1);
    assert.deepStrictEqual(logStepScale([]).steps, []);
  });

  it('has distinct steps, ordered from dark to light, spread over the whole ramp', () => {
    for (const values of [[1, 4], [1e-3, 1e3], [1e-12, 1e12], [2, 3, 5, 7, 11, 13, 17]]) {
      const steps = logStepScale(values).steps;
      assert.ok(steps.length >= 2 && steps.length <= SEQUENTIAL_RAMP.length, `${values}: ${steps.length} steps`);
      assert.strictEqual(steps[0].swatch.fill, SEQUENTIAL_RAMP[0]);
      assert.strictEqual(steps[steps.length - 1].swatch.fill, SEQUENTIAL_RAMP[SEQUENTIAL_RAMP.length - 1]);
      for (let i = 1; i < steps.length; i++) {
        assert.ok(steps[i].low === steps[i - 1].high, 'steps tile the range');
        assert.ok(relativeLuminance(steps[i].swatch.fill) > relativeLuminance(steps[i - 1].swatch.fill), 'monotone');
        // Neighbours differ in lightness by 1.5:1 at least: visible in greyscale and to colour-blind eyes too.
        const ratio = contrastRatio(steps[i].swatch.fill, steps[i - 1].swatch.fill);
        assert.ok(ratio >= 1.5, `${steps[i - 1].swatch.fill} vs ${steps[i].swatch.fill}: ${ratio}`);
      }
    }
  });

  it('puts every value in the step whose legend range holds it (legend = scale)', () => {
    const values = [3e-9, 2e-7, 4e-4, 0.05, 0.9, 1, 9.99, 12, 730];
    const scale = logStepScale(values);
    for (const v of values) {
      const step = scale.steps[scale.stepOf(v)];
      assert.ok(v >= step.low * (1 - 1e-12) && (v < step.high || v === Math.max(...values)), `${v} in ${step.label}`);
    }
  });

  it('writes boundaries as people read them', () => {
    assert.deepStrictEqual([1e-7, 1e-3, 1.7782794, 1000, 3.1622e12].map(formatBoundary), ['1e-7', '0.001', '1.78', '1000', '3.16e+12']);
  });

  it('keeps text on every fill readable: WCAG 4.5 on the ramps and on the heatmap scales', () => {
    for (let t = 0; t <= 1; t += 0.05) {
      for (const fill of [rampColour(SEQUENTIAL_RAMP, t), rampColour(DIVERGING_RAMP, t)]) {
        assert.ok(contrastRatio(fill, readableText(fill)) >= 4.5, `${fill}: ${contrastRatio(fill, readableText(fill))}`);
      }
    }
  });

  it('diverges around zero and grows with magnitude', () => {
    assert.strictEqual(divergingColour(0, 2), '#f7f7f7');
    assert.strictEqual(divergingColour(-2, 2), DIVERGING_RAMP[0]);
    assert.strictEqual(divergingColour(5, 2), DIVERGING_RAMP[DIVERGING_RAMP.length - 1]);
    assert.ok(hexToRgb(divergingColour(1, 2))[0] > hexToRgb(divergingColour(1, 2))[2], 'positive is red');
    assert.ok(hexToRgb(divergingColour(-1, 2))[2] > hexToRgb(divergingColour(-1, 2))[0], 'negative is blue');
    assert.strictEqual(magnitudeColour(0, 3), SEQUENTIAL_RAMP[0]);
    assert.strictEqual(magnitudeColour(-3, 3), SEQUENTIAL_RAMP[SEQUENTIAL_RAMP.length - 1]);
    assert.ok(relativeLuminance(magnitudeColour(2, 3)) > relativeLuminance(magnitudeColour(1, 3)));
  });

  for (const [kind, dark] of [['light', false], ['dark', true], ['high-contrast', true], ['high-contrast', false]] as [ThemeKind, boolean][]) {
    it(`reads in a ${dark ? 'dark' : 'light'} ${kind} theme: node text ≥ 4.5:1 on the no-measure fill and every step`, () => {
      const palette = graphPalette(kind, () => '', dark);
      assert.ok(contrastRatio(palette.none.fill, palette.none.text) >= 4.5, JSON.stringify(palette.none));
      for (const step of logStepScale([1e-9, 1e9]).steps) {
        assert.ok(contrastRatio(step.swatch.fill, step.swatch.text) >= 4.5, JSON.stringify(step.swatch));
      }
    });
  }
});

describe('what colours the graph boxes', () => {
  it('measures |gradient|, |gradient|/|value|, check error and value range', () => {
    const inspection = lectureInspection();
    const z = inspection.nodes[3];
    const errors = new Map([[3, 2e-9]]);
    assert.strictEqual(nodeMeasure(z, 'gradient', errors), 3);
    assert.strictEqual(nodeMeasure(z, 'relative', errors), 0.75);
    assert.strictEqual(nodeMeasure(z, 'error', errors), 2e-9);
    assert.strictEqual(nodeMeasure(inspection.nodes[2], 'error', errors), undefined);
    assert.strictEqual(nodeMeasure(z, 'value', errors), 4);
  });

  it('takes each leaf\'s worst relative error from the check rows', () => {
    const entry = { leaf: 'W', leafId: 7, index: [0], flat: 0, analytic: 1, numeric: 1, absError: 0, status: 'pass' as const };
    const check = {
      passed: true, mode: 'full' as const, eps: 1e-6, atol: 1e-5, rtol: 1e-3, maxAbsError: 0, maxRelError: 0, totalEntries: 2,
      counts: { pass: 2, fail: 0, kink: 0 }, entries: [{ ...entry, relError: 1e-9 }, { ...entry, flat: 1, relError: 3e-4 }],
      entriesOmitted: 0, evaluations: 4, cancelled: false,
    };
    assert.deepStrictEqual([...leafErrors(check)], [[7, 3e-4]]);
  });

  it('colours a box by its loudest member and switches scale with the mode', () => {
    const inspection = lectureInspection();
    const byId = new Map(inspection.nodes.map(n => [n.id, n]));
    const members = new Map([['n0', [0]], ['g0', [2, 3]], ['n4', [4]]]);
    const byGradient = colourBoxes(members, byId, 'gradient', new Map());
    assert.strictEqual(byGradient.stepOfBox.get('g0'), byGradient.scale.stepOf(4));
    const byValue = colourBoxes(members, byId, 'value', new Map());
    assert.deepStrictEqual(byValue.scale.steps.map(s => s.label), ['1.78 – 3.16', '3.16 – 5.62', '5.62 – 10', '10 – 17.8']);
    assert.strictEqual(byValue.stepOfBox.get('n4'), 3);
  });
});
