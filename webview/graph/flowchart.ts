// The mermaid flowchart text of a (possibly folded) graph: one box per shown node or folded group,
// inputs to output, coloured by |gradient|. Pure: unit-tested in Node; the DOM side supplies colours.
import type { WireNode, WireTensor } from '../../src/protocol';
import { formatNumber, isScalar, summarizeTensor } from '../format';
import { labelLines } from './escape';
import type { FoldResult } from './fold';

export type Direction = 'LR' | 'TB';

/** Colours of the graph, read from the theme by the DOM side. */
export interface GraphPalette {
  /** Fill per |gradient| bucket, from "no gradient" to "largest". */
  buckets: readonly [string, string, string, string, string];
  text: string;
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
}

export interface FlowchartOptions {
  direction: Direction;
  digits: number;
  palette: GraphPalette;
}

export function gradientMagnitude(grad: WireTensor | undefined): number | undefined {
  if (grad === undefined) {
    return undefined;
  }
  const value = isScalar(grad) ? Math.abs(grad.data?.[0] ?? grad.mean ?? NaN) : grad.norm;
  return value === null || !Number.isFinite(value) ? undefined : value;
}

/** 0 for no or zero gradient, then 1..4 by the share of the largest |gradient| in the picture. */
export function gradientBucket(magnitude: number | undefined, largest: number): number {
  if (magnitude === undefined || magnitude === 0 || !(largest > 0)) {
    return 0;
  }
  const share = magnitude / largest;
  if (share < 0.01) {
    return 1;
  }
  if (share < 0.1) {
    return 2;
  }
  return share < 0.5 ? 3 : 4;
}

const CLASS_ORDER = ['grad', 'folded', 'leaf', 'output', 'pass', 'kink', 'fail', 'nonfinite'];

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

function classDefs(palette: GraphPalette): string[] {
  const lines = palette.buckets.map((fill, i) => `  classDef grad${i} fill:${fill},stroke:${palette.border},color:${palette.text}`);
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

  const magnitudeOfBox = new Map<string, number | undefined>();
  for (const [box, target] of boxes) {
    const members = target.kind === 'node' ? [target.id] : fold.groups.find(g => g.key === target.key)?.members ?? [];
    let largest: number | undefined;
    for (const id of members) {
      const m = gradientMagnitude(byId.get(id)?.grad);
      if (m !== undefined && (largest === undefined || m > largest)) {
        largest = m;
      }
    }
    magnitudeOfBox.set(box, largest);
  }
  const largest = Math.max(0, ...[...magnitudeOfBox.values()].filter((m): m is number => m !== undefined));

  const lines = [`flowchart ${options.direction}`];
  const classes = new Map<string, string[]>();
  const addClass = (name: string, box: string): void => {
    classes.set(name, [...(classes.get(name) ?? []), box]);
  };
  for (const [box, target] of boxes) {
    addClass(`grad${gradientBucket(magnitudeOfBox.get(box), largest)}`, box);
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
  lines.push(...edges, ...classDefs(options.palette));
  // mermaid styles a box from its class statements in order, later ones winning: the colour
  // buckets go first so that status borders (pass, kink, fail, non-finite) stay visible.
  const order = (name: string): number => CLASS_ORDER.indexOf(name.startsWith('grad') ? 'grad' : name);
  for (const [name, members] of [...classes].sort((a, b) => order(a[0]) - order(b[0]))) {
    lines.push(`  class ${members.join(',')} ${name}`);
  }
  return { text: lines.join('\n'), boxes, boxOfNode };
}
