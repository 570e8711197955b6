// Find a box by name or op: every box whose label or op contains the query (case-insensitive),
// in reading order of the drawing (along the flow, then across), so next/previous walk the graph
// from inputs to output. Pure.
import type { Direction, FlowBox } from './flowchart';

export interface Position {
  x: number;
  y: number;
}

export function findBoxes(query: string, boxes: readonly FlowBox[], positions: readonly Position[], direction: Direction): number[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') {
    return [];
  }
  const found = boxes.flatMap((box, i) => (searchText(box).includes(needle) ? [i] : []));
  const along = (p: Position): number => (direction === 'LR' ? p.x : p.y);
  const across = (p: Position): number => (direction === 'LR' ? p.y : p.x);
  return found.sort((a, b) => along(positions[a]) - along(positions[b]) || across(positions[a]) - across(positions[b]));
}

function searchText(box: FlowBox): string {
  return [...box.lines, box.op ?? ''].join('\n').toLowerCase();
}

/** The match after (step 1) or before (step −1) `current`, wrapping around; undefined when there is none. */
export function stepMatch(current: number | undefined, count: number, step: 1 | -1): number | undefined {
  if (count === 0) {
    return undefined;
  }
  if (current === undefined) {
    return step === 1 ? 0 : count - 1;
  }
  return (current + step + count) % count;
}
