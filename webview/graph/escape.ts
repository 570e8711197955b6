// Text inside a mermaid node label. Labels are written as "quoted strings", where only the quote ends
// the string; mermaid decodes #<code>; entities, so '#' itself, the quote and the characters HTML
// cares about become entities. '%' too: mermaid finds `%%{init: …}%%` directives and strips `%%`
// comments anywhere in the text, quoted labels included. mermaid turns "fa:fa-name" into an icon
// even after decoding, so a zero-width space breaks that pattern. Line breaks and other controls
// become spaces (a new line would start a statement such as `click`), as do bidi overrides and
// other invisible format characters, which could make a label read as something else. Other
// Unicode (−, ‖, σ, ∂) passes through unchanged. Pure.

const ENTITY_CHARS = new Set(['"', '#', '<', '>', '&', '`', '%']);
/** Controls (C0, DEL, C1), format characters (bidi overrides, zero-width) and line or paragraph separators. */
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]$/u;
const ICON_PATTERN = /(fa[bklrs]?):(fa-)/gi;

/** Longest label line kept, in UTF-16 units, so a huge source text cannot blow mermaid's text size. */
export const MAX_LABEL_LINE = 60;

export function truncate(text: string, max: number = MAX_LABEL_LINE): string {
  if (text.length <= max) {
    return text;
  }
  const cut = text.slice(0, max - 1);
  // Never split a surrogate pair.
  const safe = /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  return `${safe}…`;
}

export function escapeLabel(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (INVISIBLE.test(ch)) {
      out += ' ';
    } else if (ENTITY_CHARS.has(ch)) {
      out += `#${code};`;
    } else {
      out += ch;
    }
  }
  return out.replace(ICON_PATTERN, '$1:\u200B$2');
}

/** A label line as the panel's own drawing shows it (as SVG text, so nothing to escape): truncated, invisibles as spaces. */
export function plainLabel(text: string): string {
  let out = '';
  for (const ch of truncate(text)) {
    out += INVISIBLE.test(ch) ? ' ' : ch;
  }
  return out;
}

/** Lines escaped one by one and joined with mermaid's line break. */
export function labelLines(lines: readonly string[]): string {
  return lines.map(line => escapeLabel(truncate(line))).join('<br/>');
}
