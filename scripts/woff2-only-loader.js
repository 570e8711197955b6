// A webpack loader for KaTeX's stylesheet: each @font-face lists woff2, woff and ttf sources; every
// browser that runs VS Code reads woff2, so the other two are dropped before css-loader resolves them,
// and only the woff2 files are emitted and packaged.
'use strict';

// `,url(fonts/X.woff) format("woff")` and `,url(fonts/X.ttf) format("truetype")`, after the woff2 entry.
const NON_WOFF2_SOURCE = /,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)/g;

module.exports = function woff2OnlyLoader(css) {
  const kept = css.replace(NON_WOFF2_SOURCE, '');
  if (/\.(?:woff|ttf)\)/.test(kept)) {
    this.emitError(new Error(`${this.resourcePath}: a font source other than woff2 is left (the @font-face format changed?)`));
  }
  return kept;
};
