// How to call a function nothing in the file calls, so that its gradients can be checked:
//   - a `*_backward(dout, cache)` runs after its `*_forward`, whose cache it receives (the values
//     asked for are the forward's inputs and the upstream gradient); a `*_forward` with a
//     backward beside it runs the same pair;
//   - a function returning `loss, dNAME` is called and its loss is the output;
//   - any other function is called and its (first) result is the output.
import { Expr, FunctionDef, Statement } from '../ast';

const FORWARD = /_forward(_|$)/;
const BACKWARD = /_backward(_|$)/;

export interface CallPlan {
  convention: 'backward-of-forward' | 'loss-and-gradient' | 'call';
  /** The function the cursor is in. */
  target: string;
  /** The function whose parameters are given values (the forward, for a backward). */
  inputs: FunctionDef;
  /** For a pair: the backward that receives the forward's cache, and its upstream gradient's name. */
  backward?: string;
  upstream?: string;
  /** The function returns a tuple: its first item is the output. */
  returnsTuple: boolean;
}

export function planCall(statements: readonly Statement[], name: string): CallPlan | undefined {
  const defs = statements.filter((s): s is FunctionDef => s.kind === 'def');
  const target = defs.find(def => def.name === name);
  if (!target) { return undefined; }
  const pair = BACKWARD.test(name) ? forwardOf(target, defs) : FORWARD.test(name) ? backwardOf(target, defs) : undefined;
  if (pair) { return pair; }
  const returned = returnedItems(target.body);
  const loss = returned.length >= 2 && returned.slice(1).every(item => /^d|^grad/.test(item ?? ''));
  return { convention: loss ? 'loss-and-gradient' : 'call', target: name, inputs: target, returnsTuple: returned.length >= 2 };
}

/** The parameters the caller gives values to: those without a default. */
export function requiredParameters(def: FunctionDef): string[] {
  return def.params.filter(p => p.default === undefined).map(p => p.name);
}

/** `conv_forward_naive` → `conv`: the layer's name, shared by its backward. */
function stem(name: string, marker: RegExp): string {
  return name.slice(0, name.search(marker));
}

/** The forward whose layer name starts the backward's name (the longest, so affine_relu before affine). */
function forwardOf(backward: FunctionDef, defs: readonly FunctionDef[]): CallPlan | undefined {
  if (backward.params.length < 2) { return undefined; }
  const forward = defs
    .filter(def => FORWARD.test(def.name) && backward.name.startsWith(`${stem(def.name, FORWARD)}_`))
    .sort((a, b) => stem(b.name, FORWARD).length - stem(a.name, FORWARD).length)[0];
  return forward && pairPlan(backward.name, forward, backward);
}

/** The backward of the same layer: `affine_backward` for `affine_forward` (an exact name first). */
function backwardOf(forward: FunctionDef, defs: readonly FunctionDef[]): CallPlan | undefined {
  const layer = stem(forward.name, FORWARD);
  const candidates = defs.filter(def => BACKWARD.test(def.name) && def.params.length >= 2 && stem(def.name, BACKWARD) === layer);
  const backward = candidates.find(def => def.name === forward.name.replace(FORWARD, '_backward$1')) ?? candidates[0];
  return backward && { ...pairPlan(backward.name, forward, backward), target: forward.name };
}

function pairPlan(target: string, forward: FunctionDef, backward: FunctionDef): CallPlan {
  return { convention: 'backward-of-forward', target, inputs: forward, backward: backward.name, upstream: backward.params[0].name, returnsTuple: true };
}

/** The names in the function's first `return a, b, …` (undefined for an item that is not a name). */
function returnedItems(body: readonly Statement[]): (string | undefined)[] {
  for (const statement of body) {
    if (statement.kind === 'return' && statement.value) {
      const value = statement.value;
      if (value.kind !== 'list' || !value.tuple) { return [nameOf(value)]; }
      return value.items.map(item => nameOf(item.kind === 'unary' ? item.operand : item));
    }
    const nested = statement.kind === 'if' ? [...statement.branches.flatMap(b => b.body), ...(statement.otherwise ?? [])] : [];
    const found = nested.length > 0 ? returnedItems(nested) : [];
    if (found.length > 0) { return found; }
  }
  return [];
}

function nameOf(expr: Expr): string | undefined {
  return expr.kind === 'name' ? expr.name : undefined;
}
