// Measures the label font once (per font string) with a canvas: one measureText per character of
// MEASURED_CHARACTERS instead of a getBBox per box, which would force a layout per label.
import { MEASURED_CHARACTERS, type CharWidths } from './text-width';

const cache = new Map<string, CharWidths>();

export function measureFont(font: string, lineHeight: number): CharWidths {
  const key = `${font}|${lineHeight}`;
  const known = cache.get(key);
  if (known !== undefined) {
    return known;
  }
  const context = document.createElement('canvas').getContext('2d');
  const widths: Record<string, number> = {};
  let widest = 0;
  if (context !== null) {
    context.font = font;
    for (const ch of MEASURED_CHARACTERS) {
      widths[ch] = context.measureText(ch).width;
      widest = Math.max(widest, widths[ch]);
    }
  }
  const metrics: CharWidths = { widths, fallback: widest > 0 ? widest : lineHeight * 0.7, lineHeight };
  cache.set(key, metrics);
  return metrics;
}
