// Text that came from a file (names, labels, notes, messages quoting source), made safe to show on
// a terminal or in a hover: every character that is not printed as itself is written as a visible
// `\u001b`-style escape. That covers C0 and C1 controls (a terminal obeys ESC and CSI sequences:
// titles, clearing the screen, fake output), DEL, line and paragraph separators, and format
// characters (bidi overrides and isolates, zero-width characters, BOM, tag characters), which can
// make text read differently from what it is. Pure: used by the CLI and the extension alike.
import { escapeCodePoint, INVISIBLE_ALL as INVISIBLE } from './engine/excerpt';

/** One line of text: every invisible character escaped, line breaks and tabs included. */
export function visibleLine(text: string): string {
  return text.replace(INVISIBLE, escapeCodePoint);
}

/** Several lines: `\n` kept as the line break it is, every other invisible character escaped. */
export function visibleLines(text: string): string {
  return text.replace(INVISIBLE, ch => (ch === '\n' ? ch : escapeCodePoint(ch)));
}

/**
 * JSON text with the characters JSON.stringify leaves raw written as `\uXXXX` escapes: DEL, C1
 * controls, U+2028/U+2029 and format characters. They only occur inside strings, so the document
 * parses to the same value. Characters beyond the BMP become their two UTF-16 escapes, as JSON has it.
 */
export function controlSafeJson(json: string): string {
  return json.replace(INVISIBLE, ch => Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}
