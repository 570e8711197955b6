// LaTeX → SVG data: URI for hovers: a self-contained image in the given colour and at text size,
// undefined for TeX errors and over-long formulas, and one render per formula and colour.
import * as assert from 'assert';
import { MAX_LATEX_LENGTH, texToSvgDataUri } from '../../../src/extension/math-image';

const PREFIX = 'data:image/svg+xml;base64,';
const DARK = { color: '#e0e0e0', display: true };

function svgOf(uri: string | undefined): string {
  assert.ok(uri !== undefined && uri.startsWith(PREFIX), `not an SVG data URI: ${uri?.slice(0, 60)}`);
  return new TextDecoder().decode(Uint8Array.from(atob(uri.slice(PREFIX.length)), c => c.charCodeAt(0)));
}

function pixels(svg: string, attribute: 'width' | 'height'): number {
  const match = new RegExp(`<svg[^>]* ${attribute}="([\\d.]+)px"`).exec(svg);
  assert.ok(match, `no ${attribute} in px on the root <svg>: ${svg.slice(0, 300)}`);
  return Number(match[1]);
}

describe('math image (LaTeX → SVG data URI)', () => {
  it('renders 5 cos(5 e^x) e^x as an SVG of glyph paths with nothing outside the document', () => {
    const svg = svgOf(texToSvgDataUri('5 \\cos(5 e^{x}) e^{x}', DARK));
    assert.ok(svg.startsWith('<svg'), svg.slice(0, 80));
    assert.ok(svg.trimEnd().endsWith('</svg>'));
    assert.ok(svg.includes('xmlns="http://www.w3.org/2000/svg"'), 'an SVG image needs its namespace');
    // 5, c, o, s, (, e, x, ): one outline per distinct glyph.
    assert.ok((svg.match(/<path /g) ?? []).length >= 8, svg);
    const withoutNamespaces = svg.replace(/xmlns(?::\w+)?="[^"]*"/g, '');
    assert.ok(!/https?:|url\(|<image|<script|<foreignObject/i.test(withoutNamespaces), withoutNamespaces);
    const references = [...svg.matchAll(/(?:xlink:)?href="([^"]*)"/g)].map(m => m[1]);
    assert.ok(references.length > 0, 'a glyph used twice (5, e) is one path and <use> references');
    for (const reference of references) {
      const id = reference.slice(1);
      assert.ok(reference.startsWith('#') && svg.includes(`id="${id}"`), `reference ${reference} is not to an element of this SVG`);
    }
  });

  it('draws in the colour given, at 8 px per ex', () => {
    const svg = svgOf(texToSvgDataUri('x^{2} + y', { color: '#1f1f1f', display: false }));
    assert.ok(svg.includes('fill="currentColor"'), 'MathJax fills with currentColor');
    assert.ok(/<svg[^>]* style="color: #1f1f1f"/.test(svg), svg.slice(0, 300));
    assert.ok(!/\d ?ex"/.test(svg), 'no size left in ex');
    // x² + y at text size: about 5.6 ex wide and 2.3 ex high in MathJax's TeX font.
    const width = pixels(svg, 'width');
    const height = pixels(svg, 'height');
    assert.ok(width > 30 && width < 60, `width ${width}px`);
    assert.ok(height > 12 && height < 24, `height ${height}px`);
  });

  it('is undefined for a TeX error: unbalanced braces, an unknown command', () => {
    assert.strictEqual(texToSvgDataUri('\\frac{', DARK), undefined);
    assert.strictEqual(texToSvgDataUri('\\notACommand{x}', DARK), undefined);
  });

  it('is undefined for a formula longer than the limit, rendered up to it', () => {
    const term = 'x + ';
    const atLimit = `${term.repeat(Math.floor((MAX_LATEX_LENGTH - 1) / term.length))}x`;
    assert.ok(atLimit.length <= MAX_LATEX_LENGTH);
    assert.strictEqual(texToSvgDataUri(`${atLimit}${' + x'.repeat(10)}`, DARK), undefined);
    const short = svgOf(texToSvgDataUri(atLimit.slice(0, 40), DARK));
    assert.ok(short.includes('<path'));
  });

  it('encodes text without a TeX glyph, written as characters, in UTF-8', () => {
    const svg = svgOf(texToSvgDataUri('\\text{∂é} = 1', DARK));
    assert.ok(svg.includes('>é</text>'), svg);
  });

  it('returns the cached string for the same formula and colour, a new one for another colour', () => {
    const latex = '\\frac{\\partial\\,\\mathrm{output}}{\\partial w_{0}} = x_{0} \\sigma(z) \\left(1 - \\sigma(z)\\right)';
    const first = texToSvgDataUri(latex, DARK);
    assert.ok(first);
    assert.strictEqual(texToSvgDataUri(latex, DARK), first);
    const light = texToSvgDataUri(latex, { color: '#1f1f1f', display: true });
    assert.ok(light && light !== first);
    assert.ok(svgOf(light).includes('color: #1f1f1f'));
  });

  it('refuses a colour that is not #rgb or #rrggbb', () => {
    assert.throws(() => texToSvgDataUri('x', { color: 'red"/><script>', display: true }), RangeError);
  });

  it('keeps markup in a formula\'s text as glyphs or escaped text, and has no \\href to follow', () => {
    const svg = svgOf(texToSvgDataUri('\\text{<script>alert(1)</script> & é}', DARK));
    assert.ok(!/<script|<a[\s>]|javascript:/i.test(svg), svg);
    assert.ok(!/ & /.test(svg), 'a raw ampersand in the SVG text');
    assert.strictEqual(texToSvgDataUri('\\href{javascript:alert(1)}{x}', DARK), undefined);
  });
});
