// Values given from outside the text (CLI --at, the value prompt): `x=1, W=[[1,2],[3,4]]`.
// They override the values the text assigns to the same names.
import { InspectError } from '../engine/errors';
import { excerpt } from '../engine/excerpt';
import { Nested, ShapeError, Tensor } from '../engine/tensor';
import { visibleCharacter } from './quoting';

export type Bindings = Map<string, Tensor>;

const VALUE_EXPECTED = 'a number or a nested list of numbers such as [[1, 2], [3, 4]]';

/** Several bindings separated by commas (or semicolons) outside brackets. */
export function parseBindings(text: string): Bindings {
  const reader = new BindingReader(text);
  const bindings: Bindings = new Map();
  reader.skipSpace();
  while (!reader.atEnd()) {
    const [name, value] = reader.binding();
    bindings.set(name, value);
    reader.skipSpace();
    if (reader.atEnd()) { break; }
    reader.separator();
    reader.skipSpace();
  }
  return bindings;
}

/** One `NAME=VALUE` (a CLI --at argument). */
export function parseBindingArg(text: string): [string, Tensor] {
  const reader = new BindingReader(text);
  reader.skipSpace();
  const binding = reader.binding();
  reader.skipSpace();
  if (!reader.atEnd()) { reader.fail('unexpected text after the value', 'the end of the binding'); }
  return binding;
}

class BindingReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean { return this.pos >= this.text.length; }

  skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) { this.pos++; }
  }

  binding(): [string, Tensor] {
    const name = this.name();
    this.skipSpace();
    if (this.text[this.pos] !== '=') { this.fail(`expected '=' after ${excerpt(name)}`, "'='"); }
    this.pos++;
    this.skipSpace();
    const start = this.pos;
    const value = this.value(0);
    try {
      return [name, Tensor.fromNested(value)];
    } catch (err) {
      if (err instanceof ShapeError) {
        throw new InspectError(`value of ${excerpt(name)}: ${err.message}`, 'value', { start, end: this.pos }, VALUE_EXPECTED);
      }
      throw err;
    }
  }

  separator(): void {
    const c = this.text[this.pos];
    if (c !== ',' && c !== ';') { this.fail(`expected ',' between bindings`, "','"); }
    this.pos++;
  }

  private name(): string {
    const match = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(this.text.slice(this.pos));
    if (!match) { this.fail('expected a variable name', 'NAME=VALUE'); }
    this.pos += match[0].length;
    return match[0];
  }

  /** A number or a bracketed list; depth-limited so hostile input cannot exhaust the stack. */
  private value(depth: number): Nested {
    if (depth > 32) { this.fail('nested too deeply', VALUE_EXPECTED); }
    this.skipSpace();
    if (this.text[this.pos] !== '[') { return this.number(); }
    this.pos++;
    const items: Nested[] = [];
    this.skipSpace();
    while (this.text[this.pos] !== ']') {
      items.push(this.value(depth + 1));
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        this.skipSpace();
      } else if (this.text[this.pos] !== ']') {
        this.fail(this.atEnd() ? "unclosed '['" : "expected ',' or ']'", "',' or ']'");
      }
    }
    this.pos++;
    return items;
  }

  private number(): number {
    const match = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    const end = this.pos + (match?.[0].length ?? 0);
    if (!match) { this.fail('expected a number', VALUE_EXPECTED); }
    if (/[\w.]/.test(this.text[end] ?? '')) {
      this.pos = end;
      this.fail(`unexpected ${visibleCharacter(this.text, end).shown} after the number ${excerpt(match[0])}`, VALUE_EXPECTED);
    }
    this.pos = end;
    return Number(match[0]);
  }

  fail(message: string, expected: string): never {
    const start = Math.min(this.pos, this.text.length);
    const end = start < this.text.length ? start + 1 : start;
    throw new InspectError(`${message} at column ${start + 1} of '${excerpt(this.text)}'`, 'syntax', { start, end }, expected);
  }
}
