// A layered (Sugiyama-style) layout in linear time per sweep, for graphs of thousands of boxes:
// longest-path ranks with sources pulled next to their first use, barycentre sweeps to order each
// rank, and cross-axis positions placed by isotonic regression (each box as close to the mean of
// its neighbours as the spacing allows). Long edges get no dummy nodes: they are drawn as one curve.
// dagre, which inserts a dummy node per rank an edge spans, took 5 s for 1,000 boxes of a layered
// graph and 34 s for the 1,000-node sum of sines of the folding test here; this takes milliseconds.
// Pure: runs in the layout worker, unit-tested in Node.
import type { Direction } from './flowchart';

export interface BoxSize {
  width: number;
  height: number;
}

export interface LayoutEdge {
  from: number;
  to: number;
}

export interface LayoutRequest {
  sizes: readonly BoxSize[];
  edges: readonly LayoutEdge[];
  direction: Direction;
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutResult {
  /** Centre of each box, in the order of `sizes`; the drawing starts at (0, 0). */
  centres: Point[];
  /** Start and end of each edge (on the boxes' borders), in the order of `edges`. */
  routes: [Point, Point][];
  width: number;
  height: number;
  ranks: number[];
}

/** Gap between boxes of one rank, and between ranks. */
export const BOX_GAP = 18;
export const RANK_GAP: Record<Direction, number> = { LR: 56, TB: 44 };
const ORDER_SWEEPS = 6;
const PLACE_SWEEPS = 6;

interface Adjacency {
  preds: number[][];
  succs: number[][];
}

function adjacency(count: number, edges: readonly LayoutEdge[]): Adjacency {
  const preds = Array.from({ length: count }, () => [] as number[]);
  const succs = Array.from({ length: count }, () => [] as number[]);
  for (const { from, to } of edges) {
    if (from !== to && from >= 0 && to >= 0 && from < count && to < count) {
      preds[to].push(from);
      succs[from].push(to);
    }
  }
  return { preds, succs };
}

/** Kahn's order; boxes on a cycle (none in a DAG) follow in their given order. */
function topologicalOrder({ preds, succs }: Adjacency): number[] {
  const waiting = preds.map(p => p.length);
  const order: number[] = [];
  const queue = waiting.flatMap((n, i) => (n === 0 ? [i] : []));
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    order.push(v);
    for (const w of succs[v]) {
      if (--waiting[w] === 0) {
        queue.push(w);
      }
    }
  }
  if (order.length < preds.length) {
    const placed = new Set(order);
    order.push(...preds.map((_, i) => i).filter(i => !placed.has(i)));
  }
  return order;
}

/** Longest path from the sources; then every source moves to just before its nearest consumer. */
export function assignRanks(count: number, edges: readonly LayoutEdge[]): number[] {
  const adj = adjacency(count, edges);
  const order = topologicalOrder(adj);
  const rank = new Array<number>(count).fill(0);
  const position = new Array<number>(count);
  order.forEach((v, i) => { position[v] = i; });
  for (const v of order) {
    for (const u of adj.preds[v]) {
      if (position[u] < position[v]) {
        rank[v] = Math.max(rank[v], rank[u] + 1);
      }
    }
  }
  for (let v = 0; v < count; v++) {
    if (adj.preds[v].length === 0 && adj.succs[v].length > 0) {
      rank[v] = Math.max(0, Math.min(...adj.succs[v].map(w => rank[w])) - 1);
    }
  }
  return rank;
}

function layersOf(rank: readonly number[], order: readonly number[]): number[][] {
  const layers: number[][] = [];
  for (const v of order) {
    (layers[rank[v]] ??= []).push(v);
  }
  return layers.map(layer => layer ?? []);
}

/** Reorders each rank by the mean relative position of each box's neighbours on the side swept from. */
function orderRanks(layers: number[][], adj: Adjacency): void {
  const relative = new Float64Array(adj.preds.length);
  const place = (layer: number[]): void => layer.forEach((v, i) => { relative[v] = (i + 0.5) / layer.length; });
  layers.forEach(place);
  for (let sweep = 0; sweep < ORDER_SWEEPS; sweep++) {
    const down = sweep % 2 === 0;
    const neighbours = down ? adj.preds : adj.succs;
    const sequence = down ? layers : [...layers].reverse();
    for (const layer of sequence) {
      const key = new Map<number, number>();
      for (const v of layer) {
        const around = neighbours[v];
        key.set(v, around.length === 0 ? relative[v] : around.reduce((sum, u) => sum + relative[u], 0) / around.length);
      }
      layer.sort((a, b) => (key.get(a) ?? 0) - (key.get(b) ?? 0));
      place(layer);
    }
  }
}

/**
 * Positions along one rank as close to `desired` as the order and gaps allow (least squares): the
 * pool-adjacent-violators algorithm on desired − offset, where offset is the tightest packing.
 */
export function placeInOrder(desired: readonly number[], extents: readonly number[], gap: number): number[] {
  const offsets: number[] = [];
  let offset = 0;
  extents.forEach((extent, i) => {
    offset += i === 0 ? 0 : extents[i - 1] / 2 + gap + extent / 2;
    offsets.push(offset);
  });
  const blocks: { sum: number; count: number }[] = [];
  desired.forEach((d, i) => {
    blocks.push({ sum: d - offsets[i], count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const before = blocks[blocks.length - 2];
      if (before.sum / before.count <= last.sum / last.count) {
        break;
      }
      before.sum += last.sum;
      before.count += last.count;
      blocks.pop();
    }
  });
  const placed: number[] = [];
  for (const block of blocks) {
    for (let k = 0; k < block.count; k++) {
      placed.push(block.sum / block.count + offsets[placed.length]);
    }
  }
  return placed;
}

/** Cross-axis centres: each rank packed, then pulled towards its neighbours' centres, sweeping both ways. */
function placeAcross(layers: number[][], adj: Adjacency, across: readonly number[]): Float64Array {
  const centre = new Float64Array(adj.preds.length);
  for (const layer of layers) {
    const packed = placeInOrder(layer.map(() => 0), layer.map(v => across[v]), BOX_GAP);
    const middle = packed.length === 0 ? 0 : (packed[0] + packed[packed.length - 1]) / 2;
    layer.forEach((v, i) => { centre[v] = packed[i] - middle; });
  }
  for (let sweep = 0; sweep < PLACE_SWEEPS; sweep++) {
    const last = sweep === PLACE_SWEEPS - 1;
    const down = sweep % 2 === 0;
    const sequence = down ? layers : [...layers].reverse();
    for (const layer of sequence) {
      const desired = layer.map(v => {
        const around = last ? [...adj.preds[v], ...adj.succs[v]] : (down ? adj.preds[v] : adj.succs[v]);
        return around.length === 0 ? centre[v] : around.reduce((sum, u) => sum + centre[u], 0) / around.length;
      });
      const placed = placeInOrder(desired, layer.map(v => across[v]), BOX_GAP);
      layer.forEach((v, i) => { centre[v] = placed[i]; });
    }
  }
  return centre;
}

export function layoutGraph(request: LayoutRequest): LayoutResult {
  const { sizes, edges, direction } = request;
  const count = sizes.length;
  const horizontal = direction === 'LR';
  const along = sizes.map(s => (horizontal ? s.width : s.height));
  const across = sizes.map(s => (horizontal ? s.height : s.width));
  const adj = adjacency(count, edges);
  const ranks = assignRanks(count, edges);
  const layers = layersOf(ranks, topologicalOrder(adj));
  orderRanks(layers, adj);
  const crossCentre = placeAcross(layers, adj, across);

  const rankStart: number[] = [];
  const rankExtent = layers.map(layer => layer.reduce((widest, v) => Math.max(widest, along[v]), 0));
  let cursor = 0;
  rankExtent.forEach((extent, r) => {
    rankStart[r] = cursor;
    cursor += extent + RANK_GAP[direction];
  });
  let low = Infinity;
  let high = -Infinity;
  for (let v = 0; v < count; v++) {
    low = Math.min(low, crossCentre[v] - across[v] / 2);
    high = Math.max(high, crossCentre[v] + across[v] / 2);
  }
  const shift = Number.isFinite(low) ? -low : 0;
  const centres = sizes.map((_, v) => {
    const a = rankStart[ranks[v]] + rankExtent[ranks[v]] / 2;
    const c = crossCentre[v] + shift;
    return horizontal ? { x: a, y: c } : { x: c, y: a };
  });
  const routes = edges.map(({ from, to }): [Point, Point] => [exitPoint(centres[from], sizes[from], horizontal), entryPoint(centres[to], sizes[to], horizontal)]);
  const length = Math.max(0, cursor - RANK_GAP[direction]);
  const breadth = Number.isFinite(high) ? high - low : 0;
  return { centres, routes, width: horizontal ? length : breadth, height: horizontal ? breadth : length, ranks };
}

function exitPoint(centre: Point, size: BoxSize, horizontal: boolean): Point {
  return horizontal ? { x: centre.x + size.width / 2, y: centre.y } : { x: centre.x, y: centre.y + size.height / 2 };
}

function entryPoint(centre: Point, size: BoxSize, horizontal: boolean): Point {
  return horizontal ? { x: centre.x - size.width / 2, y: centre.y } : { x: centre.x, y: centre.y - size.height / 2 };
}

/**
 * The drawing's size in one direction without placing anything: ranks laid end to end, each as
 * long as its longest box, and as broad as the broadest rank packed tight (a lower bound).
 */
export function estimatedSize(sizes: readonly BoxSize[], ranks: readonly number[], direction: Direction): { width: number; height: number } {
  const horizontal = direction === 'LR';
  const longest: number[] = [];
  const breadth: number[] = [];
  sizes.forEach((size, v) => {
    const r = ranks[v];
    longest[r] = Math.max(longest[r] ?? 0, horizontal ? size.width : size.height);
    breadth[r] = (breadth[r] ?? -BOX_GAP) + (horizontal ? size.height : size.width) + BOX_GAP;
  });
  const length = longest.reduce((sum, extent) => sum + (extent ?? 0) + RANK_GAP[direction], -RANK_GAP[direction]);
  const broadest = Math.max(0, ...breadth.map(b => b ?? 0));
  return horizontal ? { width: length, height: broadest } : { width: broadest, height: length };
}

/**
 * An edge from one box's border to the next: straight along the flow, then an S-bend in the last
 * rank gap before the target. Edges from one box to many ranks away share one straight run (a bus)
 * instead of each bending halfway across the drawing.
 */
export function edgePath([start, end]: readonly [Point, Point], direction: Direction): string {
  const round = (n: number): string => String(Math.round(n * 10) / 10);
  const horizontal = direction === 'LR';
  const along = (p: Point): number => (horizontal ? p.x : p.y);
  const bend = Math.min(Math.max(0, along(end) - along(start)), RANK_GAP[direction]);
  const at = (a: number, c: number): string => (horizontal ? `${round(a)},${round(c)}` : `${round(c)},${round(a)}`);
  const across = (p: Point): number => (horizontal ? p.y : p.x);
  const runEnd = along(end) - bend;
  const middle = along(end) - bend / 2;
  const run = runEnd > along(start) ? `L${at(runEnd, across(start))}` : '';
  return `M${at(along(start), across(start))}${run}C${at(middle, across(start))} ${at(middle, across(end))} ${at(along(end), across(end))}`;
}
