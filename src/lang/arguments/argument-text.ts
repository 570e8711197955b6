// The argument values the prompt shows and reads back: `x=np.random.randn(4, 5), y=np.array([1, 0])`,
// NAME=EXPRESSION separated by commas outside brackets and strings. Each expression must parse as
// Python; an error names the column in the whole text.
import { InspectError } from '../../engine/errors';
import { excerpt } from '../../engine/excerpt';
import { parseExpression } from '../parser';
import { ArgumentValue } from './harness';

export function formatArguments(values: readonly ArgumentValue[]): string {
  return values.map(v => `${v.name}=${v.expr}`).join(', ');
}

export function parseArguments(text: string): ArgumentValue[] {
  const values: ArgumentValue[] = [];
  for (const piece of topLevelPieces(text)) {
    const match = /^(\s*)([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(piece.text);
    if (!match) {
      const at = piece.start + (piece.text.length - piece.text.trimStart().length);
      throw new InspectError(`expected NAME=VALUE at column ${at + 1}, not '${excerpt(piece.text.trim())}'`, 'syntax', { start: at, end: at + 1 }, 'NAME=VALUE');
    }
    const exprStart = piece.start + match[0].length;
    const expr = piece.text.slice(match[0].length).trim();
    if (expr === '') { throw new InspectError(`no value after ${match[2]}=`, 'syntax', { start: exprStart, end: exprStart }, 'a Python value'); }
    try {
      parseExpression(expr, 'python');
    } catch (err) {
      if (!(err instanceof InspectError)) { throw err; }
      const start = exprStart + (err.range?.start ?? 0);
      throw new InspectError(`value of ${match[2]}: ${err.message}`, 'syntax', { start, end: start + 1 }, err.expected);
    }
    values.push({ name: match[2], expr });
  }
  return values;
}

/** The text split at commas that are outside brackets and strings. */
function topLevelPieces(text: string): { text: string; start: number }[] {
  const pieces: { text: string; start: number }[] = [];
  let depth = 0, quote = '', start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') { i++; } else if (c === quote) { quote = ''; }
    } else if (c === '"' || c === '\'') {
      quote = c;
    } else if ('([{'.includes(c)) {
      depth++;
    } else if (')]}'.includes(c)) {
      depth--;
    } else if (c === ',' && depth === 0) {
      pieces.push({ text: text.slice(start, i), start });
      start = i + 1;
    }
  }
  pieces.push({ text: text.slice(start), start });
  return pieces.filter(p => p.text.trim() !== '');
}
