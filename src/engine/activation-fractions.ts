// How much of a layer's nonlinearity is switched off: dead ReLU units (output exactly 0) and
// saturated tanh/sigmoid outputs (where their derivative is near 0), counted on the forward values.
import { GraphNode } from './graph';
import { FLOW_THRESHOLDS } from './gradient-flow-rules';
import { Tensor } from './tensor';

/** How a dead ReLU is counted: a unit dead on every sample of the batch, or each entry alone. */
export type DeadReluBasis = 'unit' | 'entry';

export interface Fraction {
  readonly count: number;
  readonly total: number;
}

/**
 * Dead units over the ReLU outputs: per unit (the entries at one index of the non-batch axes are 0
 * on every sample) when each output's axis 0 is the batch axis, else per entry.
 */
export function deadRelu(outputs: readonly Tensor[], batchSize: number | undefined): { fraction: Fraction; basis: DeadReluBasis } {
  const perUnit = batchSize !== undefined && outputs.every(t => t.rank > 1 && t.shape[0] === batchSize);
  let count = 0, total = 0;
  for (const t of outputs) {
    const samples = perUnit ? t.shape[0] : 1;
    const units = t.size / samples;
    for (let unit = 0; unit < units; unit++) {
      let dead = true;
      for (let s = 0; s < samples && dead; s++) { dead = t.data[s * units + unit] === 0; }
      if (dead) { count++; }
    }
    total += units;
  }
  return { fraction: { count, total }, basis: perUnit ? 'unit' : 'entry' };
}

/** Saturated entries over the tanh and sigmoid outputs among `nodes`, per entry. */
export function saturated(nodes: readonly GraphNode[]): Fraction {
  let count = 0, total = 0;
  for (const node of nodes) {
    const isSaturated = saturationTest(node.op);
    const value = node.value;
    if (!isSaturated || !value) { continue; }
    for (let i = 0; i < value.size; i++) { if (isSaturated(value.data[i])) { count++; } }
    total += value.size;
  }
  return { count, total };
}

function saturationTest(op: string): ((y: number) => boolean) | undefined {
  const T = FLOW_THRESHOLDS;
  if (op === 'tanh') { return y => Math.abs(y) > T.tanhSaturated; }
  if (op === 'sigmoid') { return y => y < T.sigmoidLow || y > T.sigmoidHigh; }
  return undefined;
}
