// Lowering of function, method and attribute calls: one routine per argument form of the alias
// table (aliases.ts), reading positional and keyword arguments the way NumPy and PyTorch do.
import { quoted } from '../engine/excerpt';
import { InspectError, SourceRange } from '../engine/errors';
import { Graph, NodeId } from '../engine/graph';
import { Attrs } from '../engine/op';
import { Tensor } from '../engine/tensor';
import { Expr, KeywordArg } from './ast';
import { CallForm } from './aliases';
import { STORAGE_KEYWORDS } from './constructors';
import { requireAxis, requireBoolean, requireInteger, requireNumber, requireShape, staticValue } from './static';

/** A call as lowering sees it: for methods and attributes the receiver is the first argument. */
export interface CallSite {
  /** As written, for messages: `np.sum`, `.sum`, `.T`. */
  name: string;
  range: SourceRange;
  args: readonly Expr[];
  kwargs: readonly KeywordArg[];
  /** Written without a module prefix (`max(a, b)`): Python's builtins, math functions. */
  plain: boolean;
}

export interface LoweringContext {
  graph: Graph;
  lower(expr: Expr): NodeId;
}

export function lowerCall(call: CallForm, site: CallSite, ctx: LoweringContext): NodeId {
  const args = new Arguments(site, ctx);
  const node = lowerForm(call, args, site, ctx);
  args.finish();
  return node;
}

function lowerForm(call: CallForm, args: Arguments, site: CallSite, ctx: LoweringContext): NodeId {
  const apply = (op: string, inputs: NodeId[], attrs: Attrs = {}): NodeId => ctx.graph.apply(op, inputs, attrs, { range: site.range });
  switch (call.form) {
    case 'unary': return apply(call.op, [args.only(1)[0]]);
    case 'binary': return apply(call.op, args.only(2));
    case 'identity': return args.only(1)[0];
    case 'square': return apply('pow', [args.only(1)[0], ctx.graph.constant(Tensor.scalar(2), { range: site.range })]);
    case 'reduce': return reduce(call.op, call.pairwise, args, site, apply);
    case 'softmax': {
      const axisExpr = args.positional(1) ?? args.keyword('dim', 'axis');
      const axis = axisExpr ? requireInteger(axisExpr, 'the softmax axis') : -1;
      return apply(call.op, [args.tensor(0)], { axis });
    }
    case 'clip': return clip(args, site, ctx, apply);
    case 'leaky_relu': {
      const slope = args.positional(1) ?? args.keyword('negative_slope', 'alpha');
      return apply('leaky_relu', [args.tensor(0)], { alpha: slope ? requireNumber(slope, 'negative_slope') : 0.01 });
    }
    case 'softplus': {
      const beta = args.positional(1) ?? args.keyword('beta');
      const threshold = args.positional(2) ?? args.keyword('threshold');
      return apply('softplus', [args.tensor(0)], {
        beta: beta ? requireNumber(beta, 'beta') : 1,
        threshold: threshold ? requireNumber(threshold, 'threshold') : 20,
      });
    }
    case 'transpose': return apply('transpose', [args.tensor(0)], { axes: transposeAxes(args, site) });
    case 'reshape': {
      const given = args.keyword('shape', 'newshape');
      const shape = requireShape(given ? [given] : args.rest(1), 'reshape');
      return apply('reshape', [args.tensor(0)], { shape });
    }
    case 'logbase': {
      const ln = apply('log', [args.only(1)[0]]);
      return apply('div', [ln, ctx.graph.constant(Tensor.scalar(Math.log(call.base)), { range: site.range, label: `ln ${call.base}` })]);
    }
    case 'norm': return norm(args, site, ctx, apply);
    case 'mse': return meanSquaredError(args, site, ctx, apply);
    case 'array': case 'fill': case 'eye': case 'random':
      // Invariant: lower.ts turns constructor calls into literals before reaching here.
      throw new Error(`constructor ${site.name} reached call lowering`);
  }
}

type Apply = (op: string, inputs: NodeId[], attrs?: Attrs) => NodeId;

/**
 * sum/mean/max/min/logsumexp over `axis` (or `dim`), keeping dims or not. `max(a, b)` written
 * without a module prefix, or `torch.max(a, b)` with a tensor second argument, is elementwise.
 */
function reduce(op: string, pairwise: 'maximum' | 'minimum' | undefined, args: Arguments, site: CallSite, apply: Apply): NodeId {
  const second = args.positional(1);
  if (pairwise && second && (site.plain || !isAxis(second))) {
    const all = args.rest(0);
    let node = args.lowered(all[0]);
    for (const next of all.slice(1)) { node = apply(pairwise, [node, args.lowered(next)]); }
    return node;
  }
  const axisExpr = second ?? args.keyword('axis', 'dim');
  const keepExpr = args.positional(2) ?? args.keyword('keepdims', 'keepdim');
  const axis = axisExpr ? requireAxis(axisExpr, `the axis of ${site.name}`) : null;
  const keepdims = keepExpr ? requireBoolean(keepExpr, 'keepdims') : false;
  return apply(op, [args.tensor(0)], { axis, keepdims });
}

/** ‖x‖₂ = sqrt(sum(x²)); `ord`/`p` may only say 2 (or None). */
function norm(args: Arguments, site: CallSite, ctx: LoweringContext, apply: Apply): NodeId {
  const order = args.positional(1) ?? args.keyword('ord', 'p');
  if (order && ![null, 2].includes(staticValue(order) as number | null)) {
    throw new InspectError(`${site.name}: only the Euclidean norm (ord=2) is supported`, 'unsupported', order.range, 'ord=None or 2');
  }
  const axisExpr = args.positional(2) ?? args.keyword('axis', 'dim');
  const keepExpr = args.positional(3) ?? args.keyword('keepdims', 'keepdim');
  const squares = apply('pow', [args.tensor(0), ctx.graph.constant(Tensor.scalar(2), { range: site.range })]);
  const total = apply('sum', [squares], {
    axis: axisExpr ? requireAxis(axisExpr, `the axis of ${site.name}`) : null,
    keepdims: keepExpr ? requireBoolean(keepExpr, 'keepdims') : false,
  });
  return apply('sqrt', [total]);
}

/** F.mse_loss(input, target, reduction='mean' | 'sum' | 'none'). */
function meanSquaredError(args: Arguments, site: CallSite, ctx: LoweringContext, apply: Apply): NodeId {
  const reductionExpr = args.keyword('reduction');
  const reduction = reductionExpr?.kind === 'string' ? reductionExpr.text.slice(1, -1) : 'mean';
  if (reductionExpr && !['mean', 'sum', 'none'].includes(reduction)) {
    throw new InspectError(`${site.name}: reduction must be 'mean', 'sum' or 'none'`, 'unsupported', reductionExpr.range, "'mean', 'sum' or 'none'");
  }
  const [input, target] = args.only(2);
  const squares = apply('pow', [apply('sub', [input, target]), ctx.graph.constant(Tensor.scalar(2), { range: site.range })]);
  return reduction === 'none' ? squares : apply(reduction, [squares], { axis: null, keepdims: false });
}

function isAxis(expr: Expr): boolean {
  const v = staticValue(expr);
  return v === null || (typeof v === 'number' && Number.isInteger(v)) || Array.isArray(v);
}

/** clip(x, lo, hi) with bounds written as numbers (or None) is one op; computed bounds compose maximum/minimum. */
function clip(args: Arguments, site: CallSite, ctx: LoweringContext, apply: Apply): NodeId {
  const x = args.tensor(0);
  const lo = args.positional(1) ?? args.keyword('min', 'a_min');
  const hi = args.positional(2) ?? args.keyword('max', 'a_max');
  if (!lo && !hi) { throw new InspectError(`${site.name} needs a lower or an upper bound`, 'unsupported', site.range, 'min= or max='); }
  const loValue = lo ? staticValue(lo) : null;
  const hiValue = hi ? staticValue(hi) : null;
  if ((loValue === null || typeof loValue === 'number') && (hiValue === null || typeof hiValue === 'number')) {
    return apply('clip', [x], { min: loValue, max: hiValue });
  }
  let node = x;
  if (lo && loValue !== null) { node = apply('maximum', [node, ctx.lower(lo)]); }
  if (hi && hiValue !== null) { node = apply('minimum', [node, ctx.lower(hi)]); }
  return node;
}

/**
 * NumPy: transpose(), transpose(axes), transpose(*axes); PyTorch: transpose(dim0, dim1) swaps two
 * dimensions, permute(*dims). Two axes are read as a matrix transpose only when they are the two
 * axes of a matrix, since the rank is not known before the forward pass.
 */
function transposeAxes(args: Arguments, site: CallSite): number[] | null {
  const keyword = args.keyword('axes', 'dims');
  const rest = keyword ? [keyword] : args.rest(1);
  if (rest.length === 0) { return null; }
  const axes = requireShape(rest, 'transpose axes');
  if (rest.length === 2 && !site.name.endsWith('permute')) {
    const [a, b] = axes.map(v => (v < 0 ? v + 2 : v));
    if ((a === 0 && b === 1) || (a === 1 && b === 0)) { return null; }
    throw new InspectError(`${site.name}(${axes.join(', ')}): swapping two axes of a tensor of unknown rank is not supported; give all axes (permute)`, 'unsupported', site.range, 'transpose() or all axes');
  }
  return axes;
}

/** Positional and keyword arguments of one call; reports unknown keywords and extra arguments. */
class Arguments {
  private readonly usedKeywords = new Set<string>();
  private usedPositional = 0;

  constructor(private readonly site: CallSite, private readonly ctx: LoweringContext) {}

  /** Exactly n positional arguments, lowered. */
  only(n: number): NodeId[] {
    if (this.site.args.length !== n) {
      throw new InspectError(`${this.site.name} takes ${n} argument${n === 1 ? '' : 's'}, got ${this.site.args.length}`, 'unsupported', this.site.range, `${n} argument${n === 1 ? '' : 's'}`);
    }
    return this.rest(0).map(a => this.lowered(a));
  }

  tensor(i: number): NodeId {
    const expr = this.positional(i);
    if (!expr) { throw new InspectError(`${this.site.name} needs an argument`, 'unsupported', this.site.range, 'an argument'); }
    return this.lowered(expr);
  }

  lowered(expr: Expr): NodeId {
    return this.ctx.lower(expr);
  }

  positional(i: number): Expr | undefined {
    if (i >= this.site.args.length) { return undefined; }
    this.usedPositional = Math.max(this.usedPositional, i + 1);
    return this.site.args[i];
  }

  rest(from: number): Expr[] {
    this.usedPositional = Math.max(this.usedPositional, this.site.args.length);
    return this.site.args.slice(from);
  }

  keyword(...names: string[]): Expr | undefined {
    for (const name of names) { this.usedKeywords.add(name); }
    return this.site.kwargs.find(k => names.includes(k.name))?.value;
  }

  finish(): void {
    if (this.usedPositional < this.site.args.length) {
      const extra = this.site.args[this.usedPositional];
      throw new InspectError(`too many arguments to ${this.site.name}`, 'unsupported', extra.range, "')'");
    }
    for (const kw of this.site.kwargs) {
      if (!this.usedKeywords.has(kw.name) && !STORAGE_KEYWORDS.has(kw.name)) {
        throw new InspectError(`keyword argument ${quoted(kw.name)} of ${this.site.name} is not supported`, 'unsupported', kw.range, 'a supported keyword argument');
      }
    }
  }
}
