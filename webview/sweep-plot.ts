// The step-size sweep as an inline SVG log-log plot of |error| against h. Pure: builds markup from
// numbers only (every text in it is produced here), unit-tested in Node.
import type { SweepResult } from '../src/protocol';

export interface PlotSize {
  width: number;
  height: number;
}

const MARGIN = { left: 64, right: 16, top: 16, bottom: 44 };

export interface PlotPoint {
  h: number;
  error: number;
}

/** The references a sweep may carry, each drawn as its own curve. */
export type SweepReference = 'central' | 'richardson' | 'complex';
export const SWEEP_REFERENCES: readonly SweepReference[] = ['central', 'richardson', 'complex'];

function errorOf(point: SweepResult['points'][number], reference: SweepReference): number | null | undefined {
  return reference === 'central' ? point.absError : point[reference];
}

export interface LegendEntry {
  reference: SweepReference;
  text: string;
  /** The check judged its entries against this reference. */
  inUse: boolean;
}

/**
 * The legend's words: each reference the sweep carries, the check's own marked "in use", one
 * whose errors are all exactly 0 said so (a log axis cannot draw it), and the complex step said to be
 * unavailable when the sweep has other references but not it (an op is not analytic). Empty for a
 * central-only sweep of a central check: one curve needs no legend.
 */
export function sweepLegend(sweep: SweepResult, inUse: SweepReference): LegendEntry[] {
  const carried = SWEEP_REFERENCES.filter(r => sweep.points.some(p => errorOf(p, r) !== undefined));
  if (carried.length < 2 && inUse === 'central') {
    return [];
  }
  const entries = carried.map(reference => {
    const mark = reference === inUse ? ' (in use)' : '';
    const allZero = sweep.points.every(p => errorOf(p, reference) === 0 || errorOf(p, reference) === undefined);
    return { reference, inUse: reference === inUse, text: `${reference}${mark}${allZero ? ': 0 at every h' : ''}` };
  });
  if (!carried.includes('complex') && carried.length > 1) {
    entries.push({ reference: 'complex', inUse: false, text: 'complex: none (an op is not analytic)' });
  }
  return entries;
}

/** Points a log axis can show: positive, finite h and |error| (of the central difference unless told). */
export function plottablePoints(sweep: SweepResult, reference: SweepReference = 'central'): PlotPoint[] {
  const points: PlotPoint[] = [];
  for (const p of sweep.points) {
    const error = errorOf(p, reference);
    if (p.h > 0 && Number.isFinite(p.h) && typeof error === 'number' && error > 0 && Number.isFinite(error)) { points.push({ h: p.h, error }); }
  }
  return points.sort((a, b) => a.h - b.h);
}

/** Whole decades covering [min, max], at least one decade wide. */
export function decadeRange(values: readonly number[]): [number, number] {
  const logs = values.map(Math.log10);
  let low = Math.floor(Math.min(...logs));
  let high = Math.ceil(Math.max(...logs)) + 0; // + 0 turns -0 into 0
  if (high <= low) {
    high = low + 1;
  }
  if (high - low > 40) {
    low = high - 40;
  }
  return [low, high];
}

function scale(low: number, high: number, from: number, to: number): (v: number) => number {
  return v => from + ((Math.log10(v) - low) / (high - low)) * (to - from);
}

/** Decade ticks, thinned so at most about eight labels show. */
function decades(low: number, high: number): number[] {
  const step = Math.max(1, Math.ceil((high - low) / 8));
  const ticks: number[] = [];
  for (let k = low; k <= high; k += step) {
    ticks.push(k);
  }
  return ticks;
}

const f = (v: number): string => v.toFixed(1);

/** Legend text is 11px: about this many px per character, and a swatch line before each entry. */
const LEGEND_CHAR_PX = 6.2;
const LEGEND_SWATCH_PX = 18;
const LEGEND_ROW_PX = 14;

/** The legend's entries laid out left to right from the plot's left edge, wrapping to more rows when needed. */
function legendRows(entries: readonly LegendEntry[], width: number): { parts: string[]; height: number } {
  const parts: string[] = [];
  let x = MARGIN.left, row = 0;
  for (const entry of entries) {
    const entryWidth = LEGEND_SWATCH_PX + entry.text.length * LEGEND_CHAR_PX + 16;
    if (x > MARGIN.left && x + entryWidth > width - MARGIN.right) {
      row++;
      x = MARGIN.left;
    }
    const y = 12 + LEGEND_ROW_PX * row;
    const inUse = entry.inUse ? ' plot-line-in-use' : '';
    parts.push(`<line class="plot-line plot-line-${entry.reference}${inUse}" x1="${f(x)}" x2="${f(x + LEGEND_SWATCH_PX - 4)}" y1="${y - 4}" y2="${y - 4}"/>`);
    parts.push(`<text class="plot-legend plot-legend-${entry.reference}${entry.inUse ? ' plot-legend-in-use' : ''}" x="${f(x + LEGEND_SWATCH_PX)}" y="${y}">${entry.text}</text>`);
    x += entryWidth;
  }
  return { parts, height: entries.length === 0 ? 0 : LEGEND_ROW_PX * (row + 1) };
}

/** The plot's SVG markup; an empty-state text when fewer than two points are plottable. */
export function sweepSvg(sweep: SweepResult, chosenEps: number, size: PlotSize, inUse: SweepReference = 'central'): string {
  const series = SWEEP_REFERENCES.map(reference => ({ reference, points: plottablePoints(sweep, reference) })).filter(s => s.points.length > 0);
  const points = series.flatMap(s => s.points);
  const { width, height } = size;
  const open = `<svg xmlns="http://www.w3.org/2000/svg" class="sweep-plot" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="log-log plot of the absolute error against the step h">`;
  if (plottablePoints(sweep).length < 2) {
    return `${open}<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="plot-label">Not enough finite, non-zero errors to plot</text></svg>`;
  }
  const [hLow, hHigh] = decadeRange([...points.map(p => p.h), chosenEps > 0 ? chosenEps : points[0].h]);
  const [eLow, eHigh] = decadeRange(points.map(p => p.error));
  // The legend sits above the plotting area, never over a curve.
  const legend = legendRows(sweepLegend(sweep, inUse), width);
  const top = MARGIN.top + legend.height;
  const x = scale(hLow, hHigh, MARGIN.left, width - MARGIN.right);
  const y = scale(eLow, eHigh, height - MARGIN.bottom, top);
  const parts: string[] = [open];
  const bottom = height - MARGIN.bottom;
  for (const k of decades(hLow, hHigh)) {
    const px = f(x(10 ** k));
    parts.push(`<line class="plot-grid" x1="${px}" x2="${px}" y1="${top}" y2="${bottom}"/>`);
    parts.push(`<text class="plot-label" x="${px}" y="${bottom + 16}" text-anchor="middle">1e${k}</text>`);
  }
  for (const k of decades(eLow, eHigh)) {
    const py = f(y(10 ** k));
    parts.push(`<line class="plot-grid" x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${py}" y2="${py}"/>`);
    parts.push(`<text class="plot-label" x="${MARGIN.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">1e${k}</text>`);
  }
  parts.push(`<line class="plot-axis" x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${bottom}" y2="${bottom}"/>`);
  parts.push(`<line class="plot-axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${top}" y2="${bottom}"/>`);
  parts.push(`<text class="plot-title" x="${(MARGIN.left + width - MARGIN.right) / 2}" y="${height - 6}" text-anchor="middle">step h</text>`);
  parts.push(`<text class="plot-title" transform="translate(14 ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">|numeric − analytic|</text>`);
  if (chosenEps > 0) {
    const px = f(x(chosenEps));
    parts.push(`<line class="plot-eps" x1="${px}" x2="${px}" y1="${top}" y2="${bottom}"/>`);
    parts.push(`<text class="plot-eps-label" x="${px}" y="${top + 10}" dx="4">eps = ${chosenEps.toExponential(0)}</text>`);
  }
  for (const s of series) {
    const path = s.points.map(p => `${f(x(p.h))},${f(y(p.error))}`).join(' ');
    parts.push(`<polyline class="plot-line plot-line-${s.reference}${s.reference === inUse ? ' plot-line-in-use' : ''}" points="${path}"/>`);
    for (const p of s.points) {
      parts.push(`<circle class="plot-point plot-point-${s.reference}" cx="${f(x(p.h))}" cy="${f(y(p.error))}" r="3"><title>${s.reference} h=${p.h.toExponential(2)} |error|=${p.error.toExponential(2)}</title></circle>`);
    }
  }
  parts.push(...legend.parts);
  parts.push('</svg>');
  return parts.join('');
}

export const SWEEP_EXPLANATION = 'Right: truncation error of the central difference, ∝ h². Left: floating-point round-off, ∝ ε/h (ε ≈ 2.2e-16). The best h sits where they meet, so h cannot go to 0. '
  + 'Richardson extrapolation started at h removes the h² terms; the complex step also truncates like h² but subtracts nothing, so it has no round-off: its error falls to machine precision and stays there (an error of exactly 0 is not drawn).';
