// The values a document gives the variables of the formula or code below them, in either of two
// conventions: an HTML comment `<!-- values: x=0.3, w_0=2 -->` (Markdown; may span lines) or a line
// `values: x=0.3` (plain text), optionally behind a line-comment marker (`#`, `%`, `//`).

const VALUES_COMMENT = /<!--\s*values\s*:([\s\S]*?)-->/gi;
const VALUES_LINE = /^[ \t]*(?:#|%|\/\/)?[ \t]*values[ \t]*:(.*)$/gim;

/** A line that is a `values:` line (it gives values; it is not a formula). */
export function isValuesLine(line: string): boolean {
  return new RegExp(VALUES_LINE.source, 'i').test(line);
}

interface ValuesMatch {
  /** Offset just after the comment or the line's text. */
  end: number;
  assignments: string;
}

/**
 * The assignments (`x=0.3, w_0=2`, trimmed) of the nearest values comment or line that ends at or
 * before `before`, or undefined when there is none above.
 */
export function findValuesAbove(text: string, before: number): string | undefined {
  const comment = lastMatchBefore(VALUES_COMMENT, text, before);
  const line = lastMatchBefore(VALUES_LINE, text, before);
  if (comment === undefined || line === undefined) { return (comment ?? line)?.assignments; }
  return (line.end > comment.end ? line : comment).assignments;
}

function lastMatchBefore(pattern: RegExp, text: string, before: number): ValuesMatch | undefined {
  let found: ValuesMatch | undefined;
  for (const m of text.matchAll(pattern)) {
    const end = m.index + m[0].length;
    if (end > before) { break; }
    found = { end, assignments: m[1].trim() };
  }
  return found;
}
