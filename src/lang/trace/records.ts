// What the tracer remembers of each call of a user function, for the hand-written gradient
// checks: the arrays it received and returned, as the nodes they were at that moment.
import { SourceRange } from '../../engine/errors';
import { NodeId } from '../../engine/graph';
import { Value } from './values';

export interface ParameterRecord {
  name: string;
  /** The node of an array argument when the call began; undefined for other values. */
  node?: NodeId;
  /** The value as passed (identity matters: a backward call passes back the forward's cache). */
  value: Value;
}

export interface ReturnedRecord {
  /** The name written in the return statement (`return dx, dw, db`), when it is a plain name. */
  name?: string;
  node?: NodeId;
  value: Value;
}

export interface CallRecord {
  function: string;
  /** The call expression. */
  range: SourceRange;
  /** The function's definition (def … and its body). */
  definition: SourceRange;
  /** Call path of user functions, outermost first (`two_layer_net/affine_forward`). */
  path: string;
  params: ParameterRecord[];
  /** The returned value as a whole, and each item of a returned tuple. */
  result: Value;
  returned: ReturnedRecord[];
}
