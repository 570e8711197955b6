// Small tensor helpers the tangent rules share. Every result is a new tensor: a rule's inputs may
// be another node's value, or share a buffer with one.
import { broadcastTo, sameShape, Shape, sumToShape, Tensor } from '../tensor';

/** The tangent, or zeros of the input's shape where it has none. */
export function orZeros(tangent: Tensor | null, like: Tensor): Tensor {
  return tangent ?? Tensor.zeros(like.shape);
}

/** `t` spread to `shape` (NumPy broadcasting), its own data when it already has that shape. */
export function spread(t: Tensor, shape: Shape): Float64Array {
  return sameShape(t.shape, shape) ? t.data : broadcastTo(t, shape).data;
}

/** Σ of the non-null terms, each of `shape`; zeros when every term is null. */
export function sumOf(shape: Shape, terms: readonly (Tensor | null)[]): Tensor {
  const out = new Tensor(shape);
  for (const term of terms) {
    if (!term) { continue; }
    const d = spread(term, shape);
    for (let i = 0; i < out.size; i++) { out.data[i] += d[i]; }
  }
  return out;
}

/** term(i) over the entries of `shape`, summed back to `target`'s shape (broadcast dimensions folded). */
export function reducedTo(target: Tensor, shape: Shape, term: (i: number) => number): Tensor {
  const out = new Tensor(shape);
  for (let i = 0; i < out.size; i++) { out.data[i] = term(i); }
  return sumToShape(out, target.shape);
}
