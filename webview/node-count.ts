// How big an inspection is, as the header says it. A model's ONNX nodes are what the graph tab draws
// (one box per origin, webview/graph/merge.ts), so they are counted besides the engine nodes.
import type { WireInspection } from '../src/protocol';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "12 nodes", or for an ONNX model "4 operators · 16 engine nodes". */
export function nodeCountText(inspection: Pick<WireInspection, 'language' | 'nodes'>): string {
  if (inspection.language !== 'onnx') { return plural(inspection.nodes.length, 'node'); }
  const origins = new Set(inspection.nodes.filter(n => n.kind === 'op' && n.origin !== undefined).map(n => n.origin));
  return `${plural(origins.size, 'operator')} · ${plural(inspection.nodes.length, 'engine node')}`;
}
