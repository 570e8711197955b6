// Everything the CLI prints goes out through here: a name or a message from a file cannot move the
// cursor, retitle or clear the terminal, or reorder what is shown (see visible-text.ts), and every
// output ends with a newline.
import { controlSafeJson, visibleLines } from './visible-text';

/** Text for a terminal: invisible characters escaped, line breaks kept, a final newline added. */
export function writeText(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${visibleLines(text)}${text.endsWith('\n') ? '' : '\n'}`);
}

/** One JSON document on one line, with the characters JSON.stringify leaves raw escaped. */
export function writeJson(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(`${controlSafeJson(JSON.stringify(value))}\n`);
}
