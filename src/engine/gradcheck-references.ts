// The references an analytic gradient entry is judged against, besides the plain central
// difference: Richardson extrapolation (with an error estimate) and the complex step.
import { Reference } from './gradcheck-types';
import { Graph, GraphNode, NodeId } from './graph';
import { LeafProbe } from './leaf-probe';
import { COMPLEX_STEP, ComplexProbe, requireAnalytic } from './reference-complex';
import { RICHARDSON_START, richardson } from './reference-richardson';
import { Reevaluator, relativeStep } from './reevaluate';

export interface ReferenceDerivative {
  numeric: number;
  /** The step: Richardson's first, or the imaginary step. */
  h: number;
  kinkNode?: NodeId;
  errorEstimate?: number;
}

export type EntryReference = (flat: number) => ReferenceDerivative;

/** Refuses, before any work, a reference the graph cannot take (complex step through a kink). */
export function requireReference(reference: Reference, evaluator: Reevaluator, leaves: readonly GraphNode[]): void {
  if (reference === 'complex') { requireAnalytic(evaluator.plan(leaves.map(leaf => leaf.id))); }
}

/** The derivative of each entry of `leaf` by a non-central reference. */
export function leafReference(reference: Exclude<Reference, 'central'>, evaluator: Reevaluator, graph: Graph, output: NodeId, leaf: GraphNode): EntryReference {
  if (reference === 'richardson') {
    const probe = new LeafProbe(evaluator, leaf);
    return flat => {
      const { numeric, errorEstimate, h, kinkNode } = richardson(step => probe.central(flat, step), relativeStep(RICHARDSON_START, probe.x(flat)));
      return kinkNode === undefined ? { numeric, errorEstimate, h } : { numeric, errorEstimate, h, kinkNode };
    };
  }
  const probe = new ComplexProbe(graph, output, leaf, evaluator.plan([leaf.id]));
  return flat => {
    const h = relativeStep(COMPLEX_STEP, leaf.value?.data[flat] ?? 0);
    evaluator.evaluations++;
    return { numeric: probe.derivative(flat, h), h };
  };
}
