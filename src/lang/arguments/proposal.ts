// Argument values for a function nothing calls: shapes from the docstring and the body, sizes
// chosen so every named dimension differs (N=4, D=5, M=3…), and the choice validated by tracing
// the file with the call appended. A `*_backward`'s upstream gradient gets the shape of its
// forward's output, found by tracing the forward first.
import { InspectError } from '../../engine/errors';
import { Budget } from '../../engine/limits';
import { Tensor } from '../../engine/tensor';
import { FunctionDef, StringLiteral } from '../ast';
import { lowerProgram, Lowered } from '../lower';
import { parseProgram } from '../parse';
import { formatArguments } from './argument-text';
import { readBodyShapes } from './body-shapes';
import { CallPlan, planCall, requiredParameters } from './call-plan';
import { Dim } from './dimensions';
import { readDocstringShapes } from './docstring-shapes';
import { ArgumentValue, forwardHarnessText, harnessText } from './harness';
import { FactSource, FunctionFacts } from './parameter-facts';
import { arrayText, proposedValue, ProposedValue, signedTwoDecimals } from './value-text';
import { seedFromName, uniformGenerator } from '../../engine/random';

/**
 * Sizes tried in turn for the free dimensions: different for the first four (a transposed or
 * mixed-up result shows), then 2, so a convolution's kernel and a 4-d input stay small enough to
 * check entry by entry; then all equal, for relations the reading missed.
 */
const SIZE_CHOICES: readonly (readonly number[])[] = [[4, 5, 3, 2], [3], [2]];
/** A trial trace is small: it is refused long before the user's own limits would be reached. */
const TRIAL_LIMITS = { maxNodes: 200_000, memoryMiB: 256 };

export interface ArgumentProposal {
  plan: CallPlan;
  values: ArgumentValue[];
  /** What the prompt shows: `x=np.random.randn(4, 5), w=…`. */
  text: string;
  /** `x (4, 5), w (5, 3), y labels < 3 (4,)`, for the note presenting the values. */
  summary: string;
  /** Where the shapes came from; empty when nothing was inferred (the shapes are a guess). */
  sources: FactSource[];
  /** Why no choice traced (the first choice's error), when none did. */
  problem?: string;
}

/** The proposal for `functionName` in the Python `fileText`, or undefined when it is not a top-level function. */
export function proposeArguments(fileText: string, functionName: string): ArgumentProposal | undefined {
  const program = parseProgram(fileText, 'python');
  const plan = planCall(program.statements, functionName);
  if (!plan) { return undefined; }
  const definitions = new Map(program.statements.flatMap(s => s.kind === 'def' ? [[s.name, s] as const] : []));
  const facts = inferFacts(plan.inputs, definitions);
  let first: ArgumentProposal | undefined;
  for (const sizes of SIZE_CHOICES) {
    const proposal = tryChoice(fileText, plan, facts, facts.dims.sizes(sizes));
    if (!proposal.problem) { return proposal; }
    first ??= proposal;
  }
  return first;
}

/** The docstring first (its names are the author's), then what the body adds. */
export function inferFacts(def: FunctionDef, definitions: ReadonlyMap<string, FunctionDef> = new Map()): FunctionFacts {
  const facts = new FunctionFacts(requiredParameters(def));
  const docstring = docstringOf(def);
  if (docstring !== undefined) { readDocstringShapes(docstring, facts); }
  readBodyShapes(def, facts, definitions);
  return facts;
}

function docstringOf(def: FunctionDef): string | undefined {
  const first = def.body[0];
  if (first?.kind !== 'expr' || first.expr.kind !== 'string') { return undefined; }
  return stringContent(first.expr);
}

function stringContent(literal: StringLiteral): string {
  return literal.text.replace(/^[rRuU]?("""|'''|"|')([\s\S]*)\1$/, '$2');
}

function tryChoice(fileText: string, plan: CallPlan, facts: FunctionFacts, size: (dim: Dim) => number): ArgumentProposal {
  const proposed = new Map<string, ProposedValue>();
  for (const param of facts.params.values()) {
    proposed.set(param.name, proposedValue(param, size, param.shape.dims ? undefined : [4, 5]));
  }
  const values: ArgumentValue[] = [...proposed].map(([name, value]) => ({ name, expr: value.text }));
  const sources = [...new Set([...facts.params.values()].flatMap(p => p.source ?? []))];
  const proposal = (problem?: string): ArgumentProposal => ({ plan, values, text: formatArguments(values), summary: summaryOf(proposed), sources, problem });
  try {
    if (plan.convention === 'backward-of-forward' && plan.upstream) {
      const out = traceOutput(`${fileText}\n${forwardHarnessText(plan, values)}`);
      const next = uniformGenerator(seedFromName(plan.upstream));
      const upstream = { text: arrayText(out.shape, () => signedTwoDecimals(next)), shape: [...out.shape] };
      proposed.set(plan.upstream, upstream);
      values.push({ name: plan.upstream, expr: upstream.text });
    }
    traceOutput(`${fileText}\n${harnessText(plan, values)}`);
    return proposal();
  } catch (err) {
    if (!(err instanceof InspectError)) { throw err; }
    return proposal(err.message);
  }
}

/** Traces the text within the trial limits and returns its output's value. */
function traceOutput(text: string): Tensor {
  const lowered: Lowered = lowerProgram(parseProgram(text, 'python'), new Map(), new Budget(TRIAL_LIMITS));
  return lowered.graph.nodes[lowered.output].value as Tensor;
}

function summaryOf(proposed: ReadonlyMap<string, ProposedValue>): string {
  return [...proposed].map(([name, value]) => {
    if (!value.shape) { return `${name} (options)`; }
    if (value.shape.length === 0) { return `${name} (a number)`; }
    const shape = `(${value.shape.join(', ')}${value.shape.length === 1 ? ',' : ''})`;
    return value.labelsBelow === undefined ? `${name} ${shape}` : `${name} ${shape} labels < ${value.labelsBelow}`;
  }).join(', ');
}

/** The panel's note: which function was called with which values, and where their shapes came from. */
export function proposalNote(proposal: ArgumentProposal, accepted: boolean): string {
  const plan = proposal.plan;
  const called = plan.backward ? `${plan.inputs.name} and ${plan.backward} are called with` : `${plan.target} is called with`;
  if (!accepted) { return `${called} the argument values given at the prompt`; }
  if (proposal.sources.length === 0) { return `${called} values of guessed shapes (no shape found in the docstring or the code): ${proposal.summary}`; }
  const from = proposal.sources.map(source => source === 'docstring' ? 'the docstring' : 'the code').join(' and ');
  return `${called} values proposed from ${from}: ${proposal.summary}`;
}
