// Hover Markdown built from typed pieces, so no text from a file is ever concatenated into Markdown
// as markup. The hover is trusted to run our commands, so a name, a label, source text or a message
// that could close a code span, start a heading, or add an image or a link would act with that
// trust. Markdown syntax comes only from the literal parts of an `md` tagged template (source code);
// everything interpolated is a piece, and each piece kind has one way to be written:
//   text    ASCII punctuation backslash-escaped (all but a few that start nothing), one line;
//   code    a code span fenced by more backticks than the text holds, on one line;
//   link    only to a command of the allowed list, its arguments URI-encoded JSON;
//   image   only a `data:image/svg+xml;base64,` URI (the typeset math we generate);
//   codeBlock  a fence longer than any backtick run inside.
// Every piece is capped in length, and invisible characters are shown as escapes. Pure: unit-tested.
import { visibleLine } from '../visible-text';

/** The commands the hover links to; `isTrusted` enables exactly these and no others. */
export const HOVER_COMMANDS = ['gradientInspector.openPanel'] as const;
export type HoverCommand = typeof HOVER_COMMANDS[number];

/** Longest text or code piece shown, in UTF-16 units; a hover is a glance, not a listing. */
export const MAX_PIECE_LENGTH = 400;
const SVG_DATA_URI = /^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+={0,2}$/;

/** Only `md` can make markup: outside this file the brand's key cannot be named. */
declare const markupBrand: unique symbol;
type Markup = { kind: 'markup'; markdown: string; readonly [markupBrand]: true };

export type Inline =
  | Markup
  | { kind: 'text'; text: string; strong?: boolean }
  | { kind: 'code'; text: string; strong?: boolean }
  | { kind: 'link'; label: string; command: HoverCommand; args: unknown[]; title: string }
  | { kind: 'image'; dataUri: string; alt: string; title: string };

export type Block =
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'codeBlock'; language: string; code: string };

export const strong = (value: string): Inline => ({ kind: 'text', text: value, strong: true });
export const code = (value: string): Inline => ({ kind: 'code', text: value });
export const strongCode = (value: string): Inline => ({ kind: 'code', text: value, strong: true });
export const paragraph = (parts: Inline[]): Block => ({ kind: 'paragraph', parts });

/**
 * Inline pieces from a template: its literal parts are Markdown as written in our source, each
 * interpolated string is text (escaped) and each interpolated piece is written by its kind.
 */
export function md(literals: TemplateStringsArray, ...values: (string | Inline)[]): Inline[] {
  const parts: Inline[] = [];
  literals.forEach((literal, i) => {
    if (literal !== '') { parts.push({ kind: 'markup', markdown: literal } as Markup); }
    if (i < values.length) {
      const value = values[i];
      parts.push(typeof value === 'string' ? { kind: 'text', text: value } : value);
    }
  });
  return parts;
}

/** The Markdown of the blocks, separated by blank lines. */
export function hoverMarkdown(blocks: readonly Block[]): string {
  return blocks.map(block => (block.kind === 'paragraph' ? block.parts.map(inline).join('') : codeBlock(block.language, block.code))).join('\n\n');
}

function inline(piece: Inline): string {
  switch (piece.kind) {
    case 'markup': return piece.markdown;
    case 'text': return emphasise(escapeText(piece.text), piece.strong);
    case 'code': return emphasise(codeSpan(piece.text), piece.strong);
    case 'link': return commandLink(piece);
    case 'image': return image(piece);
  }
}

function emphasise(markdown: string, strongly: boolean | undefined): string {
  return strongly && markdown !== '' ? `**${markdown}**` : markdown;
}

/** Capped, on one line (line breaks and tabs as spaces), with other invisible characters written as escapes. */
function oneLine(value: string): string {
  const capped = value.length > MAX_PIECE_LENGTH ? `${cutAt(value, MAX_PIECE_LENGTH - 1)}…` : value;
  return visibleLine(capped.replace(/\r\n|[\r\n\t]/g, ' '));
}

/** A prefix of at most `length` units that does not split a surrogate pair. */
function cutAt(value: string, length: number): string {
  const cut = value.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * CommonMark lets any ASCII punctuation be backslash-escaped. Escaped here is all of it that can
 * start or end emphasis, a link, an image, HTML, an entity, an autolink (`:`, `/`, `.`, `@`),
 * a heading, a list, a quote, a table or math; `( ) , ; = ' " ? %` start nothing once `]` is escaped.
 */
export function escapeText(value: string): string {
  return oneLine(value).replace(/[!#$&*+\-./:<>@[\\\]^_`{|}~]/g, c => `\\${c}`);
}

/** Inside a link's or an image's brackets marked re-reads escaped brackets: there every punctuation character is escaped. */
function escapeBracketed(value: string): string {
  return oneLine(value).replace(/[!-/:-@[-`{-~]/g, c => `\\${c}`);
}

/** A code span cannot be closed early by a shorter backtick run; a space pads a backtick at either end. */
export function codeSpan(value: string): string {
  const content = oneLine(value);
  if (content === '') { return ''; }
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  const pad = /^[` ]|[` ]$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

function codeBlock(language: string, body: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  const info = /^[A-Za-z0-9_+-]*$/.test(language) ? language : '';
  const capped = body.length > MAX_PIECE_LENGTH * 10 ? `${cutAt(body, MAX_PIECE_LENGTH * 10 - 1)}…` : body;
  return `${fence}${info}\n${capped.split(/\r\n|[\r\n]/).map(visibleLine).join('\n')}\n${fence}`;
}

function longestBacktickRun(value: string): number {
  return Math.max(0, ...(value.match(/`+/g) ?? []).map(run => run.length));
}

/** A link title sits in double quotes: the quote and the backslash are escaped. */
function linkTitle(value: string): string {
  return oneLine(value).replace(/["\\]/g, c => `\\${c}`);
}

function commandLink(link: Extract<Inline, { kind: 'link' }>): string {
  if (!(HOVER_COMMANDS as readonly string[]).includes(link.command)) { throw new RangeError(`a hover may not link to the command ${link.command}`); }
  const args = encodeURIComponent(JSON.stringify(link.args));
  return `[${escapeBracketed(link.label)}](command:${link.command}?${args} "${linkTitle(link.title)}")`;
}

function image(picture: Extract<Inline, { kind: 'image' }>): string {
  if (!SVG_DATA_URI.test(picture.dataUri)) { throw new RangeError('a hover image is a base64 SVG data: URI'); }
  return `![${escapeBracketed(picture.alt)}](${picture.dataUri} "${linkTitle(picture.title)}")`;
}
