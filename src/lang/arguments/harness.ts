// The code appended to a file to call a function with the argument values the user accepted:
// `np.random.seed(0)`, one assignment per argument, the call(s) of the plan, and the output.
import { InspectError } from '../../engine/errors';
import { CallPlan, requiredParameters } from './call-plan';

export interface ArgumentValue {
  name: string;
  /** A Python expression: a literal, `np.random.randn(4, 5)`, a dict of options. */
  expr: string;
}

export function harnessText(plan: CallPlan, values: readonly ArgumentValue[]): string {
  const inputs = requiredParameters(plan.inputs);
  const taken = new Set([...inputs, ...values.map(v => v.name)]);
  const fresh = (base: string): string => {
    let name = base;
    while (taken.has(name)) { name += '_'; }
    taken.add(name);
    return name;
  };
  const lines = ['np.random.seed(0)', ...values.map(v => `${v.name} = ${v.expr}`)];
  const call = `${plan.inputs.name}(${inputs.join(', ')})`;
  if (plan.convention === 'backward-of-forward') {
    const out = fresh('out'), cache = fresh('cache');
    lines.push(`${out}, ${cache} = ${call}`, `${plan.backward}(${plan.upstream}, ${cache})`, out);
  } else if (plan.returnsTuple) {
    const result = fresh('result');
    lines.push(`${result} = ${call}`, `${result}[0]`);
  } else {
    lines.push(call);
  }
  return lines.join('\n');
}

/** The harness for the forward alone: its output's shape gives the upstream gradient's. */
export function forwardHarnessText(plan: CallPlan, values: readonly ArgumentValue[]): string {
  return harnessText({ ...plan, convention: 'call', returnsTuple: true }, values);
}

/** Refuses values that leave out an argument the call needs (`x`, `w`, `b` and `dout` for affine_backward). */
export function checkArgumentsGiven(plan: CallPlan, values: readonly ArgumentValue[]): void {
  const given = new Set(values.map(v => v.name));
  const needed = [...requiredParameters(plan.inputs), ...(plan.upstream ? [plan.upstream] : [])];
  const missing = needed.filter(name => !given.has(name));
  if (missing.length > 0) {
    throw new InspectError(`no value for ${missing.join(', ')} (the call of ${plan.inputs.name} needs ${needed.join(', ')})`, 'unbound', undefined, `a value for each of ${needed.join(', ')}`, undefined, missing);
  }
}
