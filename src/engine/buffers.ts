// Reused tensor storage for a graph evaluated many times (a training loop's steps, a gradient
// check's re-evaluations). A ResNet-18 step at 64×64 allocated about 90 MB of fresh float64 arrays
// (the weights' gradients, activations, temporaries): V8 counts them as external memory and ran a
// full collection every step, about 70 ms of a 250 ms step's CPU time (55 ms of it on its helper
// threads). Buffers hand the same arrays out again on the next pass; the step then takes ~180 ms.
//
// The ownership rule: an array a pass took from PassBuffers belongs to the PassBuffers. Values (and
// the tensor forward returns) stay valid until the next forward pass with the same buffers,
// adjoints until the next forward or backward pass; after that the arrays may be overwritten. Only
// arrays the buffers handed out are reused: leaves, constants and the arrays of passes run without
// buffers are never touched. Code that keeps a value or a gradient across passes copies it
// (Tensor.clone()); passes run without buffers (the default) allocate fresh arrays, which nobody
// else ever writes.

/** Array lengths below this have their free list in a plain array indexed by length. */
const SHORT_LENGTHS = 256;

/** Arrays handed out by the passes over one graph output, reused by length by the next passes. */
export class PassBuffers {
  /** Arrays handed out since the last forward pass began: its values, and temporaries. */
  private values: Float64Array[] = [];
  /** Arrays handed out since the last backward pass began: adjoints, and temporaries. */
  private adjoints: Float64Array[] = [];
  /** Which list take() adds to. */
  private issued = this.values;
  /** Free arrays of fewer than SHORT_LENGTHS entries, by length: no hashing per take on graphs of tiny tensors. */
  private readonly freeShort: Float64Array[][] = Array.from({ length: SHORT_LENGTHS }, () => []);
  /** Free longer arrays by length. */
  private readonly free = new Map<number, Float64Array[]>();
  /** Arrays created (not reused) so far: after the first step, a repeated step adds none. */
  created = 0;
  /** The one graph output these buffers serve: values of nodes outside its passes would be overwritten unseen. */
  private owner?: { graph: object; output: number };

  /** Binds the buffers to one graph's output on first use; refuses any other. */
  claim(graph: object, output: number): void {
    if (!this.owner) { this.owner = { graph, output }; }
    if (this.owner.graph !== graph || this.owner.output !== output) {
      throw new Error('PassBuffers serve the passes of one graph output: make one per output');
    }
  }

  /** A forward pass begins: every array handed out so far (values and adjoints) may be reused. */
  beginForward(): void {
    this.release(this.values);
    this.release(this.adjoints);
    this.values = [];
    this.adjoints = [];
    this.issued = this.values;
  }

  /**
   * A backward pass begins: the previous backward pass's arrays may be reused (a repeated backward
   * pass then takes no new memory); the values it reads stay.
   */
  beginBackward(): void {
    this.release(this.adjoints);
    this.adjoints = [];
    this.issued = this.adjoints;
  }

  /** A zeroed array of `length` entries, reused when an earlier pass left one of that length. */
  take(length: number): Float64Array {
    const reused = this.freeList(length).pop();
    let buffer: Float64Array;
    if (reused) {
      reused.fill(0);
      buffer = reused;
    } else {
      buffer = new Float64Array(length);
      this.created++;
    }
    this.issued.push(buffer);
    return buffer;
  }

  private release(arrays: readonly Float64Array[]): void {
    for (const buffer of arrays) { this.freeList(buffer.length).push(buffer); }
  }

  private freeList(length: number): Float64Array[] {
    if (length < SHORT_LENGTHS) { return this.freeShort[length]; }
    let list = this.free.get(length);
    if (!list) {
      list = [];
      this.free.set(length, list);
    }
    return list;
  }
}

/** The buffers of the pass running now, if it runs with some. */
let active: PassBuffers | undefined;

/** Runs `pass` with `buffers` serving every allocateEntries call it makes (none: fresh arrays). */
export function withBuffers<T>(buffers: PassBuffers | undefined, pass: () => T): T {
  const outer = active;
  active = buffers;
  try {
    return pass();
  } finally {
    active = outer;
  }
}

/** A zeroed array of `length` entries: from the running pass's buffers, else a fresh one. */
export function allocateEntries(length: number): Float64Array {
  return active ? active.take(length) : new Float64Array(length);
}

/** A copy of `source` in an array from allocateEntries. */
export function copyEntries(source: Float64Array): Float64Array {
  const copy = allocateEntries(source.length);
  copy.set(source);
  return copy;
}
