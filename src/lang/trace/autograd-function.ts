// torch.autograd.Function subclasses used through `.apply(...)`. The forward runs traced, so the
// engine differentiates what it computes; the user's `backward(ctx, grad_output)` is kept, with
// its ctx, and run later on the upstream gradient the engine's backward pass finds for the
// output (see handwritten/autograd-function-pairs.ts).
import { InspectError, SourceRange } from '../../engine/errors';
import { NodeId } from '../../engine/graph';
import { Tensor } from '../../engine/tensor';
import { ClassDef, Expr, FunctionDef } from '../ast';
import { EvaluatedCall } from './context';
import { ContextValue, isTensor, tensorValue, tuple, typeName, Value } from './values';

export interface FunctionApplication {
  className: string;
  backward: FunctionDef;
  ctx: ContextValue;
  range: SourceRange;
  /** Each `.apply` argument: the name written (`x` in `Square.apply(x)`) and its node if an array. */
  inputs: { name: string; node?: NodeId }[];
  output: NodeId;
}

/** What the autograd.Function support needs from the tracer. */
export interface FunctionRunner {
  callUserFunction(fn: FunctionDef, call: EvaluatedCall): Value;
  readonly graph: { constant(value: Tensor, options?: { range?: SourceRange; label?: string }): NodeId };
}

export class AutogradFunctions {
  readonly applications: FunctionApplication[] = [];

  constructor(private readonly runner: FunctionRunner) {}

  apply(def: ClassDef, call: EvaluatedCall, argExprs: readonly Expr[]): Value {
    const forward = method(def, 'forward', call.range);
    const backward = method(def, 'backward', call.range);
    const ctx: ContextValue = { kind: 'context', saved: [], attributes: new Map(), needsInputGrad: call.args.map(isTensor) };
    const result = this.runner.callUserFunction(forward, { ...call, args: [ctx, ...call.args], argRanges: [call.range, ...call.argRanges] });
    if (!isTensor(result)) {
      throw new InspectError(`${def.name}.forward must return one array here, not a ${typeName(result)}`, 'unsupported', call.range, 'one array');
    }
    const inputs = call.args.map((v, i) => {
      const e = argExprs[i];
      const name = e && e.kind === 'name' ? e.name : `input ${i + 1}`;
      return isTensor(v) ? { name, node: v.node } : { name };
    });
    this.applications.push({ className: def.name, backward, ctx, range: call.range, inputs, output: result.node });
    // A fresh box: later writes into the result do not change what the check compares.
    return tensorValue(result.node);
  }

  /** Runs the user's backward on `upstream`; one value per input (None or an array). */
  runBackward(application: FunctionApplication, upstream: Tensor): Value[] {
    const grad = tensorValue(this.runner.graph.constant(upstream, { range: application.range, label: 'grad_output' }));
    const call: EvaluatedCall = {
      name: `${application.className}.backward`, range: application.range, args: [application.ctx, grad],
      argRanges: [application.range, application.range], kwargs: new Map(), plain: false, seedName: '',
    };
    const result = this.runner.callUserFunction(application.backward, call);
    const items = typeof result === 'object' && result !== null && result.kind === 'tuple' ? result.items : [result];
    if (items.length !== application.inputs.length) {
      throw new InspectError(`${application.className}.backward returned ${items.length} gradient${items.length === 1 ? '' : 's'} for ${application.inputs.length} input${application.inputs.length === 1 ? '' : 's'}`, 'value', application.backward.range, 'one gradient (or None) per input of forward');
    }
    return items;
  }

  contextMethod(ctx: ContextValue, name: string, call: EvaluatedCall): Value {
    switch (name) {
      case 'save_for_backward': ctx.saved = [...call.args]; return null;
      case 'mark_non_differentiable': case 'set_materialize_grads': case 'mark_dirty': return null;
      default: throw new InspectError(`ctx.${name}() is not supported`, 'unsupported', call.range, 'ctx.save_for_backward(...)');
    }
  }

  contextAttribute(ctx: ContextValue, name: string, range: SourceRange): Value {
    if (name === 'saved_tensors') { return tuple([...ctx.saved]); }
    if (name === 'needs_input_grad') { return tuple([...ctx.needsInputGrad]); }
    const v = ctx.attributes.get(name);
    if (v === undefined) { throw new InspectError(`ctx has no attribute ${name} (set it in forward: ctx.${name} = …)`, 'value', range, 'an attribute set in forward'); }
    return v;
  }
}

function method(def: ClassDef, name: string, range: SourceRange): FunctionDef {
  const found = def.methods.find(m => m.name === name);
  if (!found) { throw new InspectError(`${def.name} has no ${name} method`, 'unsupported', range, `def ${name}(ctx, …)`); }
  return found;
}
