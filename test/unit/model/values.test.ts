// Naming helpers of the importer: layer groups and float32 attributes read as written.
import * as assert from 'assert';
import { float32Decimal, layerOf } from '../../../src/model/values';

describe('layerOf', () => {
  it('takes the first part of a scoped name', () => {
    assert.strictEqual(layerOf('/0/Gemm'), '0');
    assert.strictEqual(layerOf('/layer1/conv1/Conv'), 'layer1');
    assert.strictEqual(layerOf('layer1.conv.weight'), 'layer1');
    assert.strictEqual(layerOf('4.bias'), '4');
  });

  it('gives no group to unscoped names', () => {
    assert.strictEqual(layerOf('Conv_3'), undefined);
    assert.strictEqual(layerOf(''), undefined);
  });
});

describe('float32Decimal', () => {
  it('returns the shortest decimal that rounds to the same float32', () => {
    assert.strictEqual(float32Decimal(Math.fround(0.01)), 0.01);
    assert.strictEqual(float32Decimal(Math.fround(1e-5)), 1e-5);
    assert.strictEqual(float32Decimal(Math.fround(0.2)), 0.2);
    assert.strictEqual(float32Decimal(2), 2);
  });

  it('reads a long decimal that is a formula constant as that constant (GELU √2, attention 1/√d, SELU)', () => {
    assert.strictEqual(float32Decimal(Math.fround(Math.SQRT2)), Math.SQRT2);
    assert.strictEqual(float32Decimal(Math.fround(Math.sqrt(8))), Math.sqrt(8));
    assert.strictEqual(float32Decimal(Math.fround(1 / Math.sqrt(8))), 1 / Math.sqrt(8));
    assert.strictEqual(float32Decimal(Math.fround(-Math.sqrt(2 / Math.PI))), -Math.sqrt(2 / Math.PI));
    assert.strictEqual(float32Decimal(Math.fround(1.6732632423543772)), 1.6732632423543772);
    assert.strictEqual(float32Decimal(Math.fround(1 / 3)), 1 / 3);
    assert.strictEqual(float32Decimal(Math.fround(1 / 6)), 1 / 6);
  });

  it('keeps a short decimal even where a formula constant rounds to the same float32', () => {
    assert.strictEqual(float32Decimal(Math.fround(1.5)), 1.5);
    assert.strictEqual(float32Decimal(Math.fround(1.2345678)), 1.2345678);
  });

  it('leaves values that are not float32 alone', () => {
    assert.strictEqual(float32Decimal(0.1), 0.1);
    assert.strictEqual(float32Decimal(Infinity), Infinity);
    assert.ok(Number.isNaN(float32Decimal(NaN)));
  });
});
