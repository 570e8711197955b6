// The values written above a formula: `<!-- values: … -->` comments (Markdown) and `values: …` lines
// (plain text, optionally behind #, % or //).
import * as assert from 'assert';
import { parseBindings } from '../../../src/lang/bindings';
import { findValuesAbove } from '../../../src/lang/values-above';

describe('findValuesAbove: comments', () => {
  const doc = '<!-- values: x=0.3, w_0=2 -->\n$w_0 x$\n\n<!-- values:\n  y = 1 -->\n$y^2$\n';
  it('the comment above the formula', () => assert.strictEqual(findValuesAbove(doc, doc.indexOf('$w_0')), 'x=0.3, w_0=2'));
  it('the nearest one above, over lines', () => assert.strictEqual(findValuesAbove(doc, doc.indexOf('$y^2')), 'y = 1'));
  it('none above', () => assert.strictEqual(findValuesAbove(doc, 3), undefined));
  it('other comments are not values', () => assert.strictEqual(findValuesAbove('<!-- note: x=1 -->\n$x$', 20), undefined));
  it('reads as bindings', () => {
    const bindings = parseBindings(findValuesAbove(doc, doc.indexOf('$w_0')) ?? '');
    assert.deepStrictEqual([...bindings].map(([k, v]) => [k, v.data[0]]), [['x', 0.3], ['w_0', 2]]);
  });
  it('a comment below does not count', () => assert.strictEqual(findValuesAbove('$x$\n<!-- values: x=1 -->', 0), undefined));
  it('a comment earlier on the formula\'s line counts', () => {
    const text = '<!-- values: x=2 --> so $x^2$';
    assert.strictEqual(findValuesAbove(text, text.indexOf('x^2')), 'x=2');
  });
});

describe('findValuesAbove: lines', () => {
  // The convention examples/lecture.txt documents.
  const lecture = 'Intro.\n\nvalues: x=-2, y=5, z=-4\n(x + y) * z\n\nvalues: x=0.3\nsin(5 * exp(x))\n';
  it('the `values:` line above the formula', () => assert.strictEqual(findValuesAbove(lecture, lecture.indexOf('(x + y)')), 'x=-2, y=5, z=-4'));
  it('the nearest line above', () => assert.strictEqual(findValuesAbove(lecture, lecture.indexOf('sin(')), 'x=0.3'));
  it('none above', () => assert.strictEqual(findValuesAbove(lecture, lecture.indexOf('\nvalues')), undefined));
  it('behind a line-comment marker, indented, any case', () => {
    for (const line of ['# values: a=1', '  % values: a=1', '// Values : a=1 ']) {
      assert.strictEqual(findValuesAbove(`${line}\na`, line.length + 1), 'a=1', line);
    }
  });
  it('a line must start with the word', () => assert.strictEqual(findValuesAbove('the values: a=1\na', 17), undefined));
  it('a line that ends after the offset does not count', () => assert.strictEqual(findValuesAbove('values: a=1 and $a$', 17), undefined));
  it('the nearer of a comment and a line wins', () => {
    const text = '<!-- values: a=1 -->\nvalues: a=2\nx\n<!-- values: a=3 -->\ny';
    assert.strictEqual(findValuesAbove(text, text.indexOf('x')), 'a=2');
    assert.strictEqual(findValuesAbove(text, text.indexOf('y')), 'a=3');
  });
});
