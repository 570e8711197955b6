// The second-order part of an inspection: `order: 2` (the CLI's --order 2) checks it and refuses
// an op without a tangent rule; `order: 'auto'` (the panel) computes it for small scalar functions
// only and says why when it does not (too many inputs, an op without a rule, the memory budget).
import { InspectError } from './engine/errors';
import { GradcheckOptions } from './engine/gradcheck-types';
import { MAX_HESSIAN_INPUTS, secondOrderCheck } from './engine/second-order/second-order-check';
import { SecondOrderReport } from './engine/second-order/second-order-types';
import { leafValue } from './engine/reevaluate';
import type { Inspection } from './inspect';

/** 1: first order only; 2: the second-order check; 'auto': it, for scalar functions of few inputs. */
export type CheckOrder = 1 | 2 | 'auto';

export interface SecondOrderPart {
  secondOrder?: SecondOrderReport;
  /** 'auto' only: why there is no second-order report. */
  secondOrderUnavailable?: string;
}

export function secondOrderPart(inspection: Inspection, order: CheckOrder, check: GradcheckOptions | false | undefined): SecondOrderPart {
  const settings = check === false || check === undefined ? {} : { eps: check.eps, atol: check.atol, rtol: check.rtol, seed: check.seed };
  const run = (): SecondOrderReport => secondOrderCheck(inspection.graph, inspection.output, inspection.order, settings);
  if (order === 2) { return { secondOrder: run() }; }
  const inputs = inspection.leaves.reduce((n, leaf) => n + leafValue(leaf).size, 0);
  if (inspection.value.size !== 1 || inputs === 0 || inputs > MAX_HESSIAN_INPUTS) {
    return { secondOrderUnavailable: `the Hessian is computed for scalar functions of 1 to ${MAX_HESSIAN_INPUTS} input entries` };
  }
  try {
    return { secondOrder: run() };
  } catch (e) {
    // An op without a tangent rule, or the memory budget: the panel says so instead of the Hessian.
    if (e instanceof InspectError) { return { secondOrderUnavailable: e.message }; }
    throw e;
  }
}
