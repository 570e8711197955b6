// Fuzzed attributes, scales and sizes for Resize and Upsample (src/model/operators-resize.ts): each
// model imports (and runs forward and backward) or is refused with an InspectError naming the node;
// never another exception, and some fuzzed nodes must get through.
import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { Tensor } from '../../../src/engine/tensor';
import { load } from '../model/onnx-testing';
import { AttrSpec, FLOAT, INT64, TensorSpec } from '../model/onnx-writer';
import { Random } from '../../fuzz/random';

const MODELS = 200;

const MODES = ['nearest', 'linear', 'nearest', 'linear', 'cubic', 'area', ''];
const COORDINATES = ['half_pixel', 'half_pixel_symmetric', 'pytorch_half_pixel', 'align_corners', 'asymmetric', 'tf_half_pixel_for_nn', 'tf_crop_and_resize', 'x'];
const ROUNDINGS = ['round_prefer_floor', 'round_prefer_ceil', 'floor', 'ceil', 'round'];

function fuzzedAttributes(random: Random, rank: number): Record<string, AttrSpec> {
  const attrs: Record<string, AttrSpec> = {};
  if (random.chance(0.8)) { attrs.mode = random.pick(MODES); }
  if (random.chance(0.5)) { attrs.coordinate_transformation_mode = random.pick(COORDINATES); }
  if (random.chance(0.4)) { attrs.nearest_mode = random.pick(ROUNDINGS); }
  if (random.chance(0.1)) { attrs.antialias = random.below(2); }
  if (random.chance(0.15)) { attrs.axes = Array.from({ length: random.below(3) + 1 }, () => random.between(-rank - 1, rank)); }
  if (random.chance(0.1)) { attrs.keep_aspect_ratio_policy = random.pick(['stretch', 'not_larger', 'not_smaller', 'fit']); }
  return attrs;
}

/** Scales or sizes of the right length most of the time, with odd values now and then. */
function fuzzedResizeInput(random: Random, rank: number, sizes: boolean): TensorSpec {
  const length = random.chance(0.8) ? rank : random.below(rank + 2);
  const odd = random.chance(0.2);
  const values = Array.from({ length }, () => sizes
    ? random.pick(odd ? [0, -1, 1e9] : [1, 2, 3, 5])
    : random.pick(odd ? [0, -1, 1e-3, 1e9] : [1, 1, 2, 0.5, 0.6, 1.5, 3]));
  return { name: sizes ? 'sizes' : 'scales', dims: [length], dataType: sizes ? INT64 : FLOAT, values };
}

describe('fuzzing: attributes of Resize and Upsample', function () {
  this.timeout(60_000);

  it(`${MODELS} fuzzed nodes import and run, or are refused naming the node`, async () => {
    const random = new Random(1213);
    let refused = 0;
    for (let k = 0; k < MODELS; k++) {
      const rank = random.below(4) + 1;
      const shape = Array.from({ length: rank }, () => random.below(3) + 1);
      const op = random.chance(0.85) ? 'Resize' : 'Upsample';
      const opset = op === 'Resize' ? random.pick([10, 11, 13, 18, 19]) : random.pick([7, 9]);
      const attrs = fuzzedAttributes(random, rank);
      const bySizes = opset >= 11 && random.chance(0.4);
      const given = fuzzedResizeInput(random, rank, bySizes);
      if (op === 'Upsample' && opset === 7) { attrs.scales = { floats: given.values as number[] }; }
      const inputs = op === 'Upsample' ? (opset === 7 ? ['x'] : ['x', 'scales']) : opset === 10 ? ['x', 'scales'] : bySizes ? ['x', '', '', 'sizes'] : ['x', '', 'scales'];
      const initializers = inputs.length > 1 ? [given] : [];
      try {
        const model = await load({
          opset, nodes: [{ op, name: '/fuzzed', inputs, outputs: ['y'], attrs }],
          initializers, inputs: [{ name: 'x', shape }], outputs: ['y'],
        }, { inputs: { x: Tensor.full(shape, 0.5).toNested() } });
        const order = model.graph.order(model.output);
        forward(model.graph, model.output, order);
        backward(model.graph, model.output, order);
      } catch (e) {
        assert.ok(e instanceof InspectError, `${op}-${opset} ${JSON.stringify(attrs)} ${JSON.stringify(given.values)} on ${JSON.stringify(shape)}: ${String(e)}`);
        assert.ok((e.node ?? '').includes('/fuzzed'), `${op}: ${e.message} does not name the node`);
        refused++;
      }
    }
    assert.ok(refused < MODELS * 0.9, `${refused} of ${MODELS} fuzzed nodes were refused`);
    assert.ok(refused > 0, 'no fuzzed node was refused');
  });
});
