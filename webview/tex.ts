// Leaf names inside the KaTeX formulas of the Derivatives tab, and how KaTeX may render them.
// Pure: unit-tested in Node.
import type { KatexOptions } from 'katex';

/**
 * No trusted commands (\href, \url, \includegraphics, \htmlClass… render as red source text),
 * macro expansion bounded (a self-expanding \def stops with an error), and no box bigger than
 * `maxSize` em, whatever the formula says. Errors are shown in place, never thrown.
 */
export const KATEX_OPTIONS: Readonly<KatexOptions> = {
  throwOnError: false,
  displayMode: true,
  output: 'htmlAndMathml',
  trust: false,
  maxExpand: 1000,
  maxSize: 20,
  strict: 'ignore',
};

/** A leaf name as TeX: "w0" and "w_0" as w₀, "x" as x, anything else upright with only safe characters. */
export function leafTex(name: string): string {
  const indexed = /^([A-Za-z])_?(\d+)$/.exec(name);
  if (indexed) {
    return `${indexed[1]}_{${indexed[2]}}`;
  }
  if (/^[A-Za-z]$/.test(name)) {
    return name;
  }
  return `\\mathrm{${name.replace(/[^\p{L}\p{N}_.]/gu, '').replace(/_/g, '\\_')}}`;
}
