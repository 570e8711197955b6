// Reductions over all axes or some: sum, mean, prod, max, min, logsumexp. Each input entry folds into
// the output entry given by the plan (reduction-plan.ts); each VJP spreads the adjoint back.
import { allocateEntries } from '../buffers';
import { OpDef } from '../op';
import { Tensor, sizeOf } from '../tensor';
import { ReductionPlan, planReduction, reducedEntries, reductionLabel, requireNonEmpty } from './reduction-plan';

function sumInto(x: Tensor, plan: ReductionPlan): Float64Array {
  const out = allocateEntries(sizeOf(plan.outShape));
  const xd = x.data, target = plan.target;
  for (let i = 0; i < xd.length; i++) { out[target[i]] += xd[i]; }
  return out;
}

/** grad_in[i] = scale · grad[target(i)]: the adjoint of a sum, spread over what was summed. */
function spread(x: Tensor, grad: Tensor, plan: ReductionPlan, scale: number): Tensor {
  const out = allocateEntries(x.size);
  const gd = grad.data, target = plan.target;
  for (let i = 0; i < out.length; i++) { out[i] = gd[target[i]] * scale; }
  return new Tensor(x.shape, out);
}

const sum: OpDef = {
  name: 'sum',
  arity: 1,
  label: attrs => reductionLabel('sum', attrs),
  resultEntries: ([x], attrs) => reducedEntries(x.shape, attrs, 'sum'),
  forward: ([x], attrs) => {
    const plan = planReduction(x.shape, attrs, 'sum');
    return new Tensor(plan.outShape, sumInto(x, plan));
  },
  vjp: ({ inputs: [x], grad, attrs }) => [spread(x, grad, planReduction(x.shape, attrs, 'sum'), 1)],
};

const mean: OpDef = {
  name: 'mean',
  arity: 1,
  label: attrs => reductionLabel('mean', attrs),
  resultEntries: ([x], attrs) => reducedEntries(x.shape, attrs, 'mean'),
  forward: ([x], attrs) => {
    const plan = planReduction(x.shape, attrs, 'mean');
    const out = sumInto(x, plan);
    for (let o = 0; o < out.length; o++) { out[o] /= plan.count; }
    return new Tensor(plan.outShape, out);
  },
  vjp: ({ inputs: [x], grad, attrs }) => {
    const plan = planReduction(x.shape, attrs, 'mean');
    return [spread(x, grad, plan, 1 / plan.count)];
  },
};

/**
 * Product of the reduced entries. Its adjoint is the product of the others: out/x where x ≠ 0; at a
 * single zero the product of the nonzero entries; 0 where two or more entries are zero.
 */
const prod: OpDef = {
  name: 'prod',
  arity: 1,
  label: attrs => reductionLabel('prod', attrs),
  resultEntries: ([x], attrs) => reducedEntries(x.shape, attrs, 'prod'),
  forward: ([x], attrs) => {
    const plan = planReduction(x.shape, attrs, 'prod');
    const out = allocateEntries(sizeOf(plan.outShape)).fill(1);
    const xd = x.data, target = plan.target;
    for (let i = 0; i < xd.length; i++) { out[target[i]] *= xd[i]; }
    return new Tensor(plan.outShape, out);
  },
  vjp: ({ inputs: [x], grad, attrs }) => {
    const plan = planReduction(x.shape, attrs, 'prod');
    const n = sizeOf(plan.outShape);
    const zeros = allocateEntries(n), nonzeroProduct = allocateEntries(n).fill(1);
    const xd = x.data, gd = grad.data, target = plan.target;
    for (let i = 0; i < xd.length; i++) {
      if (xd[i] === 0) { zeros[target[i]]++; } else { nonzeroProduct[target[i]] *= xd[i]; }
    }
    const out = allocateEntries(xd.length);
    for (let i = 0; i < xd.length; i++) {
      const o = target[i];
      const others = zeros[o] === 0 ? nonzeroProduct[o] / xd[i] : zeros[o] === 1 && xd[i] === 0 ? nonzeroProduct[o] : 0;
      out[i] = gd[o] * others;
    }
    return [new Tensor(x.shape, out)];
  },
};

interface Extremes {
  values: Float64Array;
  /** Flat input index of the first extreme entry of each output (the first NaN, if any). */
  args: Float64Array;
}

/** sign 1: maxima, −1: minima. NaN wins, as in NumPy and PyTorch. */
function extremes(x: Tensor, plan: ReductionPlan, sign: 1 | -1): Extremes {
  const n = sizeOf(plan.outShape);
  const values = allocateEntries(n).fill(-Infinity * sign);
  const args = allocateEntries(n).fill(-1);
  const xd = x.data, target = plan.target;
  for (let i = 0; i < xd.length; i++) {
    const o = target[i], v = xd[i], best = values[o];
    if (Number.isNaN(best) && args[o] >= 0) { continue; }
    if (args[o] < 0 || (v - best) * sign > 0 || Number.isNaN(v)) {
      values[o] = v;
      args[o] = i;
    }
  }
  return { values, args };
}

/**
 * Max or min reduction. The adjoint goes to the extreme entry; on ties it is split evenly among
 * them, as torch.amax / torch.amin (and torch.max without dim) do, so a tie gets the mean of the
 * one-sided derivatives. torch.max(x, dim) would instead give it all to one index.
 */
function extremeReduction(name: 'max' | 'min', sign: 1 | -1): OpDef {
  return {
    name,
    arity: 1,
    label: attrs => reductionLabel(name, attrs),
    resultEntries: ([x], attrs) => reducedEntries(x.shape, attrs, name),
    forward: ([x], attrs) => {
      const plan = planReduction(x.shape, attrs, name);
      requireNonEmpty(plan, x.shape, name);
      return new Tensor(plan.outShape, extremes(x, plan, sign).values);
    },
    vjp: ({ inputs: [x], output, grad, attrs }) => {
      const plan = planReduction(x.shape, attrs, name);
      const xd = x.data, yd = output.data, gd = grad.data, target = plan.target;
      const ties = allocateEntries(yd.length);
      for (let i = 0; i < xd.length; i++) { if (xd[i] === yd[target[i]]) { ties[target[i]]++; } }
      const out = allocateEntries(xd.length);
      for (let i = 0; i < xd.length; i++) {
        const o = target[i];
        if (xd[i] === yd[o]) { out[i] = gd[o] / ties[o]; }
      }
      return [new Tensor(x.shape, out)];
    },
    branch: ([x], attrs) => extremes(x, planReduction(x.shape, attrs, name), sign).args,
  };
}

/** log Σ e^x, computed as m + log Σ e^(x − m) with m the maximum (0 when m is infinite). */
const logsumexp: OpDef = {
  name: 'logsumexp',
  arity: 1,
  label: attrs => reductionLabel('logsumexp', attrs),
  resultEntries: ([x], attrs) => reducedEntries(x.shape, attrs, 'logsumexp'),
  forward: ([x], attrs) => {
    const plan = planReduction(x.shape, attrs, 'logsumexp');
    const shift = extremes(x, plan, 1).values.map(m => (Number.isFinite(m) ? m : 0));
    const sums = allocateEntries(shift.length);
    const xd = x.data, target = plan.target;
    for (let i = 0; i < xd.length; i++) { sums[target[i]] += Math.exp(xd[i] - shift[target[i]]); }
    for (let o = 0; o < sums.length; o++) { sums[o] = Math.log(sums[o]) + shift[o]; }
    return new Tensor(plan.outShape, sums);
  },
  vjp: ({ inputs: [x], output, grad, attrs }) => {
    const plan = planReduction(x.shape, attrs, 'logsumexp');
    const xd = x.data, yd = output.data, gd = grad.data, target = plan.target;
    const out = allocateEntries(xd.length);
    for (let i = 0; i < xd.length; i++) { out[i] = gd[target[i]] * Math.exp(xd[i] - yd[target[i]]); }
    return [new Tensor(x.shape, out)];
  },
};

export const reductionOps: readonly OpDef[] = [sum, mean, prod, extremeReduction('max', 1), extremeReduction('min', -1), logsumexp];
