// The one table from surface names (`exp`, `np.exp`, `torch.exp`, `x.exp()`, `F.relu`) to engine
// ops. Each entry says which op it becomes and how its arguments are read (its form); lowering
// has one routine per form.

/** How a call's arguments become op inputs and attributes. */
export type CallForm =
  /** f(x) → op(x) */
  | { form: 'unary'; op: string }
  /** f(a, b) → op(a, b) */
  | { form: 'binary'; op: string }
  /** f(x, axis, keepdims); with two tensor arguments (max(a, b)) it is the elementwise `pairwise` op. */
  | { form: 'reduce'; op: 'sum' | 'mean' | 'max' | 'min' | 'logsumexp'; pairwise?: 'maximum' | 'minimum' }
  /** f(x, axis) along one axis, default the last. */
  | { form: 'softmax'; op: 'softmax' | 'log_softmax' }
  /** f(x, min, max) with constant bounds. */
  | { form: 'clip' }
  /** f(x) → x ** 2 */
  | { form: 'square' }
  | { form: 'leaky_relu' }
  | { form: 'softplus' }
  | { form: 'transpose' }
  | { form: 'reshape' }
  /** An array from a nested list of numbers: np.array, torch.tensor. */
  | { form: 'array' }
  /** zeros / ones of a shape. */
  | { form: 'fill'; value: number }
  | { form: 'eye' }
  /** Seeded random values of a shape: standard normal or uniform. */
  | { form: 'random'; distribution: 'normal' | 'uniform' }
  /** Returns its argument (`x.item()`, `x.double()`), for code that converts dtypes. */
  | { form: 'identity' }
  /** log(x) / log(base). */
  | { form: 'logbase'; base: number }
  /** The Euclidean norm: sqrt(sum(x²)) over all entries or along an axis. */
  | { form: 'norm' }
  /** mean((input − target)²), or its sum, or the elementwise squares (`reduction=`). */
  | { form: 'mse' };

const NUMPY = ['np.', 'numpy.'];
const TORCH = ['torch.'];
const MATH = ['math.'];
const FUNCTIONAL = ['F.', 'torch.nn.functional.', 'nn.functional.'];
const SCIPY = ['scipy.special.', 'special.'];
const PLAIN = [''];

interface Spec {
  call: CallForm;
  /** Function names, each with every prefix. */
  names: readonly string[];
  prefixes: readonly string[];
  /** Extra fully written names. */
  also?: readonly string[];
  /** Method names: `x.name(...)` with x as the first argument. */
  methods?: readonly string[];
}

const unary = (op: string): CallForm => ({ form: 'unary', op });
const ELEMENTARY = [...PLAIN, ...NUMPY, ...TORCH, ...MATH];

const SPECS: readonly Spec[] = [
  { call: unary('exp'), names: ['exp'], prefixes: ELEMENTARY, methods: ['exp'] },
  { call: unary('log'), names: ['log'], prefixes: ELEMENTARY, also: ['ln'], methods: ['log'] },
  { call: { form: 'logbase', base: 2 }, names: ['log2'], prefixes: ELEMENTARY, methods: ['log2'] },
  { call: { form: 'logbase', base: 10 }, names: ['log10'], prefixes: ELEMENTARY, methods: ['log10'] },
  { call: unary('log1p'), names: ['log1p'], prefixes: ELEMENTARY, methods: ['log1p'] },
  { call: unary('sqrt'), names: ['sqrt'], prefixes: ELEMENTARY, methods: ['sqrt'] },
  { call: unary('abs'), names: ['abs'], prefixes: [...PLAIN, ...NUMPY, ...TORCH], also: ['np.absolute', 'numpy.absolute', 'torch.absolute', 'math.fabs'], methods: ['abs', 'absolute'] },
  { call: unary('sin'), names: ['sin'], prefixes: ELEMENTARY, methods: ['sin'] },
  { call: unary('cos'), names: ['cos'], prefixes: ELEMENTARY, methods: ['cos'] },
  { call: unary('tan'), names: ['tan'], prefixes: ELEMENTARY, methods: ['tan'] },
  { call: unary('asin'), names: ['asin', 'arcsin'], prefixes: ELEMENTARY, methods: ['asin', 'arcsin'] },
  { call: unary('acos'), names: ['acos', 'arccos'], prefixes: ELEMENTARY, methods: ['acos', 'arccos'] },
  { call: unary('atan'), names: ['atan', 'arctan'], prefixes: ELEMENTARY, methods: ['atan', 'arctan'] },
  { call: unary('sinh'), names: ['sinh'], prefixes: ELEMENTARY, methods: ['sinh'] },
  { call: unary('cosh'), names: ['cosh'], prefixes: ELEMENTARY, methods: ['cosh'] },
  { call: unary('tanh'), names: ['tanh'], prefixes: [...ELEMENTARY, ...FUNCTIONAL], methods: ['tanh'] },
  { call: unary('sigmoid'), names: ['sigmoid'], prefixes: [...PLAIN, ...TORCH, ...FUNCTIONAL], also: ['expit', 'torch.special.expit', 'scipy.special.expit', 'special.expit'], methods: ['sigmoid'] },
  { call: unary('relu'), names: ['relu'], prefixes: [...PLAIN, ...TORCH, ...FUNCTIONAL], methods: ['relu'] },
  { call: { form: 'leaky_relu' }, names: ['leaky_relu'], prefixes: [...PLAIN, ...FUNCTIONAL] },
  { call: { form: 'softplus' }, names: ['softplus'], prefixes: [...PLAIN, ...FUNCTIONAL] },
  { call: { form: 'binary', op: 'maximum' }, names: ['maximum'], prefixes: [...PLAIN, ...NUMPY, ...TORCH], methods: ['maximum'] },
  { call: { form: 'binary', op: 'minimum' }, names: ['minimum'], prefixes: [...PLAIN, ...NUMPY, ...TORCH], methods: ['minimum'] },
  { call: { form: 'reduce', op: 'max', pairwise: 'maximum' }, names: ['max'], prefixes: [...PLAIN, ...NUMPY, ...TORCH], also: ['np.amax', 'numpy.amax', 'torch.amax'], methods: ['max', 'amax'] },
  { call: { form: 'reduce', op: 'min', pairwise: 'minimum' }, names: ['min'], prefixes: [...PLAIN, ...NUMPY, ...TORCH], also: ['np.amin', 'numpy.amin', 'torch.amin'], methods: ['min', 'amin'] },
  { call: { form: 'reduce', op: 'sum' }, names: ['sum'], prefixes: [...PLAIN, ...NUMPY, ...TORCH], methods: ['sum'] },
  { call: { form: 'reduce', op: 'mean' }, names: ['mean'], prefixes: [...PLAIN, ...NUMPY, ...TORCH], methods: ['mean'] },
  { call: { form: 'reduce', op: 'logsumexp' }, names: ['logsumexp'], prefixes: [...PLAIN, ...TORCH, ...SCIPY], methods: ['logsumexp'] },
  { call: { form: 'softmax', op: 'softmax' }, names: ['softmax'], prefixes: [...PLAIN, ...TORCH, ...FUNCTIONAL, ...SCIPY], methods: ['softmax'] },
  { call: { form: 'softmax', op: 'log_softmax' }, names: ['log_softmax'], prefixes: [...PLAIN, ...TORCH, ...FUNCTIONAL, ...SCIPY], methods: ['log_softmax'] },
  { call: { form: 'clip' }, names: ['clip', 'clamp'], prefixes: [...PLAIN, ...NUMPY, ...TORCH], methods: ['clip', 'clamp'] },
  { call: { form: 'binary', op: 'matmul' }, names: ['matmul'], prefixes: [...PLAIN, ...NUMPY, ...TORCH], also: ['torch.mm', 'torch.mv'], methods: ['matmul', 'mm', 'mv'] },
  { call: { form: 'binary', op: 'dot' }, names: ['dot'], prefixes: [...PLAIN, ...NUMPY, ...TORCH], methods: ['dot'] },
  { call: { form: 'binary', op: 'pow' }, names: ['pow', 'power'], prefixes: [...PLAIN, ...NUMPY, ...TORCH, ...MATH], methods: ['pow', 'power'] },
  { call: { form: 'square' }, names: ['square'], prefixes: [...NUMPY, ...TORCH], methods: ['square'] },
  { call: { form: 'transpose' }, names: ['transpose'], prefixes: [...NUMPY, ...TORCH], also: ['torch.t', 'torch.permute'], methods: ['transpose', 't', 'permute'] },
  { call: { form: 'reshape' }, names: ['reshape'], prefixes: [...NUMPY, ...TORCH], methods: ['reshape', 'view'] },
  { call: { form: 'norm' }, names: ['norm'], prefixes: ['np.linalg.', 'numpy.linalg.', 'torch.linalg.', 'torch.'], methods: ['norm'] },
  { call: { form: 'mse' }, names: ['mse_loss'], prefixes: [...PLAIN, ...FUNCTIONAL] },
  { call: { form: 'array' }, names: ['array', 'asarray'], prefixes: NUMPY, also: ['torch.tensor', 'torch.as_tensor', 'torch.Tensor'] },
  { call: { form: 'fill', value: 0 }, names: ['zeros'], prefixes: [...NUMPY, ...TORCH] },
  { call: { form: 'fill', value: 1 }, names: ['ones'], prefixes: [...NUMPY, ...TORCH] },
  { call: { form: 'eye' }, names: ['eye'], prefixes: [...NUMPY, ...TORCH] },
  { call: { form: 'random', distribution: 'normal' }, names: ['randn'], prefixes: ['np.random.', 'numpy.random.', 'torch.'], also: ['np.random.normal', 'numpy.random.normal'] },
  { call: { form: 'random', distribution: 'uniform' }, names: ['rand'], prefixes: ['np.random.', 'numpy.random.', 'torch.'], also: ['np.random.uniform', 'numpy.random.uniform'] },
  { call: { form: 'identity' }, names: [], prefixes: [], methods: ['item', 'float', 'double', 'clone', 'contiguous', 'numpy'] },
];

const FUNCTIONS = new Map<string, CallForm>();
const METHODS = new Map<string, CallForm>();
for (const spec of SPECS) {
  for (const prefix of spec.prefixes) {
    for (const name of spec.names) { FUNCTIONS.set(prefix + name, spec.call); }
  }
  for (const name of spec.also ?? []) { FUNCTIONS.set(name, spec.call); }
  for (const name of spec.methods ?? []) { METHODS.set(name, spec.call); }
}

/** Attributes that are operations: `x.T`. */
const ATTRIBUTES = new Map<string, CallForm>([['T', { form: 'transpose' }]]);

/** Named constants by dialect; a binding or an assignment of the same name wins over them. */
const CONSTANTS: Record<'math' | 'python', ReadonlyMap<string, number>> = {
  math: new Map([['pi', Math.PI], ['π', Math.PI], ['e', Math.E]]),
  python: new Map([
    ['pi', Math.PI],
    ...[...NUMPY, ...TORCH, ...MATH].flatMap(p => [[p + 'pi', Math.PI], [p + 'e', Math.E], [p + 'inf', Infinity]] as [string, number][]),
  ]),
};

/** First parts of dotted names that are modules, not values, in Python code. */
export const MODULE_ROOTS: ReadonlySet<string> = new Set(['np', 'numpy', 'torch', 'math', 'F', 'nn', 'scipy', 'special']);

export function functionAlias(name: string): CallForm | undefined {
  return FUNCTIONS.get(name);
}

export function methodAlias(name: string): CallForm | undefined {
  return METHODS.get(name);
}

export function attributeAlias(name: string): CallForm | undefined {
  return ATTRIBUTES.get(name);
}

export function namedConstant(name: string, dialect: 'math' | 'python'): number | undefined {
  return CONSTANTS[dialect].get(name);
}

/** Function names written without a module prefix: in math text, these followed by `(` are calls. */
export function isPlainFunction(name: string): boolean {
  return !name.includes('.') && FUNCTIONS.has(name);
}

export function knownFunctionNames(): string[] {
  return [...FUNCTIONS.keys()];
}

export function knownMethodNames(): string[] {
  return [...METHODS.keys(), ...ATTRIBUTES.keys()];
}

/** Up to `limit` known names closest to `name` (edit distance), for "did you mean" messages. */
export function closestNames(name: string, candidates: readonly string[], limit = 4, maxDistance = Math.max(2, Math.floor(name.length / 3))): string[] {
  const lower = name.toLowerCase();
  // The distance is at least the difference in length: skipping those keeps a 10 MB name linear.
  const scored = candidates
    .filter(c => Math.abs(c.length - name.length) <= maxDistance)
    .map(c => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter(s => s.d <= maxDistance)
    .sort((a, b) => a.d - b.d || a.c.length - b.c.length || (a.c < b.c ? -1 : 1));
  return scored.slice(0, limit).map(s => s.c);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
