// Plans computed from shapes alone (broadcast runs, reduction targets), kept by the shapes' text.
// A gradient check re-evaluates the same nodes on the same shapes tens of times; on a graph of 10⁵
// tiny tensors, rebuilding each plan's index arrays on every evaluation was a large share of the
// allocations the collector then spent seconds on. Plans handed out are shared: every reader only
// reads them.

/** Index arrays longer than this are not kept: a memo of small plans must not hold large memory. */
export const MEMO_MAX_INDEX_ENTRIES = 4096;

/** A bounded map from a key to a plan; when full it starts afresh (plans are cheap to rebuild). */
export class ShapeMemo<T> {
  private readonly plans = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get(key: string): T | undefined {
    return this.plans.get(key);
  }

  set(key: string, plan: T): void {
    if (this.plans.size >= this.capacity) { this.plans.clear(); }
    this.plans.set(key, plan);
  }
}

/** Text that tells shapes apart: "2,4;4" for (2, 4) and (4,). */
export function shapesKey(a: readonly number[], b: readonly number[]): string {
  return `${a.join(',')};${b.join(',')}`;
}
