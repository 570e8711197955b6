// Which hand-written gradients the traced code computes, and what each one claims to be:
//   1. `*_backward(dout, cache)` paired with the `*_forward` call whose cache it receives (also
//      `conv_backward_naive` with `conv_forward_naive`): its
//      returned `dNAME` claims ∂⟨out, dout⟩/∂NAME for the forward's argument NAME (by name,
//      else by position);
//   2. a function returning `loss, dNAME`: dNAME claims ∂loss/∂NAME; a returned dict of gradients
//      (`loss, grads` with grads['W1']) claims ∂loss/∂params['W1'] for a dict argument `params`;
//   3. a torch.autograd.Function's backward, run on the upstream gradient the engine's backward
//      pass found for the output of `.apply`: each returned gradient claims the VJP of forward.
import { SourceRange } from '../engine/errors';
import { Graph, NodeId } from '../engine/graph';
import { Tensor } from '../engine/tensor';
import { Traced } from '../lang/trace/tracer';
import { CallRecord, ParameterRecord } from '../lang/trace/records';
import { DictValue, isSequence, isTensor, Value } from '../lang/trace/values';
import { HandwrittenResult } from './types';

const FORWARD = /_forward(_|$)/;
const BACKWARD = /_backward(_|$)/;

export interface HandwrittenPair {
  name: string;
  of: string;
  function: string;
  convention: HandwrittenResult['convention'];
  /** The user's gradient; undefined when the code returned None for an array input. */
  handwritten?: Tensor;
  /** The node the gradient is taken with respect to, and the output it is of. */
  input: NodeId;
  output: NodeId;
  /** The vector the output is contracted with: dout, the loss's 1, or the engine's upstream gradient. */
  upstream: Tensor;
  range: SourceRange;
  /** The definition of the function that computed the gradient. */
  definition: SourceRange;
  path: string;
}

export function findPairs(traced: Traced, graph: Graph): HandwrittenPair[] {
  const value = (id: NodeId): Tensor => graph.nodes[id].value as Tensor;
  return [
    ...backwardOfForwardPairs(traced.calls, value),
    ...lossAndGradientPairs(traced.calls, value),
    ...autogradFunctionPairs(traced, graph),
  ];
}

function backwardOfForwardPairs(calls: readonly CallRecord[], value: (id: NodeId) => Tensor): HandwrittenPair[] {
  const pairs: HandwrittenPair[] = [];
  for (const backward of calls.filter(c => BACKWARD.test(c.function) && c.params.length >= 2)) {
    const [dout, cache] = backward.params;
    const forward = calls.find(c => FORWARD.test(c.function) && cachedBy(c) === cache.value);
    const out = forward?.returned[0]?.node;
    if (!forward || out === undefined || dout.node === undefined) { continue; }
    backward.returned.forEach((returned, k) => {
      const param = matchParameter(returned.name, k, forward.params);
      if (!param || param.node === undefined || returned.node === undefined) { return; }
      pairs.push({
        name: returned.name ?? `d${param.name}`, of: param.name, function: backward.function, convention: 'backward-of-forward',
        handwritten: value(returned.node), input: param.node, output: out, upstream: value(dout.node as NodeId), range: backward.range, definition: backward.definition, path: backward.path,
      });
    });
  }
  return pairs;
}

/** The cache a forward returns: the last item of its returned tuple. */
function cachedBy(call: CallRecord): unknown {
  const r = call.result;
  return isSequence(r) && r.kind === 'tuple' && r.items.length >= 2 ? r.items[r.items.length - 1] : undefined;
}

/** `dNAME` ↔ parameter NAME; otherwise the parameter at the same position. */
function matchParameter(name: string | undefined, position: number, params: readonly ParameterRecord[]): ParameterRecord | undefined {
  const byName = name?.startsWith('d') ? params.find(p => p.name === name.slice(1)) : undefined;
  return byName ?? params[position];
}

function lossAndGradientPairs(calls: readonly CallRecord[], value: (id: NodeId) => Tensor): HandwrittenPair[] {
  const pairs: HandwrittenPair[] = [];
  for (const call of calls) {
    if (FORWARD.test(call.function) || BACKWARD.test(call.function) || call.returned.length < 2) { continue; }
    const loss = call.returned[0].node;
    if (loss === undefined || value(loss).size !== 1) { continue; }
    call.returned.slice(1).forEach((returned, k) => {
      if (isDict(returned.value)) {
        pairs.push(...dictPairs(call, returned.value, loss, value));
        return;
      }
      const param = returned.name?.startsWith('d') ? call.params.find(p => p.name === returned.name?.slice(1)) : call.params[k];
      if (!param || param.node === undefined || returned.node === undefined || !isTensor(param.value)) { return; }
      pairs.push({
        name: returned.name ?? `d${param.name}`, of: param.name, function: call.function, convention: 'loss-and-gradient',
        handwritten: value(returned.node), input: param.node, output: loss, upstream: Tensor.full(value(loss).shape, 1), range: call.range, definition: call.definition, path: call.path,
      });
    });
  }
  return pairs;
}

/** `grads[key]` against `params[key]` for every dict argument holding an array under that key. */
function dictPairs(call: CallRecord, grads: DictValue, loss: NodeId, value: (id: NodeId) => Tensor): HandwrittenPair[] {
  const pairs: HandwrittenPair[] = [];
  for (const [key, g] of grads.entries) {
    const owner = call.params.find(p => isDict(p.value) && isTensor(p.value.entries.get(key) ?? null));
    const param = owner && isDict(owner.value) ? owner.value.entries.get(key) : undefined;
    if (!owner || !param || !isTensor(param) || !isTensor(g)) { continue; }
    const name = `grads[${JSON.stringify(key)}]`;
    pairs.push({
      name, of: `${owner.name}[${JSON.stringify(key)}]`, function: call.function, convention: 'loss-and-gradient',
      handwritten: value(g.node), input: param.node, output: loss, upstream: Tensor.full(value(loss).shape, 1),
      range: call.range, definition: call.definition, path: call.path,
    });
  }
  return pairs;
}

function isDict(v: Value): v is DictValue {
  return typeof v === 'object' && v !== null && v.kind === 'dict';
}

/** Runs each backward on the adjoint the main backward pass left on the `.apply` output. */
function autogradFunctionPairs(traced: Traced, graph: Graph): HandwrittenPair[] {
  const pairs: HandwrittenPair[] = [];
  for (const application of traced.autograd.applications) {
    const out = graph.nodes[application.output];
    const upstream = out.grad ?? Tensor.full((out.value as Tensor).shape, 1);
    const returned = traced.autograd.runBackward(application, upstream);
    application.inputs.forEach((input, i) => {
      if (input.node === undefined) { return; }
      const g = returned[i];
      const pair: HandwrittenPair = {
        name: `d${input.name}`, of: input.name, function: `${application.className}.backward`, convention: 'autograd-function',
        input: input.node, output: application.output, upstream, range: application.range, definition: application.backward.range, path: application.className,
      };
      if (isTensor(g)) { pair.handwritten = graph.nodes[g.node].value as Tensor; }
      pairs.push(pair);
    });
  }
  return pairs;
}
