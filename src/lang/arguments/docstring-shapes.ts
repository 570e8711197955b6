// Shapes written in a docstring, in the conventions course code uses:
//   - x: A numpy array containing input data, of shape (N, d_1, ..., d_k)
//   - y: Vector of labels, of shape (N,) where 0 <= y[i] < C
//   x : ndarray, shape (N, D)              (numpydoc)
// Only the parameter descriptions count: the list ends at a Returns/Yields section.
import { constDim, Dim } from './dimensions';
import { FunctionFacts } from './parameter-facts';

const PARAMETER_LINE = /^\s*(?:[-*]\s*)?([A-Za-z_]\w*)\s*(?:\([^)]*\))?\s*:\s*(.*)$/;
const SECTION_END = /^\s*(?:returns?|yields?|outputs?|raises)\b/i;
const SHAPE = /shape\s*(?:=|:|of)?\s*\(([^)]*)\)/i;
const LABEL_BOUND = /0\s*<=\s*[A-Za-z_]\w*\s*\[\s*\w+\s*\]\s*<\s*([A-Za-z_]\w*|\d+)/;
const ELLIPSIS = /^(\.\.\.|…)$/;

/** Each parameter's description (continuation lines joined), up to the Returns section. */
export function parameterDescriptions(docstring: string, names: readonly string[]): Map<string, string> {
  const wanted = new Set(names);
  const descriptions = new Map<string, string>();
  let current: string | undefined;
  for (const line of docstring.split('\n')) {
    // `Returns a tuple of:` after the parameters ends them (a summary line before them does not).
    if (descriptions.size > 0 && SECTION_END.test(line)) { break; }
    const match = PARAMETER_LINE.exec(line);
    if (match && wanted.has(match[1]) && !descriptions.has(match[1])) {
      current = match[1];
      descriptions.set(current, match[2]);
    } else if (match && /^\s*[-*]/.test(line)) {
      current = undefined;
    } else if (current !== undefined && line.trim() !== '') {
      descriptions.set(current, `${descriptions.get(current) ?? ''} ${line.trim()}`);
    }
  }
  return descriptions;
}

/** Records the shapes and label bounds the docstring gives for the function's parameters. */
export function readDocstringShapes(docstring: string, facts: FunctionFacts): void {
  for (const [name, description] of parameterDescriptions(docstring, [...facts.params.keys()])) {
    const shape = SHAPE.exec(description);
    if (shape) { facts.reveal(name, shapeDims(shape[1], facts), 'docstring'); }
    const bound = LABEL_BOUND.exec(description);
    const param = facts.params.get(name);
    if (bound && param) { param.labelsBelow = /^\d+$/.test(bound[1]) ? constDim(Number(bound[1])) : facts.dims.named(bound[1]); }
  }
}

/**
 * `N, d_1, ..., d_k` → [N, d_1]: a run written with an ellipsis stands for any number of
 * dimensions, and one is enough to check the code (its last name is dropped with the ellipsis).
 */
function shapeDims(text: string, facts: FunctionFacts): Dim[] {
  const items = text.split(/\s*[,×*]\s*|\s+x\s+/).map(s => s.trim()).filter(s => s !== '');
  const dims: Dim[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (ELLIPSIS.test(item)) { i++; continue; }
    if (/^\d+$/.test(item)) { dims.push(constDim(Number(item))); continue; }
    dims.push(/^[A-Za-z_]\w*$/.test(item) ? facts.dims.named(item) : facts.dims.fresh());
  }
  return dims;
}
