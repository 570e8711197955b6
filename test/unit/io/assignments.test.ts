import * as assert from 'assert';
import { assignedValues, assignmentOf, literalValue } from '../../../src/io/assignments';
import type { SourceLines } from '../../../src/io/source-lines';

function lines(text: string): SourceLines {
  const all = text.split('\n');
  return { lineCount: all.length, line: i => all[i], lineStart: () => 0, lineOf: () => 0, slice: () => '' };
}

describe('literalValue', () => {
  it('reads numbers, lists and array constructors with keyword arguments', () => {
    assert.strictEqual(literalValue('-2.0'), '-2.0');
    assert.strictEqual(literalValue('1e-3'), '1e-3');
    assert.strictEqual(literalValue('[[1, 2], [3, 4]]'), '[[1, 2], [3, 4]]');
    assert.strictEqual(literalValue('np.array([1.5, -0.5])'), '[1.5, -0.5]');
    assert.strictEqual(literalValue('numpy.array([[1]], dtype=float)'), '[[1]]');
    assert.strictEqual(literalValue('torch.tensor([0.1, 0.2], requires_grad=True)'), '[0.1, 0.2]');
  });

  it('refuses anything computed', () => {
    for (const rhs of ['x + 1', 'np.exp(2)', 'np.zeros(3)', '[1, 2] + y', 'f(1)', '']) {
      assert.strictEqual(literalValue(rhs), undefined, rhs);
    }
  });
});

describe('assignedValues', () => {
  const text = 'x = 1.0\ny = 2.0\n\nx = -2.0  # the lecture\nf = (x + y) * z\nz = -4\n';

  it('takes the nearest assignment above the line, then looks below', () => {
    const found = assignedValues(lines(text), ['x', 'y', 'z'], 4);
    assert.deepStrictEqual([...found].sort(), [['x', '-2.0'], ['y', '2.0'], ['z', '-4']]);
  });

  it('only looks for the names asked', () => {
    assert.deepStrictEqual([...assignedValues(lines(text), ['y'], 4)], [['y', '2.0']]);
    assert.strictEqual(assignedValues(lines(text), ['w'], 4).size, 0);
  });
});

describe('assignmentOf: one line', () => {
  it('reads name and value, the value up to a comment, without trailing blanks', () => {
    assert.deepStrictEqual(assignmentOf('  x = -2.0   # the input'), ['x', '-2.0']);
    assert.deepStrictEqual(assignmentOf('W=np.array([[1, 2], [3, 4]])'), ['W', 'np.array([[1, 2], [3, 4]])']);
    assert.deepStrictEqual(assignmentOf('θ = 0.5'), ['θ', '0.5']);
    assert.strictEqual(assignmentOf('x =   '), undefined);
    assert.strictEqual(assignmentOf('print(x)'), undefined);
  });

  it('reads a line of 200,000 blanks in one pass (the regex it replaces backtracked: 1.9 s at 40,000, minutes here)', () => {
    assert.deepStrictEqual(assignmentOf(`x = a${' '.repeat(200_000)}b`), ['x', `a${' '.repeat(200_000)}b`]);
    assert.deepStrictEqual(assignmentOf(`x = 1${' '.repeat(200_000)}# note`), ['x', '1']);
  });
});
