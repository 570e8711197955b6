// The notes inspect() adds for every view: where the first NaN/∞ comes from (line:column of the op
// in the text, or the ONNX node), and that an expression without variables has nothing to differentiate.
import * as assert from 'assert';
import { Tensor } from '../../../src/engine/tensor';
import { inspect, NOTHING_TO_DIFFERENTIATE } from '../../../src/inspect';
import { modelBytes } from '../model/onnx-writer';

async function notesOf(text: string, at: Record<string, number>): Promise<string[]> {
  const bindings = new Map(Object.entries(at).map(([name, v]) => [name, Tensor.scalar(v)]));
  return (await inspect({ kind: 'text', text, language: 'python' }, { bindings, check: false })).notes;
}

describe('inspection notes', () => {
  it('names the line:column and op of the first non-finite value and gradient in text', async () => {
    assert.ok((await notesOf('a = 1.0\nb = a + log(x)\nb', { x: 0 })).includes('the first non-finite value comes from log at 2:9'));
    assert.ok((await notesOf('2 * sqrt(x)', { x: 0 })).includes('the first non-finite gradient comes from the derivative of sqrt at 1:5'));
    assert.ok((await notesOf('x ** 0.5', { x: 0 })).includes('the first non-finite gradient comes from the derivative of ^ at 1:1'));
  });

  it('names the ONNX node of the first non-finite value and gradient in a model', async () => {
    const model = async (op: string): Promise<string[]> => (await inspect(
      { kind: 'onnx', bytes: modelBytes({ opset: 13, nodes: [{ op, name: 'layer1/f', inputs: ['x'], outputs: ['y'] }], inputs: [{ name: 'x', shape: [2] }] }), fileName: 'm.onnx' },
      { model: { inputs: { x: [0, 1] }, loss: 'sum' }, check: false },
    )).notes;
    assert.ok((await model('Log')).includes('the first non-finite value comes from ONNX node layer1/f (Log)'));
    assert.ok((await model('Sqrt')).includes('the first non-finite gradient comes from the derivative of ONNX node layer1/f (Sqrt)'));
  });

  it('says there is nothing to differentiate without variables, and not otherwise', async () => {
    assert.ok((await notesOf('3 * 2', {})).includes(NOTHING_TO_DIFFERENTIATE));
    assert.ok(!(await notesOf('3 * x', { x: 1 })).includes(NOTHING_TO_DIFFERENTIATE));
  });
});
