// A hand-written gradient and how it compares with the engine's autograd and with central
// differences. One entry per gradient the user's code computes (`dx` of affine_backward, `dx`
// of softmax_loss, the gradient an autograd.Function's backward returns for each input).
import { SourceRange } from '../engine/errors';
import { Tensor } from '../engine/tensor';

export interface HandwrittenEntry {
  /** Flat index into the input, and the same as a multi-index (`[1, 2]`). */
  index: string;
  handwritten: number;
  autograd: number;
  /** Central difference; undefined when the entry was not sampled. */
  numeric?: number;
}

export interface HandwrittenResult {
  /** The gradient's name in the code: `dx`, `dW1`. */
  name: string;
  /** The variable it is the gradient for: the forward's parameter, or the name passed to `.apply`. */
  of: string;
  /** The function that computed it: `affine_backward`, `softmax_loss`, `Square.backward`. */
  function: string;
  /** Which convention paired it with its forward. */
  convention: 'backward-of-forward' | 'loss-and-gradient' | 'autograd-function';
  passed: boolean;
  maxAbsError: number;
  /** Over the entries whose true value is not zero (a relative error of a zero is not defined). */
  maxRelError: number;
  /** The user's gradient (undefined when the code returned None) and the true one, from autograd. */
  value?: Tensor;
  truth: Tensor;
  /** The entries that differ most, worst first. */
  worst: HandwrittenEntry[];
  /** What is wrong, in words ('matches' when nothing is). */
  diagnosis: string;
  /** The call that returned the hand-written gradient. */
  range: SourceRange;
  /** The definition of the function that computed it (a hover inside it shows this result). */
  definition: SourceRange;
  /** Call path of user functions, for grouping in views. */
  path: string;
}
