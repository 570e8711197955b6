// Memory accounting of one forward + backward pass, for the lecture's rule of thumb
// (training memory ≈ model + 2× model) and what gradient checkpointing would change.
import { Graph, NodeId } from './graph';

export interface CheckpointingEstimate {
  /** Keep every k-th intermediate (k = ⌈√n⌉ over the n op nodes). */
  every: number;
  /** Intermediates kept: the checkpoints plus the largest segment being recomputed. */
  storedBytes: number;
  /** Intermediate bytes no longer held at once. */
  savedBytes: number;
  /** Node evaluations added by recomputing the segments during backward. */
  extraForwardOps: number;
  /** extraForwardOps / op nodes: about one more forward pass. */
  extraForwardFraction: number;
}

export interface MemoryReport {
  /** Leaves: the model's parameters and inputs. */
  parameterBytes: number;
  parameterCount: number;
  /** Values of op nodes kept by the forward pass for the backward pass. */
  intermediateBytes: number;
  /** Adjoints of the leaves (what an optimiser keeps). */
  gradientBytes: number;
  /** Adjoints of every node at the end of backward (leaves and intermediates). */
  allAdjointBytes: number;
  /** Constants (literals, index tensors). */
  constantBytes: number;
  /** parameters + intermediates + leaf gradients. */
  totalBytes: number;
  /** The lecture's rule of thumb: model + 2× model = 3 × parameterBytes. */
  ruleOfThumbBytes: number;
  opNodes: number;
  checkpointing: CheckpointingEstimate;
}

export function memoryReport(graph: Graph, order: readonly NodeId[]): MemoryReport {
  let parameterBytes = 0, parameterCount = 0, intermediateBytes = 0, gradientBytes = 0, allAdjointBytes = 0, constantBytes = 0;
  const opSizes: number[] = [];
  // Backward passes some adjoints straight through (add's VJP returns its input): count each buffer once.
  const adjointBuffers = new Set<Float64Array>();
  for (const id of order) {
    const n = graph.nodes[id];
    const bytes = n.value?.byteLength ?? 0;
    const gradBytes = n.grad?.byteLength ?? 0;
    if (n.grad && !adjointBuffers.has(n.grad.data)) {
      adjointBuffers.add(n.grad.data);
      allAdjointBytes += gradBytes;
    }
    if (n.kind === 'leaf') {
      parameterBytes += bytes;
      parameterCount += n.value?.size ?? 0;
      gradientBytes += gradBytes;
    } else if (n.kind === 'constant') {
      constantBytes += bytes;
    } else {
      intermediateBytes += bytes;
      opSizes.push(bytes);
    }
  }
  return {
    parameterBytes,
    parameterCount,
    intermediateBytes,
    gradientBytes,
    allAdjointBytes,
    constantBytes,
    totalBytes: parameterBytes + intermediateBytes + gradientBytes,
    ruleOfThumbBytes: 3 * parameterBytes,
    opNodes: opSizes.length,
    checkpointing: checkpointingEstimate(opSizes),
  };
}

/**
 * Chen et al.'s √n checkpointing over the op nodes in topological order: keep every k-th value,
 * recompute each segment of k − 1 nodes once during backward.
 */
export function checkpointingEstimate(opSizes: readonly number[]): CheckpointingEstimate {
  const n = opSizes.length;
  const every = Math.max(1, Math.ceil(Math.sqrt(n)));
  let kept = 0, largestSegment = 0, segment = 0, recomputed = 0, total = 0;
  for (let i = 0; i < n; i++) {
    total += opSizes[i];
    if ((i + 1) % every === 0 || i === n - 1) {
      kept += opSizes[i];
      largestSegment = Math.max(largestSegment, segment);
      segment = 0;
    } else {
      segment += opSizes[i];
      recomputed++;
    }
  }
  const storedBytes = Math.min(total, kept + largestSegment);
  return {
    every,
    storedBytes,
    savedBytes: total - storedBytes,
    extraForwardOps: recomputed,
    extraForwardFraction: n === 0 ? 0 : recomputed / n,
  };
}
