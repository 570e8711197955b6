// Input as an error message shows it. A character that does not print (NUL, ESC, a bidi override,
// a byte-order mark in the middle, half of a surrogate pair) is named by its code point, so no raw
// control character reaches a terminal or a hover; and a long piece of input (a 10 MB name, a
// number of 20,000 digits) is shortened, so a message stays a message.

export interface VisibleCharacter {
  /** `'x'`, or `U+001B` for a character that does not print. */
  shown: string;
  /** UTF-16 code units the character takes (2 for a surrogate pair). */
  length: number;
}

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;
const INVISIBLE_ALL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu;

/** Input quoted in a message is cut to this many code points. */
export const MAX_QUOTED_LENGTH = 40;

export function visibleCharacter(text: string, offset: number): VisibleCharacter {
  const codePoint = text.codePointAt(offset) ?? 0;
  const character = String.fromCodePoint(codePoint);
  return { shown: INVISIBLE.test(character) ? codePointName(codePoint) : `'${character}'`, length: character.length };
}

/** `piece` with invisible characters named (`U+0000`) and, past MAX_QUOTED_LENGTH, cut: `abc… (20000 characters)`. */
export function quoteInput(piece: string): string {
  // Two code units per code point at most: the head is found without splitting all of a huge piece.
  const head = Array.from(piece.slice(0, 2 * MAX_QUOTED_LENGTH)).slice(0, MAX_QUOTED_LENGTH).join('');
  const shown = head.length < piece.length ? `${head}… (${piece.length} characters)` : piece;
  return shown.replace(INVISIBLE_ALL, c => codePointName(c.codePointAt(0) ?? 0));
}

function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
