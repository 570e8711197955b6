// The tiny GPT exported by PyTorch (scripts/fixtures/gpt_tiny.py): dynamic batch and sequence axes,
// the causal mask built from the run-time sequence length, token ids given or generated within
// the vocabulary, and --dim; and the exporter's merged initializers. Its float64 references are
// checked in fixtures.test.ts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { backward, forward } from '../../../src/engine/autograd';
import { InspectError } from '../../../src/engine/errors';
import { ImportedModel, ModelOptions, importOnnx } from '../../../src/model/import';
import { FIXTURES, assertClose } from '../fixtures';
import { DOUBLE, modelBytes } from './onnx-writer';

const VOCAB = 32;

function bytesOf(folder: string, name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(FIXTURES, folder, name)));
}

async function gpt(options: ModelOptions): Promise<ImportedModel> {
  return importOnnx(bytesOf('onnx', 'gpt_tiny_relu.onnx'), 'gpt_tiny_relu.onnx', options);
}

function logits(model: ImportedModel): number[][][] {
  return model.outputs.get('logits')?.toNested() as number[][][];
}

describe('tiny GPT on token ids (ONNX, dynamic axes)', () => {
  const ids = [[3, 17, 0, 31, 8, 8, 20], [5, 5, 1, 29, 12, 2, 30]];

  it('causal: the logits of a prefix equal the first positions of the whole sequence, for any length', async () => {
    const whole = logits(await gpt({ inputs: { ids } }));
    assert.deepStrictEqual([whole.length, whole[0].length, whole[0][0].length], [2, 7, VOCAB]);
    for (const length of [1, 3, 6]) {
      const prefix = logits(await gpt({ inputs: { ids: ids.map(row => row.slice(0, length)) } }));
      assertClose(prefix, whole.map(row => row.slice(0, length)), `prefix of ${length} tokens`);
    }
  });

  it('a batch row does not depend on the other rows; the notes say where the sizes came from', async () => {
    const model = await gpt({ inputs: { ids: [ids[1], ids[0], ids[1]] } });
    const both = logits(await gpt({ inputs: { ids } }));
    assertClose(logits(model)[1], both[0], 'row 0 moved to row 1');
    assert.ok(model.notes.includes("dynamic dimensions: batch = 3 (input 'ids'), sequence = 7 (input 'ids')"), model.notes.join('\n'));
  });

  it('token ids not given are generated within the vocabulary the embedding Gather tells, sized by --dim', async () => {
    const model = await gpt({ dims: { sequence: 6, batch: 2 }, seed: 4 });
    assert.deepStrictEqual(model.outputs.get('logits')?.shape, [2, 6, VOCAB]);
    assert.ok(model.notes.includes("input 'ids' (2, 6): random integers in [0, 32) (seed 4), the range of the axis a Gather indexes with them"), model.notes.join('\n'));
    assert.ok(model.notes.includes('dynamic dimensions: sequence = 6 (--dim), batch = 2 (--dim)'), model.notes.join('\n'));
    const again = await gpt({ dims: { sequence: 6, batch: 2 }, seed: 4 });
    assert.deepStrictEqual(logits(again), logits(model));
    const other = await gpt({ dims: { sequence: 6, batch: 2 }, seed: 5 });
    assert.notDeepStrictEqual(logits(other), logits(model));
  });

  it('a --dim that names no dimension, or disagrees with a given input, is an error naming both', async () => {
    await assert.rejects(gpt({ dims: { seq: 4 } }), (e: unknown) => e instanceof InspectError && e.message === "--dim 'seq': the model's inputs have no dimension of that name; they have 'batch', 'sequence'");
    await assert.rejects(gpt({ dims: { sequence: 4 }, inputs: { ids } }), (e: unknown) => e instanceof InspectError && e.message === "dimension 'sequence' is 4 (--dim) but 7 (input 'ids')");
    await assert.rejects(gpt({ dims: { batch: 0 } }), /a size is a positive integer/);
  });

  it('token ids that are not integers are refused, naming the entry', async () => {
    await assert.rejects(gpt({ inputs: { ids: [[1, 2.5]] } }), (e: unknown) => e instanceof InspectError && e.message === "input 'ids' is of type INT64, but entry [0, 1] is 2.5; expected an integer");
  });

  it('a token id outside the vocabulary is refused at the embedding Gather', async () => {
    await assert.rejects(gpt({ inputs: { ids: [[1, 32]] } }), (e: unknown) => e instanceof InspectError && /index 32 out of range for axis 0 of size 32/.test(e.message) && /Gather/.test(e.node ?? ''));
  });
});

describe('generated token ids', () => {
  it('keep within the vocabulary when the ids are reshaped and cast before the embedding Gather', async () => {
    const bytes = modelBytes({
      opset: 13,
      nodes: [
        { op: 'Reshape', inputs: ['ids', 'flat'], outputs: ['ids_flat'] },
        { op: 'Cast', inputs: ['ids_flat'], outputs: ['ids_int'], attrs: { to: 7 } },
        { op: 'Gather', inputs: ['table', 'ids_int'], outputs: ['y'] },
      ],
      initializers: [
        { name: 'table', dims: [3, 1], dataType: DOUBLE, values: [10, 20, 30] },
        { name: 'flat', dims: [1], dataType: 7, values: [-1] },
      ],
      inputs: [{ name: 'ids', shape: ['batch', 'sequence'], elemType: 7 }],
    });
    const model = await importOnnx(bytes, 'ids.onnx', { dims: { batch: 4, sequence: 50 } });
    const rows = (model.outputs.get('y')?.toNested() as number[][]).map(r => r[0]);
    assert.strictEqual(rows.length, 200);
    assert.deepStrictEqual([...new Set(rows)].sort(), [10, 20, 30]);
    assert.ok(model.notes.includes("input 'ids' (4, 50): random integers in [0, 3) (seed 0), the range of the axis a Gather indexes with them"), model.notes.join('\n'));
  });
});

describe('dynamic dimensions shared by inputs', () => {
  it('an input not given takes the sizes its named dimensions have in a given one', async () => {
    const bytes = modelBytes({
      opset: 13,
      nodes: [
        { op: 'Gather', inputs: ['table', 'ids'], outputs: ['e'] },
        { op: 'Unsqueeze', inputs: ['mask', 'last'], outputs: ['m'] },
        { op: 'Mul', inputs: ['e', 'm'], outputs: ['y'] },
      ],
      initializers: [{ name: 'table', dims: [4, 2], dataType: DOUBLE, values: [1, 2, 3, 4, 5, 6, 7, 8] }, { name: 'last', dims: [1], dataType: 7, values: [2] }],
      inputs: [{ name: 'ids', shape: ['batch', 'sequence'], elemType: 7 }, { name: 'mask', shape: ['batch', 'sequence'], elemType: DOUBLE }],
    });
    const model = await importOnnx(bytes, 'two.onnx', { inputs: { ids: [[0, 1, 2], [3, 3, 3]] } });
    assert.deepStrictEqual(model.outputs.get('y')?.shape, [2, 3, 2]);
    assert.ok(model.notes.includes("input 'mask' (2, 3): random normal values (seed 0)"), model.notes.join('\n'));
    assert.ok(!model.notes.some(n => /taken as 1/.test(n)), model.notes.join('\n'));
  });
});

describe('initializers merged by the exporter', () => {
  it('Identity nodes of an initializer share its leaf (gradients summed) and the notes name them', async () => {
    const bytes = modelBytes({
      opset: 13,
      nodes: [
        { op: 'Identity', inputs: ['ln1.weight'], outputs: ['ln2.weight'] },
        { op: 'Mul', inputs: ['x', 'ln1.weight'], outputs: ['a'] },
        { op: 'Mul', inputs: ['a', 'ln2.weight'], outputs: ['y'] },
      ],
      initializers: [{ name: 'ln1.weight', dims: [2], dataType: DOUBLE, values: [1, 1] }],
      inputs: [{ name: 'x', shape: [2], elemType: DOUBLE }],
    });
    const model = await importOnnx(bytes, 'merged.onnx', { inputs: { x: [2, 3] }, loss: 'sum' });
    assert.ok(model.notes.includes("'ln2.weight' is an Identity node of initializer 'ln1.weight' (the exporter merges equal initializers): its gradient is the sum over all of them"), model.notes.join('\n'));
    const order = model.graph.order(model.output);
    forward(model.graph, model.output, order);
    backward(model.graph, model.output, order);
    const leaves = model.graph.leaves(model.output);
    assert.deepStrictEqual(leaves.map(l => l.name).sort(), ['ln1.weight', 'x']);
    assert.deepStrictEqual(leaves.find(l => l.name === 'ln1.weight')?.grad?.toNested(), [4, 6]);
  });

  it('a long list of merged names is cut after four, counting the rest', async () => {
    const aliases = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];
    const bytes = modelBytes({
      opset: 13,
      nodes: aliases.map(a => ({ op: 'Identity', inputs: ['b0'], outputs: [a] })),
      initializers: [{ name: 'b0', dims: [1], dataType: DOUBLE, values: [0] }],
      inputs: [{ name: 'x', shape: [1], elemType: DOUBLE }],
      outputs: aliases,
    });
    const model = await importOnnx(bytes, 'merged.onnx', { inputs: { x: [1] }, output: 'b1' });
    assert.ok(model.notes.includes("'b1', 'b2', 'b3', 'b4' and 2 more are Identity nodes of initializer 'b0' (the exporter merges equal initializers): its gradient is the sum over all of them"), model.notes.join('\n'));
  });
});
