// One leaf's entries moved one at a time, on private values (reevaluate.ts): the finite differences
// the references and the diagnosis take.
import { GraphNode, NodeId } from './graph';
import { centralDifference, differenceOfSums, evaluateWithEntry, leafValue, Plan, Reevaluator } from './reevaluate';
import { Tensor } from './tensor';

/** Re-evaluations of one leaf with one entry moved, shared by the entries of the leaf. */
export class LeafProbe {
  private readonly plan: Plan;
  private readonly perturbed: Tensor;

  constructor(private readonly evaluator: Reevaluator, readonly leaf: GraphNode) {
    this.plan = evaluator.plan([leaf.id]);
    this.perturbed = leafValue(leaf).clone();
  }

  /** The value of entry `flat`. */
  x(flat: number): number {
    return this.perturbed.data[flat];
  }

  /** The central difference with step h at entry `flat`, and the first kink it straddled. */
  central(flat: number, h: number): { numeric: number; kinkNode?: NodeId } {
    const x = this.perturbed.data[flat];
    const up = x + h, down = x - h;
    return centralDifference(this.at(flat, up), this.at(flat, down), up - down);
  }

  /** [(f(x) − f(x−h))/h, (f(x+h) − f(x))/h], each over the step actually taken. */
  oneSided(flat: number, h: number): [number, number] {
    const x = this.perturbed.data[flat];
    const up = x + h, down = x - h;
    const here = this.at(flat, x).output;
    return [differenceOfSums(here, this.at(flat, down).output) / (x - down), differenceOfSums(this.at(flat, up).output, here) / (up - x)];
  }

  private at(flat: number, shifted: number): ReturnType<Reevaluator['evaluate']> {
    return evaluateWithEntry(this.evaluator, this.plan, this.perturbed, flat, shifted);
  }
}
