// The geometry of the gradient-flow plot: per layer, in depth order, a bar of its gradient norm and
// one of its activation norm on a shared log axis, and a mark over flagged layers. Numbers only (the
// view draws them with DOM calls, names as text nodes); a zero norm, which a log axis cannot show,
// and a non-finite one get their own kinds. Pure: unit-tested in Node.
import type { WireLayer, WireNumber } from '../src/protocol';
import { decadeRange } from './sweep-plot';

export const PLOT_MARGIN = { left: 56, right: 12, top: 22, bottom: 40 };
/** Width per layer: readable for a dozen layers, still all on screen (scrolling) for thousands. */
const SLOT = { min: 4, max: 48, target: 720 };

export type BarKind = 'bar' | 'zero' | 'non-finite';

export interface Bar {
  value: WireNumber;
  kind: BarKind;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayerColumn {
  layer: WireLayer;
  /** Left edge of the layer's slot. */
  x: number;
  gradient: Bar;
  activation: Bar;
}

export interface LayersPlot {
  width: number;
  height: number;
  slot: number;
  /** The log axis, in whole decades. */
  decades: { exponent: number; y: number }[];
  columns: LayerColumn[];
  /** Depth labels under the axis, thinned to about one per 48 px. */
  depthTicks: { depth: number; x: number }[];
}

export function layersPlot(layers: readonly WireLayer[], height: number): LayersPlot | undefined {
  const positive = layers.flatMap(l => [l.gradientNorm, l.activationNorm]).filter((v): v is number => v !== null && v > 0);
  if (layers.length === 0 || positive.length === 0) {
    return undefined;
  }
  const [low, high] = decadeRange(positive);
  const slot = Math.max(SLOT.min, Math.min(SLOT.max, SLOT.target / layers.length));
  const width = PLOT_MARGIN.left + slot * layers.length + PLOT_MARGIN.right;
  const bottom = height - PLOT_MARGIN.bottom;
  const yOf = (v: number): number => bottom - ((Math.log10(v) - low) / (high - low)) * (bottom - PLOT_MARGIN.top);
  const bar = (value: WireNumber, x: number): Bar => {
    const width = slot * 0.4;
    if (value === null) {
      return { value, kind: 'non-finite', x, y: PLOT_MARGIN.top, width, height: bottom - PLOT_MARGIN.top };
    }
    if (value <= 0) {
      return { value, kind: 'zero', x, y: bottom - 2, width, height: 2 };
    }
    // decadeRange keeps at most 40 decades: a smaller norm sits on the floor, one pixel high.
    const y = Math.min(bottom - 1, Math.max(PLOT_MARGIN.top, yOf(value)));
    return { value, kind: 'bar', x, y, width, height: bottom - y };
  };
  const columns = layers.map((layer, i) => {
    const x = PLOT_MARGIN.left + i * slot;
    return { layer, x, gradient: bar(layer.gradientNorm, x + slot * 0.1), activation: bar(layer.activationNorm, x + slot * 0.5) };
  });
  const decades: { exponent: number; y: number }[] = [];
  const step = Math.max(1, Math.ceil((high - low) / 8));
  for (let k = low; k <= high; k += step) {
    decades.push({ exponent: k, y: yOf(10 ** k) });
  }
  const every = Math.max(1, Math.ceil(48 / slot));
  const depthTicks = columns.filter((_, i) => i % every === 0).map(c => ({ depth: c.layer.depth, x: c.x + slot / 2 }));
  return { width, height, slot, decades, columns, depthTicks };
}
