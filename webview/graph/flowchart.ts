// The mermaid flowchart text of a (possibly folded) graph: one box per shown node or folded group,
// inputs to output, coloured by the chosen measure (node-colour.ts). Pure: unit-tested in Node; the
// DOM side supplies the theme's colours.
import type { WireCheck, WireNode } from '../../src/protocol';
import type { StepScale, Swatch } from '../colour-scale';
import { formatNumber, isScalar, summarizeTensor } from '../format';
import { labelLines } from './escape';
import type { FoldResult } from './fold';
import { colourBoxes, leafErrors, type ColourMode } from './node-colour';

export type Direction = 'LR' | 'TB';

/** Colours of the graph, read from the theme by the DOM side (the scale's fills are fixed). */
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

export interface Flowchart {
  text: string;
  /** Mermaid box id ("n12", "g3") → what it shows. */
  boxes: Map<string, BoxTarget>;
  /** Node id → id of the box that shows it (itself or its group). */
  boxOfNode: Map<number, string>;
  /** The colour scale of the boxes: the legend is drawn from it. */
  scale: StepScale;
}

export interface FlowchartOptions {
  direction: Direction;
  digits: number;
  palette: GraphPalette;
  /** What colours the boxes; |gradient| when not given. */
  colourBy?: ColourMode;
  /** The check, for colouring by its error. */
  check?: WireCheck;
}

const CLASS_ORDER = ['colour', 'folded', 'leaf', 'output', 'pass', 'kink', 'fail', 'nonfinite'];

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

function nodeBox(id: string, node: WireNode, label: string, isOutput: boolean): string {
  if (isOutput) {
    return `${id}[["${label}"]]`;
  }
  switch (node.kind) {
    case 'leaf':
      return `${id}(["${label}"])`;
    case 'constant':
      return `${id}("${label}")`;
    default:
      return `${id}["${label}"]`;
  }
}

function classDefs(palette: GraphPalette, scale: StepScale): string[] {
  const fills = [palette.none, ...scale.steps.map(step => step.swatch)];
  // colour0 is "no measure"; colour1… are the scale's steps.
  const lines = fills.map((s, i) => `  classDef colour${i} fill:${s.fill},stroke:${palette.border},color:${s.text}`);
  lines.push(
    `  classDef output stroke:${palette.output},stroke-width:3px`,
    `  classDef leaf stroke-width:2px`,
    `  classDef pass stroke:${palette.pass},stroke-width:2px`,
    `  classDef fail stroke:${palette.fail},stroke-width:3px`,
    `  classDef kink stroke:${palette.kink},stroke-width:3px,stroke-dasharray:5 3`,
    `  classDef folded stroke-dasharray:3 3,stroke-width:2px`,
    `  classDef nonfinite stroke:${palette.fail},stroke-width:3px,stroke-dasharray:2 2`,
  );
  return lines;
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

  const members = new Map<string, readonly number[]>();
  for (const [box, target] of boxes) {
    members.set(box, target.kind === 'node' ? [target.id] : fold.groups.find(g => g.key === target.key)?.members ?? []);
  }
  const { scale, stepOfBox } = colourBoxes(members, byId, options.colourBy ?? 'gradient', leafErrors(options.check));

  const lines = [`flowchart ${options.direction}`];
  const classes = new Map<string, string[]>();
  const addClass = (name: string, box: string): void => {
    classes.set(name, [...(classes.get(name) ?? []), box]);
  };
  for (const [box, target] of boxes) {
    addClass(`colour${(stepOfBox.get(box) ?? -1) + 1}`, box);
    if (target.kind === 'group') {
      const group = fold.groups.find(g => g.key === target.key);
      const count = group?.members.length ?? 0;
      const title = target.key.startsWith('layer:') ? `⊞ ${group?.title ?? ''}` : `⊞ ${group?.title ?? ''} sub-expression`;
      lines.push(`  ${box}{{"${labelLines([title, `${count} nodes (click to expand)`])}"}}`);
      addClass('folded', box);
      continue;
    }
    const node = byId.get(target.id);
    if (node === undefined) {
      continue;
    }
    const isOutput = node.id === output;
    lines.push(`  ${nodeBox(box, node, labelLines(nodeLabelLines(node, options.digits, isOutput)), isOutput)}`);
    if (isOutput) {
      addClass('output', box);
    } else if (node.kind === 'leaf') {
      addClass('leaf', box);
    }
    // Leaves by their entries; an op only when it is the check's wrong node.
    if (node.checkStatus !== undefined) {
      addClass(node.checkStatus, box);
    }
    if (nonFiniteProblem(node) !== undefined) {
      addClass('nonfinite', box);
    }
  }
  const edges = new Set<string>();
  for (const node of nodes) {
    const to = boxOfNode.get(node.id);
    for (const input of node.inputs) {
      const from = boxOfNode.get(input);
      if (from !== undefined && to !== undefined && from !== to) {
        edges.add(`  ${from} --> ${to}`);
      }
    }
  }
  lines.push(...edges, ...classDefs(options.palette, scale));
  // mermaid styles a box from its class statements in order, later ones winning: the colour
  // steps go first so that status borders (pass, kink, fail, non-finite) stay visible.
  const order = (name: string): number => CLASS_ORDER.indexOf(name.startsWith('colour') ? 'colour' : name);
  for (const [name, members] of [...classes].sort((a, b) => order(a[0]) - order(b[0]))) {
    lines.push(`  class ${members.join(',')} ${name}`);
  }
  return { text: lines.join('\n'), boxes, boxOfNode, scale };
}
