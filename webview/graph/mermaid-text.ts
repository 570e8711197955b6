// The mermaid text of a flowchart's boxes and edges: the graph's text form, for export and for
// mermaid's own render (the benchmark's peer). Labels are escaped for mermaid (escape.ts). Pure.
import type { ScaleStep } from '../colour-scale';
import { classDefText, classRank, classStyles } from './box-style';
import { labelLines } from './escape';
import type { BoxShape, Direction, FlowBox, FlowEdge, GraphPalette } from './flowchart';

const SHAPE_BRACKETS: Record<BoxShape, [string, string]> = {
  leaf: ['(["', '"])'], constant: ['("', '")'], op: ['["', '"]'], output: ['[["', '"]]'], group: ['{{"', '"}}'],
};

function boxLine(box: FlowBox): string {
  const [open, close] = SHAPE_BRACKETS[box.shape];
  return `  ${box.id}${open}${labelLines(box.lines)}${close}`;
}

function edgeLine(edge: FlowEdge): string {
  return edge.count > 1 ? `  ${edge.from} -->|${edge.count}| ${edge.to}` : `  ${edge.from} --> ${edge.to}`;
}

export function mermaidText(direction: Direction, boxes: readonly FlowBox[], edges: readonly FlowEdge[], palette: GraphPalette, steps: readonly ScaleStep[]): string {
  const lines = [`flowchart ${direction}`, ...boxes.map(boxLine), ...edges.map(edgeLine)];
  for (const [name, style] of classStyles(palette, steps)) {
    lines.push(`  classDef ${name} ${classDefText(style)}`);
  }
  const members = new Map<string, string[]>();
  for (const box of boxes) {
    for (const name of box.classes) {
      const ids = members.get(name);
      if (ids === undefined) {
        members.set(name, [box.id]);
      } else {
        ids.push(box.id);
      }
    }
  }
  // mermaid styles a box from its class statements in order, later ones winning.
  for (const [name, ids] of [...members].sort((a, b) => classRank(a[0]) - classRank(b[0]))) {
    lines.push(`  class ${ids.join(',')} ${name}`);
  }
  return lines.join('\n');
}
