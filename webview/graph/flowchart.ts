// The flowchart of a (possibly folded) graph: one box per shown node or folded group, inputs to
// output, coloured by the chosen measure (node-colour.ts). One structured form (boxes with label lines, shape and style; edges
// bundled per box pair) feeds both the mermaid text (export) and the panel's own SVG drawing.
// Pure: unit-tested in Node; the DOM side supplies colours.
import type { WireCheck, WireNode, WirePrecision } from '../../src/protocol';
import type { ScaleStep, Swatch } from '../colour-scale';
import { formatNumber, isScalar, summarizeTensor } from '../format';
import { resolveBoxStyle, type BoxStyle } from './box-style';
import { colourBoxes, leafErrors, type ColourMode } from './node-colour';
import { precisionErrors } from '../precision-model';
import type { FoldGroup, FoldResult } from './fold';
import { mermaidText } from './mermaid-text';

export type Direction = 'LR' | 'TB';

/** Colours of the graph, read from the theme by the DOM side (the colour scale's fills are fixed). */
export interface GraphPalette {
  /** Boxes with no measure: the editor's background and text. */
  none: Swatch;
  border: string;
  output: string;
  fail: string;
  kink: string;
  pass: string;
}

/** What a mermaid box id stands for. */
export type BoxTarget = { kind: 'node'; id: number } | { kind: 'group'; key: string };

export type BoxShape = 'leaf' | 'constant' | 'op' | 'output' | 'group';

/** One drawn box: what it shows, its label lines (raw text, not escaped), and its look. */
export interface FlowBox {
  /** "n12" for node 12, "g3" for the fourth folded group. */
  id: string;
  target: BoxTarget;
  shape: BoxShape;
  lines: string[];
  /** The engine op of a node's box ("mul", "matmul"), for find. */
  op?: string;
  /** Style classes, weakest first: the colour step, then kind, then status. */
  classes: string[];
  style: BoxStyle;
}

/** All graph edges between two different boxes, bundled into one. */
export interface FlowEdge {
  from: string;
  to: string;
  /** How many node-to-node edges this one stands for (more than 1 between folded groups). */
  count: number;
}

export interface Flowchart {
  direction: Direction;
  shapes: FlowBox[];
  edges: FlowEdge[];
  /** The mermaid text of the same boxes and edges (the graph's text form: export). */
  text: string;
  /** Mermaid box id ("n12", "g3") → what it shows. */
  boxes: Map<string, BoxTarget>;
  /** Node id → id of the box that shows it (itself or its group). */
  boxOfNode: Map<number, string>;
  /** The steps of the boxes' colour scale (plain data: it crosses from the layout worker); the legend is drawn from them. */
  scale: { steps: ScaleStep[] };
}

export interface FlowchartOptions {
  direction: Direction;
  digits: number;
  palette: GraphPalette;
  /** What colours the boxes; |gradient| when not given. */
  colourBy?: ColourMode;
  /** The check, for colouring by its error. */
  check?: WireCheck;
  /** The precision replay, for colouring by its error. */
  precision?: WirePrecision;
}

const STATUS_MARK: Record<string, string> = { fail: '✗ ', kink: '⚠ ', pass: '✓ ' };

export function nodeLabelLines(node: WireNode, digits: number, isOutput: boolean): string[] {
  const mark = node.checkStatus !== undefined ? STATUS_MARK[node.checkStatus] : '';
  const title = isOutput ? `${node.label} (output)` : node.label;
  // The stored type goes with the data, not the title: a long name keeps its whole line.
  const data = node.dtype === undefined ? 'data' : `data ${node.dtype}`;
  const lines = [`${mark}${title}`];
  if (node.kind === 'constant' && isScalar(node.value) && !isOutput) {
    // A scalar constant's label is its value already.
    return lines;
  }
  if (node.origin !== undefined && node.origin !== node.label) {
    lines.push(node.origin);
  }
  if (isScalar(node.value) && (node.grad === undefined || isScalar(node.grad))) {
    const grad = node.grad === undefined ? '' : ` | grad ${formatNumber(node.grad.data?.[0] ?? node.grad.mean, digits)}`;
    lines.push(`${data} ${summarizeTensor(node.value, digits)}${grad}`);
  } else {
    lines.push(`${data} ${summarizeTensor(node.value, digits)}`);
    if (node.grad !== undefined) {
      lines.push(`grad ‖·‖=${formatNumber(node.grad.norm, Math.min(digits, 4))}`);
    }
  }
  const problem = nonFiniteProblem(node);
  if (problem !== undefined) {
    lines.push(`⚠ ${problem}`);
  }
  return lines;
}

/** What is NaN or infinite at this node, if anything. */
export function nonFiniteProblem(node: WireNode): string | undefined {
  const badValue = node.value.nonFinite > 0;
  const badGrad = (node.grad?.nonFinite ?? 0) > 0;
  if (badValue || badGrad) {
    return badValue && badGrad ? 'non-finite value and gradient' : badValue ? 'non-finite value' : 'non-finite gradient';
  }
  return undefined;
}

export function buildFlowchart(nodes: readonly WireNode[], output: number, fold: FoldResult, options: FlowchartOptions): Flowchart {
  const byId = new Map(nodes.map(n => [n.id, n]));
  const boxes = new Map<string, BoxTarget>();
  const boxOfNode = new Map<number, string>();
  const groupBox = new Map<string, string>();
  fold.groups.forEach((group, i) => {
    const box = `g${i}`;
    groupBox.set(group.key, box);
    boxes.set(box, { kind: 'group', key: group.key });
    group.members.forEach(id => boxOfNode.set(id, box));
  });
  for (const id of fold.shown) {
    boxes.set(`n${id}`, { kind: 'node', id });
    boxOfNode.set(id, `n${id}`);
  }

  // By key, not by search: a model opened to its 3,400 blocks has as many groups.
  const groupOfKey = new Map(fold.groups.map(group => [group.key, group]));
  const members = new Map<string, readonly number[]>();
  for (const [box, target] of boxes) {
    members.set(box, target.kind === 'node' ? [target.id] : groupOfKey.get(target.key)?.members ?? []);
  }
  const errors = options.colourBy === 'precision' ? precisionErrors(options.precision) : leafErrors(options.check);
  const { scale, stepOfBox } = colourBoxes(members, byId, options.colourBy ?? 'gradient', errors);

  const shapes: FlowBox[] = [];
  for (const [box, target] of boxes) {
    // colour0 is "no measure"; colour1… are the scale's steps.
    const step = `colour${(stepOfBox.get(box) ?? -1) + 1}`;
    const shape = target.kind === 'group' ? foldedGroupShape(box, target, groupOfKey.get(target.key)) : nodeShape(box, target.id, byId, output, options.digits);
    if (shape !== undefined) {
      shape.classes.unshift(step);
      shape.style = resolveBoxStyle(shape.classes, options.palette, scale.steps);
      shapes.push(shape);
    }
  }
  const edges = bundledEdges(nodes, boxOfNode);
  const text = mermaidText(options.direction, shapes, edges, options.palette, scale.steps);
  return { direction: options.direction, shapes, edges, text, boxes, boxOfNode, scale: { steps: scale.steps } };
}

const SHAPE_OF_KIND: Record<WireNode['kind'], BoxShape> = { leaf: 'leaf', constant: 'constant', op: 'op' };

function nodeShape(box: string, id: number, byId: ReadonlyMap<number, WireNode>, output: number, digits: number): FlowBox | undefined {
  const node = byId.get(id);
  if (node === undefined) {
    return undefined;
  }
  const isOutput = node.id === output;
  const classes: string[] = [];
  if (isOutput) {
    classes.push('output');
  } else if (node.kind === 'leaf') {
    classes.push('leaf');
  }
  // Leaves by their entries; an op only when it is the check's wrong node.
  if (node.checkStatus !== undefined) {
    classes.push(node.checkStatus);
  }
  if (nonFiniteProblem(node) !== undefined) {
    classes.push('nonfinite');
  }
  const shape = isOutput ? 'output' : SHAPE_OF_KIND[node.kind];
  return { id: box, target: { kind: 'node', id }, shape, lines: nodeLabelLines(node, digits, isOutput), op: node.op, classes, style: EMPTY_STYLE };
}

const EMPTY_STYLE: BoxStyle = { fill: '', stroke: '', text: '', strokeWidth: 1 };

function foldedGroupShape(box: string, target: BoxTarget & { kind: 'group' }, group: FoldGroup | undefined): FlowBox {
  const count = group?.members.length ?? 0;
  const title = target.key.startsWith('layer:') ? `⊞ ${group?.title ?? ''}` : `⊞ ${group?.title ?? ''} sub-expression`;
  return { id: box, target, shape: 'group', lines: [title, `${count} nodes (click to expand)`], classes: ['folded'], style: EMPTY_STYLE };
}

/** One edge per ordered pair of different boxes, counting the node edges it stands for. */
export function bundledEdges(nodes: readonly WireNode[], boxOfNode: ReadonlyMap<number, string>): FlowEdge[] {
  const byPair = new Map<string, FlowEdge>();
  for (const node of nodes) {
    const to = boxOfNode.get(node.id);
    for (const input of node.inputs) {
      const from = boxOfNode.get(input);
      if (from === undefined || to === undefined || from === to) {
        continue;
      }
      const key = `${from}>${to}`;
      const edge = byPair.get(key);
      if (edge === undefined) {
        byPair.set(key, { from, to, count: 1 });
      } else {
        edge.count++;
      }
    }
  }
  return [...byPair.values()];
}
