// What the tracer's helpers (tensor calls, builtins, arithmetic) need from the running trace.
import { SourceRange } from '../../engine/errors';
import { NodeId } from '../../engine/graph';
import { Tensor } from '../../engine/tensor';
import { TracingGraph } from './tracing-graph';
import { Value } from './values';

/** A call with its arguments evaluated (starred arguments expanded). */
export interface EvaluatedCall {
  /** As written: `np.arange`, `.reshape`, `len`. */
  name: string;
  range: SourceRange;
  args: Value[];
  argRanges: SourceRange[];
  kwargs: Map<string, { value: Value; range: SourceRange }>;
  /** Written without a module prefix. */
  plain: boolean;
  /** The name the result is assigned to, which seeds random constructors (as in straight-line code). */
  seedName: string;
}

export interface TraceContext {
  readonly graph: TracingGraph;
  /** An array's node, a constant node for a number or a nested list of numbers. */
  toNode(value: Value, range: SourceRange): NodeId;
  /** The trace-time value of an array, or of a number as a scalar tensor. */
  toTensor(value: Value, range: SourceRange): Tensor;
  /** A Python number, bool, or the value of a one-entry array; `what` names the call for the error. */
  scalar(value: Value, range: SourceRange, what: string): number;
  /** Records that a constant node is a boolean mask (it then indexes by its true entries). */
  markMask(node: NodeId): void;
  /** The seeded stream of `np.random.seed(s)` / `torch.manual_seed(s)`, once set. */
  random: RandomStream | undefined;
}

export interface RandomStream {
  uniform(): number;
  normal(): number;
}
