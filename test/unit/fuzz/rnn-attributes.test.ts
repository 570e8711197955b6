// Fuzzed attributes, sequence_lens and weight shapes for RNN, GRU and LSTM
// (src/model/operators-rnn.ts): each model imports (and runs forward and backward) or is refused
// with an InspectError naming the node; never another exception, and some fuzzed nodes must get through.
import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { Tensor } from '../../../src/engine/tensor';
import { load } from '../model/onnx-testing';
import { AttrSpec, DOUBLE, INT64, TensorSpec } from '../model/onnx-writer';
import { Random } from '../../fuzz/random';

const MODELS_PER_OP = 60;
const GATES: Record<string, number> = { RNN: 1, GRU: 3, LSTM: 4 };

function fuzzedAttributes(random: Random): Record<string, AttrSpec> {
  const attrs: Record<string, AttrSpec> = {};
  if (random.chance(0.4)) { attrs.direction = random.pick(['forward', 'reverse', 'bidirectional', 'bidirectional', 'sideways']); }
  if (random.chance(0.2)) { attrs.layout = random.pick([0, 1, 2]); }
  if (random.chance(0.15)) { attrs.hidden_size = random.pick([-1, 0, 2, 3]); }
  if (random.chance(0.1)) { attrs.linear_before_reset = 1; }
  if (random.chance(0.1)) { attrs.activations = { strings: random.pick([['Tanh'], ['Sigmoid', 'Tanh'], ['Relu', 'Tanh', 'Tanh'], ['Affine']]) }; }
  if (random.chance(0.05)) { attrs.clip = { f: 1 }; }
  return attrs;
}

const doubles = (name: string, dims: number[], random: Random): TensorSpec =>
  ({ name, dims, dataType: DOUBLE, values: Array.from({ length: dims.reduce((n, d) => n * d, 1) }, () => random.between(-1, 1) / 2) });

describe('fuzzing: attributes and sequence_lens of RNN, GRU and LSTM', function () {
  this.timeout(60_000);

  for (const op of ['RNN', 'GRU', 'LSTM']) {
    it(`${op}: ${MODELS_PER_OP} fuzzed nodes import and run, or are refused naming the node`, async () => {
      const random = new Random(op.length * 131);
      let refused = 0;
      for (let k = 0; k < MODELS_PER_OP; k++) {
        const attrs = fuzzedAttributes(random);
        const [steps, batch, input, hidden] = [random.below(4) + 1, random.below(3) + 1, 2, 2];
        const dirs = attrs.direction === 'bidirectional' ? 2 : 1;
        const width = GATES[op] * hidden;
        const wrongDirections = random.chance(0.1) ? 3 - dirs : dirs;
        const lengths: TensorSpec = {
          name: 'lengths', dims: [batch], dataType: INT64,
          values: Array.from({ length: batch }, () => (random.chance(0.85) ? random.below(steps) + 1 : random.pick([0, -1, steps + 1]))),
        };
        const withLengths = random.chance(0.7);
        const initializers = [doubles('W', [wrongDirections, width, input], random), doubles('R', [dirs, width, hidden], random), doubles('B', [dirs, 2 * width], random), ...(withLengths ? [lengths] : [])];
        const shape = attrs.layout === 1 ? [batch, steps, input] : [steps, batch, input];
        const opset = random.pick([7, 14]);
        try {
          const model = await load({
            opset, nodes: [{ op, name: '/fuzzed', inputs: ['x', 'W', 'R', 'B', withLengths ? 'lengths' : ''], outputs: op === 'LSTM' ? ['Y', 'Y_h', 'Y_c'] : ['Y', 'Y_h'], attrs }],
            initializers, inputs: [{ name: 'x', shape }], outputs: ['Y'],
          }, { inputs: { x: Tensor.full(shape, 0.5).toNested() } });
          const order = model.graph.order(model.output);
          forward(model.graph, model.output, order);
          backward(model.graph, model.output, order);
        } catch (e) {
          assert.ok(e instanceof InspectError, `${op} ${JSON.stringify(attrs)} lengths ${JSON.stringify(withLengths && lengths.values)} opset ${opset}: ${String(e)}`);
          assert.ok((e.node ?? '').includes('/fuzzed'), `${op}: ${e.message} does not name the node`);
          refused++;
        }
      }
      assert.ok(refused < MODELS_PER_OP * 0.9, `${op}: ${refused} of ${MODELS_PER_OP} fuzzed nodes were refused`);
      assert.ok(refused > 0, `${op}: no fuzzed node was refused`);
    });
  }
});
