// A tensor as an inline SVG heatmap: one cell per entry, rows over the leading dimensions and
// columns over the last, coloured on a diverging scale (signed values) or a magnitude scale
// (errors), small tensors with their numbers written in the cells, failing / kink / selected entries
// outlined. Pure: builds markup from numbers only (every text in it is produced here), unit-tested in Node.
import { divergingColour, magnitudeColour, readableText } from './colour-scale';

export type HeatmapScale = 'signed' | 'magnitude';

export type EntryMark = 'fail' | 'kink';

export interface HeatmapInput {
  /** Row-major entries; null for non-finite or not available (drawn hatched). */
  data: readonly (number | null)[];
  shape: readonly number[];
  scale: HeatmapScale;
  /** Entries outlined by their check status, by flat index. */
  marks?: ReadonlyMap<number, EntryMark>;
  selected?: number;
  /** Writes each entry's number in its cell (small tensors). */
  numbers?: (value: number) => string;
}

export interface Heatmap {
  svg: string;
  rows: number;
  columns: number;
  /** The value at which the scale saturates: ±limit (signed) or limit (magnitude); 0 when all are 0. */
  limit: number;
}

const CELL_WITH_NUMBER = { width: 72, height: 26 };
const CELL_PLAIN = { width: 14, height: 14 };
/** Narrowest a plain cell gets before the picture scrolls instead. */
const MAX_WIDTH = 900;

/** Rows × columns of the picture: a vector is one row, a matrix itself, more dimensions stack as rows. */
export function heatmapGrid(shape: readonly number[]): { rows: number; columns: number } {
  if (shape.length === 0) {
    return { rows: 1, columns: 1 };
  }
  const columns = shape[shape.length - 1];
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  return { rows, columns };
}

export function scaleLimit(data: readonly (number | null)[]): number {
  let limit = 0;
  for (const v of data) {
    if (v !== null && Number.isFinite(v)) {
      limit = Math.max(limit, Math.abs(v));
    }
  }
  return limit;
}

export function cellColour(value: number | null, scale: HeatmapScale, limit: number): string | undefined {
  if (value === null || !Number.isFinite(value)) {
    return undefined;
  }
  return scale === 'signed' ? divergingColour(value, limit) : magnitudeColour(value, limit);
}

export function heatmapSvg(input: HeatmapInput): Heatmap {
  const { rows, columns } = heatmapGrid(input.shape);
  const limit = scaleLimit(input.data);
  const cell = input.numbers === undefined
    ? { width: Math.max(4, Math.min(CELL_PLAIN.width, Math.floor(MAX_WIDTH / Math.max(1, columns)))), height: CELL_PLAIN.height }
    : CELL_WITH_NUMBER;
  const width = columns * cell.width;
  const height = rows * cell.height;
  const parts: string[] = [];
  for (let flat = 0; flat < rows * columns && flat < input.data.length; flat++) {
    const x = (flat % columns) * cell.width;
    const y = Math.floor(flat / columns) * cell.height;
    parts.push(cellMarkup(input, flat, x, y, cell, limit));
  }
  const outlines = [...(input.marks ?? [])].map(([flat, mark]) => outline(flat, columns, cell, `heatmap-${mark}`));
  if (input.selected !== undefined && input.selected < rows * columns) {
    outlines.push(outline(input.selected, columns, cell, 'heatmap-selected'));
  }
  const svg = `<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="-2 -2 ${width + 4} ${height + 4}" role="img" aria-label="${rows} by ${columns} heatmap">`
    + `<defs><pattern id="heatmap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="heatmap-missing"/><line x1="0" y1="0" x2="0" y2="6" class="heatmap-hatch-line"/></pattern></defs>`
    + parts.join('') + outlines.join('') + '</svg>';
  return { svg, rows, columns, limit };
}

function cellMarkup(input: HeatmapInput, flat: number, x: number, y: number, cell: { width: number; height: number }, limit: number): string {
  const value = input.data[flat];
  const fill = cellColour(value, input.scale, limit);
  const rect = `<rect class="heatmap-cell" data-flat="${flat}" x="${x}" y="${y}" width="${cell.width}" height="${cell.height}" fill="${fill ?? 'url(#heatmap-hatch)'}"/>`;
  if (input.numbers === undefined) {
    return rect;
  }
  const text = value === null || fill === undefined ? 'n/a' : input.numbers(value);
  const colour = fill === undefined ? 'currentColor' : readableText(fill);
  return `${rect}<text class="heatmap-number" x="${x + cell.width / 2}" y="${y + cell.height / 2}" fill="${colour}" text-anchor="middle" dominant-baseline="central">${escapeText(text)}</text>`;
}

function outline(flat: number, columns: number, cell: { width: number; height: number }, className: string): string {
  const x = (flat % columns) * cell.width;
  const y = Math.floor(flat / columns) * cell.height;
  return `<rect class="${className}" data-flat="${flat}" x="${x + 1}" y="${y + 1}" width="${cell.width - 2}" height="${cell.height - 2}" fill="none"/>`;
}

/** Numbers only reach here, but a formatter's text is escaped all the same. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
