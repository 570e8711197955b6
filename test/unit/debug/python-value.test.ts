import * as assert from 'assert';
import { isPlainPythonName, parseValueAnswer, pythonValueExpression, unquotePythonString } from '../../../src/debug/python-value';
import { evaluateInFakeFrame, pythonFloatRepr } from '../../support/fake-python-frame';

describe('debugger: the serialising Python expression', () => {
  it('names the variable once, as the last call\'s first argument, with the chunk and the limit', () => {
    const text = pythonValueExpression({ name: 'W1', start: 2000, count: 2000, maxEntries: 10000 });
    assert.ok(text.endsWith(')(W1, 2000, 2000, 10000)'), text.slice(-40));
    assert.strictEqual(text.split('W1').length, 2, 'the name appears exactly once');
    // Nothing in it imports, calls a user function by name, or assigns.
    for (const forbidden of ['import', 'exec', 'eval(', 'open(', 'setattr', '__dict__', ' = ']) {
      assert.ok(!text.includes(forbidden), `the expression contains ${forbidden}`);
    }
  });

  it('refuses anything that is not a plain identifier, so nothing else can be evaluated', () => {
    for (const name of ['x)', 'x; import os', 'os.system', 'x[0]', 'f()', 'lambda', 'None', '', '1x', 'a b', 'x\u202e']) {
      assert.strictEqual(isPlainPythonName(name), false, name);
      assert.throws(() => pythonValueExpression({ name, start: 0, count: 1, maxEntries: 1 }), /not a plain Python name/);
    }
    for (const name of ['x', 'W1', '_cache', 'dout', 'x_0']) { assert.strictEqual(isPlainPythonName(name), true, name); }
    assert.throws(() => pythonValueExpression({ name: 'x', start: -1, count: 1, maxEntries: 1 }), /start/);
    assert.throws(() => pythonValueExpression({ name: 'x', start: 0, count: 1.5, maxEntries: 1 }), /count/);
  });
});

describe('debugger: reading the answer', () => {
  it('reads numbers, arrays and summaries, with Python\'s spellings of special floats', () => {
    assert.deepStrictEqual(parseValueAnswer("'GI1|number|-2.5'"), { kind: 'number', value: -2.5 });
    assert.deepStrictEqual(parseValueAnswer("'GI1|array|2,3|float32|data|0.0,1e-05,-3.25,1e+16,2.0,7.0'"),
      { kind: 'data', shape: [2, 3], dtype: 'float32', entries: [0, 1e-5, -3.25, 1e16, 2, 7] });
    const special = parseValueAnswer("'GI1|array|3|float64|data|nan,inf,-inf'");
    assert.ok(special.kind === 'data');
    assert.ok(Number.isNaN(special.entries[0]) && special.entries[1] === Infinity && special.entries[2] === -Infinity);
    assert.deepStrictEqual(parseValueAnswer("'GI1|array||float64|data|4.0'"), { kind: 'data', shape: [], dtype: 'float64', entries: [4] });
    assert.deepStrictEqual(parseValueAnswer("'GI1|array|1000,1000|float32|summary|-1.0,2.0,0.5,0.25'"),
      { kind: 'summary', shape: [1000, 1000], dtype: 'float32', min: -1, max: 2, mean: 0.5, std: 0.25 });
  });

  it('turns unsupported types, complex dtypes and foreign answers into reasons, and malformed ones into errors', () => {
    assert.deepStrictEqual(parseValueAnswer("'GI1|unsupported|builtins.list'"),
      { kind: 'refused', reason: "its type 'builtins.list' is not a number, a NumPy array or a PyTorch tensor" });
    assert.deepStrictEqual(parseValueAnswer("'GI1|array|1|complex128|complex'"), { kind: 'refused', reason: "its dtype 'complex128' is complex" });
    assert.deepStrictEqual(parseValueAnswer("'GI1|array|2|object|nonnumeric'"), { kind: 'refused', reason: "its dtype 'object' is not numeric" });
    const foreign = parseValueAnswer("'NameError: name \\'x\\' is not defined'");
    assert.ok(foreign.kind === 'refused' && foreign.reason.includes("NameError: name 'x' is not defined"), JSON.stringify(foreign));
    for (const bad of ["'GI1|array|2|float64|data|1.0,__import__'", "'GI1|array|-1|float64|data|'", "'GI1|array|2|float64|summary|1.0'", "'GI1|number|0x10'"]) {
      assert.throws(() => parseValueAnswer(bad), /malformed/, bad);
    }
  });

  it('unquotes Python string reprs, escapes included', () => {
    assert.strictEqual(unquotePythonString("'a\\'b\\\\c\\x41\\u00e9'"), "a'b\\cAé");
    assert.strictEqual(unquotePythonString('"it\'s"'), "it's");
    assert.strictEqual(unquotePythonString('plain'), 'plain');
  });

  it('the test frame spells floats as Python\'s repr does', () => {
    const cases: [number, string][] = [[100, '100.0'], [0.1, '0.1'], [1e-5, '1e-05'], [1.5e-4, '0.00015'], [1e16, '1e+16'],
      [123456789012345.6, '123456789012345.6'], [-0, '-0.0'], [2.5e-300, '2.5e-300'], [NaN, 'nan'], [-Infinity, '-inf']];
    for (const [x, repr] of cases) { assert.strictEqual(pythonFloatRepr(x), repr, String(x)); }
  });

  it('round-trips every entry of an array through the test frame exactly', () => {
    const data = [0, -0, 1 / 3, -2.5e-7, 6.02214076e23, Number.MIN_VALUE, Number.MAX_VALUE, 0.1 + 0.2];
    const answer = parseValueAnswer(evaluateInFakeFrame({ a: { kind: 'array', module: 'numpy', dtype: 'float64', shape: [8], data } },
      pythonValueExpression({ name: 'a', start: 0, count: 2000, maxEntries: 100 })));
    assert.ok(answer.kind === 'data');
    assert.deepStrictEqual(answer.entries, data);
  });
});
