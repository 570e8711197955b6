// A name assigned a literal again makes a new leaf with one more prime (θ, θ', θ''), and the notes
// about it stay few however often the text reassigns.
import * as assert from 'assert';
import { inspect } from '../../../src/inspect';

describe('reassigned names', () => {
  it('each literal assignment of a name is its own leaf, primed in order, with its own gradient', async () => {
    const r = await inspect({ kind: 'text', text: 'x = 2.0\ny = x * x\nx = 3.0\nz = y * x\nx = 5.0\nz + x', language: 'python' }, { check: false });
    assert.deepStrictEqual(r.leaves.map(l => l.name), ['x', "x'", "x''"]);
    // z + x'' = x² · x' + x'': ∂/∂x = 2·x·x' = 12, ∂/∂x' = x² = 4, ∂/∂x'' = 1.
    assert.deepStrictEqual([...r.gradients].map(([name, g]) => [name, g.data[0]]), [['x', 12], ["x'", 4], ["x''", 1]]);
    assert.deepStrictEqual(r.notes.filter(n => n.includes('assigned a value again')), [
      "x is assigned a value again: this leaf is shown as x'",
      "x is assigned a value again: this leaf is shown as x''",
    ]);
  });

  it('3,000 reassignments make 3,000 leaves and six notes', async () => {
    const r = await inspect({ kind: 'text', text: 'θ = 0\n'.repeat(3_000) + 'θ', language: 'math' }, { check: false });
    assert.strictEqual(r.graph.nodes.filter(n => n.kind === 'leaf').length, 3_000);
    assert.strictEqual(r.notes.filter(n => n.includes('assigned a value again')).length, 6);
  });
});
