// The gradient-flow layers on their way to the panel: the fixture's layers, non-finite as null,
// the rules and the batch axis beside them, accepted by the panel's validation.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LayerFlow } from '../../../src/engine/gradient-flow';
import { inspect } from '../../../src/inspect';
import { Tensor } from '../../../src/engine/tensor';
import { toWireGradientFlow, toWireInspection } from '../../../src/wire';
import { inspectionProblem } from '../../../webview/messages';
import { FIXTURES } from '../fixtures';

describe('toWireGradientFlow', () => {
  it('sends every layer of an ONNX model with its flags, rules and batch axis', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'onnx', 'gradient_flow_relu_dead.onnx')));
    const inspection = await inspect({ kind: 'onnx', bytes, fileName: 'gradient_flow_relu_dead.onnx' }, { check: false, model: { dims: { batch: 3 } } });
    const wire = toWireInspection(inspection, 'relu.onnx');
    const flow = wire.gradientFlow;
    assert.ok(flow);
    assert.deepStrictEqual(flow.layers.map(l => l.name), ['0', '1', '2', '3', '4', '5', '6']);
    assert.deepStrictEqual(flow.layers[3].flags, ['dead-relu']);
    assert.deepStrictEqual(flow.batchAxis, { name: 'batch', size: 3 });
    assert.match(flow.rules['dead-relu'], /more than 50%/);
    assert.strictEqual(inspectionProblem(wire), undefined);
  });

  it('turns non-finite norms and ratios into null', () => {
    const layer: LayerFlow = {
      name: 'x', depth: 0, ops: ['Exp'], activationNorm: Infinity, gradientNorm: NaN, flags: ['exploding'],
      parameters: [{ name: 'w', shape: [1], norm: 0, gradientNorm: 1, ratio: NaN }],
    };
    const flow = toWireGradientFlow([layer], undefined);
    assert.deepStrictEqual(flow.layers[0], { ...layer, activationNorm: null, gradientNorm: null, parameters: [{ name: 'w', shape: [1], norm: 0, gradientNorm: 1, ratio: null }] });
    assert.strictEqual(flow.batchAxis, undefined);
  });

  it('sends nothing for an expression without layers', async () => {
    const inspection = await inspect({ kind: 'text', text: 'x * x', language: 'math' }, { check: false, bindings: new Map([['x', Tensor.scalar(3)]]) });
    assert.strictEqual(toWireInspection(inspection, 'x').gradientFlow, undefined);
  });
});
