// User text inside messages and notes, the one way it is quoted: a character that does not print
// (NUL, ESC, a bidi override, a byte-order mark in the middle, half of a surrogate pair) is written
// as a visible `\u001b`-style escape, so no raw control character reaches a terminal, a hover or a
// notification (src/visible-text.ts applies the same escapes to whole outputs); and a
// long piece (a 10 MB identifier, a number of 20,000 digits) is cut after 40 code points, saying how
// long it was, so a message stays a message.

/** Input quoted in a message is cut to this many code points. */
export const MAX_QUOTED_CHARACTERS = 40;

/** Controls, format characters, lone surrogates, private use, unassigned, line and paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;
/** Every invisible character of a text, for `replace`. */
export const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

/** `text` with invisible characters escaped (`\u0000`) and, past `max` code points, cut: `abc… (20000 characters)`. */
export function excerpt(text: string, max = MAX_QUOTED_CHARACTERS): string {
  // Two code units per code point at most: the head is found without splitting all of a huge text.
  const head = Array.from(text.slice(0, 2 * max)).slice(0, max).join('');
  const shown = head.length < text.length ? `${head}… (${text.length} characters)` : text;
  return shown.replace(INVISIBLE_ALL, escapeCodePoint);
}

/** True for a character that is named rather than shown. */
export function isInvisible(character: string): boolean {
  return INVISIBLE.test(character);
}

/** `\u001b` for a BMP character, `\u{e0041}` beyond it: how a character is shown inside quoted text. */
export function escapeCodePoint(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

/** `U+001B`: how a single character is named in a message ("unexpected character U+001B"). */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A name from a file inside a message: `'conv1.weight'`, quoted through excerpt(). */
export function quoted(name: string): string {
  return `'${excerpt(name)}'`;
}
