// A character of the input as an error message shows it: quoted when it prints, as its code point
// otherwise, so a message never carries a raw control character (NUL, ESC, a bidi override), an
// invisible one (a byte-order mark in the middle of the text) or half of a surrogate pair.

export interface VisibleCharacter {
  /** `'x'`, or `U+001B` for a character that does not print. */
  shown: string;
  /** UTF-16 code units the character takes (2 for a surrogate pair). */
  length: number;
}

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;

export function visibleCharacter(text: string, offset: number): VisibleCharacter {
  const codePoint = text.codePointAt(offset) ?? 0;
  const character = String.fromCodePoint(codePoint);
  const code = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return { shown: INVISIBLE.test(character) ? code : `'${character}'`, length: character.length };
}
