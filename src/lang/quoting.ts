// One character of input as a lexer's message shows it: quoted when it prints, else named by its
// code point (see engine/excerpt.ts, the one way messages quote input).
import { codePointName, isInvisible } from '../engine/excerpt';

export interface VisibleCharacter {
  /** `'x'`, or `U+001B` for a character that does not print. */
  shown: string;
  /** UTF-16 code units the character takes (2 for a surrogate pair). */
  length: number;
}

export function visibleCharacter(text: string, offset: number): VisibleCharacter {
  const codePoint = text.codePointAt(offset) ?? 0;
  const character = String.fromCodePoint(codePoint);
  return { shown: isInvisible(character) ? codePointName(codePoint) : `'${character}'`, length: character.length };
}
