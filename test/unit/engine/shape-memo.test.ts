// Plans kept by their shapes: a kept plan is the one a fresh build gives, keys tell apart every input
// that changes the plan, large index arrays are not kept, and the memo stays bounded.
import * as assert from 'assert';
import { planReduction } from '../../../src/engine/ops/reduction-plan';
import { MEMO_MAX_INDEX_ENTRIES, ShapeMemo, shapesKey } from '../../../src/engine/shape-memo';
import { pairRuns } from '../../../src/engine/tensor';

describe('plans kept by shape', () => {
  it('broadcast runs of a bias row are built once and shared, with the same starts as the definition', () => {
    const first = pairRuns([2, 4], [4]);
    assert.strictEqual(pairRuns([2, 4], [4]), first);
    assert.deepStrictEqual([[...first.shape], first.runs, first.length, Array.from(first.aStarts), Array.from(first.bStarts), first.aStep, first.bStep], [[2, 4], 2, 4, [0, 4], [0, 0], 1, 1]);
    const swapped = pairRuns([4], [2, 4]);
    assert.notStrictEqual(swapped, first);
    assert.deepStrictEqual([Array.from(swapped.aStarts), Array.from(swapped.bStarts)], [[0, 0], [0, 4]]);
  });

  it('runs with more than the kept number of starts are rebuilt each time', () => {
    const big = pairRuns([MEMO_MAX_INDEX_ENTRIES + 1, 1], [1, 3]);
    assert.strictEqual(big.runs, MEMO_MAX_INDEX_ENTRIES + 1);
    assert.notStrictEqual(pairRuns([MEMO_MAX_INDEX_ENTRIES + 1, 1], [1, 3]), big);
  });

  it('reduction plans differ by axis, keepdims and shape, and a kept plan equals a fresh one', () => {
    const rows = planReduction([2, 3], { axis: -1, keepdims: true }, 'mean');
    assert.deepStrictEqual([[...rows.outShape], rows.count, Array.from(rows.target)], [[2, 1], 3, [0, 0, 0, 1, 1, 1]]);
    assert.strictEqual(planReduction([2, 3], { axis: -1, keepdims: true }, 'sum'), rows);
    assert.deepStrictEqual([...planReduction([2, 3], { axis: -1 }, 'mean').outShape], [2]);
    const columns = planReduction([2, 3], { axis: 0, keepdims: true }, 'mean');
    assert.deepStrictEqual([[...columns.outShape], Array.from(columns.target)], [[1, 3], [0, 1, 2, 0, 1, 2]]);
    assert.deepStrictEqual([...planReduction([3, 2], { axis: -1, keepdims: true }, 'mean').outShape], [3, 1]);
    assert.deepStrictEqual([...planReduction([2, 3], {}, 'sum').outShape], []);
  });

  it('a bad axis is still an error after a good plan for the same shape was kept', () => {
    planReduction([2, 3], { axis: 1 }, 'sum');
    assert.throws(() => planReduction([2, 3], { axis: 2 }, 'sum'), /axis/);
    assert.throws(() => planReduction([2, 3], { axis: [1, 1] }, 'sum'), /repeated axis/);
  });

  it('a full memo starts afresh rather than growing', () => {
    const memo = new ShapeMemo<number>(2);
    memo.set(shapesKey([1], [2]), 1);
    memo.set(shapesKey([1], [3]), 2);
    memo.set(shapesKey([1, 2], []), 3);
    assert.deepStrictEqual([memo.get('1;2'), memo.get('1;3'), memo.get('1,2;')], [undefined, undefined, 3]);
  });
});
