import * as assert from 'assert';
import { guessForm, proposeValues } from '../../../src/extension/prefill';
import { parseBindings } from '../../../src/lang/bindings';

describe('proposeValues', () => {
  it('guesses a matrix left of @, a vector right of @ or when indexed, else a scalar', () => {
    const text = 'loss = np.sum(W @ x + b) + v[0] * c';
    assert.strictEqual(guessForm('W', text), 'matrix');
    assert.strictEqual(guessForm('x', text), 'vector');
    assert.strictEqual(guessForm('v', text), 'vector');
    assert.strictEqual(guessForm('b', text), 'scalar');
    assert.strictEqual(guessForm('c', text), 'scalar');
  });

  it('is deterministic, non-zero, and reads back with parseBindings in the right shapes', () => {
    const text = 'W @ x + b';
    const proposal = proposeValues(['W', 'x', 'b'], text);
    assert.strictEqual(proposal, proposeValues(['W', 'x', 'b'], text));
    const bindings = parseBindings(proposal);
    assert.deepStrictEqual(bindings.get('W')?.shape, [2, 2]);
    assert.deepStrictEqual(bindings.get('x')?.shape, [2]);
    assert.deepStrictEqual(bindings.get('b')?.shape, []);
    for (const t of bindings.values()) {
      for (const v of t.data) { assert.ok(Math.abs(v) >= 0.1 && Math.abs(v) <= 1, `value ${v}`); }
    }
  });
});
