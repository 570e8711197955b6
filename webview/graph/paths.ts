// The path a gradient takes from a box to the output: every box and edge lying on some path from
// the selected box to the output box (reachable from the one, and reaching the other). Pure.
import type { FlowEdge } from './flowchart';

export interface PathHighlight {
  boxes: Set<string>;
  /** Indices into the edge list. */
  edges: Set<number>;
}

function reachable(start: string, next: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  for (let box = stack.pop(); box !== undefined; box = stack.pop()) {
    for (const other of next.get(box) ?? []) {
      if (!seen.has(other)) {
        seen.add(other);
        stack.push(other);
      }
    }
  }
  return seen;
}

export function pathToOutput(edges: readonly FlowEdge[], from: string, output: string): PathHighlight {
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  const link = (map: Map<string, string[]>, from: string, to: string): void => {
    const list = map.get(from);
    if (list === undefined) {
      map.set(from, [to]);
    } else {
      list.push(to);
    }
  };
  for (const edge of edges) {
    link(forward, edge.from, edge.to);
    link(backward, edge.to, edge.from);
  }
  const downstream = reachable(from, forward);
  if (!downstream.has(output)) {
    return { boxes: new Set([from]), edges: new Set() };
  }
  const upstream = reachable(output, backward);
  const boxes = new Set([...downstream].filter(box => upstream.has(box)));
  const onPath = new Set<number>();
  edges.forEach((edge, i) => {
    if (boxes.has(edge.from) && boxes.has(edge.to)) {
      onPath.add(i);
    }
  });
  return { boxes, edges: onPath };
}
