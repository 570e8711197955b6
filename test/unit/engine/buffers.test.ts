import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { PassBuffers } from '../../../src/engine/buffers';
import { Graph, NodeId } from '../../../src/engine/graph';
import { uniformGenerator } from '../../../src/engine/random';
import { Reevaluator } from '../../../src/engine/reevaluate';
import { Shape, Tensor, sizeOf } from '../../../src/engine/tensor';

function randomTensor(shape: Shape, seed: number): Tensor {
  const uniform = uniformGenerator(seed);
  return Tensor.fromArray(shape, Array.from({ length: sizeOf(shape) }, () => uniform() * 2 - 1));
}

interface SmallNet {
  graph: Graph;
  output: NodeId;
  image: NodeId;
  kernel: NodeId;
  weight: NodeId;
  bias: NodeId;
  /** A constant the net adds to every entry: buffers must never write into it. */
  offset: NodeId;
}

/**
 * conv → relu → reshape → matmul → + bias (broadcast) → softmax → · (used twice: fan-out) → sum:
 * kernels with and without accumulation, a broadcast adjoint summed back, a node read by two
 * consumers.
 */
function smallNet(seed: number): SmallNet {
  const graph = new Graph();
  const image = graph.leaf('image', randomTensor([1, 2, 5, 5], seed));
  const kernel = graph.leaf('kernel', randomTensor([3, 2, 3, 3], seed + 1));
  const weight = graph.leaf('weight', randomTensor([75, 4], seed + 2));
  const bias = graph.leaf('bias', randomTensor([4], seed + 3));
  const offset = graph.constant(Tensor.full([1, 4], 0.25));
  const conv = graph.apply('conv', [image, kernel], { pads: [1, 1, 1, 1] });
  const flat = graph.apply('reshape', [graph.apply('relu', [conv])], { shape: [1, 75] });
  const logits = graph.apply('add', [graph.apply('add', [graph.apply('matmul', [flat, weight]), bias]), offset]);
  const probabilities = graph.apply('softmax', [logits], { axis: -1 });
  const output = graph.apply('sum', [graph.apply('mul', [probabilities, graph.apply('mul', [probabilities, logits])])]);
  return { graph, output, image, kernel, weight, bias, offset };
}

/** The output value and every leaf's gradient after one forward and backward pass, copied out. */
function step(net: SmallNet, buffers?: PassBuffers): { value: number[]; grads: number[][] } {
  const order = net.graph.order(net.output);
  const value = Array.from(forward(net.graph, net.output, order, buffers).data);
  backward(net.graph, net.output, order, buffers);
  return { value, grads: [net.image, net.kernel, net.weight, net.bias].map(id => Array.from(net.graph.node(id).grad?.data ?? [])) };
}

/** New values for the net's leaves, written into the leaves' own tensors, as a caller re-running a graph does. */
function setLeaves(net: SmallNet, seed: number): void {
  for (const [k, id] of [net.image, net.kernel, net.weight, net.bias].entries()) {
    const value = net.graph.node(id).value as Tensor;
    value.data.set(randomTensor(value.shape, seed + k).data);
  }
}

describe('PassBuffers (reused storage for repeated passes)', () => {
  it('hands out zeroed arrays, and once the next pass begins the same arrays again by length, zeroed', () => {
    const buffers = new PassBuffers();
    buffers.beginForward();
    const a = buffers.take(3), b = buffers.take(5);
    a.fill(7);
    b.fill(8);
    assert.strictEqual(buffers.created, 2);
    buffers.beginForward();
    const b2 = buffers.take(5), a2 = buffers.take(3), c = buffers.take(4);
    assert.ok(a2 === a && b2 === b, 'arrays of the same lengths are reused');
    assert.deepStrictEqual([Array.from(a2), Array.from(b2)], [[0, 0, 0], [0, 0, 0, 0, 0]]);
    assert.strictEqual(c.length, 4);
    assert.strictEqual(buffers.created, 3);
  });

  it('reuses arrays by length on both sides of the short-length lists (0, 255, 256, 4096 entries), zeroed', () => {
    const buffers = new PassBuffers();
    const lengths = [0, 1, 255, 256, 4096, 255];
    buffers.beginForward();
    const first = lengths.map(n => buffers.take(n).fill(3));
    buffers.beginForward();
    const second = lengths.map(n => buffers.take(n));
    assert.ok(second.every(b => first.includes(b)), 'every array comes back');
    assert.strictEqual(new Set(second).size, lengths.length, 'none handed out twice');
    assert.deepStrictEqual(second.map(b => b.length), lengths);
    assert.ok(second.every(b => b.every(v => v === 0)));
    assert.strictEqual(buffers.created, lengths.length);
  });

  it('keeps the forward pass\'s arrays through backward passes, and reuses a backward pass\'s arrays in the next one', () => {
    const buffers = new PassBuffers();
    buffers.beginForward();
    const value = buffers.take(4).fill(1);
    buffers.beginBackward();
    const adjoint = buffers.take(4);
    buffers.beginBackward();
    assert.ok(buffers.take(4) === adjoint, 'the second backward pass reuses the first one\'s array');
    assert.ok(buffers.take(4) !== value, 'not the value its backward pass reads');
    assert.deepStrictEqual(Array.from(value), [1, 1, 1, 1]);
  });

  it('re-runs with new leaf values give the same numbers, bit for bit, as a fresh graph, and allocate nothing after the first pass', () => {
    const reused = smallNet(10);
    const buffers = new PassBuffers();
    step(reused, buffers);
    const created = buffers.created;
    for (let run = 1; run <= 3; run++) {
      setLeaves(reused, 100 * run);
      const fresh = smallNet(10);
      setLeaves(fresh, 100 * run);
      const expected = step(fresh);
      const got = step(reused, buffers);
      assert.deepStrictEqual(got, expected, `run ${run}`);
      assert.ok(expected.grads.every(g => g.length > 0 && g.some(v => v !== 0)), 'every leaf has a gradient');
    }
    assert.strictEqual(buffers.created, created, 'a repeated pass takes every array from the previous one');
  });

  it('writes into the previous pass\'s arrays (reused by length), never into leaves or constants', () => {
    const net = smallNet(20);
    const buffers = new PassBuffers();
    step(net, buffers);
    // The only array of 300 entries a pass takes: the weight's gradient.
    const heldGrad = net.graph.node(net.weight).grad;
    const leaves = [net.image, net.kernel, net.weight, net.bias, net.offset].map(id => Array.from(net.graph.node(id).value?.data ?? []));
    step(net, buffers);
    assert.ok(net.graph.node(net.weight).grad?.data === heldGrad?.data, 'the weight gradient\'s array is reused');
    assert.deepStrictEqual([net.image, net.kernel, net.weight, net.bias, net.offset].map(id => Array.from(net.graph.node(id).value?.data ?? [])), leaves);
  });

  it('leaves a copy the caller took unchanged by the next pass', () => {
    const net = smallNet(30);
    const buffers = new PassBuffers();
    step(net, buffers);
    const kept = net.graph.node(net.kernel).grad?.clone() as Tensor;
    const keptEntries = Array.from(kept.data);
    setLeaves(net, 300);
    step(net, buffers);
    assert.deepStrictEqual(Array.from(kept.data), keptEntries);
    assert.notDeepStrictEqual(Array.from(net.graph.node(net.kernel).grad?.data ?? []), keptEntries, 'the new pass computed a new gradient');
  });

  it('takes no new memory for repeated backward passes after one forward pass, and gives the same adjoints each time', () => {
    const net = smallNet(35);
    const buffers = new PassBuffers();
    const first = step(net, buffers);
    const created = buffers.created;
    for (let run = 0; run < 3; run++) {
      backward(net.graph, net.output, undefined, buffers);
      assert.deepStrictEqual([net.image, net.kernel, net.weight, net.bias].map(id => Array.from(net.graph.node(id).grad?.data ?? [])), first.grads);
    }
    assert.strictEqual(buffers.created, created);
  });

  it('without buffers, results a caller holds (the forward result, gradients) are never overwritten by a later pass', () => {
    const net = smallNet(40);
    const order = net.graph.order(net.output);
    const value = forward(net.graph, net.output, order);
    backward(net.graph, net.output, order);
    const grad = net.graph.node(net.weight).grad as Tensor;
    const before = [Array.from(value.data), Array.from(grad.data)];
    setLeaves(net, 400);
    step(net);
    assert.deepStrictEqual([Array.from(value.data), Array.from(grad.data)], before);
  });

  it('refuses to serve a second output of the graph (its passes would overwrite the first one\'s values unseen)', () => {
    const net = smallNet(50);
    const buffers = new PassBuffers();
    forward(net.graph, net.output, undefined, buffers);
    const other = net.graph.apply('exp', [net.bias]);
    assert.throws(() => forward(net.graph, other, undefined, buffers), /one graph output/);
  });
});

describe('Reevaluator with reused buffers', () => {
  it('gives each evaluation\'s output as its own copy, equal bit for bit to a fresh evaluator\'s', () => {
    const net = smallNet(60);
    const order = net.graph.order(net.output);
    forward(net.graph, net.output, order);
    const evaluator = new Reevaluator(net.graph, net.output, order);
    const plan = evaluator.plan([net.kernel]);
    const kernel = net.graph.node(net.kernel).value as Tensor;
    const outputs = [1, 2, 3].map(k => evaluator.evaluate(plan, [kernel.map(v => v * k)]).output);
    const fresh = [1, 2, 3].map(k => {
      const once = new Reevaluator(net.graph, net.output, order);
      return Array.from(once.evaluate(once.plan([net.kernel]), [kernel.map(v => v * k)]).output);
    });
    assert.deepStrictEqual(outputs.map(o => Array.from(o)), fresh);
    assert.notDeepStrictEqual(fresh[0], fresh[1]);
  });
});
