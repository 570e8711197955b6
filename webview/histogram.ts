// A tensor's distribution as an inline SVG histogram: bars over equal-width bins, the range at the
// axis ends, 0 marked when it lies inside, and triangles under the bins holding failing or kink
// entries. Pure: builds markup from numbers only, unit-tested in Node.
import type { EntryMark } from './heatmap';

export interface HistogramInput {
  low: number;
  high: number;
  counts: readonly number[];
  /** Values of entries to point at (failing or kink check entries). */
  marks?: readonly { value: number; mark: EntryMark }[];
  format: (value: number) => string;
}

const SIZE = { width: 320, height: 120 };
const MARGIN = { left: 8, right: 8, top: 8, bottom: 30 };

/** The bin a value falls in (the top edge belongs to the last bin), or -1 outside the range. */
export function histogramBin(value: number, low: number, high: number, bins: number): number {
  if (!Number.isFinite(value) || value < low || value > high || bins === 0) {
    return -1;
  }
  if (high === low) {
    return 0;
  }
  return Math.min(bins - 1, Math.floor(((value - low) / (high - low)) * bins));
}

export function histogramSvg(input: HistogramInput): string {
  const { width, height } = SIZE;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const bins = input.counts.length;
  const tallest = Math.max(1, ...input.counts);
  const barWidth = bins === 0 ? 0 : plotWidth / bins;
  const baseline = MARGIN.top + plotHeight;
  const bars = input.counts.map((count, i) => {
    const h = count === 0 ? 0 : Math.max(1, (count / tallest) * plotHeight);
    return `<rect class="histogram-bar" x="${(MARGIN.left + i * barWidth + 0.5).toFixed(2)}" y="${(baseline - h).toFixed(2)}" width="${Math.max(0.5, barWidth - 1).toFixed(2)}" height="${h.toFixed(2)}"><title>${count}</title></rect>`;
  });
  const xOf = (value: number): number => MARGIN.left + (input.high === input.low ? plotWidth / 2 : ((value - input.low) / (input.high - input.low)) * plotWidth);
  const parts = [
    `<line class="plot-axis" x1="${MARGIN.left}" y1="${baseline}" x2="${width - MARGIN.right}" y2="${baseline}"/>`,
    ...bars,
    label(MARGIN.left, height - 4, 'start', input.format(input.low)),
    label(width - MARGIN.right, height - 4, 'end', input.format(input.high)),
  ];
  if (input.low < 0 && input.high > 0) {
    const x = xOf(0).toFixed(2);
    parts.push(`<line class="histogram-zero" x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${baseline}"/>`, label(Number(x), height - 4, 'middle', '0'));
  }
  const marked = new Map<number, EntryMark>();
  for (const { value, mark } of input.marks ?? []) {
    const bin = histogramBin(value, input.low, input.high, bins);
    if (bin >= 0 && marked.get(bin) !== 'fail') {
      marked.set(bin, mark);
    }
  }
  for (const [bin, mark] of marked) {
    const x = MARGIN.left + (bin + 0.5) * barWidth;
    parts.push(`<path class="histogram-${mark}" d="M${x.toFixed(2)} ${baseline + 2} l-5 8 h10 z"/>`);
  }
  return `<svg class="histogram" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="histogram of ${bins} bins">${parts.join('')}</svg>`;
}

function label(x: number, y: number, anchor: string, text: string): string {
  const safe = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<text class="plot-label" x="${x}" y="${y}" text-anchor="${anchor}">${safe}</text>`;
}
