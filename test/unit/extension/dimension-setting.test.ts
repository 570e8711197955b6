// The gradientInspector.onnx.dimensions setting: its reading (an object of positive integers, else
// an error naming the entry) and its use by the ONNX import on the tiny GPT with dynamic batch and
// sequence axes: sizes for the names the model has, ignored for others, below --dim and given inputs,
// and named in the notes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { InspectError } from '../../../src/engine/errors';
import { dimensionDefaults } from '../../../src/extension/dimension-setting';
import { ImportedModel, ModelOptions, importOnnx } from '../../../src/model/import';
import { FIXTURES } from '../fixtures';

const SETTING = 'setting gradientInspector.onnx.dimensions';

async function gpt(options: ModelOptions): Promise<ImportedModel> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'onnx', 'gpt_tiny_relu.onnx')));
  return importOnnx(bytes, 'gpt_tiny_relu.onnx', options);
}

const refusal = (pattern: string) => (e: unknown): boolean => e instanceof InspectError && e.message === pattern;

describe('setting gradientInspector.onnx.dimensions', () => {
  it('reads an object of positive integers; unset is no sizes', () => {
    assert.deepStrictEqual(dimensionDefaults({ batch: 2, sequence: 64 }), { batch: 2, sequence: 64 });
    assert.deepStrictEqual(dimensionDefaults({}), {});
    assert.deepStrictEqual(dimensionDefaults(undefined), {});
    assert.deepStrictEqual(dimensionDefaults(null), {});
  });

  it('anything else is an error naming the setting and the entry', () => {
    assert.throws(() => dimensionDefaults([2, 64]), refusal(`${SETTING} must be an object of dimension names and sizes, such as {"batch": 2, "sequence": 64}`));
    assert.throws(() => dimensionDefaults('batch=2'), /must be an object of dimension names and sizes/);
    assert.throws(() => dimensionDefaults({ batch: 2, sequence: 0 }), refusal(`${SETTING}: 'sequence' is 0; a size is a positive integer`));
    assert.throws(() => dimensionDefaults({ batch: 2.5 }), refusal(`${SETTING}: 'batch' is 2.5; a size is a positive integer`));
    assert.throws(() => dimensionDefaults({ batch: '2' }), refusal(`${SETTING}: 'batch' is '"2"'; a size is a positive integer`));
    assert.throws(() => dimensionDefaults({ batch: 2 ** 60 }), /'batch' is .*; a size is a positive integer/);
  });

  it('sizes the dimensions a model has, ignores the names it lacks, and the notes say so', async () => {
    const model = await gpt({ dimensionDefaults: { batch: 3, sequence: 5, channels: 7 } });
    assert.deepStrictEqual(model.outputs.get('logits')?.shape, [3, 5, 32]);
    assert.ok(model.notes.includes(`dynamic dimensions: batch = 3 (${SETTING}), sequence = 5 (${SETTING})`), model.notes.join('\n'));
  });

  it('--dim and the given inputs come first; the setting fills only what they leave open', async () => {
    const dimFirst = await gpt({ dims: { sequence: 4 }, dimensionDefaults: { batch: 2, sequence: 9 } });
    assert.deepStrictEqual(dimFirst.outputs.get('logits')?.shape, [2, 4, 32]);
    assert.ok(dimFirst.notes.includes(`dynamic dimensions: sequence = 4 (--dim), batch = 2 (${SETTING})`), dimFirst.notes.join('\n'));
    const given = await gpt({ inputs: { ids: [[1, 2, 3]] }, dimensionDefaults: { batch: 4, sequence: 9 } });
    assert.deepStrictEqual(given.outputs.get('logits')?.shape, [1, 3, 32]);
  });

  it('a bad size reaching the import is an error naming the setting', async () => {
    await assert.rejects(gpt({ dimensionDefaults: { batch: 0 } }), refusal(`${SETTING}: 'batch' is 0; a size is a positive integer`));
  });
});
