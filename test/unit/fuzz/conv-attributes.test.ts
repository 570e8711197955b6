// Fuzzed attributes and weight shapes for the converters of src/model/operators-conv.ts: each model
// imports (and runs forward and backward) or is refused with an InspectError naming the node;
// never another exception, and some fuzzed nodes must get through.
import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { Tensor } from '../../../src/engine/tensor';
import { load } from '../model/onnx-testing';
import { AttrSpec, DOUBLE, TensorSpec } from '../model/onnx-writer';
import { Random } from '../../fuzz/random';

const MODELS = 150;

const LIST_ATTRIBUTES = ['pads', 'strides', 'dilations', 'output_padding', 'kernel_shape', 'output_shape'];

function fuzzedList(random: Random): number[] {
  const length = [1, 2, 2, 2, 3, 3, 4, 4, 6][random.below(9)];
  return Array.from({ length }, () => [-1, 0, 1, 1, 2, 3, 7, 1e6][random.below(8)]);
}

function fuzzedAttributes(random: Random): Record<string, AttrSpec> {
  const attrs: Record<string, AttrSpec> = {};
  for (const name of LIST_ATTRIBUTES) { if (random.chance(0.15)) { attrs[name] = fuzzedList(random); } }
  if (random.chance(0.3)) { attrs.group = [-1, 0, 1, 2, 3, 1e6][random.below(6)]; }
  if (random.chance(0.2)) { attrs.auto_pad = ['NOTSET', 'VALID', 'SAME_UPPER', 'SAME_LOWER', 'SAME', ''][random.below(6)]; }
  return attrs;
}

/**
 * A weight whose channel axis (0 for ConvTranspose, 1 for Conv) matches x's channels most of the
 * time, of `usualRank` most of the time.
 */
function fuzzedWeight(random: Random, channels: number, usualRank = 4, channelAxis = 0): TensorSpec {
  const rank = random.chance(0.85) ? usualRank : random.below(6) + 1;
  const dims = Array.from({ length: rank }, (_, i) => (i === channelAxis && random.chance(0.8) ? channels : random.below(3) + 1));
  const size = dims.reduce((n, d) => n * d, 1);
  return { name: 'w', dims, dataType: DOUBLE, values: Array.from({ length: size }, () => random.between(-1, 1)) };
}

describe('fuzzing: attributes of the conv converters', function () {
  this.timeout(60_000);

  it(`ConvTranspose: ${MODELS} fuzzed nodes import and run, or are refused naming the node`, async () => {
    const random = new Random(4242);
    let refused = 0;
    for (let k = 0; k < MODELS; k++) {
      const attrs = fuzzedAttributes(random);
      const shape = random.chance(0.85) ? [random.below(2) + 1, random.below(4) + 1, random.below(4) + 1, random.below(4) + 1] : [random.below(3) + 1, 2, 3];
      const w = fuzzedWeight(random, shape[1]);
      const withBias = random.chance(0.4);
      // The output channels when the group is absent or small, else a guess.
      const group = typeof attrs.group === 'number' && attrs.group >= 1 && attrs.group <= 3 ? attrs.group : 1;
      const biasLength = random.chance(0.7) ? (w.dims[1] ?? 1) * group : random.below(6) + 1;
      const bias: TensorSpec = { name: 'b', dims: [biasLength], dataType: DOUBLE, values: Array.from({ length: biasLength }, (_, i) => i / 4) };
      const initializers = withBias ? [w, bias] : [w];
      const x = Tensor.full(shape, 0.5).toNested();
      const opset = [9, 11, 13, 17, 22][random.below(5)];
      try {
        const model = await load({
          opset, nodes: [{ op: 'ConvTranspose', name: '/fuzzed', inputs: ['x', ...initializers.map(t => t.name as string)], outputs: ['y'], attrs }],
          initializers, inputs: [{ name: 'x', shape }], outputs: ['y'],
        }, { inputs: { x } });
        const order = model.graph.order(model.output);
        forward(model.graph, model.output, order);
        backward(model.graph, model.output, order);
      } catch (e) {
        assert.ok(e instanceof InspectError, `ConvTranspose ${JSON.stringify(attrs)} opset ${opset}: ${String(e)}`);
        assert.ok((e.node ?? '').includes('/fuzzed'), `ConvTranspose: ${e.message} does not name the node`);
        refused++;
      }
    }
    assert.ok(refused < MODELS * 0.9, `ConvTranspose: ${refused} of ${MODELS} fuzzed nodes were refused`);
  });

  for (const op of ['Conv', 'ConvTranspose', 'MaxPool', 'AveragePool']) {
    it(`${op} over 1 to 3 spatial axes: ${MODELS} fuzzed nodes import and run, or are refused naming the node`, async () => {
      const random = new Random(op.length * 977);
      let refused = 0;
      for (let k = 0; k < MODELS; k++) {
        const attrs = fuzzedAttributes(random);
        const rank = [3, 4, 5, 5, 6][random.below(5)];
        if (op.endsWith('Pool')) {
          attrs.kernel_shape = random.chance(0.8) ? Array.from({ length: rank - 2 }, () => random.below(3) + 1) : fuzzedList(random);
          if (random.chance(0.3)) { attrs.ceil_mode = random.below(2); }
        }
        // MaxPool's optional Indices output, and its layout attribute.
        const outputs = op === 'MaxPool' && random.chance(0.5) ? ['y', 'indices'] : ['y'];
        if (op === 'MaxPool' && random.chance(0.3)) { attrs.storage_order = [-1, 0, 1, 2, 1e6][random.below(5)]; }
        const shape = Array.from({ length: rank }, () => random.below(4) + 1);
        const initializers = op.startsWith('Conv') ? [fuzzedWeight(random, shape[1], rank, op === 'Conv' ? 1 : 0)] : [];
        const opset = [7, 11, 13, 17, 22][random.below(5)];
        try {
          const model = await load({
            opset, nodes: [{ op, name: '/fuzzed', inputs: ['x', ...initializers.map(t => t.name as string)], outputs, attrs }],
            initializers, inputs: [{ name: 'x', shape }], outputs,
          }, { inputs: { x: Tensor.full(shape, 0.5).toNested() } });
          const order = model.graph.order(model.output);
          forward(model.graph, model.output, order);
          backward(model.graph, model.output, order);
        } catch (e) {
          assert.ok(e instanceof InspectError, `${op} ${JSON.stringify(attrs)} on ${JSON.stringify(shape)} opset ${opset}: ${String(e)}`);
          assert.ok((e.node ?? '').includes('/fuzzed'), `${op}: ${e.message} does not name the node`);
          refused++;
        }
      }
      assert.ok(refused < MODELS * 0.9, `${op}: ${refused} of ${MODELS} fuzzed nodes were refused`);
    });
  }
});
