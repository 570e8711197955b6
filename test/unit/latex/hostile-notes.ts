// Markdown notes written to exhaust the LaTeX reader: long sums, deep nesting, definitions that
// expand into each other, sums that multiply. Each is a document with the formula to analyse on its
// last line; shared by the unit tests (exact outcomes) and the fuzz regressions (run in the sandbox).

export interface HostileNote {
  name: string;
  document: string;
  /** Offset of the analysed formula (a cursor inside it). */
  cursor: number;
}

function note(name: string, lines: readonly string[], formula: string): HostileNote {
  const before = `${lines.join('\n\n')}\n\n<!-- values: x=0.5 -->\n`;
  return { name, document: `${before}$$${formula}$$\n`, cursor: before.length + 2 };
}

const terms = (count: number, term: (i: number) => string): string => Array.from({ length: count }, (_, i) => term(i + 1)).join(' + ');

export const HOSTILE_NOTES = {
  /** 5,000 terms written out: analyses (value 5000·x). */
  longSum: note('a 5,000-term sum written out', [], terms(5000, () => 'x')),
  /** \sum with 5,000 terms: analyses (x · 5000·5001/2). */
  longSigma: note('a \\sum of 5,000 terms', [], '\\sum_{i=1}^{5000} i x'),
  /** 2,000 nested braces: the nesting limit. */
  braces: note('2,000 nested braces', [], `${'{'.repeat(2000)}x${'}'.repeat(2000)}`),
  /** 500 definitions, each using the previous: the expansion depth limit. */
  definitionChain: note('a chain of 500 definitions each using the previous',
    ['$$f_{0}(x) = x$$', ...Array.from({ length: 500 }, (_, i) => `$$f_{${i + 1}}(x) = f_{${i}}(x) + 1$$`)], 'f_{500}(x)'),
  /** 60 definitions, each using the previous: within the limit (x + 60). */
  shortChain: note('a chain of 60 definitions', ['$$f_{0}(x) = x$$', ...Array.from({ length: 60 }, (_, i) => `$$f_{${i + 1}}(x) = f_{${i}}(x) + 1$$`)], 'f_{60}(x)'),
  /** \sum_{i=1}^{10^9}: the written-out terms limit. */
  billionTerms: note('\\sum_{i=1}^{10^9}', [], '\\sum_{i=1}^{10^9} x'),
  /** Five nested sums of 100 terms: 10^10 terms, the node limit. */
  nestedSums: note('five nested sums of 100 terms', [], `${'\\sum_{i=1}^{100} '.repeat(5)}x`),
  /** Definitions each nesting 150 \sin( around the previous: the nesting limit after expansion. */
  deepDefinitions: note('definitions nesting 150 levels each',
    ['$$k_{0}(x) = \\sin(x)$$', ...Array.from({ length: 30 }, (_, i) => `$$k_{${i + 1}}(x) = ${'\\sin('.repeat(150)}k_{${i}}(x)${')'.repeat(150)}$$`)], 'k_{30}(x)'),
  /** A 5,000-term definition body composed with itself: the node limit after expansion. */
  composedBody: note('a 5,000-term definition composed with itself', [`$$g(x) = ${terms(5000, () => 'x')}$$`], 'g(g(x))'),
  /** A 5,000-term definition body used once: analyses (5000·x). */
  longBody: note('a 5,000-term definition body', [`$$g(x) = ${terms(5000, () => 'x')}$$`], 'g(x)'),
};
