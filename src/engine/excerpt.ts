// User text inside messages and notes: whole when short, else its beginning and "…", so a 10 MB
// identifier or value never floods a message, a notification, a hover or a terminal.

export const MAX_QUOTED_CHARACTERS = 40;

export function excerpt(text: string, max = MAX_QUOTED_CHARACTERS): string {
  if (text.length <= max) { return text; }
  // Never cut a surrogate pair in half.
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
