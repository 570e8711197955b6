// The depth a recursion reaches on this thread: how the sandbox's worker stack is compared with the
// main thread's.

/** How many frames of a small function fit on this thread's stack. */
export function recursionDepth(): number {
  let depth = 0;
  const dive = (): void => { depth++; dive(); };
  try {
    dive();
  } catch {
    // The overflow is the measurement.
  }
  return depth;
}
