import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { gradcheck } from '../../../src/engine/gradcheck';
import { GradcheckOptions } from '../../../src/engine/gradcheck-types';
import { Graph, NodeId } from '../../../src/engine/graph';
import { Tensor } from '../../../src/engine/tensor';

function run(graph: Graph, output: NodeId): void {
  forward(graph, output);
  backward(graph, output);
}

/** (x + y) * z at x = −2, y = 5, z = −4: the lecture's example, gradients −4, −4, 3. */
function lectureGraph(): { graph: Graph; output: NodeId; x: NodeId; y: NodeId; z: NodeId } {
  const graph = new Graph();
  const x = graph.leaf('x', Tensor.scalar(-2));
  const y = graph.leaf('y', Tensor.scalar(5));
  const z = graph.leaf('z', Tensor.scalar(-4));
  const output = graph.apply('mul', [graph.apply('add', [x, y]), z]);
  run(graph, output);
  return { graph, output, x, y, z };
}

/** out = x·x·b + b with x (2, 3) and b (3,) broadcast: ∂Σout/∂x = 2·x·b, ∂Σout/∂b_j = Σ_i (x_ij² + 1). */
function broadcastGraph(): { graph: Graph; output: NodeId; x: NodeId; b: NodeId } {
  const graph = new Graph();
  const x = graph.leaf('x', Tensor.fromArray([2, 3], [0.5, -1.5, 2, 3, -0.25, 1.25]));
  const b = graph.leaf('b', Tensor.fromArray([3], [0.7, -2, 1.1]));
  const output = graph.apply('add', [graph.apply('mul', [graph.apply('mul', [x, x]), b]), b]);
  run(graph, output);
  return { graph, output, x, b };
}

/** out = W·W·c, W (50, 50): 2,500 entries, over the fast-mode threshold; ∂Σout/∂W = 2·W·c. */
function bigGraph(): { graph: Graph; output: NodeId; w: NodeId; wValues: Float64Array; cValues: Float64Array } {
  const n = 2500;
  const wValues = new Float64Array(n), cValues = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    wValues[i] = Math.sin(0.37 * i + 0.1);
    cValues[i] = 1 + Math.cos(1.3 * i);
  }
  const graph = new Graph();
  const w = graph.leaf('W', new Tensor([50, 50], wValues.slice()));
  const c = graph.constant(new Tensor([50, 50], cValues.slice()));
  const output = graph.apply('mul', [graph.apply('mul', [w, w]), c]);
  run(graph, output);
  return { graph, output, w, wValues, cValues };
}

async function rejects(options: GradcheckOptions, pattern: RegExp): Promise<void> {
  const { graph, output } = lectureGraph();
  await assert.rejects(gradcheck(graph, output, options), (err: unknown) => {
    assert.ok(err instanceof InspectError, `expected an InspectError, got ${String(err)}`);
    assert.strictEqual(err.kind, 'value');
    assert.match(err.message, pattern);
    return true;
  });
}

describe('gradcheck: full mode', () => {
  it('passes the lecture example with numeric gradients −4, −4, 3 and two evaluations per entry', async () => {
    const { graph, output, x, y, z } = lectureGraph();
    const result = await gradcheck(graph, output);
    assert.strictEqual(result.mode, 'full');
    assert.strictEqual(result.passed, true);
    assert.strictEqual(result.cancelled, false);
    assert.strictEqual(result.totalEntries, 3);
    assert.deepStrictEqual(result.counts, { pass: 3, fail: 0, kink: 0 });
    assert.strictEqual(result.evaluations, 6);
    assert.strictEqual(result.directional, undefined);
    assert.deepStrictEqual([result.eps, result.atol, result.rtol], [1e-6, 1e-5, 1e-3]);
    const byLeaf = new Map(result.entries.map(e => [e.leafId, e]));
    for (const [id, name, expected] of [[x, 'x', -4], [y, 'y', -4], [z, 'z', 3]] as const) {
      const entry = byLeaf.get(id);
      assert.ok(entry);
      assert.strictEqual(entry.leaf, name);
      assert.deepStrictEqual(entry.index, []);
      assert.strictEqual(entry.flat, 0);
      assert.strictEqual(entry.analytic, expected);
      assert.ok(Math.abs(entry.numeric - expected) < 1e-8, `${name}: numeric ${entry.numeric}`);
      assert.strictEqual(entry.absError, Math.abs(entry.analytic - entry.numeric));
      assert.strictEqual(entry.relError, entry.absError / Math.max(Math.abs(entry.analytic), Math.abs(entry.numeric)));
      assert.strictEqual(entry.status, 'pass');
    }
    assert.strictEqual(result.maxAbsError, Math.max(...result.entries.map(e => e.absError)));
    assert.strictEqual(result.maxRelError, Math.max(...result.entries.map(e => e.relError)));
  });

  it('checks every entry of broadcast tensor leaves against the closed form', async () => {
    const { graph, output, x, b } = broadcastGraph();
    const result = await gradcheck(graph, output);
    assert.strictEqual(result.passed, true);
    assert.strictEqual(result.totalEntries, 9);
    assert.strictEqual(result.entries.length, 9);
    assert.strictEqual(result.evaluations, 18);
    const xv = graph.node(x).value?.data as Float64Array, bv = graph.node(b).value?.data as Float64Array;
    for (const e of result.entries) {
      let expected: number;
      if (e.leafId === x) {
        const [i, j] = e.index;
        assert.strictEqual(e.flat, i * 3 + j);
        expected = 2 * xv[e.flat] * bv[j];
      } else {
        assert.strictEqual(e.leafId, b);
        assert.deepStrictEqual(e.index, [e.flat]);
        expected = xv[e.flat] ** 2 + xv[3 + e.flat] ** 2 + 2;
      }
      assert.ok(Math.abs(e.analytic - expected) < 1e-12, `${e.leaf}${JSON.stringify(e.index)} analytic ${e.analytic} vs ${expected}`);
      assert.ok(Math.abs(e.numeric - expected) < 1e-7, `${e.leaf}${JSON.stringify(e.index)} numeric ${e.numeric} vs ${expected}`);
    }
  });

  it('reports a corrupted gradient entry as a failure with its index and numbers, sorted first', async () => {
    const { graph, output, x, b } = broadcastGraph();
    const xNode = graph.node(x);
    const grad = (xNode.grad as Tensor).clone();
    const truth = grad.data[5];
    grad.data[5] += 0.5;
    xNode.grad = grad;
    const result = await gradcheck(graph, output);
    assert.strictEqual(result.passed, false);
    assert.deepStrictEqual(result.counts, { pass: 8, fail: 1, kink: 0 });
    const worst = result.entries[0];
    assert.strictEqual(worst.status, 'fail');
    assert.strictEqual(worst.leaf, 'x');
    assert.strictEqual(worst.leafId, x);
    assert.deepStrictEqual(worst.index, [1, 2]);
    assert.strictEqual(worst.flat, 5);
    assert.strictEqual(worst.analytic, truth + 0.5);
    assert.ok(Math.abs(worst.numeric - truth) < 1e-7);
    assert.ok(Math.abs(worst.absError - 0.5) < 1e-7);
    assert.ok(Math.abs(worst.relError - 0.5 / (truth + 0.5)) < 1e-7);
    assert.strictEqual(result.maxAbsError, worst.absError);
    assert.ok(result.entries.slice(1).every(e => e.status === 'pass'));
    assert.ok(result.entries.some(e => e.leafId === b));
  });

  it('sorts entries worst first: fail before pass, larger relative error first', async () => {
    const { graph, output, x } = broadcastGraph();
    const xNode = graph.node(x);
    const grad = (xNode.grad as Tensor).clone();
    grad.data[0] += 0.01; // 2·0.5·0.7 = 0.7 → 0.71: fails, relative error ≈ 1.4e-2
    grad.data[3] *= 1.5; // 2·3·0.7 = 4.2 → 6.3: fails, relative error 1/3
    xNode.grad = grad;
    const result = await gradcheck(graph, output);
    assert.deepStrictEqual(result.entries.slice(0, 2).map(e => [e.status, e.flat]), [['fail', 3], ['fail', 0]]);
    const passes = result.entries.slice(2);
    for (let i = 1; i < passes.length; i++) {
      assert.ok(passes[i - 1].relError >= passes[i].relError);
    }
  });

  it('applies |a − n| ≤ atol + rtol·|n| with the given tolerances', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(5));
    const output = graph.apply('mul', [x, x]);
    run(graph, output);
    graph.node(x).grad = Tensor.scalar(10.005); // true gradient 10: |a − n| = 0.005
    const check = async (options: GradcheckOptions): Promise<boolean> => (await gradcheck(graph, output, options)).passed;
    assert.strictEqual(await check({}), true); // 0.005 ≤ 1e-5 + 1e-3·10
    assert.strictEqual(await check({ rtol: 1e-4 }), false); // 0.005 > 1e-5 + 1e-4·10
    assert.strictEqual(await check({ rtol: 0, atol: 0.006 }), true);
    assert.strictEqual(await check({ rtol: 0, atol: 0.004 }), false);
    const result = await gradcheck(graph, output, { eps: 1e-3, atol: 1e-4, rtol: 1e-6 });
    assert.deepStrictEqual([result.eps, result.atol, result.rtol], [1e-3, 1e-4, 1e-6]);
    assert.ok(Math.abs(result.entries[0].numeric - 10) < 1e-9); // x² has no third derivative
  });

  it('treats a zero analytic and zero numeric gradient as relative error 0', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(0));
    const output = graph.apply('mul', [x, x]);
    run(graph, output);
    const [entry] = (await gradcheck(graph, output)).entries;
    assert.strictEqual(entry.analytic, 0);
    assert.strictEqual(entry.numeric, 0);
    assert.strictEqual(entry.relError, 0);
    assert.strictEqual(entry.status, 'pass');
  });

  it('leaves the graph\'s values and adjoints untouched', async () => {
    const { graph, output } = broadcastGraph();
    const before = graph.nodes.map(n => ({ value: n.value, data: n.value?.data.slice(), grad: n.grad, gradData: n.grad?.data.slice() }));
    await gradcheck(graph, output);
    await gradcheck(graph, output, { mode: 'fast' });
    graph.nodes.forEach((n, i) => {
      assert.strictEqual(n.value, before[i].value);
      assert.strictEqual(n.grad, before[i].grad);
      assert.deepStrictEqual(n.value?.data, before[i].data);
      assert.deepStrictEqual(n.grad?.data, before[i].gradData);
    });
  });

  it('re-evaluates only the nodes downstream of the perturbed leaf', async () => {
    // out = (a·a)·b. The stored value of a·a is replaced by 100 (its true value is 4): perturbing b
    // must read it rather than recompute it, and perturbing a must recompute it.
    const graph = new Graph();
    const a = graph.leaf('a', Tensor.scalar(2));
    const b = graph.leaf('b', Tensor.scalar(3));
    const square = graph.apply('mul', [a, a]);
    const output = graph.apply('mul', [square, b]);
    run(graph, output);
    graph.node(square).value = Tensor.scalar(100);
    const result = await gradcheck(graph, output);
    const numeric = new Map(result.entries.map(e => [e.leafId, e.numeric]));
    assert.ok(Math.abs((numeric.get(b) as number) - 100) < 1e-6);
    assert.ok(Math.abs((numeric.get(a) as number) - 12) < 1e-6);
  });

  it('checks only the leaves the output depends on, and a leaf that is the output itself', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([2], [1, 2]));
    graph.leaf('unused', Tensor.scalar(7));
    run(graph, x);
    const result = await gradcheck(graph, x);
    assert.strictEqual(result.totalEntries, 2);
    assert.deepStrictEqual(result.entries.map(e => [e.leaf, e.numeric, e.analytic]), [['x', 1, 1], ['x', 1, 1]]);
    assert.strictEqual(result.passed, true);
  });

  it('scales the step with |x|: h = eps·max(1, |x|), so a large x is not a false failure', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.fromArray([3], [1e12, -3e8, 0.25])); // doubles near 1e12 are 1.2e-4 apart
    const output = graph.apply('mul', [x, graph.constant(Tensor.scalar(2))]);
    run(graph, output);
    const result = await gradcheck(graph, output);
    const byFlat = new Map(result.entries.map(e => [e.flat, e]));
    assert.deepStrictEqual([0, 1, 2].map(i => byFlat.get(i)?.h), [1e-6 * 1e12, 1e-6 * 3e8, 1e-6]);
    assert.deepStrictEqual([0, 1, 2].map(i => byFlat.get(i)?.numeric), [2, 2, 2]);
    assert.strictEqual(result.passed, true);
  });

  it('fails with a NaN numeric derivative when even the relative step is below the spacing of doubles at x', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(1)); // 1 ± 1e-17 rounds back to 1
    const output = graph.apply('mul', [x, graph.constant(Tensor.scalar(2))]);
    run(graph, output);
    const result = await gradcheck(graph, output, { eps: 1e-17 });
    assert.ok(Number.isNaN(result.entries[0].numeric));
    assert.strictEqual(result.entries[0].status, 'fail');
    assert.ok(Number.isNaN(result.maxAbsError));
    assert.strictEqual((await gradcheck(graph, output, { eps: 1e-2 })).entries[0].numeric, 2);
  });

  it('treats a leaf without an adjoint as gradient 0', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(2));
    const y = graph.leaf('y', Tensor.scalar(0));
    const output = graph.apply('add', [x, graph.apply('mul', [y, graph.constant(Tensor.scalar(0))])]);
    run(graph, output);
    graph.node(y).grad = undefined;
    const result = await gradcheck(graph, output);
    const entry = result.entries.find(e => e.leafId === y);
    assert.ok(entry);
    assert.deepStrictEqual([entry.analytic, entry.numeric, entry.status], [0, 0, 'pass']);
  });
});

describe('gradcheck: a small network', () => {
  it('passes for softmax cross-entropy of a tanh layer (matmul, tanh, log_softmax, sum)', async () => {
    // loss = −Σ onehot · log_softmax(tanh(X W1) W2): smooth, every gradient entry checked.
    const graph = new Graph();
    const xs = graph.constant(Tensor.fromArray([4, 3], [0.1, -0.4, 0.9, 1.2, 0.3, -0.7, -0.5, 0.8, 0.2, 0.6, -1.1, 0.4]));
    const w1 = graph.leaf('W1', Tensor.fromArray([3, 5], Array.from({ length: 15 }, (_, i) => Math.sin(1.7 * i + 0.3))));
    const w2 = graph.leaf('W2', Tensor.fromArray([5, 2], Array.from({ length: 10 }, (_, i) => Math.cos(2.3 * i + 0.1))));
    const onehot = graph.constant(Tensor.fromArray([4, 2], [1, 0, 0, 1, 0, 1, 1, 0]));
    const hidden = graph.apply('tanh', [graph.apply('matmul', [xs, w1])]);
    const logits = graph.apply('matmul', [hidden, w2]);
    const logp = graph.apply('log_softmax', [logits], { axis: -1 });
    const loss = graph.apply('neg', [graph.apply('sum', [graph.apply('mul', [onehot, logp])])]);
    run(graph, loss);
    const result = await gradcheck(graph, loss);
    assert.strictEqual(result.mode, 'full');
    assert.strictEqual(result.totalEntries, 25);
    assert.deepStrictEqual(result.counts, { pass: 25, fail: 0, kink: 0 });
    assert.ok(result.maxRelError < 1e-7, `maxRelError ${result.maxRelError}`);
  });
});

describe('gradcheck: options and preconditions', () => {
  it('rejects a step size that is not a positive finite number', async () => {
    await rejects({ eps: 0 }, /eps must be a positive finite number, got 0/);
    await rejects({ eps: -1e-6 }, /eps must be a positive finite number/);
    await rejects({ eps: NaN }, /eps must be a positive finite number, got NaN/);
    await rejects({ eps: Infinity }, /eps must be a positive finite number/);
  });

  it('rejects negative or NaN tolerances and bad fast-mode settings', async () => {
    await rejects({ atol: -1 }, /atol must be a non-negative finite number, got -1/);
    await rejects({ rtol: NaN }, /rtol must be a non-negative finite number, got NaN/);
    await rejects({ fastThreshold: -5 }, /fastThreshold/);
    await rejects({ sampleCount: 2.5 }, /sampleCount must be a non-negative integer/);
    await rejects({ seed: NaN }, /seed must be a finite number/);
    await rejects({ mode: 'quick' as unknown as 'fast' }, /mode must be 'auto', 'full' or 'fast', got 'quick'/);
  });

  it('requires a completed forward and backward pass', async () => {
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.scalar(1));
    const output = graph.apply('mul', [x, x]);
    await assert.rejects(gradcheck(graph, output), /needs a forward pass first/);
    forward(graph, output);
    await assert.rejects(gradcheck(graph, output), /needs a backward pass first/);
  });
});

describe('gradcheck: fast mode', function () {
  this.timeout(20_000);

  it('picks fast mode above 2,000 entries: directional check plus the 20 largest and 20 random entries', async () => {
    const { graph, output, wValues, cValues } = bigGraph();
    const result = await gradcheck(graph, output);
    assert.strictEqual(result.mode, 'fast');
    assert.strictEqual(result.totalEntries, 2500);
    assert.strictEqual(result.entries.length, 40);
    assert.strictEqual(new Set(result.entries.map(e => e.flat)).size, 40);
    assert.strictEqual(result.evaluations, 2 + 80);
    assert.strictEqual(result.passed, true);
    const exact = Array.from(wValues, (w, i) => 2 * w * cValues[i]);
    const largest = exact.map((g, i) => ({ g: Math.abs(g), i })).sort((p, q) => q.g - p.g).slice(0, 20).map(p => p.i);
    const checked = new Set(result.entries.map(e => e.flat));
    for (const i of largest) { assert.ok(checked.has(i), `entry ${i}, one of the 20 largest gradients, was not checked`); }
    for (const e of result.entries) {
      assert.deepStrictEqual(e.index, [Math.floor(e.flat / 50), e.flat % 50]);
      assert.ok(Math.abs(e.numeric - exact[e.flat]) < 1e-7);
    }
    const d = result.directional;
    assert.ok(d);
    assert.strictEqual(d.status, 'pass');
    assert.ok(Math.abs(d.analytic) > 1e-3, 'a random direction has a non-trivial component');
    assert.ok(d.absError <= 1e-5 + 1e-3 * Math.abs(d.numeric));
    assert.strictEqual(d.h, 1e-6, 'every |W| ≤ 1, so the directional step is eps itself');
  });

  it('is deterministic for a seed and draws other samples for another seed', async () => {
    const { graph, output } = bigGraph();
    const flats = async (seed: number): Promise<number[]> => (await gradcheck(graph, output, { seed })).entries.map(e => e.flat).sort((a, b) => a - b);
    const first = await flats(7);
    assert.deepStrictEqual(await flats(7), first);
    assert.notDeepStrictEqual(await flats(8), first);
    const directional = async (seed: number): Promise<number> => (await gradcheck(graph, output, { seed })).directional?.analytic as number;
    assert.strictEqual(await directional(3), await directional(3));
    assert.notStrictEqual(await directional(3), await directional(4));
  });

  it('catches a corrupted gradient through the largest-|gradient| samples and the directional check', async () => {
    const { graph, output, w } = bigGraph();
    const node = graph.node(w);
    const grad = (node.grad as Tensor).clone();
    grad.data[1234] = 1000;
    node.grad = grad;
    const result = await gradcheck(graph, output);
    assert.strictEqual(result.passed, false);
    assert.strictEqual(result.entries[0].status, 'fail');
    assert.strictEqual(result.entries[0].flat, 1234);
    assert.deepStrictEqual(result.entries[0].index, [24, 34]);
    assert.strictEqual(result.counts.fail, 1);
    assert.strictEqual(result.directional?.status, 'fail');
  });

  it('honours sampleCount and fastThreshold, and checks every entry when there are few', async () => {
    const { graph, output } = bigGraph();
    const five = await gradcheck(graph, output, { sampleCount: 5 });
    assert.strictEqual(five.entries.length, 10);
    assert.strictEqual(five.evaluations, 22);
    const full = await gradcheck(graph, output, { fastThreshold: 3000, isCancelled: () => false });
    assert.strictEqual(full.mode, 'full');
    assert.strictEqual(full.entries.length, 2500);
    assert.strictEqual(full.evaluations, 5000);
    assert.strictEqual(full.passed, true);
    const small = broadcastGraph();
    const forced = await gradcheck(small.graph, small.output, { mode: 'fast' });
    assert.strictEqual(forced.mode, 'fast');
    assert.strictEqual(forced.entries.length, 9);
    assert.strictEqual(forced.directional?.status, 'pass');
  });
});

describe('gradcheck: progress and cancellation', function () {
  this.timeout(20_000);

  it('reports progress about every 1% and ends at (total, total)', async () => {
    const { graph, output } = bigGraph();
    const calls: [number, number][] = [];
    const result = await gradcheck(graph, output, { mode: 'full', onProgress: (done, total) => { calls.push([done, total]); } });
    assert.strictEqual(result.cancelled, false);
    assert.ok(calls.length >= 100 && calls.length <= 300, `${calls.length} progress calls`);
    assert.deepStrictEqual(calls[0], [0, 2500]);
    assert.deepStrictEqual(calls[calls.length - 1], [2500, 2500]);
    for (let i = 1; i < calls.length; i++) { assert.ok(calls[i][0] >= calls[i - 1][0]); }
  });

  it('returns the partial result with cancelled: true when isCancelled says so', async () => {
    const { graph, output, w } = bigGraph();
    const node = graph.node(w);
    const grad = (node.grad as Tensor).clone();
    grad.data[3] += 1;
    node.grad = grad;
    // Asked before each entry and between its two evaluations: the 22nd question comes after the
    // first evaluation of the 11th entry, which is dropped.
    let asked = 0;
    const result = await gradcheck(graph, output, { mode: 'full', isCancelled: () => ++asked > 21 });
    assert.strictEqual(result.cancelled, true);
    assert.strictEqual(result.entries.length, 10);
    assert.strictEqual(result.evaluations, 21);
    assert.strictEqual(result.counts.fail, 1);
    assert.strictEqual(result.passed, false);
    const clean = await gradcheck(graph, output, { mode: 'full', isCancelled: () => true });
    assert.deepStrictEqual([clean.cancelled, clean.entries.length, clean.passed], [true, 0, true]);
  });

  it('can be cancelled between the two evaluations of the directional check', async () => {
    const { graph, output } = bigGraph();
    let asked = 0;
    const result = await gradcheck(graph, output, { isCancelled: () => ++asked > 1 });
    assert.deepStrictEqual([result.mode, result.cancelled, result.directional, result.entries.length, result.evaluations], ['fast', true, undefined, 0, 1]);
  });

  it('cancels when onProgress returns true, also through a promise', async () => {
    const { graph, output } = bigGraph();
    const sync = await gradcheck(graph, output, { mode: 'full', onProgress: done => done >= 100 });
    assert.strictEqual(sync.cancelled, true);
    assert.ok(sync.entries.length >= 100 && sync.entries.length < 2500);
    const async = await gradcheck(graph, output, { mode: 'full', onProgress: async done => done >= 50 });
    assert.strictEqual(async.cancelled, true);
    assert.ok(async.entries.length >= 50 && async.entries.length < 2500);
  });

  it('gives the event loop a turn during a long check', async () => {
    // A chain of 20,000 muls on a 16-entry leaf: 32 evaluations of 20,000 nodes, far longer than
    // 100 ms (5,000 nodes once took only 82 ms on a warm engine).
    const graph = new Graph();
    const x = graph.leaf('x', Tensor.full([16], 1));
    const one = graph.constant(Tensor.scalar(1));
    let node = x;
    for (let i = 0; i < 20_000; i++) { node = graph.apply('mul', [node, one]); }
    run(graph, node);
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 1);
    const started = performance.now();
    const result = await gradcheck(graph, node);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    assert.strictEqual(result.passed, true);
    assert.ok(elapsed < 100 || ticks > 0, `no timer ran during a ${elapsed.toFixed(0)} ms check`);
    assert.ok(elapsed >= 100, `the check took only ${elapsed.toFixed(0)} ms: make the graph bigger`);
  });
});
