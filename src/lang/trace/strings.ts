// String literals of traced code: plain, raw, triple-quoted (docstrings) and f-strings, whose
// `{expression}` parts are evaluated (they name things: `params['W%d' % i]`, `f'W{i}'`).
import { InspectError, SourceRange } from '../../engine/errors';
import { Expr } from '../ast';
import { parseExpression } from '../parser';
import { display, Value } from './values';

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

export function formatString(token: string, range: SourceRange, evaluate: (expr: Expr) => Value): string {
  const prefix = /^[a-zA-Z]*/.exec(token)?.[0].toLowerCase() ?? '';
  const quote = token.slice(prefix.length).startsWith('"""') || token.slice(prefix.length).startsWith("'''") ? 3 : 1;
  const body = token.slice(prefix.length + quote, token.length - quote);
  const text = prefix.includes('r') ? body : unescape(body);
  return prefix.includes('f') ? interpolate(text, range, evaluate) : text;
}

function unescape(body: string): string {
  return body.replace(/\\(.)/gs, (whole, c: string) => ESCAPES[c] ?? whole);
}

function interpolate(text: string, range: SourceRange, evaluate: (expr: Expr) => Value): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '{' || c === '}') && text[i + 1] === c) { out += c; i++; continue; }
    if (c !== '{') { out += c; continue; }
    const close = text.indexOf('}', i);
    if (close < 0) { throw new InspectError("f-string: '{' without its '}'", 'syntax', range, "'}'"); }
    const inner = text.slice(i + 1, close).replace(/(![rsa])?(:[^}]*)?$/, '');
    try {
      out += display(evaluate(withRange(parseExpression(inner, 'python'), range)));
    } catch (e) {
      if (e instanceof InspectError) { throw new InspectError(`in the f-string part {${inner}}: ${e.message}`, e.kind, range, e.expected); }
      throw e;
    }
    i = close;
  }
  return out;
}

/** The parts of an f-string are reported at the string: their own offsets are inside it. */
function withRange(expr: Expr, range: SourceRange): Expr {
  return JSON.parse(JSON.stringify(expr), (key, value: unknown) => (key.endsWith('ange') ? range : value)) as Expr;
}
