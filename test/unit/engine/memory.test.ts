import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { Graph } from '../../../src/engine/graph';
import { checkpointingEstimate, memoryReport } from '../../../src/engine/memory';
import { Tensor } from '../../../src/engine/tensor';

describe('memoryReport', () => {
  it('counts the bytes of a small known graph', () => {
    // x (2, 3) and b (3,) are leaves, c a scalar constant; h = x·b (2, 3), out = h + c (2, 3).
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([2, 3], [1, 2, 3, 4, 5, 6]));
    const b = graph.leaf('b', Tensor.fromArray([3], [1, 2, 3]));
    const c = graph.constant(Tensor.scalar(1));
    const h = graph.apply('mul', [x, b]);
    const out = graph.apply('add', [h, c]);
    const order = graph.order(out);
    forward(graph, out, order);
    backward(graph, out, order);
    assert.strictEqual(graph.node(c).grad, undefined);
    const report = memoryReport(graph, order);
    assert.deepStrictEqual(report, {
      parameterBytes: 8 * (6 + 3),
      parameterCount: 9,
      intermediateBytes: 8 * (6 + 6),
      gradientBytes: 8 * (6 + 3),
      // x, b, and one buffer shared by out and h (add passes its adjoint through); the constant has none
      allAdjointBytes: 8 * (6 + 3 + 6),
      constantBytes: 8,
      totalBytes: 72 + 96 + 72,
      ruleOfThumbBytes: 3 * 72,
      opNodes: 2,
      // Two op nodes of 48 bytes, k = ⌈√2⌉ = 2: out is kept and h recomputed, and at its peak both are held.
      checkpointing: { every: 2, storedBytes: 96, savedBytes: 0, extraForwardOps: 1, extraForwardFraction: 0.5 },
    });
  });

  it('counts only the nodes of the order it is given, and nothing before forward', () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(2));
    graph.leaf('unused', Tensor.zeros([100]));
    const out = graph.apply('mul', [x, x]);
    const order = graph.order(out);
    const before = memoryReport(graph, order);
    assert.deepStrictEqual([before.parameterBytes, before.intermediateBytes, before.allAdjointBytes, before.opNodes], [8, 0, 0, 1]);
    forward(graph, out, order);
    backward(graph, out, order);
    const after = memoryReport(graph, order);
    assert.deepStrictEqual([after.parameterBytes, after.parameterCount, after.intermediateBytes, after.gradientBytes, after.allAdjointBytes], [8, 1, 8, 8, 16]);
  });
});

describe('checkpointingEstimate', () => {
  it('keeps every 4th of 16 equal nodes and recomputes the 12 others', () => {
    // k = 4: kept 4·8 = 32 bytes, the largest segment 3·8 = 24 bytes, of 128.
    assert.deepStrictEqual(checkpointingEstimate(new Array(16).fill(8)), {
      every: 4, storedBytes: 56, savedBytes: 72, extraForwardOps: 12, extraForwardFraction: 0.75,
    });
  });

  it('holds the largest segment, not the first, when sizes differ (n = 16)', () => {
    // sizes 8, 16, …, 128: kept 32 + 64 + 96 + 128 = 320; segments 48, 144, 240, 336; total 1088.
    const sizes = Array.from({ length: 16 }, (_, i) => 8 * (i + 1));
    assert.deepStrictEqual(checkpointingEstimate(sizes), {
      every: 4, storedBytes: 320 + 336, savedBytes: 1088 - 656, extraForwardOps: 12, extraForwardFraction: 0.75,
    });
  });

  it('keeps every 10th of 100 nodes of 800 bytes', () => {
    // k = 10: kept 10·800 = 8,000; the largest segment 9·800 = 7,200; of 80,000.
    assert.deepStrictEqual(checkpointingEstimate(new Array(100).fill(800)), {
      every: 10, storedBytes: 15_200, savedBytes: 64_800, extraForwardOps: 90, extraForwardFraction: 0.9,
    });
  });

  it('keeps the last node when n is not a multiple of k (n = 17)', () => {
    // k = ⌈√17⌉ = 5: checkpoints after nodes 5, 10, 15 and the last, 17; segments of 4, 4, 4, 1.
    assert.deepStrictEqual(checkpointingEstimate(new Array(17).fill(8)), {
      every: 5, storedBytes: 4 * 8 + 4 * 8, savedBytes: 136 - 64, extraForwardOps: 13, extraForwardFraction: 13 / 17,
    });
  });

  it('saves nothing for zero or one node', () => {
    assert.deepStrictEqual(checkpointingEstimate([]), { every: 1, storedBytes: 0, savedBytes: 0, extraForwardOps: 0, extraForwardFraction: 0 });
    assert.deepStrictEqual(checkpointingEstimate([40]), { every: 1, storedBytes: 40, savedBytes: 0, extraForwardOps: 0, extraForwardFraction: 0 });
  });
});
