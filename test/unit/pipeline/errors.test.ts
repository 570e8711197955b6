// Errors found while computing (shapes that do not fit) carry the place of the node that failed:
// a source range for text, the model node for ONNX.
import * as assert from 'assert';
import { InspectError, lineColumnAt } from '../../../src/engine/errors';
import { Tensor } from '../../../src/engine/tensor';
import { inspect } from '../../../src/inspect';

async function inspectError(text: string, bindings = new Map<string, Tensor>()): Promise<InspectError> {
  try {
    await inspect({ kind: 'text', text }, { bindings, check: false });
  } catch (e) {
    assert.ok(e instanceof InspectError, `not an InspectError: ${e}`);
    return e;
  }
  throw new Error(`no error for ${text}`);
}

describe('errors found in the forward pass', () => {
  it('a broadcast failure names the line and column of the operation', async () => {
    const text = 'a = np.ones(3)\nb = np.ones((2, 2))\nc = a + b';
    const e = await inspectError(text);
    assert.strictEqual(e.kind, 'shape');
    assert.ok(e.range, 'the error has a range');
    assert.deepStrictEqual(lineColumnAt(text, e.range.start), { line: 3, column: 5 });
    assert.strictEqual(text.slice(e.range.start, e.range.end), 'a + b');
    assert.match(e.message, /\(3,\) and \(2, 2\)/);
  });

  it('a matmul of misaligned shapes points at the product', async () => {
    const text = 'y = 2 * (W @ x)';
    const e = await inspectError(text, new Map([['W', Tensor.fromNested([[1, 2], [3, 4]])], ['x', Tensor.fromNested([1, 2, 3])]]));
    assert.strictEqual(e.kind, 'shape');
    assert.strictEqual(text.slice(e.range?.start, e.range?.end), '(W @ x)');
  });
});
