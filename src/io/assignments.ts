// Values a document gives by plain assignment (`x = -2.0`, `W = np.array([[1, 2], [3, 4]])`) for
// names a selection uses but does not define: the nearest assignment above the selection, else the
// nearest below. Only literal values count; anything computed is left to the value prompt.
import type { SourceLines } from './source-lines';

const ASSIGNMENT_HEAD = /^\s*([\p{L}_][\p{L}\p{N}_]*)\s*=\s*/u;
const ARRAY_CALL = /^(?:np|numpy)\.(?:array|asarray)\((.*)\)$|^torch\.tensor\((.*)\)$/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** How far from the selection assignments are looked for. */
const SEARCH_LINES = 5000;

/** A literal value as `parseBindings` reads it, or undefined when the right-hand side is not one. */
export function literalValue(rhs: string): string | undefined {
  const call = ARRAY_CALL.exec(rhs);
  const inner = call ? (call[1] ?? call[2]).trim() : rhs;
  if (NUMBER.test(inner)) { return inner; }
  if (!inner.startsWith('[')) { return undefined; }
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '[') { depth++; } else if (inner[i] === ']') { depth--; }
    if (depth === 0) {
      const rest = inner.slice(i + 1).trim();
      // Keyword arguments after the list (dtype=…) are fine inside an array call, not after a bare list.
      return rest === '' || (call && rest.startsWith(',')) ? inner.slice(0, i + 1) : undefined;
    }
  }
  return undefined;
}

/**
 * `name = value  # comment` as [name, value]: the value runs to the first `#` after its first
 * character, without trailing blanks. Scanned, not matched by one regex: a lazy value followed by
 * optional blanks and comment backtracks quadratically on a long line (40,000 blanks took 1.9 s).
 */
export function assignmentOf(line: string): [name: string, value: string] | undefined {
  const head = ASSIGNMENT_HEAD.exec(line);
  if (!head) { return undefined; }
  const rest = line.slice(head[0].length);
  const comment = rest.indexOf('#', 1);
  const value = (comment < 0 ? rest : rest.slice(0, comment)).trimEnd();
  return value === '' ? undefined : [head[1], value];
}

/** `name → value text` for those of `names` the document assigns a literal to. */
export function assignedValues(source: SourceLines, names: readonly string[], nearLine: number): Map<string, string> {
  const wanted = new Set(names);
  const found = new Map<string, string>();
  const visit = (line: number): void => {
    const assigned = assignmentOf(source.line(line));
    if (!assigned || !wanted.has(assigned[0]) || found.has(assigned[0])) { return; }
    const value = literalValue(assigned[1]);
    if (value !== undefined) { found.set(assigned[0], value); }
  };
  for (let line = nearLine; line >= 0 && nearLine - line < SEARCH_LINES && found.size < wanted.size; line--) { visit(line); }
  for (let line = nearLine + 1; line < source.lineCount && line - nearLine < SEARCH_LINES && found.size < wanted.size; line++) { visit(line); }
  return found;
}
