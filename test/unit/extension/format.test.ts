import * as assert from 'assert';
import { Tensor } from '../../../src/engine/tensor';
import { formatBindings, formatNumber, formatTensor } from '../../../src/extension/format';
import { parseBindings } from '../../../src/lang/bindings';

describe('formatNumber', () => {
  it('rounds to the significant digits and drops trailing zeros', () => {
    assert.strictEqual(formatNumber(0.1966119332414819, 6), '0.196612');
    assert.strictEqual(formatNumber(-12, 6), '-12');
    assert.strictEqual(formatNumber(1234567.89, 3), '1230000');
    assert.strictEqual(formatNumber(1.23456e-9, 3), '1.23e-9');
    assert.strictEqual(formatNumber(-0, 6), '0');
  });

  it('names the non-finite values', () => {
    assert.deepStrictEqual([NaN, Infinity, -Infinity].map(v => formatNumber(v, 6)), ['NaN', '∞', '−∞']);
  });
});

describe('formatTensor', () => {
  it('shows every entry of a small tensor, nested by shape', () => {
    assert.strictEqual(formatTensor(Tensor.fromArray([2, 2], [1, 2.5, -3, 1 / 3]), 4), '[[1, 2.5], [-3, 0.3333]]');
    assert.strictEqual(formatTensor(Tensor.scalar(3), 6), '3');
  });

  it('summarises a large tensor by shape, min, max, mean and norm of its finite entries', () => {
    const t = Tensor.fromArray([13], [...Array.from({ length: 12 }, () => 2), NaN]);
    assert.strictEqual(formatTensor(t, 6), `shape (13,): min 2, max 2, mean 2, norm ${formatNumber(Math.sqrt(48), 6)}, 1 non-finite`);
  });
});

describe('formatBindings', () => {
  it('writes values that parseBindings reads back exactly', () => {
    const bindings = new Map([['x', Tensor.scalar(0.1 + 0.2)], ['W', Tensor.fromArray([2, 2], [1, -2, 3e-12, 4])]]);
    const back = parseBindings(formatBindings(bindings));
    assert.deepStrictEqual([...back.keys()], ['x', 'W']);
    assert.deepStrictEqual(Array.from(back.get('x')?.data ?? []), [0.1 + 0.2]);
    assert.deepStrictEqual(back.get('W')?.shape, [2, 2]);
    assert.deepStrictEqual(Array.from(back.get('W')?.data ?? []), [1, -2, 3e-12, 4]);
  });
});
