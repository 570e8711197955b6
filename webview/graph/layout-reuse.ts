// The last layout, kept so a drawing whose boxes and edges did not change is not laid out again.
// A new check result arrives as a new inspection: its statuses and colours change, its structure
// does not. Box sizes are part of the key, measured from the new labels, so a label that grew (a
// ✓ prefix appearing) gets a new layout and still fits its box.
import { layoutGraph, type BoxSize, type LayoutEdge, type LayoutRequest, type LayoutResult } from './layout';

export interface ReusableLayout {
  layout: LayoutResult;
  /** True when the layout was the kept one, not computed for this request. */
  reused: boolean;
}

export class LayoutCache {
  private last?: { request: LayoutRequest; layout: LayoutResult };

  layout(request: LayoutRequest, mayReuse = true): ReusableLayout {
    const last = this.last;
    if (mayReuse && last !== undefined && sameLayoutInput(last.request, request)) {
      return { layout: last.layout, reused: true };
    }
    const layout = layoutGraph(request);
    this.last = { request, layout };
    return { layout, reused: false };
  }
}

/** Same direction, same box sizes in the same order, same edges between the same boxes. */
export function sameLayoutInput(a: LayoutRequest, b: LayoutRequest): boolean {
  return a.direction === b.direction && sameSizes(a.sizes, b.sizes) && sameEdges(a.edges, b.edges);
}

function sameSizes(a: readonly BoxSize[], b: readonly BoxSize[]): boolean {
  return a.length === b.length && a.every((size, i) => size.width === b[i].width && size.height === b[i].height);
}

function sameEdges(a: readonly LayoutEdge[], b: readonly LayoutEdge[]): boolean {
  return a.length === b.length && a.every((edge, i) => edge.from === b[i].from && edge.to === b[i].to);
}
