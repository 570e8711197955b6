// KaTeX in the Derivatives tab: a formula cannot add a link, an image, a class or a huge box, and a
// self-expanding macro stops. Rendered to a string in Node with the options the panel uses.
import * as assert from 'assert';
import katex from 'katex';
import { KATEX_OPTIONS, leafTex } from '../../../webview/tex';

function render(formula: string): string {
  return katex.renderToString(formula, { ...KATEX_OPTIONS });
}

describe('KaTeX options of the Derivatives tab', () => {
  for (const formula of ['\\href{javascript:alert(1)}{x}', '\\url{https://example.com}', '\\includegraphics{https://example.com/i.png}', '\\htmlClass{evil}{x}', '\\htmlStyle{background:url(https://example.com)}{x}', '\\htmlData{x=1}{y}']) {
    it(`renders the untrusted command as text: ${formula}`, () => {
      const html = render(formula);
      assert.ok(!/<a[\s>]|<img[\s>]|href=|class="evil"|style="[^"]*url\(|data-x=/.test(html), html);
      assert.ok(html.includes('color:#cc0000'), `not marked as an error: ${html}`);
    });
  }

  it('keeps markup in \\text as text', () => {
    const html = render('\\text{<img src=x onerror=alert(1)>}');
    assert.ok(!/<img[\s>]/.test(html), html);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), html);
  });

  it('caps a box at maxSize em', () => {
    const html = render('\\rule{100000em}{100000em}');
    const sizes = [...html.matchAll(/(?:width|height|border-right-width|border-top-width):\s*([\d.]+)em/g)].map(m => Number(m[1]));
    assert.ok(sizes.length > 0 && Math.max(...sizes) <= 20, `${JSON.stringify(sizes)}: ${html}`);
  });

  it('stops a self-expanding macro with an error instead of hanging', () => {
    const started = Date.now();
    const html = render('\\def\\a{\\a\\a}\\a');
    assert.ok(/Too many expansions/.test(html), html);
    assert.ok(Date.now() - started < 2000);
  });

  it('writes a leaf name with only safe characters', () => {
    assert.strictEqual(leafTex('w}\\href{javascript:x}{'), '\\mathrm{whrefjavascriptx}');
  });
});
