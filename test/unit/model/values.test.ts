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
    assert.strictEqual(float32Decimal(Math.fround(1 / 3)), 0.33333334);
    assert.strictEqual(float32Decimal(2), 2);
  });

  it('leaves values that are not float32 alone', () => {
    assert.strictEqual(float32Decimal(0.1), 0.1);
    assert.strictEqual(float32Decimal(Infinity), Infinity);
    assert.ok(Number.isNaN(float32Decimal(NaN)));
  });
});
