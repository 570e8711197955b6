// Hover Markdown from typed pieces, rendered by marked (the Markdown renderer VS Code's hovers use):
// hostile text in any piece stays text in the paragraph it was put in.
import * as assert from 'assert';
import { marked } from 'marked';
import { visibleLine } from '../../../src/visible-text';
import { Block, code, codeSpan, escapeText, hoverMarkdown, MAX_PIECE_LENGTH, md, paragraph, strong, strongCode } from '../../../src/extension/hover-markdown';

const HOSTILE = [
  'a`b``c```d',
  '`leading and trailing`',
  'x + (\n\n# ![](https://example.com/i.png)\n)',
  '![](http://x)',
  '<img src=x onerror=alert(1)>',
  '[link](command:workbench.action.terminal.new)',
  '<http://example.com> https://example.com www.example.com a@example.com',
  '$x$ $$y$$ \\(z\\) \\',
  '<!-- comment --> &amp; &#x41; &lt;',
  '**bold** _em_ ~~s~~ | a | b |\n---\n> quote\n- item\n1. item',
  '$(alert) \\u001b',
  'x\u001b]0;title\u0007y\u202ez\u2028w\tv',
];
const SVG_URI = 'data:image/svg+xml;base64,PHN2Zy8+';
const LINK_HREF = `command:gradientInspector.openPanel?${encodeURIComponent(JSON.stringify(['file:///a.py', { start: 1, end: 1 }]))}`;

function render(blocks: Block[]): string {
  return marked.parse(hoverMarkdown(blocks), { async: false, gfm: true });
}

/** The tag names of the HTML, each once per occurrence (attribute values left out). */
function tags(html: string): string[] {
  return [...html.replace(/"[^"]*"/g, '""').matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map(m => m[1].toLowerCase());
}

function decode(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** What the pieces should show: one line, invisible characters as escapes. */
function shown(value: string): string {
  return visibleLine(value.replace(/\r\n|[\r\n\t]/g, ' '));
}

describe('hover Markdown from typed pieces', () => {
  for (const hostile of HOSTILE) {
    const label = JSON.stringify(hostile).slice(0, 40);
    it(`text, strong text, code and strong code stay one paragraph of text: ${label}`, () => {
      for (const piece of [hostile, strong(hostile), code(hostile), strongCode(hostile)]) {
        const html = render([paragraph(md`before ${piece} after`)]);
        const names = tags(html);
        assert.strictEqual(names.filter(t => t === 'p').length, 1, html);
        assert.ok(names.every(t => ['p', 'strong', 'code'].includes(t)), `unexpected markup ${names.join(',')}: ${html}`);
        const text = decode(html);
        assert.ok(text.startsWith('before ') && text.trimEnd().endsWith(' after'), html);
        assert.ok(text.includes(shown(hostile)), `the text is not shown as written:\n${shown(hostile)}\n${text}`);
      }
    });

    it(`a link's label and title and an image's alt and title cannot add markup: ${label}`, () => {
      const html = render([
        paragraph([{ kind: 'link', label: hostile, command: 'gradientInspector.openPanel', args: ['file:///a.py', { start: 1, end: 1 }], title: hostile }]),
        paragraph([{ kind: 'image', dataUri: SVG_URI, alt: hostile, title: hostile }]),
      ]);
      assert.deepStrictEqual(tags(html), ['p', 'a', 'p', 'img'], html);
      assert.deepStrictEqual([...html.matchAll(/href="([^"]*)"/g)].map(m => m[1].replace(/&amp;/g, '&')), [LINK_HREF], html);
      assert.deepStrictEqual([...html.matchAll(/src="([^"]*)"/g)].map(m => m[1]), [SVG_URI], html);
    });

    it(`a LaTeX code block cannot be closed by its content: ${label}`, () => {
      const html = render([{ kind: 'codeBlock', language: 'latex', code: hostile }, paragraph(md`after`)]);
      assert.deepStrictEqual(tags(html), ['pre', 'code', 'p'], html);
    });
  }

  it('the issue 9 attack: a blank line in a parenthesised expression, then a heading with a remote image', () => {
    const source = 'f(x,\n\n# ![](https://example.com/track.png)\n)';
    const markdown = hoverMarkdown([paragraph(md`${strongCode(source)} (call) = ${code('1')}`)]);
    assert.ok(!markdown.includes('\n'), markdown);
    const html = render([paragraph(md`${strongCode(source)} (call) = ${code('1')}`)]);
    assert.ok(!/<h\d|<img/.test(html), html);
  });

  it('a code span is fenced by one more backtick than the longest run inside, padded at a backtick edge', () => {
    assert.strictEqual(codeSpan('a``b'), '```a``b```');
    assert.strictEqual(codeSpan('`x'), '`` `x ``');
    assert.strictEqual(codeSpan('plain'), '`plain`');
    assert.strictEqual(codeSpan(''), '');
  });

  it('escapes the punctuation that starts markup and keeps the punctuation that does not', () => {
    assert.strictEqual(escapeText('# a*b_c [d](e) <f> `g` !h $i'), '\\# a\\*b\\_c \\[d\\](e) \\<f\\> \\`g\\` \\!h \\$i');
    assert.strictEqual(escapeText("(2, 3); x = 'y' ? 50%"), "(2, 3); x = 'y' ? 50%");
    assert.strictEqual(escapeText('https://a.b'), 'https\\:\\/\\/a\\.b');
  });

  it('caps very long text and shows invisible characters as escapes', () => {
    const long = 'x'.repeat(1_000_000);
    const markdown = hoverMarkdown([paragraph(md`${long}${code(long)}`)]);
    assert.ok(markdown.length < 3 * MAX_PIECE_LENGTH, `${markdown.length} characters`);
    assert.strictEqual(escapeText('a\u001b[2Jb'), 'a\\\\u001b\\[2Jb');
  });

  it('refuses a link to a command the hover does not trust, and an image that is not our SVG', () => {
    const link = { kind: 'link', label: 'x', command: 'workbench.action.terminal.new', args: [], title: '' } as unknown as Parameters<typeof paragraph>[0][number];
    assert.throws(() => hoverMarkdown([paragraph([link])]), /may not link to the command workbench\.action\.terminal\.new/);
    assert.throws(() => hoverMarkdown([paragraph([{ kind: 'image', dataUri: 'https://example.com/i.svg', alt: '', title: '' }])]), /base64 SVG data: URI/);
    assert.throws(() => hoverMarkdown([paragraph([{ kind: 'image', dataUri: `${SVG_URI}) ![](https://x`, alt: '', title: '' }])]), /base64 SVG data: URI/);
  });
});
