// Reusable work buffers for kernels (im2col columns, a transposed operand). Every convolution of a
// ResNet step allocating its own megabytes of columns kept the collector busy freeing them; one
// buffer per purpose, grown when a larger one is needed, is reused instead. It is held weakly, so it
// lives while a forward or backward pass runs and is collected once the engine is idle.

/** What a buffer is for: two kernels that may run at the same time never share one. */
export type ScratchPurpose = 'packed-rows' | 'columns' | 'column-gradients';

const held = new Map<ScratchPurpose, WeakRef<Float64Array>>();

/**
 * A buffer of at least `size` entries for `purpose`, with arbitrary contents (callers write or
 * zero what they read). Valid until the next request for the same purpose.
 */
export function scratch(purpose: ScratchPurpose, size: number): Float64Array {
  const buffer = held.get(purpose)?.deref();
  if (buffer && buffer.length >= size) { return buffer; }
  const fresh = new Float64Array(size);
  held.set(purpose, new WeakRef(fresh));
  return fresh;
}
