// Every PyTorch-exported model in test/fixtures/onnx against PyTorch's float64 output, loss and
// gradients (loss l2 = ½·Σy² over the first output).
import * as assert from 'assert';
import { backward, forward } from '../../../src/engine/autograd';
import { importOnnx } from '../../../src/model/import';
import { assertClose } from '../fixtures';
import { onnxFixtures } from './onnx-fixtures';

describe('ONNX fixtures exported by PyTorch', () => {
  const fixtures = onnxFixtures();

  it('finds the fixtures', () => {
    assert.ok(fixtures.length >= 3, `${fixtures.length} fixtures`);
  });

  for (const { name, bytes, spec } of fixtures) {
    it(`${name} (${spec.ops.join(', ')}): output, loss and every gradient match PyTorch float64`, async () => {
      const model = await importOnnx(bytes, name, { inputs: spec.inputs, loss: spec.loss });
      const order = model.graph.order(model.output);
      const loss = forward(model.graph, model.output, order);
      backward(model.graph, model.output, order);
      const [outputName, outputValue] = [...model.outputs][0];
      assertClose(outputValue.toNested(), spec.expected.output, `${name} output '${outputName}'`);
      assertClose(loss.item(), spec.expected.loss, `${name} loss`);
      const leaves = new Map(model.graph.leaves(model.output).map(n => [n.name, n]));
      for (const [leafName, expected] of Object.entries(spec.expected.grads)) {
        const leaf = leaves.get(leafName);
        assert.ok(leaf, `${name}: no leaf '${leafName}' (leaves: ${[...leaves.keys()].join(', ')})`);
        assert.ok(leaf.grad, `${name}: no gradient for '${leafName}'`);
        assertClose(leaf.grad.toNested(), expected, `${name} d loss / d ${leafName}`);
      }
      assert.deepStrictEqual([...leaves.keys()].sort(), Object.keys(spec.expected.grads).sort());
    });
  }
});
