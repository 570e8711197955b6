// Named and anonymous array dimensions of a function's parameters, and what the code says about
// them: two dimensions are the same (the inner dimensions of a product), one is a number, or one
// is the product of others (`x.reshape(N, -1)` flattens the rest). A union-find over variables;
// sizes are chosen at the end, distinct per free dimension, so a mix-up shows in the trace.
export type Dim =
  | { kind: 'var'; id: number }
  | { kind: 'const'; value: number }
  | { kind: 'product'; factors: Dim[] };

export const constDim = (value: number): Dim => ({ kind: 'const', value });

export class Dimensions {
  private readonly parent: number[] = [];
  private readonly names: (string | undefined)[] = [];
  private readonly byName = new Map<string, number>();
  private readonly fixed = new Map<number, number>();
  private readonly products = new Map<number, Dim[]>();

  /** A dimension nothing else is known about yet (`_` in `F, _, HH, WW = w.shape`). */
  fresh(name?: string): Dim {
    const id = this.parent.length;
    this.parent.push(id);
    this.names.push(name);
    return { kind: 'var', id };
  }

  /** The dimension of this name: the same one wherever the docstring or the code names it. */
  named(name: string): Dim {
    const known = this.byName.get(name);
    if (known !== undefined) { return { kind: 'var', id: known }; }
    const dim = this.fresh(name);
    this.byName.set(name, (dim as { id: number }).id);
    return dim;
  }

  /** Records that a and b are the same size. Contradictions are left for the trace to report. */
  unify(a: Dim, b: Dim): void {
    if (a.kind !== 'var') {
      if (b.kind === 'var') { this.unify(b, a); }
      return;
    }
    const root = this.find(a.id);
    if (b.kind === 'var') {
      this.union(root, this.find(b.id));
    } else if (b.kind === 'const') {
      if (!this.fixed.has(root)) { this.fixed.set(root, b.value); }
    } else if (b.factors.length === 1) {
      this.unify(a, b.factors[0]);
    } else if (!this.products.has(root) && !this.fixed.has(root) && !this.mentions(b, root)) {
      this.products.set(root, b.factors);
    }
  }

  /** The same key for dimensions known to be equal (to carry them over into another function's facts). */
  key(dim: Dim & { kind: 'var' }): number {
    return this.find(dim.id);
  }

  /** The name the docstring or the code gave this dimension, if any. */
  nameOf(dim: Dim): string | undefined {
    if (dim.kind !== 'var') { return undefined; }
    const root = this.find(dim.id);
    return this.names.find((name, id) => name !== undefined && this.find(id) === root);
  }

  /**
   * Sizes for every dimension: numbers and products as the code says, and the free dimensions
   * `sizes` in turn (the first one seen gets sizes[0]), repeating the last size when they run out.
   */
  sizes(sizes: readonly number[]): (dim: Dim) => number {
    const free = new Map<number, number>();
    for (let id = 0; id < this.parent.length; id++) {
      const root = this.find(id);
      if (!free.has(root) && !this.fixed.has(root) && !this.products.has(root)) { free.set(root, sizes[Math.min(free.size, sizes.length - 1)]); }
    }
    const size = (dim: Dim, depth: number): number => {
      if (depth > this.parent.length + 1) { return 1; }
      if (dim.kind === 'const') { return dim.value; }
      if (dim.kind === 'product') { return dim.factors.reduce((p, f) => p * size(f, depth + 1), 1); }
      const root = this.find(dim.id);
      const factors = this.products.get(root);
      return this.fixed.get(root) ?? free.get(root) ?? (factors ? size({ kind: 'product', factors }, depth + 1) : 1);
    };
    return dim => size(dim, 0);
  }

  private mentions(dim: Dim, root: number): boolean {
    if (dim.kind === 'var') { return this.find(dim.id) === root; }
    return dim.kind === 'product' && dim.factors.some(f => this.mentions(f, root));
  }

  private find(id: number): number {
    let root = id;
    while (this.parent[root] !== root) { root = this.parent[root]; }
    while (this.parent[id] !== root) { const next = this.parent[id]; this.parent[id] = root; id = next; }
    return root;
  }

  private union(a: number, b: number): void {
    if (a === b) { return; }
    // The older dimension stays the root, so sizes follow the order the parameters name them in.
    const [root, child] = a < b ? [a, b] : [b, a];
    this.parent[child] = root;
    if (!this.fixed.has(root) && this.fixed.has(child)) { this.fixed.set(root, this.fixed.get(child) as number); }
    const childProduct = this.products.get(child);
    if (!this.products.has(root) && !this.fixed.has(root) && childProduct && !this.mentions({ kind: 'product', factors: childProduct }, root)) {
      this.products.set(root, childProduct);
    }
  }
}
