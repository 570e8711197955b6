// Which layers of a very deep model the Gradient flow tab draws (webview/layers-sample.ts).
import * as assert from 'assert';
import type { WireLayer } from '../../../src/protocol';
import { MAX_SHOWN_LAYERS, shownLayers } from '../../../webview/layers-sample';

function layers(count: number, flaggedEvery = 0): WireLayer[] {
  return Array.from({ length: count }, (_, depth) => ({
    name: `blocks.${depth}`, depth, ops: ['Add'], activationNorm: 1, gradientNorm: 1, parameters: [],
    flags: flaggedEvery > 0 && depth % flaggedEvery === 5 ? ['vanishing'] : [],
  }));
}

describe('gradient-flow layers shown', () => {
  it('shows every layer of a model up to the limit', () => {
    assert.strictEqual(shownLayers(layers(MAX_SHOWN_LAYERS)).length, MAX_SHOWN_LAYERS);
  });

  it('samples 17,000 layers through depth, first and last included, in depth order', () => {
    const shown = shownLayers(layers(17_000));
    assert.strictEqual(shown.length, MAX_SHOWN_LAYERS);
    assert.strictEqual(shown[0].depth, 0);
    assert.strictEqual(shown[shown.length - 1].depth, 16_999);
    assert.ok(shown.every((l, i) => i === 0 || l.depth > shown[i - 1].depth));
  });

  it('keeps the flagged layers, up to their own cap, beside the sample', () => {
    const all = layers(5000, 100);
    const shown = shownLayers(all, 300, 20);
    const flagged = shown.filter(l => l.flags.length > 0);
    assert.ok(flagged.length >= 20, `${flagged.length} flagged shown`);
    assert.deepStrictEqual(flagged.slice(0, 20).map(l => l.depth), Array.from({ length: 20 }, (_, k) => 100 * k + 5));
    assert.ok(shown.length <= 300);
  });
});
