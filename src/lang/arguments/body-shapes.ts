// What a function's body says about its parameters' shapes, read without running it: an abstract
// walk over the statements where arrays carry symbolic dimensions. `N, D = x.shape` names x's
// dimensions, `x.reshape(N, -1)` flattens the rest into one, `x.dot(w)` makes the inner dimensions
// equal, `x[np.arange(N), y]` makes y class labels below x's second dimension, `p['stride']` makes
// p a dict of options. Anything else is unknown, never an error: the trace has the last word.
import { Expr, FunctionDef, IndexExpr, KeywordArg, MethodExpr, CallExpr, Statement, Target } from '../ast';
import { constDim, Dim } from './dimensions';
import { FunctionFacts, ShapeCell } from './parameter-facts';

interface ArrayValue { kind: 'array'; cell: ShapeCell; param?: string; arange?: boolean }

type Abstract =
  | ArrayValue
  | { kind: 'dim'; dim: Dim }
  | { kind: 'tuple'; items: Abstract[] }
  | { kind: 'shape'; of: ArrayValue }
  | { kind: 'option'; param: string; key: string }
  | { kind: 'string'; text: string }
  /** A loop variable of `for i in range(D)`: an index below D. */
  | { kind: 'index'; below: Dim }
  | { kind: 'unknown' };

const UNKNOWN: Abstract = { kind: 'unknown' };
const REDUCTIONS = new Set(['sum', 'mean', 'max', 'min', 'var', 'std', 'prod', 'argmax', 'argmin', 'amax', 'amin', 'logsumexp']);
const SAME_SHAPE = new Set([
  'exp', 'log', 'sqrt', 'tanh', 'abs', 'sign', 'relu', 'sigmoid', 'square', 'copy', 'clone', 'zeros_like', 'ones_like', 'empty_like',
  'clip', 'clamp', 'negative', 'detach', 'astype', 'float', 'double', 'contiguous', 'cos', 'sin', 'log1p', 'expm1', 'softmax', 'log_softmax',
]);
const ELEMENTWISE = new Set(['maximum', 'minimum', 'where', 'add', 'subtract', 'multiply', 'divide', 'power']);
const CONSTRUCTORS = new Set(['zeros', 'ones', 'empty', 'randn', 'rand', 'full']);

const MAX_NESTING = 200;
/** Calls of other functions of the file are followed this deep (recursion included). */
const MAX_CALL_DEPTH = 4;

export function readBodyShapes(def: FunctionDef, facts: FunctionFacts, definitions: ReadonlyMap<string, FunctionDef> = new Map(), depth = 0): void {
  new BodyReader(facts, definitions, depth).block(def.body);
}

class BodyReader {
  private readonly env = new Map<string, Abstract>();

  constructor(private readonly facts: FunctionFacts, private readonly definitions: ReadonlyMap<string, FunctionDef>, private readonly depth: number) {
    for (const param of facts.params.values()) { this.env.set(param.name, { kind: 'array', cell: param.shape, param: param.name }); }
  }

  block(statements: readonly Statement[]): void {
    for (const statement of statements) { this.statement(statement); }
  }

  private statement(s: Statement): void {
    switch (s.kind) {
      case 'assign': this.env.set(s.target, this.eval(s.value)); return;
      case 'store': this.store(s.target, s.value, s.op !== undefined); return;
      case 'expr': this.eval(s.expr); return;
      case 'return': if (s.value) { this.eval(s.value); } return;
      case 'if':
        for (const branch of s.branches) { this.eval(branch.test); this.block(branch.body); }
        if (s.otherwise) { this.block(s.otherwise); }
        return;
      case 'for': this.bind(s.target, this.loopVariable(this.eval(s.iterable))); this.block(s.body); return;
      case 'while': this.eval(s.test); this.block(s.body); return;
      case 'assert': this.eval(s.test); return;
      default: return;
    }
  }

  private store(target: Target, value: Expr, augmented: boolean): void {
    const stored = this.eval(value);
    if (target.kind === 'index') { this.eval(target); return; }
    if (!augmented) { this.bind(target, stored); }
  }

  private bind(target: Target, value: Abstract): void {
    if (target.kind === 'name') { this.env.set(target.name, value); return; }
    if (target.kind === 'index') { this.eval(target); return; }
    if (target.kind !== 'tuple') { return; }
    const names = target.items.map(item => item.kind === 'name' && item.name !== '_' ? item.name : undefined);
    const items = this.unpack(value, names);
    target.items.forEach((item, i) => this.bind(item, items[i] ?? UNKNOWN));
  }

  /** `N, D = x.shape` names x's dimensions; a tuple unpacks item by item. */
  private unpack(value: Abstract, names: readonly (string | undefined)[]): Abstract[] {
    if (value.kind === 'tuple') { return value.items; }
    if (value.kind !== 'shape') { return names.map(() => UNKNOWN); }
    const named = names.map((name, i) => name === undefined ? this.sameAsOtherParameter(value.of, names.length, i) : this.facts.dims.named(name));
    const dims = this.withRank(value.of, names.length, named);
    if (dims.length !== names.length) { return names.map(() => UNKNOWN); }
    dims.forEach((dim, i) => this.facts.dims.unify(dim, named[i]));
    return dims.map(dim => ({ kind: 'dim', dim }));
  }

  /**
   * `F, _, HH, WW = w.shape` after `N, C, H, W = x.shape`: a dimension the code leaves unnamed is
   * taken to be the one another parameter of the same rank has there (the channels of a filter).
   */
  private sameAsOtherParameter(value: ArrayValue, rank: number, position: number): Dim {
    const other = [...this.facts.params.values()].find(p => p.name !== value.param && p.shape.dims?.length === rank);
    return value.param && other?.shape.dims ? other.shape.dims[position] : this.facts.dims.fresh();
  }

  /** The array's dimensions, revealing its rank (with these dimensions, else fresh ones) when unknown. */
  private withRank(value: ArrayValue, rank: number, dims?: Dim[]): Dim[] {
    if (value.cell.dims) { return value.cell.dims; }
    const revealed = dims ?? Array.from({ length: rank }, () => this.facts.dims.fresh());
    if (value.param) { this.facts.reveal(value.param, revealed, 'code'); } else { value.cell.dims = revealed; }
    return revealed;
  }

  /**
   * Expressions nested deeper than this (a sum of thousands of terms parses as a chain that deep)
   * are not read: what they would say is left to the trace, which reads chains without recursion.
   */
  private nesting = 0;

  private eval(expr: Expr): Abstract {
    if (this.nesting >= MAX_NESTING) { return UNKNOWN; }
    this.nesting++;
    try {
      return this.evalNode(expr);
    } finally {
      this.nesting--;
    }
  }

  private evalNode(expr: Expr): Abstract {
    switch (expr.kind) {
      case 'number': return Number.isInteger(expr.value) ? { kind: 'dim', dim: constDim(expr.value) } : UNKNOWN;
      case 'string': return { kind: 'string', text: expr.text.replace(/^[rbfu]*(['"])(.*)\1$/is, '$2') };
      case 'name': return this.env.get(expr.name) ?? UNKNOWN;
      case 'unary': return this.negated(expr.op, this.eval(expr.operand));
      case 'binary': return this.binary(expr.op, this.eval(expr.left), this.eval(expr.right));
      case 'intop': this.eval(expr.left); this.eval(expr.right); return { kind: 'dim', dim: this.facts.dims.fresh() };
      case 'compare': return this.compare(expr.operands.map(o => this.eval(o)));
      case 'bool': this.eval(expr.left); this.eval(expr.right); return UNKNOWN;
      case 'not': this.eval(expr.operand); return UNKNOWN;
      case 'conditional': { this.eval(expr.test); const then = this.eval(expr.then); this.eval(expr.otherwise); return then; }
      case 'dict': expr.values.forEach(v => this.eval(v)); return UNKNOWN;
      case 'starred': this.eval(expr.value); return UNKNOWN;
      case 'list': return { kind: 'tuple', items: expr.items.map(item => this.eval(item)) };
      case 'attribute': return this.attribute(this.eval(expr.object), expr.name);
      case 'index': return this.index(expr);
      case 'method': return this.method(expr);
      case 'call': return this.call(expr);
    }
  }

  private negated(op: '-' | '+', value: Abstract): Abstract {
    if (op === '-' && value.kind === 'dim' && value.dim.kind === 'const') { return { kind: 'dim', dim: constDim(-value.dim.value) }; }
    return value;
  }

  private loopVariable(iterable: Abstract): Abstract {
    return iterable.kind === 'tuple' && iterable.items.length === 1 && iterable.items[0].kind === 'dim' ? { kind: 'index', below: iterable.items[0].dim } : UNKNOWN;
  }

  private binary(op: string, left: Abstract, right: Abstract): Abstract {
    if (op === '@') { return this.matmul(left, right); }
    if (left.kind === 'dim' && right.kind === 'dim') {
      return { kind: 'dim', dim: op === '*' ? { kind: 'product', factors: [left.dim, right.dim] } : this.facts.dims.fresh() };
    }
    return this.broadcast([left, right]);
  }

  private compare(operands: Abstract[]): Abstract {
    const option = operands.find(o => o.kind === 'option');
    const text = operands.find(o => o.kind === 'string');
    if (option?.kind === 'option' && text?.kind === 'string') {
      const keys = this.facts.params.get(option.param)?.keys;
      if (keys && keys.get(option.key) === undefined) { keys.set(option.key, text.text); }
    }
    return this.broadcast(operands);
  }

  private attribute(object: Abstract, name: string): Abstract {
    if (object.kind !== 'array') { return UNKNOWN; }
    if (name === 'shape') { return { kind: 'shape', of: object }; }
    if (name === 'T') { return this.transposed(object); }
    return UNKNOWN;
  }

  private transposed(value: ArrayValue): Abstract {
    return { kind: 'array', cell: { dims: [...this.withRank(value, 2)].reverse() } };
  }

  private index(expr: IndexExpr): Abstract {
    const object = this.eval(expr.object);
    const first = expr.items[0];
    const position = expr.items.length === 1 && first.kind !== 'slice' && first.kind !== 'newaxis' ? integerOf(first) : undefined;
    if (object.kind === 'shape' && position !== undefined) {
      const dims = this.withRank(object.of, Math.max(2, position + 1));
      const dim = dims[position < 0 ? dims.length + position : position];
      return dim ? { kind: 'dim', dim } : UNKNOWN;
    }
    if (object.kind === 'tuple' && position !== undefined) { return object.items[position < 0 ? object.items.length + position : position] ?? UNKNOWN; }
    if (object.kind === 'array' && object.param && expr.items.length === 1 && first.kind === 'string') { return this.option(object.param, first.text); }
    const items = expr.items.map(item => item.kind === 'slice' || item.kind === 'newaxis' ? UNKNOWN : this.eval(item));
    if (object.kind !== 'array') { return UNKNOWN; }
    this.loopIndices(object, items);
    return this.fancyIndex(object, items);
  }

  /** `p['key']`: p is a dict of options. */
  private option(param: string, quotedKey: string): Abstract {
    const facts = this.facts.params.get(param);
    const key = quotedKey.replace(/^(['"])(.*)\1$/s, '$2');
    if (!facts) { return UNKNOWN; }
    facts.keys ??= new Map();
    if (!facts.keys.has(key)) { facts.keys.set(key, undefined); }
    return { kind: 'option', param, key };
  }

  /** `w[f]` inside `for f in range(F)`: w's first dimension is F. */
  private loopIndices(object: ArrayValue, items: readonly Abstract[]): void {
    if (!items.some(item => item.kind === 'index')) { return; }
    const dims = this.withRank(object, items.length);
    items.forEach((item, position) => {
      if (item.kind === 'index' && dims[position]) { this.facts.dims.unify(dims[position], item.below); }
    });
  }

  /** A parameter used as an index holds integer labels below that dimension; with np.arange beside it, one per row. */
  private fancyIndex(object: ArrayValue, items: readonly Abstract[]): Abstract {
    const arrays = items.map((item, position) => ({ item, position })).filter(({ item }) => item.kind === 'array') as { item: ArrayValue; position: number }[];
    const rows = arrays.find(({ item }) => item.arange)?.item;
    const labels = arrays.filter(({ item }) => item.param !== undefined && !item.arange);
    if (labels.length === 0) { return { kind: 'array', cell: {} }; }
    const dims = this.withRank(object, Math.max(2, items.length));
    for (const { item, position } of labels) {
      const facts = this.facts.params.get(item.param as string);
      const bound = dims[position];
      if (facts && bound && facts.labelsBelow === undefined) { facts.labelsBelow = bound; }
      if (rows?.cell.dims) { this.unifyShapes(this.withRank(item, rows.cell.dims.length, rows.cell.dims), rows.cell.dims); }
    }
    return { kind: 'array', cell: { dims: rows?.cell.dims ?? labels[0].item.cell.dims } };
  }

  private method(expr: MethodExpr): Abstract {
    const object = this.eval(expr.object);
    const args = expr.args.map(arg => this.eval(arg));
    expr.kwargs.forEach(kw => this.eval(kw.value));
    if (object.kind !== 'array') { return UNKNOWN; }
    if (object.param && expr.method === 'get') { return UNKNOWN; }
    if (expr.method === 'reshape' || expr.method === 'view') { return this.reshape(object, args); }
    if (expr.method === 'dot' || expr.method === 'matmul' || expr.method === 'mm') { return this.matmul(object, args[0] ?? UNKNOWN); }
    if (expr.method === 't' || (expr.method === 'transpose' && args.length === 0)) { return this.transposed(object); }
    if (REDUCTIONS.has(expr.method)) { return this.reduce(object, keyword(expr.kwargs, ['axis', 'dim']) ?? expr.args[0], keyword(expr.kwargs, ['keepdims', 'keepdim'])); }
    if (SAME_SHAPE.has(expr.method)) { return { kind: 'array', cell: object.cell.dims ? { dims: object.cell.dims } : {} }; }
    return { kind: 'array', cell: {} };
  }

  private call(expr: CallExpr): Abstract {
    const name = expr.callee.replace(/^.*\./, '');
    const args = expr.args.map(arg => this.eval(arg));
    expr.kwargs.forEach(kw => this.eval(kw.value));
    const [first, second] = args;
    if (name === 'dot' || name === 'matmul') { return this.matmul(first ?? UNKNOWN, second ?? UNKNOWN); }
    if (REDUCTIONS.has(name) && first?.kind === 'array') { return this.reduce(first, keyword(expr.kwargs, ['axis', 'dim']) ?? expr.args[1], keyword(expr.kwargs, ['keepdims', 'keepdim'])); }
    if (ELEMENTWISE.has(name)) { return this.broadcast(args); }
    if (SAME_SHAPE.has(name) && first?.kind === 'array') { return { kind: 'array', cell: first.cell.dims ? { dims: first.cell.dims } : {} }; }
    if (name === 'arange' && expr.args.length === 1) { return { kind: 'array', cell: { dims: [first?.kind === 'dim' ? first.dim : this.facts.dims.fresh()] }, arange: true }; }
    if (CONSTRUCTORS.has(name)) { return { kind: 'array', cell: { dims: shapeArguments(args) } }; }
    if (name === 'range' && args.length === 1) { return { kind: 'tuple', items: args }; }
    const callee = this.definitions.get(expr.callee);
    if (callee) { this.carryOver(callee, args); return UNKNOWN; }
    if (name === 'len' && first?.kind === 'array') { return { kind: 'dim', dim: this.withRank(first, 2)[0] }; }
    return UNKNOWN;
  }

  /**
   * A call of another function of the file with this function's parameters as arguments: what
   * that function's body says about its own parameters holds for them (dimensions it relates stay
   * related, labels stay labels).
   */
  private carryOver(callee: FunctionDef, args: readonly Abstract[]): void {
    if (this.depth >= MAX_CALL_DEPTH) { return; }
    const inner = new FunctionFacts(callee.params.map(p => p.name));
    readBodyShapes(callee, inner, this.definitions, this.depth + 1);
    const mapped = new Map<number, Dim>();
    const translate = (dim: Dim): Dim => {
      if (dim.kind === 'const') { return dim; }
      if (dim.kind === 'product') { return { kind: 'product', factors: dim.factors.map(translate) }; }
      const key = inner.dims.key(dim);
      const known = mapped.get(key) ?? this.facts.dims.fresh(inner.dims.nameOf(dim));
      mapped.set(key, known);
      return known;
    };
    callee.params.forEach((param, i) => {
      const arg = args[i];
      const facts = inner.params.get(param.name);
      if (arg?.kind !== 'array' || !facts) { return; }
      if (facts.shape.dims) { this.unifyShapes(this.withRank(arg, facts.shape.dims.length, facts.shape.dims.map(translate)), facts.shape.dims.map(translate)); }
      const own = arg.param ? this.facts.params.get(arg.param) : undefined;
      if (own && facts.labelsBelow && own.labelsBelow === undefined) { own.labelsBelow = translate(facts.labelsBelow); }
      if (own && facts.keys && !own.keys) { own.keys = facts.keys; }
    });
  }

  /** `x.reshape(N, -1)`: the -1 is the product of the dimensions the named ones leave. */
  private reshape(object: ArrayValue, args: readonly Abstract[]): Abstract {
    const items = args.length === 1 && args[0].kind === 'tuple' ? args[0].items : args;
    const wildcard = items.findIndex(item => item.kind === 'dim' && item.dim.kind === 'const' && item.dim.value === -1);
    const dims: Dim[] = items.map(item => item.kind === 'dim' ? item.dim : this.facts.dims.fresh());
    if (wildcard >= 0) {
      const source = this.withRank(object, Math.max(2, wildcard + 1));
      const rest = source.slice(wildcard);
      dims[wildcard] = rest.length === 1 ? rest[0] : { kind: 'product', factors: rest };
    }
    return { kind: 'array', cell: { dims } };
  }

  private matmul(left: Abstract, right: Abstract): Abstract {
    if (left.kind !== 'array' || right.kind !== 'array') { return UNKNOWN; }
    const a = this.withRank(left, 2), b = this.withRank(right, 2);
    if (a.length === 0 || b.length === 0) { return { kind: 'array', cell: {} }; }
    this.facts.dims.unify(a[a.length - 1], b.length === 1 ? b[0] : b[b.length - 2]);
    return { kind: 'array', cell: { dims: [...a.slice(0, -1), ...(b.length >= 2 ? [b[b.length - 1]] : [])] } };
  }

  private reduce(object: ArrayValue, axisExpr: Expr | undefined, keepdimsExpr: Expr | undefined): Abstract {
    const axes = axisExpr ? axesOf(axisExpr) : undefined;
    if (axisExpr && !axes) { return { kind: 'array', cell: {} }; }
    if (!axes) { return { kind: 'array', cell: { dims: [] } }; }
    const dims = this.withRank(object, Math.max(2, ...axes.map(a => a + 1)));
    const removed = new Set(axes.map(a => a < 0 ? dims.length + a : a));
    const keep = keepdimsExpr?.kind === 'name' && keepdimsExpr.name === 'True';
    return { kind: 'array', cell: { dims: dims.flatMap((d, i) => removed.has(i) ? (keep ? [constDim(1)] : []) : [d]) } };
  }

  /**
   * Elementwise: known shapes are aligned from the right and their dimensions made equal. A
   * parameter of unknown rank combined with a known shape is a bias or a scale: its last dimension.
   */
  private broadcast(operands: readonly Abstract[]): Abstract {
    const arrays = operands.filter((o): o is ArrayValue => o.kind === 'array');
    const known = arrays.filter(a => a.cell.dims).sort((a, b) => (b.cell.dims as Dim[]).length - (a.cell.dims as Dim[]).length);
    if (known.length === 0) { return arrays.length > 0 ? { kind: 'array', cell: {} } : UNKNOWN; }
    const widest = known[0].cell.dims as Dim[];
    for (const other of known.slice(1)) { this.unifyShapes(other.cell.dims as Dim[], widest); }
    for (const unknown of arrays.filter(a => !a.cell.dims && a.param)) {
      this.withRank(unknown, Math.min(widest.length, 1), widest.slice(-1));
    }
    return { kind: 'array', cell: { dims: widest } };
  }

  /** Dimensions aligned from the right are the same, except a literal 1 (broadcast). */
  private unifyShapes(a: readonly Dim[], b: readonly Dim[]): void {
    for (let i = 1; i <= Math.min(a.length, b.length); i++) {
      const x = a[a.length - i], y = b[b.length - i];
      if (!isOne(x) && !isOne(y)) { this.facts.dims.unify(x, y); }
    }
  }
}

function isOne(dim: Dim): boolean {
  return dim.kind === 'const' && dim.value === 1;
}

function integerOf(expr: Expr): number | undefined {
  if (expr.kind === 'number' && Number.isInteger(expr.value)) { return expr.value; }
  if (expr.kind === 'unary' && expr.op === '-') { const inner = integerOf(expr.operand); return inner === undefined ? undefined : -inner; }
  return undefined;
}

/** `axis=1`, `axis=(0, 2, 3)`, `axis=-1`. */
function axesOf(expr: Expr): number[] | undefined {
  if (expr.kind === 'list') {
    const axes = expr.items.map(integerOf);
    return axes.every((a): a is number => a !== undefined) ? axes : undefined;
  }
  const axis = integerOf(expr);
  return axis === undefined ? undefined : [axis];
}

function keyword(kwargs: readonly KeywordArg[], names: readonly string[]): Expr | undefined {
  return kwargs.find(kw => names.includes(kw.name))?.value;
}

/** `np.zeros((N, D))` or `np.random.randn(N, D)`: the dimensions given. */
function shapeArguments(args: readonly Abstract[]): Dim[] | undefined {
  const items = args.length === 1 && args[0].kind === 'tuple' ? args[0].items : args;
  return items.every(item => item.kind === 'dim') ? items.map(item => (item as { dim: Dim }).dim) : undefined;
}
