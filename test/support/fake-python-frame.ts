// A stand-in for a paused Python frame behind debugpy, for tests: it answers the serialising
// expression of src/debug/python-value.ts the way CPython + NumPy/PyTorch do (checked against the
// real thing by scripts/check-debug-expression.js), and errors the way debugpy reports them.

export type FakeValue =
  | { kind: 'number'; value: number }
  | { kind: 'array'; module: 'numpy' | 'torch'; dtype: string; shape: number[]; data: number[] }
  /** An array too large to list: only what its summary needs. */
  | { kind: 'large'; module: 'numpy' | 'torch'; dtype: string; shape: number[]; summary: [number, number, number, number] }
  | { kind: 'object'; type: string };

export type FakeFrame = Record<string, FakeValue>;

/** The expression's final call: `…)(NAME, START, COUNT, MAX)`. */
const CALL = /\)\(([A-Za-z_][A-Za-z0-9_]*), (\d+), (\d+), (\d+)\)$/;

/** debugpy's `evaluate` answer: the repr of the string the expression returns; throws as debugpy fails. */
export function evaluateInFakeFrame(frame: FakeFrame, expression: string): string {
  const call = CALL.exec(expression);
  if (!call || !expression.startsWith('(lambda v, s, c, m:')) {
    throw new Error('SyntaxError: the fake frame only evaluates Gradient Inspector\'s serialising expression');
  }
  const [, name, s, c, m] = call;
  const value = Object.prototype.hasOwnProperty.call(frame, name) ? frame[name] : undefined;
  if (value === undefined) { throw new Error(`NameError: name '${name}' is not defined`); }
  return `'${serialise(value, Number(s), Number(c), Number(m))}'`;
}

function serialise(value: FakeValue, start: number, count: number, max: number): string {
  switch (value.kind) {
    case 'number': return `GI1|number|${pythonFloatRepr(value.value)}`;
    case 'object': return `GI1|unsupported|${value.type}`;
    case 'array': {
      const head = `GI1|array|${value.shape.join(',')}|${value.dtype}|`;
      if (value.data.length > max) { return head + `summary|${summaryOf(value.data).map(pythonFloatRepr).join(',')}`; }
      return head + `data|${value.data.slice(start, start + count).map(pythonFloatRepr).join(',')}`;
    }
    case 'large': return `GI1|array|${value.shape.join(',')}|${value.dtype}|summary|${value.summary.map(pythonFloatRepr).join(',')}`;
  }
}

/** min, max, mean and the population standard deviation, as NumPy's min/max/mean/std. */
function summaryOf(data: readonly number[]): [number, number, number, number] {
  const mean = data.reduce((a, b) => a + b, 0) / data.length;
  const variance = data.reduce((a, b) => a + (b - mean) ** 2, 0) / data.length;
  return [Math.min(...data), Math.max(...data), mean, Math.sqrt(variance)];
}

/** Python's repr of a float: shortest round-trip digits, fixed for 1e-4 ≤ |x| < 1e16, else d.ddde±XX. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) { return 'nan'; }
  if (!Number.isFinite(x)) { return x > 0 ? 'inf' : '-inf'; }
  if (x === 0) { return Object.is(x, -0) ? '-0.0' : '0.0'; }
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) { return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`; }
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}
