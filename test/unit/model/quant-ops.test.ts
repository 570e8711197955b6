// DequantizeLinear and QuantizeLinear: values worked out by hand (per tensor, per axis, zero points,
// round half to even, saturation), the gradient through a dequantized weight against central
// differences, the note where QuantizeLinear stops the gradient, and errors naming the node.
import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { Nested, Tensor } from '../../../src/engine/tensor';
import { ImportedModel, importOnnx } from '../../../src/model/import';
import { roundHalfEven } from '../../../src/model/operators-quant';
import { assertClose } from '../fixtures';
import { DOUBLE, INT8, ModelSpec, NodeSpec, TensorSpec, UINT8, modelBytes } from './onnx-writer';

async function load(spec: ModelSpec, inputs: Record<string, Nested> = {}): Promise<ImportedModel> {
  return importOnnx(modelBytes(spec), 'quant.onnx', { inputs });
}

const doubles = (name: string, dims: number[], values: number[]): TensorSpec => ({ name, dims, dataType: DOUBLE, values });
const int8 = (name: string, dims: number[], values: number[]): TensorSpec => ({ name, dims, dataType: INT8, values, encoding: 'typed' });
const uint8 = (name: string, dims: number[], values: number[]): TensorSpec => ({ name, dims, dataType: UINT8, values, encoding: 'typed' });

/** The model's only output for a graph whose nodes read initializers only (plus x when given). */
async function outputOf(nodes: NodeSpec[], initializers: TensorSpec[], opset = 13, x?: Nested, xShape?: number[]): Promise<Nested> {
  const inputs = x === undefined ? [] : [{ name: 'x', shape: xShape, elemType: DOUBLE }];
  const model = await load({ opset, nodes, initializers, inputs }, x === undefined ? {} : { x });
  return [...model.outputs.values()][0].toNested();
}

/** Every leaf's gradient of the loss against central differences. */
function checkGradients(model: ImportedModel): void {
  const { graph, output } = model;
  const order = graph.order(output);
  forward(graph, output, order);
  backward(graph, output, order);
  for (const leaf of graph.leaves(output)) {
    const value = leaf.value as Tensor;
    const numeric = Array.from(value.data, (_, i) => {
      const saved = value.data[i];
      value.data[i] = saved + 1e-6;
      const plus = forward(graph, output, order).item();
      value.data[i] = saved - 1e-6;
      const minus = forward(graph, output, order).item();
      value.data[i] = saved;
      return (plus - minus) / 2e-6;
    });
    assertClose(Array.from((leaf.grad as Tensor).data), numeric, `d loss / d ${leaf.name}`, 1e-6, 1e-8);
  }
}

async function rejects(spec: ModelSpec, pattern: RegExp, inputs: Record<string, Nested> = {}): Promise<void> {
  await assert.rejects(load(spec, inputs), (e: unknown) => e instanceof InspectError && pattern.test(`${e.node ?? ''}: ${e.message}`));
}

const dq = (inputs: string[], attrs?: NodeSpec['attrs']): NodeSpec => ({ op: 'DequantizeLinear', name: 'dq', inputs, outputs: ['y'], attrs });
const q = (inputs: string[], attrs?: NodeSpec['attrs']): NodeSpec => ({ op: 'QuantizeLinear', name: 'q', inputs, outputs: ['y'], attrs });

describe('DequantizeLinear', () => {
  it('per tensor: (q − zero_point)·scale, INT8 and UINT8', async () => {
    const y = await outputOf([dq(['w', 's', 'z'])], [int8('w', [2, 2], [-128, -3, 0, 127]), doubles('s', [], [0.5]), int8('z', [], [-1])]);
    assert.deepStrictEqual(y, [[-63.5, -1], [0.5, 64]]);
    const u = await outputOf([dq(['w', 's'])], [uint8('w', [3], [0, 128, 255]), doubles('s', [1], [0.25])]);
    assert.deepStrictEqual(u, [0, 32, 63.75]);
  });

  it('per axis: one scale and zero point per entry of `axis` (default 1, negative allowed)', async () => {
    const init = [uint8('w', [2, 3], [10, 20, 30, 40, 50, 60])];
    const byColumn = await outputOf([dq(['w', 's', 'z'])], [...init, doubles('s', [3], [1, 0.5, 2]), uint8('z', [3], [10, 0, 30])]);
    assert.deepStrictEqual(byColumn, [[0, 10, 0], [30, 25, 60]]);
    const byRow = await outputOf([dq(['w', 's', 'z'], { axis: -2 })], [...init, doubles('s', [2], [2, 0.1]), uint8('z', [2], [20, 40])]);
    assertClose(byRow, [[-20, 0, 20], [0, 1, 2]], 'per-row dequantization');
  });

  it('a dequantized weight in MatMul: the gradient reaches the input and the scale', async () => {
    const nodes: NodeSpec[] = [dq(['w', 's', 'z']), { op: 'MatMul', name: 'mm', inputs: ['x', 'y'], outputs: ['out'] }];
    const spec: ModelSpec = {
      opset: 13, nodes, outputs: ['out'], inputs: [{ name: 'x', shape: [2, 3], elemType: DOUBLE }],
      initializers: [int8('w', [3, 2], [5, -7, 12, 3, -100, 64]), doubles('s', [2], [0.02, 0.05]), int8('z', [2], [1, -2])],
    };
    const x = [[0.3, -1.2, 2], [1.5, 0.25, -0.75]];
    const model = await load(spec, { x });
    const w = [[0.08, -0.25], [0.22, 0.25], [-2.02, 3.3]];
    const expected = x.map(row => [0, 1].map(j => row.reduce((acc, v, k) => acc + v * w[k][j], 0)));
    assertClose(model.outputs.get('out')?.toNested(), expected, 'x·dequantized w');
    assert.deepStrictEqual(model.graph.leaves(model.output).map(n => n.name).sort(), ['s', 'x']);
    checkGradients(model);
  });

  it('refuses what it cannot read, naming the node', async () => {
    const w = int8('w', [2, 3], [1, 2, 3, 4, 5, 6]);
    await rejects({ opset: 13, nodes: [dq(['w', 's'])], initializers: [w, doubles('s', [2], [1, 2])] }, /'dq' \(DequantizeLinear\).*per-axis scale has 2 entries, but axis 1 of x has 3/);
    await rejects({ opset: 10, nodes: [dq(['w', 's'])], initializers: [w, doubles('s', [3], [1, 2, 3])] }, /'dq'.*scale must be a scalar, found shape \(3\)/);
    await rejects({ opset: 21, nodes: [dq(['w', 's'], { block_size: 2 })], initializers: [w, doubles('s', [1], [1])] }, /'dq'.*blocked quantization \(block_size\) is not supported/);
    await rejects({ opset: 13, nodes: [dq(['x', 's'])], initializers: [doubles('s', [], [1])], inputs: [{ name: 'x', shape: [2], elemType: DOUBLE }] },
      /'dq'.*DequantizeLinear needs an integer x/, { x: [1, 2] });
    await rejects({ opset: 13, nodes: [dq(['w', 's', 'z'])], initializers: [w, doubles('s', [3], [1, 2, 3]), int8('z', [2], [0, 0])] }, /'dq'.*zero_point has 2 entries, scale has 3/);
  });
});

describe('QuantizeLinear', () => {
  it('rounds half to even', () => {
    assert.deepStrictEqual([2.5, 3.5, -2.5, -3.5, 0.4, -0.6, 7].map(roundHalfEven), [2, 4, -2, -4, 0, -1, 7]);
  });

  it('round(x / scale) + zero_point, saturated to the zero point type (UINT8 without one)', async () => {
    const x = doubles('x', [6], [0.25, 0.75, -1, 300, 1.3, -0.25]);
    const u8 = await outputOf([q(['x', 's'])], [x, doubles('s', [], [0.5])]);
    assert.deepStrictEqual(u8, [0, 2, 0, 255, 3, 0]);
    const i8 = await outputOf([q(['x', 's', 'z'])], [x, doubles('s', [], [0.5]), int8('z', [], [-3])]);
    assert.deepStrictEqual(i8, [-3, -1, -5, 127, 0, -3]);
    const perAxis = await outputOf([q(['x', 's', 'z'], { axis: 0 })], [doubles('x', [2, 2], [1, 2, 1, 2]), doubles('s', [2], [1, 0.5]), uint8('z', [2], [0, 100])]);
    assert.deepStrictEqual(perAxis, [[1, 2], [102, 104]]);
  });

  it('a computed input: Q → DQ gives the quantized values, the gradient stops there and a note says so', async () => {
    const spec: ModelSpec = {
      opset: 13,
      nodes: [
        { op: 'Mul', name: 'twice', inputs: ['x', 'two'], outputs: ['x2'] },
        { op: 'QuantizeLinear', name: 'q', inputs: ['x2', 's', 'z'], outputs: ['xq'] },
        { op: 'DequantizeLinear', name: 'dq', inputs: ['xq', 's', 'z'], outputs: ['xd'] },
        { op: 'Mul', name: 'scaled', inputs: ['xd', 'k'], outputs: ['y'] },
      ],
      outputs: ['y'],
      inputs: [{ name: 'x', shape: [3], elemType: DOUBLE }],
      initializers: [doubles('two', [], [2]), doubles('s', [], [0.1]), int8('z', [], [0]), doubles('k', [3], [1, -1, 3])],
    };
    const model = await load(spec, { x: [0.123, -0.26, 20] });
    assertClose(model.outputs.get('y')?.toNested(), [0.2, 0.5, 38.1], 'fake-quantized 2x times k');
    assert.ok(model.notes.some(n => /'q' \(QuantizeLinear\), node 1: QuantizeLinear output is treated as a constant/.test(n)), model.notes.join('\n'));
    assert.deepStrictEqual(model.graph.leaves(model.output).map(n => n.name).sort(), ['k', 's']);
    checkGradients(model);
  });

  it('refuses output types it cannot hold, zero points of unknown type and scales that are not positive', async () => {
    const x = doubles('x', [1], [1]);
    await rejects({ opset: 21, nodes: [q(['x', 's'], { output_dtype: 6 })], initializers: [x, doubles('s', [], [1])] }, /'q'.*QuantizeLinear to INT32 is not supported/);
    await rejects({ opset: 13, nodes: [q(['x', 's'])], initializers: [x, doubles('s', [], [0])] }, /'q' \(QuantizeLinear\).*scale must be positive and finite, found 0 at entry 0/);
    await rejects({ opset: 13, nodes: [q(['v', 's'], { axis: 0 })], initializers: [doubles('v', [2], [1, 2]), doubles('s', [2], [0.5, NaN])] }, /'q'.*found NaN at entry 1/);
    await rejects({
      opset: 13,
      nodes: [{ op: 'Constant', name: 'c', inputs: [], outputs: ['z'], attrs: { value: { t: int8('', [], [0]) } } }, q(['x', 's', 'z'])],
      initializers: [x, doubles('s', [], [1])],
    }, /'q'.*zero_point must be an initializer/);
  });
});
