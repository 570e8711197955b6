// Broadcasting and its undoing (sumToShape), on every path the implementation takes: equal shapes,
// a scalar, a trailing block (bias rows), a per-row statistic (keepdims over the last axes: runs), and
// the general index-array case.
import * as assert from 'assert';
import { Tensor, broadcastShapes, broadcastTo, sumToShape, zipBroadcast } from '../../../src/engine/tensor';

/** The NumPy result by the definition: each output index maps to the inputs with size-1 dims pinned to 0. */
function reference(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const shape = broadcastShapes(a.shape, b.shape);
  const out = new Tensor(shape);
  const at = (t: Tensor, idx: number[]): number => {
    let flat = 0;
    const off = idx.length - t.rank;
    for (let d = 0; d < t.rank; d++) { flat = flat * t.shape[d] + (t.shape[d] === 1 ? 0 : idx[d + off]); }
    return t.data[flat];
  };
  for (let k = 0; k < out.size; k++) {
    const idx: number[] = [];
    let r = k;
    for (let d = shape.length - 1; d >= 0; d--) { idx.unshift(r % shape[d]); r = Math.floor(r / shape[d]); }
    out.data[k] = f(at(a, idx), at(b, idx));
  }
  return out;
}

const ramp = (shape: number[], start: number): Tensor => {
  const t = new Tensor(shape);
  for (let i = 0; i < t.size; i++) { t.data[i] = start + i * 0.5; }
  return t;
};

describe('tensor broadcasting', () => {
  const pairs: [number[], number[]][] = [
    [[2, 3], [2, 3]], [[2, 3], []], [[], [2, 3]], [[4, 3], [3]], [[3], [4, 3]], [[4, 3], [1, 3]],
    [[2, 4, 3], [4, 3]], [[2, 4, 1], [4, 1]], [[2, 1], [1, 3]], [[3, 1], [3, 4]], [[2, 1, 3], [4, 1]],
    [[2, 4, 3], [2, 4, 1]], [[1, 4, 3], [4, 1]], [[2, 4, 3], [2, 1, 1]], [[3, 4], [3, 1]], [[2, 4, 3], [1, 4, 1]],
  ];
  for (const [sa, sb] of pairs) {
    it(`zipBroadcast ${JSON.stringify(sa)} with ${JSON.stringify(sb)} matches the definition`, () => {
      const a = ramp(sa, 1), b = ramp(sb, -2);
      const f = (x: number, y: number): number => 3 * x - y * y;
      const got = zipBroadcast(a, b, f), want = reference(a, b, f);
      assert.deepStrictEqual(got.shape, want.shape);
      assert.deepStrictEqual([...got.data], [...want.data]);
    });
    it(`sumToShape undoes broadcastTo for ${JSON.stringify(sb)} → ${JSON.stringify(broadcastShapes(sa, sb))}`, () => {
      const target = broadcastShapes(sa, sb);
      const g = ramp(target, 0.25);
      const summed = sumToShape(g, sb);
      // <g, broadcast(v)> = <sumToShape(g), v> for every v: the adjoint identity, with v = e_i.
      for (let i = 0; i < summed.size; i++) {
        const e = new Tensor(sb);
        e.data[i] = 1;
        const spread = broadcastTo(e, target);
        let dot = 0;
        for (let k = 0; k < g.size; k++) { dot += g.data[k] * spread.data[k]; }
        assert.strictEqual(summed.data[i], dot);
      }
    });
  }

  it('refuses shapes that do not broadcast, naming both', () => {
    assert.throws(() => zipBroadcast(new Tensor([2, 3]), new Tensor([2]), (x, y) => x + y), /\(2, 3\) and \(2,\)/);
  });
});
