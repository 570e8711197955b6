// What the docstring and the body of a function say about each of its parameters: an array's
// shape (dimension by dimension, shared by name between parameters), class labels below a
// dimension, or a dict of options with the keys the code reads.
import { Dim, Dimensions } from './dimensions';

/** Where a parameter's shape came from, for the note that presents the proposal. */
export type FactSource = 'docstring' | 'code';

/** An array parameter's shape; undefined dims until the docstring or the code reveals its rank. */
export interface ShapeCell {
  dims?: Dim[];
}

export interface ParameterFacts {
  name: string;
  shape: ShapeCell;
  source?: FactSource;
  /** Integer class labels: every entry is in [0, labelsBelow). */
  labelsBelow?: Dim;
  /** A dict of options: the keys the code reads, with a value when the code compares it with one. */
  keys?: Map<string, string | number | undefined>;
  /** A number the code uses as one (a scalar hyper-parameter such as `reg`). */
  scalar?: boolean;
}

export class FunctionFacts {
  readonly dims = new Dimensions();
  readonly params: Map<string, ParameterFacts>;

  constructor(names: readonly string[]) {
    this.params = new Map(names.map(name => [name, { name, shape: {} }]));
  }

  /** Sets a parameter's shape once (the first source to reveal it wins). */
  reveal(name: string, dims: Dim[], source: FactSource): void {
    const param = this.params.get(name);
    if (!param || param.shape.dims) { return; }
    param.shape.dims = dims;
    param.source = source;
  }
}
