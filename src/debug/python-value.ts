// What is evaluated in a paused Python frame to read one variable, and how its answer is read back.
// The expression only reads: it calls no user code (a value is serialised only when its type is
// exactly a Python number, a NumPy scalar or array, or a PyTorch tensor or parameter) and imports
// nothing. Plain TypeScript: the extension sends the text through the Debug Adapter Protocol.
import { excerpt, quoted } from '../engine/excerpt';

/** The first field of every answer, so an unrelated string is never taken for a value. */
const TAG = 'GI1';

/** NumPy scalar types read with float(): exact names, so a subclass (user code) is never called. */
const NUMPY_SCALARS = [
  'bool_', 'bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
  'intc', 'intp', 'longlong', 'float16', 'float32', 'float64', 'longdouble',
];

const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** A name we may put in an expression: a plain identifier, not a keyword (no attribute, call or index). */
export function isPlainPythonName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,199}$/.test(name) && !PYTHON_KEYWORDS.has(name);
}

export interface ValueRequest {
  name: string;
  /** First flat entry to send (row-major) and how many at most. */
  start: number;
  count: number;
  /** Above this many entries only the shape and a summary come back. */
  maxEntries: number;
}

/**
 * The Python expression that serialises `name`: `GI1|number|V`, `GI1|array|SHAPE|DTYPE|data|V,…`
 * (entries start..start+count), `GI1|array|SHAPE|DTYPE|summary|MIN,MAX,MEAN,STD`,
 * `GI1|array|SHAPE|DTYPE|complex`, `GI1|array|SHAPE|DTYPE|nonnumeric` (NumPy object or string arrays)
 * or `GI1|unsupported|TYPE`. Numbers are Python reprs.
 */
export function pythonValueExpression(request: ValueRequest): string {
  const { name, start, count, maxEntries } = request;
  if (!isPlainPythonName(name)) { throw new Error(`"${name}" is not a plain Python name`); }
  for (const [what, n] of [['start', start], ['count', count], ['maxEntries', maxEntries]] as const) {
    if (!Number.isSafeInteger(n) || n < 0) { throw new Error(`${what} must be a non-negative integer`); }
  }
  const numpyArray = [
    `'${TAG}|array|' + ','.join(map(str, v.shape)) + '|' + v.dtype.name + '|' + (`,
    `'complex' if v.dtype.kind == 'c' else 'nonnumeric' if v.dtype.kind not in 'biuf' else`,
    `'data|' + ','.join(map(repr, v.reshape(-1)[s:s + c].astype('float64').tolist())) if v.size <= m else`,
    `'summary|' + ','.join(map(repr, [float(v.min()), float(v.max()), float(v.mean(dtype='float64')), float(v.std(dtype='float64'))])))`,
  ].join(' ');
  const torchTensor = [
    `'${TAG}|array|' + ','.join(map(str, v.shape)) + '|' + str(v.dtype).replace('torch.', '') + '|' + (`,
    `'complex' if v.is_complex() else`,
    `'data|' + ','.join(map(repr, v.detach().reshape(-1)[s:s + c].cpu().double().tolist())) if v.numel() <= m else`,
    `(lambda w: 'summary|' + ','.join(map(repr, [w.min().item(), w.max().item(), w.mean().item(), w.std(unbiased=False).item()])))(v.detach().double()))`,
  ].join(' ');
  const scalars = NUMPY_SCALARS.map(s => `'numpy.${s}'`).join(', ');
  return [
    `(lambda v, s, c, m: (lambda t:`,
    `'${TAG}|number|' + repr(float(v)) if t in ('builtins.float', 'builtins.int', 'builtins.bool', ${scalars}) else`,
    `(${numpyArray}) if t == 'numpy.ndarray' else`,
    `(${torchTensor}) if t in ('torch.Tensor', 'torch.nn.parameter.Parameter') else`,
    `'${TAG}|unsupported|' + t`,
    `)(type(v).__module__ + '.' + type(v).__qualname__))(${name}, ${start}, ${count}, ${maxEntries})`,
  ].join(' ');
}

export type ValueAnswer =
  | { kind: 'number'; value: number }
  | { kind: 'data'; shape: number[]; dtype: string; entries: number[] }
  | { kind: 'summary'; shape: number[]; dtype: string; min: number; max: number; mean: number; std: number }
  | { kind: 'refused'; reason: string };

/** Reads an adapter's `result` for the expression above (debugpy sends the repr of the string). */
export function parseValueAnswer(result: string): ValueAnswer {
  const text = unquotePythonString(result.trim());
  const fields = text.split('|');
  if (fields[0] !== TAG || fields.length < 2) {
    return { kind: 'refused', reason: `the debugger answered ${quoted(text)} instead of a serialised value` };
  }
  if (fields[1] === 'number' && fields.length === 3) { return { kind: 'number', value: pythonFloat(fields[2]) }; }
  if (fields[1] === 'unsupported') {
    return { kind: 'refused', reason: `its type ${quoted(fields.slice(2).join('|'))} is not a number, a NumPy array or a PyTorch tensor` };
  }
  if (fields[1] !== 'array' || fields.length < 5) { throw new Error('malformed answer from the debugger'); }
  const shape = fields[2] === '' ? [] : fields[2].split(',').map(pythonCount);
  const dtype = excerpt(fields[3]);
  if (fields[4] === 'complex') { return { kind: 'refused', reason: `its dtype ${quoted(dtype)} is complex` }; }
  if (fields[4] === 'nonnumeric') { return { kind: 'refused', reason: `its dtype ${quoted(dtype)} is not numeric` }; }
  const numbers = fields.length === 6 && fields[5] !== '' ? fields[5].split(',').map(pythonFloat) : [];
  if (fields[4] === 'data' && fields.length === 6) { return { kind: 'data', shape, dtype, entries: numbers }; }
  if (fields[4] === 'summary' && numbers.length === 4) {
    const [min, max, mean, std] = numbers;
    return { kind: 'summary', shape, dtype, min, max, mean, std };
  }
  throw new Error('malformed answer from the debugger');
}

const SPECIAL_FLOATS: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };

function pythonFloat(text: string): number {
  if (text in SPECIAL_FLOATS) { return SPECIAL_FLOATS[text]; }
  if (!/^-?\d+(\.\d*)?(e[+-]?\d+)?$/.test(text)) { throw new Error(`malformed number "${text.slice(0, 30)}" from the debugger`); }
  return Number(text);
}

function pythonCount(text: string): number {
  if (!/^\d{1,15}$/.test(text)) { throw new Error(`malformed dimension "${text.slice(0, 30)}" from the debugger`); }
  return Number(text);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** The text of a Python string repr ('…' or "…"); anything else is returned as it is. */
export function unquotePythonString(repr: string): string {
  const quote = repr[0];
  if (repr.length < 2 || (quote !== "'" && quote !== '"') || repr[repr.length - 1] !== quote) { return repr; }
  const body = repr.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (e.length > 1) { return String.fromCodePoint(parseInt(e.slice(1), 16)); }
    return ESCAPES[e] ?? `\\${e}`;
  });
}
