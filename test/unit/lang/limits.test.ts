// Big and hostile inputs: long chains lower without recursion; deep nesting is refused cleanly.
import * as assert from 'assert';
import { assertClose } from '../fixtures';
import { MAX_NESTING } from '../../../src/lang/nesting';
import { evaluate, gradientOf, inspectErrorOf, scalarBindings } from './run';

describe('front-end limits', function () {
  // Sizes well beyond what recursion could handle; generous time for a loaded test machine.
  this.timeout(20_000);

  it('a 30,000-term sum parses, lowers and differentiates', () => {
    const terms = 30_000;
    const text = Array.from({ length: terms }, (_, i) => (i % 2 === 0 ? 'x' : 'y*x')).join(' + ');
    const result = evaluate(text, 'math', scalarBindings({ x: 0.5, y: 3 }));
    assertClose(result.value.toNested(), (terms / 2) * (0.5 + 1.5), 'value');
    assertClose(gradientOf(result, 'x').toNested(), (terms / 2) * (1 + 3), 'd/dx');
    assertClose(gradientOf(result, 'y').toNested(), (terms / 2) * 0.5, 'd/dy');
  });

  it('a 20,000-long method chain', () => {
    const text = 'x = np.array([1.0, 2.0])\nx' + '.sum()'.repeat(20_000);
    const result = evaluate(text, 'python');
    assertClose(result.value.toNested(), 3, 'value');
    assertClose(gradientOf(result, 'x').toNested(), [1, 1], 'dx');
  });

  it('a 100,000-entry array literal', () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => (i % 7) - 3);
    const result = evaluate(`w = np.array([${entries.join(', ')}])\n(w * w).sum()`, 'python');
    assertClose(result.value.toNested(), entries.reduce((s, v) => s + v * v, 0), 'value');
    assert.deepStrictEqual(gradientOf(result, 'w').shape, [100_000]);
  });

  it('nesting up to the limit works; deeper is a located limit error', () => {
    const nested = (depth: number): string => '('.repeat(depth) + 'x' + ')'.repeat(depth);
    assertClose(evaluate(nested(MAX_NESTING - 1), 'math', scalarBindings({ x: 2 })).value.toNested(), 2, 'value');
    const err = inspectErrorOf(() => evaluate(nested(100_000), 'math', scalarBindings({ x: 2 })));
    assert.strictEqual(err.kind, 'limit');
    assert.match(err.message, new RegExp(`nested more than ${MAX_NESTING} levels`));
    assert.deepStrictEqual(err.range, { start: MAX_NESTING, end: MAX_NESTING + 1 });
    assert.strictEqual(inspectErrorOf(() => evaluate('-'.repeat(50_000) + 'x', 'python', scalarBindings({ x: 1 }))).kind, 'limit');
  });

  it('impossible shapes in constructors are located value errors, not allocations', () => {
    for (const call of ['np.zeros(-1)', 'np.eye(100000)', 'torch.randn(100000, 100000)', 'np.ones((2, -3))']) {
      const text = `w = ${call}\nw.sum()`;
      const err = inspectErrorOf(() => evaluate(text, 'python'));
      assert.strictEqual(err.kind, 'value', call);
      assert.deepStrictEqual(err.range, { start: 4, end: 4 + call.length });
    }
    assert.strictEqual(inspectErrorOf(() => evaluate('np.random.randn(2.5).sum()', 'python')).kind, 'unsupported');
  });

  it('garbage does not crash: every failure is an InspectError', () => {
    const inputs = ['(((', ']]]', 'x..y', '@@', '**', 'np.', 'x[', 'x[1:2:3:4]', 'f(x=', '"abc', "z = 'a'\nz", 'x = = 1', '\\', '1e+', '.', 'x y )', 'sin()', 'max(x)(', 'np.sum(x, axis=x)'];
    for (const text of inputs) {
      for (const language of ['math', 'python'] as const) {
        assert.ok(inspectErrorOf(() => evaluate(text, language, scalarBindings({ x: 1, y: 1 }))).message.length > 0, text);
      }
    }
  });
});
