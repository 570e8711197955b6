// Everything between an inspection and a drawing, off the panel's main thread: one box per model
// node (merge), folding, the flowchart, box sizes from the measured font, and the layout. Runs in
// the layout worker (layout-worker.ts); pure, so it is unit-tested in Node too.
import type { WireCheck, WireNode, WirePrecision } from '../../src/protocol';
import { buildFlowchart, type BoxShape, type Direction, type Flowchart, type GraphPalette } from './flowchart';
import { foldGraph } from './fold';
import { assignRanks, estimatedSize, type BoxSize, type LayoutEdge, type Point } from './layout';
import { LayoutCache } from './layout-reuse';
import { mergeByOrigin, type MergedGraph } from './merge';
import type { ColourMode } from './node-colour';
import { linesWidth, type CharWidths } from './text-width';

export interface SceneRequest {
  /** Answers carry it back, so the panel drops answers to requests it no longer wants. */
  generation: number;
  nodes: WireNode[];
  output: number;
  limit: number;
  expanded: string[];
  /** 'auto': whichever direction shows the whole graph larger in `view`. */
  direction: Direction | 'auto';
  /** The canvas size the first view fits into (for 'auto'). */
  view: { width: number; height: number };
  digits: number;
  palette: GraphPalette;
  /** What colours the boxes (node-colour.ts), and the check for colouring by its error. */
  colourBy: ColourMode;
  check?: WireCheck;
  /** The precision replay, for colouring by its error. */
  precision?: WirePrecision;
  metrics: CharWidths;
  /** Lay out even when the previous layout would do: the bench times the layout itself. */
  freshLayout?: boolean;
}

/**
 * What the layout worker is sent: the nodes only when they differ from the last request's. A
 * 10⁵-node graph took seconds to copy into the worker on every click that opened a group.
 */
export type WorkerRequest = Omit<SceneRequest, 'nodes'> & ({ nodes: WireNode[] } | { sameNodes: true });

export interface PlacedBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Scene {
  generation: number;
  flowchart: Flowchart;
  /** Position and size of each of flowchart.shapes, same order. */
  placed: PlacedBox[];
  /** Border-to-border ends of each of flowchart.edges, same order. */
  routes: [Point, Point][];
  width: number;
  height: number;
  /** Engine node id → id of the node whose box shows it (merge.ts). */
  shownAs: Map<number, number>;
  /** Id of the box that shows the output. */
  outputBox: string;
  foldMessage: string;
  foldedNodes: number;
  groupCount: number;
  /** Milliseconds spent here (merge, fold, flowchart, layout). */
  millis: number;
  /** The boxes' positions were the previous scene's (same sizes, edges and direction): no new layout. */
  layoutReused: boolean;
}

/** Padding inside a box around its label, in px. */
export const BOX_PADDING = { x: 14, y: 8 };

/** Room the rounded ends of a stadium and the points of a hexagon take from the label. */
function shapeAllowance(shape: BoxShape, height: number): number {
  return shape === 'leaf' || shape === 'group' ? height / 2 : 0;
}

export function boxSize(lines: readonly string[], shape: BoxShape, metrics: CharWidths): BoxSize {
  const height = lines.length * metrics.lineHeight + 2 * BOX_PADDING.y;
  const width = Math.ceil(linesWidth(lines, metrics)) + 2 * BOX_PADDING.x + shapeAllowance(shape, height);
  return { width, height };
}

/** How much a drawing of this size must shrink to fit the view (larger is more readable). */
function fitScale(size: { width: number; height: number }, view: SceneRequest['view']): number {
  return Math.min(view.width / Math.max(1, size.width), view.height / Math.max(1, size.height));
}

/** The request's direction, or for 'auto' the one whose estimated drawing fits the view larger. */
function chooseDirection(request: SceneRequest, sizes: readonly BoxSize[], edges: readonly LayoutEdge[]): Direction {
  if (request.direction !== 'auto') {
    return request.direction;
  }
  const ranks = assignRanks(sizes.length, edges);
  const across = fitScale(estimatedSize(sizes, ranks, 'LR'), request.view);
  const down = fitScale(estimatedSize(sizes, ranks, 'TB'), request.view);
  return down > across ? 'TB' : 'LR';
}

/** Merging depends on the nodes alone: kept per nodes array, so opening a group does not merge 10⁵ nodes again. */
const mergedOf = new WeakMap<readonly WireNode[], { output: number; merged: MergedGraph }>();

function mergedGraph(nodes: readonly WireNode[], output: number): MergedGraph {
  const kept = mergedOf.get(nodes);
  if (kept !== undefined && kept.output === output) {
    return kept.merged;
  }
  const merged = mergeByOrigin(nodes, output);
  mergedOf.set(nodes, { output, merged });
  return merged;
}

/** The previous layout of this worker (or main thread): a re-check of the same graph reuses it. */
const layouts = new LayoutCache();

export function buildScene(request: SceneRequest, now: () => number = () => Date.now()): Scene {
  const started = now();
  const merged = mergedGraph(request.nodes, request.output);
  const fold = foldGraph({ nodes: merged.nodes, output: merged.output, limit: request.limit, expanded: new Set(request.expanded) });
  // Labels, and so box sizes, do not depend on the direction: the flowchart is built once.
  const options = { direction: 'LR' as Direction, digits: request.digits, palette: request.palette, colourBy: request.colourBy, check: request.check, precision: request.precision };
  let flowchart = buildFlowchart(merged.nodes, merged.output, fold, options);
  const sizes = flowchart.shapes.map(box => boxSize(box.lines, box.shape, request.metrics));
  const index = new Map(flowchart.shapes.map((box, i) => [box.id, i]));
  const edges = flowchart.edges.map(edge => ({ from: index.get(edge.from) ?? -1, to: index.get(edge.to) ?? -1 }));
  const direction = chooseDirection(request, sizes, edges);
  if (direction !== 'LR') {
    flowchart = { ...flowchart, direction, text: flowchart.text.replace(/^flowchart LR/, `flowchart ${direction}`) };
  }
  const { layout, reused } = layouts.layout({ sizes, edges, direction }, request.freshLayout !== true);
  const placed = sizes.map((size, i) => ({ ...layout.centres[i], ...size }));
  return {
    generation: request.generation,
    flowchart,
    placed,
    routes: layout.routes,
    width: layout.width,
    height: layout.height,
    shownAs: merged.shownAs,
    outputBox: flowchart.boxOfNode.get(merged.output) ?? '',
    foldMessage: fold.message,
    foldedNodes: fold.foldedNodes,
    groupCount: fold.groups.length,
    millis: now() - started,
    layoutReused: reused,
  };
}
