// What the node inspector shows for one node: its facts, and one section per tensor (value,
// gradient, and for a checked leaf the numeric gradient and |analytic − numeric| from the check
// rows), each with its entries where they were sent, its summary and its distribution, and the
// entries the check marked. Pure: unit-tested in Node.
import type { WireCheckEntry, WireInspection, WireNode, WireNumber, WireTensor } from '../src/protocol';
import { tensorDistribution } from '../src/wire-distribution';
import type { EntryMark, HeatmapScale } from './heatmap';

/** Tensors up to this many entries show every number, written in their heatmap's cells. */
export const NUMBERS_LIMIT = 64;

/** A tensor as the wire sends it (data: null for non-finite or, in the check's sections, not checked), with how to draw it. */
export interface TensorSection extends Omit<WireTensor, 'norm'> {
  name: 'value' | 'gradient' | 'numeric gradient' | 'error';
  title: string;
  scale: HeatmapScale;
  /** Failing and kink entries of the check, by flat index. */
  marks: Map<number, EntryMark>;
}

export interface InspectedNode {
  node: WireNode;
  isOutput: boolean;
  sections: TensorSection[];
  /** Check rows of this leaf that were sent (worst first). */
  entries: WireCheckEntry[];
}

export function inspectNode(inspection: WireInspection, nodeId: number): InspectedNode | undefined {
  const node = inspection.nodes.find(n => n.id === nodeId);
  if (node === undefined) {
    return undefined;
  }
  const entries = node.kind === 'leaf' ? (inspection.check?.entries ?? []).filter(e => e.leafId === node.id) : [];
  const marks = new Map<number, EntryMark>();
  for (const e of entries) {
    if (e.status !== 'pass') {
      marks.set(e.flat, e.status);
    }
  }
  const sections = [tensorSection('value', 'value', node.value, 'signed', new Map())];
  if (node.grad !== undefined) {
    sections.push(tensorSection('gradient', 'gradient (analytic)', node.grad, 'signed', marks));
  }
  if (entries.length > 0) {
    sections.push(
      checkSection('numeric gradient', 'numeric gradient (central difference)', node.value, entries, e => e.numeric, 'signed', marks),
      checkSection('error', '|analytic − numeric|', node.value, entries, e => e.absError, 'magnitude', marks),
    );
  }
  return { node, isOutput: node.id === inspection.output, sections, entries };
}

function tensorSection(name: TensorSection['name'], title: string, t: WireTensor, scale: HeatmapScale, marks: Map<number, EntryMark>): TensorSection {
  const section: TensorSection = {
    name, title, shape: [...t.shape], size: t.size, min: t.min, max: t.max, mean: t.mean, nonFinite: t.nonFinite, scale, marks,
  };
  if (t.data !== undefined && t.data.length === t.size) { section.data = t.data; }
  if (t.distribution !== undefined) { section.distribution = t.distribution; }
  return section;
}

/** A tensor of the leaf's shape from the check rows; entries without a row are null (not checked or not sent). */
function checkSection(
  name: TensorSection['name'], title: string, leafValue: WireTensor, entries: readonly WireCheckEntry[],
  pick: (e: WireCheckEntry) => WireNumber, scale: HeatmapScale, marks: Map<number, EntryMark>,
): TensorSection {
  const data: WireNumber[] = new Array<WireNumber>(leafValue.size).fill(null);
  const values: number[] = [];
  for (const e of entries) {
    const v = pick(e);
    if (e.flat < data.length) { data[e.flat] = v; }
    if (v !== null) { values.push(v); }
  }
  const distribution = tensorDistribution(values);
  const finite = values.length > 0;
  return {
    name, title, shape: [...leafValue.shape], size: leafValue.size, data,
    min: finite ? distribution.histogram.low : null,
    max: finite ? distribution.histogram.high : null,
    mean: finite ? values.reduce((a, b) => a + b, 0) / values.length : null,
    distribution, nonFinite: entries.length - values.length, scale, marks,
  };
}

/** How many entries of a section are known (the rest were not checked, or not sent). */
export function knownEntries(section: TensorSection): number {
  return section.data === undefined ? 0 : section.data.filter(v => v !== null).length;
}
