// Seeded random tensors: stable per name, different across names, with the right distribution.
import * as assert from 'assert';
import { randomTensor, seedFromName, uniformGenerator } from '../../../src/engine/random';

function moments(data: Float64Array): { mean: number; variance: number } {
  const mean = data.reduce((s, v) => s + v, 0) / data.length;
  const variance = data.reduce((s, v) => s + (v - mean) ** 2, 0) / data.length;
  return { mean, variance };
}

describe('seeded random tensors', () => {
  it('the same name gives the same values; another name, others', () => {
    assert.deepStrictEqual(randomTensor([3, 2], 'normal', 'W').data, randomTensor([3, 2], 'normal', 'W').data);
    assert.notDeepStrictEqual(randomTensor([3, 2], 'normal', 'W').data, randomTensor([3, 2], 'normal', 'W1').data);
    assert.notStrictEqual(seedFromName('ab'), seedFromName('ba'));
  });

  it('uniform values lie in [0, 1) with mean 1/2 and variance 1/12', () => {
    const next = uniformGenerator(seedFromName('u'));
    const data = Float64Array.from({ length: 20_000 }, () => next());
    assert.ok(data.every(v => v >= 0 && v < 1));
    const { mean, variance } = moments(data);
    assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1 / 12) < 0.003, `variance ${variance}`);
  });

  it('normal values have mean 0 and variance 1', () => {
    const { mean, variance } = moments(randomTensor([20_000], 'normal', 'z').data);
    assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.05, `variance ${variance}`);
  });

  it('uniform between bounds', () => {
    const t = randomTensor([1000], 'uniform', 'v', -2, 3);
    assert.ok(t.data.every(v => v >= -2 && v < 3));
    assert.ok(Math.min(...t.data) < -1.9 && Math.max(...t.data) > 2.9);
  });
});
