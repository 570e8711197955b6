// LaTeX as a self-contained SVG image in a data: URI. VS Code's hover Markdown does not render math,
// but it shows images with data: URIs. MathJax runs here without a DOM (its lite adaptor) and with
// its TeX font compiled in, so this works the same in the Node and the web-worker extension hosts.
// No vscode import: the hover passes the colour in, and this file is unit-tested in plain Node.
import type { LiteElement } from 'mathjax-full/js/adaptors/lite/Element.js';
import type { LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import type { MathDocument } from 'mathjax-full/js/core/MathDocument.js';
import type { LiteDocument } from 'mathjax-full/js/adaptors/lite/Document.js';
import type { LiteText } from 'mathjax-full/js/adaptors/lite/Text.js';
import type TexError from 'mathjax-full/js/input/tex/TexError.js';

export interface MathImageOptions {
  /** `#rgb` or `#rrggbb`: an image does not inherit the colour of the hover's text. */
  color: string;
  /** Display style (full-size fractions) rather than inline style. */
  display: boolean;
}

/** Longer formulas are not rendered: MathJax's time grows with the formula and a hover must be quick. */
export const MAX_LATEX_LENGTH = 2_000;
/** VS Code cuts hover Markdown at 100,000 characters (a cut image shows as raw text); the rest of the hover is far shorter. */
export const MAX_DATA_URI_LENGTH = 80_000;
/** MathJax sizes in ex; at 8 px per ex the formula matches the hover's text size. */
const PX_PER_EX = 8;
const CACHE_SIZE = 200;
const COLOR = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;

interface MathJaxSvg {
  adaptor: LiteAdaptor;
  document: MathDocument<LiteElement, LiteText, LiteDocument>;
}

let mathJax: MathJaxSvg | undefined;
/** Failures are cached too (as undefined), so a bad formula is not re-parsed on every hover. */
const cache = new Map<string, string | undefined>();

/**
 * The LaTeX rendered as `data:image/svg+xml;base64,…`, or undefined when MathJax reports a TeX error
 * (unknown command, unbalanced braces), the formula is too long, or the image would be too large.
 */
export function texToSvgDataUri(latex: string, options: MathImageOptions): string | undefined {
  if (!COLOR.test(options.color)) { throw new RangeError(`a math image colour is #rgb or #rrggbb, not ${options.color}`); }
  const key = `${options.color}|${options.display ? 'display' : 'inline'}|${latex}`;
  if (cache.has(key)) { return cache.get(key); }
  const uri = render(latex, options);
  cache.set(key, uri);
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) { cache.delete(oldest); }
  }
  return uri;
}

function render(latex: string, options: MathImageOptions): string | undefined {
  if (latex.length > MAX_LATEX_LENGTH) { return undefined; }
  mathJax ??= loadMathJax();
  const { adaptor, document } = mathJax;
  let container: LiteElement;
  try {
    container = document.convert(latex, { display: options.display, em: 2 * PX_PER_EX, ex: PX_PER_EX }) as LiteElement;
  } catch {
    return undefined;
  }
  const svg = adaptor.firstChild(container) as LiteElement;
  setPixelSize(adaptor, svg, 'width');
  setPixelSize(adaptor, svg, 'height');
  // `style` held the vertical alignment within a line of text, which an image cannot use.
  adaptor.setAttribute(svg, 'style', `color: ${options.color}`);
  const uri = `data:image/svg+xml;base64,${utf8Base64(adaptor.outerHTML(svg))}`;
  return uri.length <= MAX_DATA_URI_LENGTH ? uri : undefined;
}

/** An image's intrinsic size in ex would be resolved against the SVG document's own font, not the hover's. */
function setPixelSize(adaptor: LiteAdaptor, svg: LiteElement, attribute: 'width' | 'height'): void {
  const ex = /^(\d+(?:\.\d+)?)ex$/.exec(adaptor.getAttribute(svg, attribute) ?? '');
  if (ex) { adaptor.setAttribute(svg, attribute, `${(Number(ex[1]) * PX_PER_EX).toFixed(1)}px`); }
}

/**
 * Loaded on the first formula rather than at activation: evaluating MathJax and its font tables
 * takes longer than the rest of the extension's startup. webpack still bundles these literal requires.
 */
function loadMathJax(): MathJaxSvg {
  /* eslint-disable @typescript-eslint/no-require-imports -- a lazy require; see above */
  const { mathjax } = require('mathjax-full/js/mathjax.js') as typeof import('mathjax-full/js/mathjax.js');
  const { TeX } = require('mathjax-full/js/input/tex.js') as typeof import('mathjax-full/js/input/tex.js');
  const { SVG } = require('mathjax-full/js/output/svg.js') as typeof import('mathjax-full/js/output/svg.js');
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js') as typeof import('mathjax-full/js/adaptors/liteAdaptor.js');
  const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js') as typeof import('mathjax-full/js/handlers/html.js');
  // Registering a TeX package is a side effect of loading its configuration module.
  require('mathjax-full/js/input/tex/base/BaseConfiguration.js');
  require('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const tex = new TeX<LiteElement, LiteText, LiteDocument>({
    packages: ['base', 'ams'],
    // By default a TeX error is typeset as red text; thrown, it lets the hover show the source instead.
    formatError: (_jax: unknown, error: TexError) => { throw error; },
  });
  // 'local': each image carries the glyph outlines it uses, referenced by #id within the same SVG.
  const svg = new SVG<LiteElement, LiteText, LiteDocument>({ fontCache: 'local' });
  const document = mathjax.document('', { InputJax: tex, OutputJax: svg }) as MathDocument<LiteElement, LiteText, LiteDocument>;
  return { adaptor, document };
}

/** btoa takes Latin-1 only; MathJax writes text it has no glyph for (such as `\text{é}`) as characters. */
function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const chunk = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
