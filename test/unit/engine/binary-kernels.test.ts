// The per-op broadcast loops against the definition (zipBroadcast with the op's expression), to the
// bit, on every broadcast pattern the runs cover: same shapes, scalars, a bias row, a per-row
// statistic, broadcasting on both sides, empty tensors.
import * as assert from 'assert';
import { addTensors, divTensors, divisorGradient, mulTensors, squareTensor, subTensors } from '../../../src/engine/ops/binary-kernels';
import { Tensor, broadcastTo, pairRuns, sumToShape, tryBroadcastShapes, zipBroadcast } from '../../../src/engine/tensor';
import { randomTensor, run, vjp } from './ops-testing';

const SHAPE_PAIRS: [number[], number[]][] = [
  [[4, 3], [4, 3]], [[], [5]], [[5], []], [[2, 64, 17], [17]], [[17], [2, 64, 17]], [[1, 64, 33], [1, 64, 1]],
  [[64, 1], [64, 9]], [[2, 1, 3], [4, 1]], [[3, 1], [1, 4]], [[2, 3, 1, 5], [3, 4, 1]], [[0, 3], [3]], [[1, 1], [1]], [[2, 1, 1], [1, 1, 3]],
  // The single-run path (same shapes, a single-entry operand of no higher rank) and its edges.
  [[], []], [[3, 1], [1]], [[1], [3, 1]], [[1], [0]], [[0], [1]], [[2, 3], [1, 1]], [[1, 1], [2, 3]], [[1], [1, 1, 1]], [[2, 0, 3], [2, 0, 3]],
];

const KERNELS: [string, (a: Tensor, b: Tensor) => Tensor, (x: number, y: number) => number][] = [
  ['add', addTensors, (x, y) => x + y], ['sub', subTensors, (x, y) => x - y],
  ['mul', mulTensors, (x, y) => x * y], ['div', divTensors, (x, y) => x / y],
];

const bits = (t: Tensor): number[] => Array.from(t.data);

/** f entry by entry after broadcasting both operands out in full (broadcastTo's own index arithmetic). */
function definition(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const shape = tryBroadcastShapes(a.shape, b.shape) as number[];
  const x = broadcastTo(a, shape), y = broadcastTo(b, shape);
  return new Tensor(shape, x.data.map((v, i) => f(v, y.data[i])));
}

describe('broadcast runs and the binary kernels', () => {
  it('each kernel equals its expression applied entry by entry under NumPy broadcasting, to the bit', () => {
    SHAPE_PAIRS.forEach(([sa, sb], i) => {
      const a = randomTensor(sa, 10 + i), b = randomTensor(sb, 40 + i);
      for (const [name, kernel, f] of KERNELS) {
        const expected = definition(a, b, f), got = kernel(a, b);
        assert.deepStrictEqual([...got.shape], [...expected.shape], `${name} ${sa}·${sb}`);
        assert.deepStrictEqual(bits(got), bits(expected), `${name} ${JSON.stringify(sa)} with ${JSON.stringify(sb)}`);
      }
    });
  });

  it('runs are as long as the trailing axes allow: one run for a bias row, one per row for a per-row statistic', () => {
    assert.deepStrictEqual({ ...pairRuns([64, 1024], [1024]), aStarts: undefined, bStarts: undefined }, { shape: [64, 1024], runs: 64, length: 1024, aStep: 1, bStep: 1, aStarts: undefined, bStarts: undefined });
    const perRow = pairRuns([1, 64, 256], [1, 64, 1]);
    assert.deepStrictEqual([perRow.runs, perRow.length, perRow.aStep, perRow.bStep], [64, 256, 1, 0]);
    assert.deepStrictEqual(Array.from(perRow.bStarts.slice(0, 3)), [0, 1, 2]);
    const same = pairRuns([3, 5], [3, 5]);
    assert.deepStrictEqual([same.runs, same.length], [1, 15]);
  });

  it('same shapes and a single-entry operand walk one run with the other operand held (step 0), on the larger shape', () => {
    const cases: [number[], number[], number[], number, number, number][] = [
      [[3, 5], [3, 5], [3, 5], 15, 1, 1], [[3, 5], [], [3, 5], 15, 1, 0], [[1], [2, 4], [2, 4], 8, 0, 1], [[2, 3], [1, 1], [2, 3], 6, 1, 0],
    ];
    for (const [sa, sb, shape, length, aStep, bStep] of cases) {
      const runs = pairRuns(sa, sb);
      assert.deepStrictEqual([[...runs.shape], runs.runs, runs.length, runs.aStep, runs.bStep, runs.aStarts[0], runs.bStarts[0]], [shape, 1, length, aStep, bStep, 0, 0], `${sa}·${sb}`);
    }
  });

  it('a single-entry target of higher rank than the gradient still sums every entry (sumToShape through the general runs)', () => {
    const g = randomTensor([2, 3], 3);
    let total = 0;
    g.data.forEach(v => { total += v; });
    for (const target of [[1, 1], [1, 1, 1], [1], []]) {
      const summed = sumToShape(g, target);
      assert.deepStrictEqual([...summed.shape], target);
      assert.ok(Object.is(summed.item(), total), `${JSON.stringify(target)}: ${summed.item()} vs ${total}`);
    }
  });

  it("the divisor's gradient is (−a/(b·b))·g entry by entry, to the bit", () => {
    SHAPE_PAIRS.forEach(([sa, sb], i) => {
      const a = randomTensor(sa, 70 + i), b = randomTensor(sb, 90 + i);
      const local = definition(a, b, (x, y) => -x / (y * y));
      const g = randomTensor(local.shape, 110 + i);
      assert.deepStrictEqual(bits(divisorGradient(a, b, g)), bits(definition(local, g, (l, v) => l * v)), `${sa}·${sb}`);
    });
  });

  it('pow with the exponent 2 (its own loops) gives the general formula’s values and gradients to the bit', () => {
    const x = randomTensor([3, 7], 5);
    x.data[0] = 0;
    x.data[1] = 1;
    assert.deepStrictEqual(bits(squareTensor(x)), bits(x.map(v => Math.pow(v, 2))));
    const g = randomTensor([3, 7], 6);
    const [dx, dy] = vjp('pow', [x, Tensor.scalar(2)], {}, g) as Tensor[];
    assert.deepStrictEqual(bits(dx), bits(zipBroadcast(x, g, (v, w) => 2 * Math.pow(v, 1) * w)));
    let total = 0;
    x.data.forEach((v, i) => { total += (v === 0 ? 0 : Math.pow(v, 2) * Math.log(v)) * g.data[i]; });
    assert.ok(Object.is(dy.item(), total), `d/dy ${dy.item()} vs ${total}`);
    assert.deepStrictEqual([...run('pow', [randomTensor([4], 7), Tensor.fromArray([1, 1], [2])]).shape], [1, 4], 'an exponent of more dimensions still broadcasts');
  });
});
