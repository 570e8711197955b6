// What colours the graph's boxes: one measure per node (|gradient|, |gradient|/|value|, check error,
// value range or the precision replay's error), one log step scale over the boxes in the picture, and the words of its legend. The
// mermaid text and any other renderer take their colours from here. Pure: unit-tested in Node.
import type { WireCheck, WireNode, WireTensor } from '../../src/protocol';
import { logStepScale, type StepScale } from '../colour-scale';
import { isScalar } from '../format';

export type ColourMode = 'gradient' | 'relative' | 'error' | 'value' | 'precision';

export const COLOUR_MODES: readonly ColourMode[] = ['gradient', 'relative', 'error', 'value', 'precision'];

export const COLOUR_MODE_NAMES: Record<ColourMode, string> = {
  gradient: '|gradient|',
  relative: '|gradient| / |value|',
  error: 'check error',
  value: 'value range',
  precision: 'precision replay error',
};

/** The legend's title and the name of its "no colour" entry, per mode. */
export const COLOUR_MODE_LEGENDS: Record<ColourMode, { title: string; none: string }> = {
  gradient: { title: '|gradient| (‖·‖ of a tensor), log scale:', none: 'zero or none' },
  relative: { title: '‖gradient‖ / ‖value‖, log scale:', none: 'zero or undefined' },
  error: { title: 'worst relative error of a checked leaf, log scale:', none: 'not checked or exact' },
  value: { title: 'largest |value| entry, log scale:', none: 'all zero' },
  precision: { title: 'relative error in the precision replay (worse of value and gradient), log scale:', none: 'exact, not finite or no replay' },
};

function magnitude(t: WireTensor | undefined): number | undefined {
  if (t === undefined) {
    return undefined;
  }
  const value = isScalar(t) ? Math.abs(t.data?.[0] ?? t.mean ?? NaN) : t.norm;
  return value === null || !Number.isFinite(value) ? undefined : value;
}

function largestEntry(t: WireTensor): number | undefined {
  if (t.min === null || t.max === null) {
    return undefined;
  }
  return Math.max(Math.abs(t.min), Math.abs(t.max));
}

/** Each checked leaf's worst relative error over the rows sent. */
export function leafErrors(check: WireCheck | undefined): Map<number, number> {
  const errors = new Map<number, number>();
  for (const entry of check?.entries ?? []) {
    const error = entry.relError ?? Infinity;
    errors.set(entry.leafId, Math.max(errors.get(entry.leafId) ?? 0, error));
  }
  return errors;
}

/** The node's number in this mode, or undefined when it has none; `errors` holds the check's or the replay's errors by node. */
export function nodeMeasure(node: WireNode, mode: ColourMode, errors: ReadonlyMap<number, number>): number | undefined {
  switch (mode) {
    case 'gradient':
      return magnitude(node.grad);
    case 'relative': {
      const grad = magnitude(node.grad);
      const value = magnitude(node.value);
      return grad === undefined || value === undefined || value === 0 ? undefined : grad / value;
    }
    case 'error':
    case 'precision':
      return errors.get(node.id);
    case 'value':
      return largestEntry(node.value);
  }
}

export interface BoxColouring {
  scale: StepScale;
  /** Box id → step of the scale, -1 for none. */
  stepOfBox: Map<string, number>;
}

/** A box shows its members' largest measure (a folded group is as loud as its loudest node). */
export function colourBoxes(
  members: ReadonlyMap<string, readonly number[]>, byId: ReadonlyMap<number, WireNode>, mode: ColourMode, errors: ReadonlyMap<number, number>,
): BoxColouring {
  const measureOfBox = new Map<string, number | undefined>();
  for (const [box, ids] of members) {
    let largest: number | undefined;
    for (const id of ids) {
      const node = byId.get(id);
      const m = node === undefined ? undefined : nodeMeasure(node, mode, errors);
      if (m !== undefined && (largest === undefined || m > largest)) {
        largest = m;
      }
    }
    measureOfBox.set(box, largest);
  }
  const scale = logStepScale([...measureOfBox.values()].filter((m): m is number => m !== undefined));
  const stepOfBox = new Map([...measureOfBox].map(([box, m]) => [box, scale.stepOf(m)]));
  return { scale, stepOfBox };
}
