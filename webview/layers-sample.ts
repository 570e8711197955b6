// Which layers the Gradient flow tab draws: all of them up to a limit, else a sample through depth
// (first and last included) and the flagged layers, as the CLI's table does. A model of 3,400
// blocks has 17,000 layers: bars and rows for every one of them froze the panel for seconds.
// Pure: unit-tested in Node.
import type { WireLayer } from '../src/protocol';

/** Layers drawn and listed at most. */
export const MAX_SHOWN_LAYERS = 600;
/** Of those, at most this many are flagged layers added to the sample through depth. */
export const MAX_SHOWN_FLAGGED = 200;

export function shownLayers(layers: readonly WireLayer[], max = MAX_SHOWN_LAYERS, maxFlagged = MAX_SHOWN_FLAGGED): WireLayer[] {
  if (layers.length <= max) {
    return [...layers];
  }
  const picked = new Set<number>();
  layers.forEach((layer, i) => {
    if (layer.flags.length > 0 && picked.size < maxFlagged) {
      picked.add(i);
    }
  });
  const through = max - picked.size;
  for (let k = 0; k < through; k++) {
    picked.add(Math.round((k * (layers.length - 1)) / Math.max(1, through - 1)));
  }
  return [...picked].sort((a, b) => a - b).map(i => layers[i]);
}
