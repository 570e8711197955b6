// How many entries an op's result will have, known before its forward pass allocates them.
import { entriesOf } from './limits';
import { Attrs, OpDef } from './op';
import { Tensor, tryBroadcastShapes } from './tensor';

/**
 * The op's own bound when it has one; else the inputs' shapes broadcast together, which bounds
 * elementwise ops, reductions, reshapes and indexing (never larger than what they read).
 */
export function resultEntries(def: OpDef, inputs: readonly Tensor[], attrs: Attrs): number {
  if (def.resultEntries) { return def.resultEntries(inputs, attrs); }
  let shape: readonly number[] | undefined = [];
  let largest = 1;
  for (const t of inputs) {
    largest = Math.max(largest, t.size);
    shape = shape && tryBroadcastShapes(shape, t.shape);
  }
  return shape ? Math.max(largest, entriesOf(shape)) : largest;
}
