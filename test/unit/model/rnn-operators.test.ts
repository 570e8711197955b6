// The converters of src/model/operators-rnn.ts beyond what the PyTorch fixtures cover: the forms
// torch does not export (layout=1, direction=reverse alone, GRU linear_before_reset=0, given
// activations), padded batches (sequence_lens) against each sequence run alone, gradients of input, weights and initial states against central
// differences through time, and bad attributes failing with an error naming the node.
import * as assert from 'assert';
import { InspectError } from '../../../src/engine/errors';
import { Budget } from '../../../src/engine/limits';
import { getOp } from '../../../src/engine/ops';
import { Nested, Tensor } from '../../../src/engine/tensor';
import { assertClose } from '../fixtures';
import { importOnnx } from '../../../src/model/import';
import { checkGradients, doubles, ints, oneNode, outputsOf, rejectsAt, shapeOf } from './onnx-testing';
import { AttrSpec, TensorSpec, modelBytes } from './onnx-writer';

const STEPS = 3, BATCH = 2, INPUT = 2, HIDDEN = 2;
const GATES: Record<string, number> = { RNN: 1, GRU: 3, LSTM: 4 };

/** Distinct deterministic values in (−0.8, 0.8). */
const values = (count: number, seed: number): number[] => Array.from({ length: count }, (_, i) => 0.8 * Math.sin(1.7 * i + seed));

function nested(shape: number[], seed: number): Nested {
  return Tensor.fromArray(shape, values(shape.reduce((a, b) => a * b, 1), seed)).toNested();
}

/** W, R, B (and initial states when asked) for `dirs` directions. */
function weights(op: string, dirs: number, states: string[] = []): TensorSpec[] {
  const width = GATES[op] * HIDDEN;
  return [
    doubles('W', [dirs, width, INPUT], values(dirs * width * INPUT, 1)),
    doubles('R', [dirs, width, HIDDEN], values(dirs * width * HIDDEN, 2)),
    doubles('B', [dirs, 2 * width], values(dirs * 2 * width, 3)),
    ...states.map((name, i) => doubles(name, [dirs, BATCH, HIDDEN], values(dirs * BATCH * HIDDEN, 4 + i))),
  ];
}

function node(op: string, attrs: Record<string, AttrSpec> = {}, extra: string[] = []) {
  const outputs = op === 'LSTM' ? ['Y', 'Y_h', 'Y_c'] : ['Y', 'Y_h'];
  return { op, name: `/rnn/${op}`, inputs: ['x', 'W', 'R', 'B', ...extra], outputs, attrs: { hidden_size: HIDDEN, ...attrs } };
}

const permute = (v: Nested, axes: number[]): Nested => getOp('transpose').forward([Tensor.fromNested(v)], { axes }).toNested();
const timeReversed = (v: Nested): Nested => (v as Nested[]).slice().reverse();

describe('ONNX recurrent operators: LSTM, GRU, RNN', function () {
  // Central differences through time over every entry: seconds when the machine is busy.
  this.timeout(20_000);
  const x = nested([STEPS, BATCH, INPUT], 5);

  it('GRU with linear_before_reset=0 applies the reset gate before the recurrent weights (one step by hand)', async () => {
    const [w, r, bias, h0, input] = [[0.3, -0.7, 0.5], [0.9, 0.4, -0.6], [0.1, 0.2, -0.3, 0.05, -0.15, 0.25], 0.4, 0.8];
    const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
    const z = sigmoid(input * w[0] + bias[0] + h0 * r[0] + bias[3]);
    const reset = sigmoid(input * w[1] + bias[1] + h0 * r[1] + bias[4]);
    const n = Math.tanh(input * w[2] + bias[2] + (reset * h0) * r[2] + bias[5]);
    const expected = (1 - z) * n + z * h0;
    const inits = [doubles('W', [1, 3, 1], w), doubles('R', [1, 3, 1], r), doubles('B', [1, 6], bias), doubles('h0', [1, 1, 1], [h0])];
    const [y] = await outputsOf({ op: 'GRU', inputs: ['x', 'W', 'R', 'B', '', 'h0'], outputs: ['Y'], attrs: { hidden_size: 1 } }, [[[input]]], 7, inits);
    assertClose(y, [[[[expected]]]], 'GRU Y', 1e-15, 1e-15);
  });

  it('layout=1 (opset 14) is the batch-first form of layout=0', async () => {
    for (const op of ['LSTM', 'GRU', 'RNN']) {
      const [timeMajor] = await outputsOf(node(op, { direction: 'bidirectional' }), x, 14, weights(op, 2));
      const [batchFirst] = await outputsOf(node(op, { direction: 'bidirectional', layout: 1 }), permute(x, [1, 0, 2]), 14, weights(op, 2));
      assertClose(batchFirst, permute(timeMajor, [2, 0, 1, 3]), `${op} Y`, 1e-15, 1e-15);
    }
  });

  it('direction=reverse is the forward pass over the time-reversed sequence', async () => {
    for (const op of ['LSTM', 'GRU', 'RNN']) {
      const [reverse, reverseLast] = await outputsOf(node(op, { direction: 'reverse' }), x, 14, weights(op, 1));
      const [forward, forwardLast] = await outputsOf(node(op), timeReversed(x), 14, weights(op, 1));
      assertClose(reverse, timeReversed(forward), `${op} Y`, 1e-15, 1e-15);
      assertClose(reverseLast, forwardLast, `${op} Y_h`, 1e-15, 1e-15);
    }
  });

  it('sequence_lens stating the full length, and explicit default activations, change nothing', async () => {
    const [plain] = await outputsOf(node('RNN'), x, 14, weights('RNN', 1));
    const explicit = await outputsOf(node('RNN', { activations: { strings: ['Tanh'] } }, ['lengths']), x, 14, [...weights('RNN', 1), ints('lengths', [STEPS, STEPS])]);
    assertClose(explicit[0], plain, 'RNN Y', 0, 0);
  });

  it('sequence_lens: each sequence of a padded batch runs as its own prefix, Y is zero past its end, Y_h and Y_c hold its last valid state', async () => {
    const lengths = [STEPS, 1];
    type Steps = number[][][][];
    for (const op of ['LSTM', 'GRU', 'RNN']) {
      const padded = await outputsOf(node(op, { direction: 'bidirectional' }, ['lengths']), x, 14, [...weights(op, 2), ints('lengths', lengths)]);
      for (let b = 0; b < BATCH; b++) {
        const prefix = (x as number[][][]).slice(0, lengths[b]).map(step => [step[b]]);
        const alone = await outputsOf(node(op, { direction: 'bidirectional' }), prefix, 14, weights(op, 2));
        const y = padded[0] as Steps, yAlone = alone[0] as Steps;
        for (let t = 0; t < STEPS; t++) {
          for (let d = 0; d < 2; d++) {
            const expected = t < lengths[b] ? yAlone[t][d][0] : [0, 0];
            assertClose(y[t][d][b], expected, `${op} Y[${t}, ${d}, ${b}]`, 1e-15, 1e-15);
          }
        }
        for (let k = 1; k < padded.length; k++) {
          const states = padded[k] as number[][][], statesAlone = alone[k] as number[][][];
          for (let d = 0; d < 2; d++) { assertClose(states[d][b], statesAlone[d][0], `${op} output ${k} [${d}, ${b}]`, 1e-15, 1e-15); }
        }
      }
    }
  });

  it('gradients through a padded batch match central differences', async () => {
    const lengths = ints('lengths', [2, STEPS]);
    checkGradients(await oneNode(node('LSTM', { direction: 'bidirectional' }, ['lengths', 'h0', 'c0']), x, 14, [...weights('LSTM', 2, ['h0', 'c0']), lengths]));
    checkGradients(await oneNode(node('GRU', { direction: 'reverse' }, ['lengths', 'h0']), x, 7, [...weights('GRU', 1, ['h0']), lengths]));
    checkGradients(await oneNode(node('RNN', { layout: 1 }, ['lengths']), permute(x, [1, 0, 2]), 14, [...weights('RNN', 1), lengths]));
  });

  it('gradients of the input, W, R, B and the initial states match central differences through time', async () => {
    checkGradients(await oneNode(node('LSTM', { direction: 'bidirectional' }, ['', 'h0', 'c0']), x, 14, weights('LSTM', 2, ['h0', 'c0'])));
    checkGradients(await oneNode(node('GRU', { direction: 'bidirectional' }, ['', 'h0']), x, 7, weights('GRU', 2, ['h0'])));
    checkGradients(await oneNode(node('GRU', { linear_before_reset: 1, layout: 1 }, ['', 'h0']), permute(x, [1, 0, 2]), 14, [...weights('GRU', 1), doubles('h0', [BATCH, 1, HIDDEN], values(BATCH * HIDDEN, 4))]));
    checkGradients(await oneNode(node('RNN', { direction: 'reverse', activations: { strings: ['Sigmoid'] } }, ['', 'h0']), x, 14, weights('RNN', 1, ['h0'])));
  });

  it('bad attributes and inputs fail naming the node', async () => {
    const at = '/rnn/';
    await rejectsAt(outputsOf(node('LSTM', { direction: 'sideways' }), x, 14, weights('LSTM', 1)), /direction must be 'forward', 'reverse' or 'bidirectional'/, at);
    await rejectsAt(outputsOf(node('GRU', { hidden_size: 3 }), x, 14, weights('GRU', 1)), /W has shape \(1, 6, 2\), expected \(1, 9, 2\)/, at);
    await rejectsAt(outputsOf(node('LSTM', { direction: 'bidirectional' }), x, 14, weights('LSTM', 1)), /W has shape \(1, 8, 2\), expected \(2, 8, 2\)/, at);
    await rejectsAt(outputsOf(node('RNN', { clip: { f: 1 } }), x, 14, weights('RNN', 1)), /clip attribute is not supported/, at);
    await rejectsAt(outputsOf(node('RNN', { activations: { strings: ['Affine'] } }), x, 14, weights('RNN', 1)), /activation 'Affine' is not supported/, at);
    await rejectsAt(outputsOf(node('GRU', { activations: { strings: ['Sigmoid'] } }), x, 14, weights('GRU', 1)), /activations lists 1 functions, expected 2/, at);
    await rejectsAt(outputsOf(node('LSTM', { input_forget: 1 }), x, 14, weights('LSTM', 1)), /input_forget=1 is not supported/, at);
    await rejectsAt(outputsOf(node('RNN', {}, ['lengths']), x, 14, [...weights('RNN', 1), ints('lengths', [STEPS, 0])]), /sequence_lens \(3, 0\) must give each of the 2 sequences a length from 1 to 3/, at);
    await rejectsAt(outputsOf(node('GRU', {}, ['lengths']), x, 14, [...weights('GRU', 1), ints('lengths', [4, 1])]), /sequence_lens \(4, 1\) must give each of the 2 sequences a length from 1 to 3/, at);
    await rejectsAt(outputsOf(node('LSTM', {}, ['lengths']), x, 14, [...weights('LSTM', 1), ints('lengths', [STEPS])]), /sequence_lens \(3\) must give each of the 2 sequences/, at);
    await rejectsAt(outputsOf(node('RNN', {}, ['', 'h0']), x, 14, [...weights('RNN', 1), doubles('h0', [1, 1, HIDDEN], [0, 0])]), /initial_h has shape \(1, 1, 2\), expected \(1, 2, 2\)/, at);
    await rejectsAt(outputsOf(node('RNN'), [[1, 2]], 14, weights('RNN', 1)), /X has rank 2, expected 3/, at);
  });

  it('an LSTM unrolled over 3 steps reports its last states in Y_h and Y_c', async () => {
    const [y, yh] = await outputsOf(node('LSTM'), x, 14, weights('LSTM', 1));
    assert.deepStrictEqual(yh, (y as Nested[])[STEPS - 1]);
  });

  it('an unrolling over the node limit is refused before it is built, naming the node and the steps', async () => {
    const long = nested([400, BATCH, INPUT], 6);
    const bytes = modelBytes({ opset: 14, nodes: [node('LSTM')], initializers: weights('LSTM', 1), inputs: [{ name: 'x', shape: shapeOf(long) }], outputs: ['Y'] });
    const budget = new Budget({ maxNodes: 5000 });
    await assert.rejects(importOnnx(bytes, 'long.onnx', { inputs: { x: long } }, budget), (e: unknown) => {
      assert.ok(e instanceof InspectError && e.kind === 'limit', String(e));
      assert.match(e.message, /unrolled over 400 time steps in 1 direction\(s\), LSTM needs about 8000 engine nodes, over the node limit of 5000/);
      assert.match(String(e.node), /\/rnn\/LSTM/);
      return true;
    });
    assert.ok(budget.nodeCount < 20, `${budget.nodeCount} nodes were built before the refusal`);
  });
});
