// The module a name of a PyTorch export belongs to: the gradient-flow layer (its whole path) and the
// graph's folding group (its first part) come from one rule.
import * as assert from 'assert';
import { layerNameOf, modulePathOf, topModuleOf } from '../../../src/model/module-path';

describe('module paths of exported names', () => {
  it('drops the op of a node name and the parameter of an initializer name', () => {
    assert.strictEqual(modulePathOf('/layers.0/attn/MatMul'), 'layers.0.attn');
    assert.strictEqual(modulePathOf('/0/Gemm'), '0');
    assert.strictEqual(modulePathOf('layers.0.attn.q.weight'), 'layers.0.attn.q');
    assert.strictEqual(modulePathOf('4.bias'), '4');
  });

  it('gives unscoped names no module', () => {
    assert.strictEqual(modulePathOf('/Split'), undefined);
    assert.strictEqual(modulePathOf('Conv_3'), undefined);
    assert.strictEqual(modulePathOf(''), undefined);
    assert.strictEqual(modulePathOf('//'), undefined);
  });

  it('folds by the top-level module', () => {
    assert.strictEqual(topModuleOf('/layers.0/attn/MatMul'), 'layers');
    assert.strictEqual(topModuleOf('layer1.conv.weight'), 'layer1');
    assert.strictEqual(topModuleOf('Gemm_0'), undefined);
  });

  it('names a layer by its module, else by the node, else by its first output', () => {
    assert.strictEqual(layerNameOf('/blocks.1/attn/proj/MatMul', 'y'), 'blocks.1.attn.proj');
    assert.strictEqual(layerNameOf('/Softmax', 'y'), '/Softmax');
    assert.strictEqual(layerNameOf('', 'onnx::Gemm_7'), 'onnx::Gemm_7');
  });
});
