// Fuzzed attributes, optional inputs and shapes for the converters of src/model/operators-nn.ts and
// Einsum: each model imports (and runs forward and backward) or is refused with an InspectError
// naming the node; never another exception.
import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { Tensor } from '../../../src/engine/tensor';
import { load } from '../model/onnx-testing';
import { AttrSpec, DOUBLE, INT64, TensorSpec } from '../model/onnx-writer';
import { Random } from '../../fuzz/random';

const MODELS_PER_OP = 60;

const OPS = [
  'Split', 'Erf', 'Gelu', 'Elu', 'Celu', 'Selu', 'HardSigmoid', 'HardSwish', 'Mish', 'PRelu', 'LayerNormalization',
  'InstanceNormalization', 'GroupNormalization', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL1', 'ReduceL2',
  'ReduceSumSquare', 'ReduceLogSum', 'ReduceLogSumExp', 'Einsum',
];

const ATTRIBUTES = ['axis', 'axes', 'split', 'num_outputs', 'keepdims', 'noop_with_empty_axes', 'epsilon', 'alpha', 'beta', 'gamma', 'num_groups', 'approximate', 'equation'];

function fuzzedAttribute(random: Random, name: string): AttrSpec {
  switch (random.below(5)) {
    case 0: return random.between(-6, 6) | 0;
    case 1: return Array.from({ length: random.below(4) }, () => (random.between(-4, 5) | 0));
    case 2: return { f: [NaN, Infinity, -1, 0, 1e-5, 1.5, 1e30][random.below(7)] };
    case 3: return ['none', 'tanh', 'ij,jk->ik', 'i,i', '...', 'ii->i', 'ab->c', ''][random.below(8)];
    default: return name === 'equation' ? 'ab,bc->ac' : 1;
  }
}

function fuzzedTensor(random: Random, name: string): TensorSpec {
  const dims = Array.from({ length: random.below(4) + 1 }, () => random.below(4) + 1);
  const size = dims.reduce((n, d) => n * d, 1);
  const integer = random.chance(0.5);
  return { name, dims, dataType: integer ? INT64 : DOUBLE, values: Array.from({ length: size }, () => (integer ? random.between(-3, 4) | 0 : random.between(-2, 2))) };
}

/** Operands that fit x (per-channel weights; a one-operand equation over x's letters), so fuzzing also reaches the success paths. */
function matchedOperands(op: string, shape: number[], attrs: Record<string, AttrSpec>): TensorSpec[] {
  if (op === 'Einsum') {
    const letters = 'abcde'.slice(0, shape.length);
    attrs.equation = `${letters}->${[...letters].reverse().join('')}`;
    return [];
  }
  const channels = shape[1] ?? 1;
  if (op === 'GroupNormalization') { attrs.num_groups = channels; }
  return ['w0', 'w1'].map(name => ({ name, dims: [channels], dataType: DOUBLE, values: Array.from({ length: channels }, (_, i) => 1 + i / 2) }));
}

describe('fuzzing: attributes of the nn converters', function () {
  this.timeout(60_000);

  for (const op of OPS) {
    it(`${op}: ${MODELS_PER_OP} fuzzed nodes import and run, or are refused naming the node`, async () => {
      const random = new Random(op.length * 7919 + op.charCodeAt(0));
      let refused = 0;
      for (let k = 0; k < MODELS_PER_OP; k++) {
        const attrs: Record<string, AttrSpec> = {};
        for (const name of ATTRIBUTES) { if (random.chance(0.3)) { attrs[name] = fuzzedAttribute(random, name); } }
        const shape = Array.from({ length: random.below(5) + 1 }, () => random.below(4) + 1);
        const matched = random.chance(0.4);
        const extra = matched ? matchedOperands(op, shape, attrs) : Array.from({ length: random.below(3) }, (_, i) => fuzzedTensor(random, `w${i}`));
        const x = Tensor.full(shape, 0.5).toNested();
        const outputs = Array.from({ length: random.below(3) + 1 }, (_, i) => `y${i}`);
        const opset = [11, 13, 17, 18, 20, 21][random.below(6)];
        try {
          const model = await load({
            opset, nodes: [{ op, name: '/fuzzed', inputs: ['x', ...extra.map(t => t.name as string)], outputs, attrs }],
            initializers: extra, inputs: [{ name: 'x', shape }], outputs: [outputs[0]],
          }, { inputs: { x } });
          const order = model.graph.order(model.output);
          forward(model.graph, model.output, order);
          backward(model.graph, model.output, order);
        } catch (e) {
          assert.ok(e instanceof InspectError, `${op} ${JSON.stringify(attrs)} opset ${opset}: ${String(e)}`);
          assert.ok((e.node ?? '').includes('/fuzzed'), `${op}: ${e.message} does not name the node`);
          refused++;
        }
      }
      assert.ok(refused < MODELS_PER_OP, `${op}: every fuzzed node was refused`);
    });
  }
});
