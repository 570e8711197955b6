// Errors are values with a place: a source range in the text, or a model node. They are turned into
// messages (line:column, Problems diagnostics) only at the edges (CLI, extension).

/** UTF-16 offsets into the analysed text; end is exclusive. */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
}

export interface LineColumn {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

export type ErrorKind = 'syntax' | 'unsupported' | 'unbound' | 'shape' | 'value' | 'model' | 'limit' | 'cancelled';

export class InspectError extends Error {
  override name = 'InspectError';
  constructor(
    message: string,
    readonly kind: ErrorKind,
    /** Where in the text, when the input is text. */
    readonly range?: SourceRange,
    /** What the parser expected there, e.g. "an expression or ')'". */
    readonly expected?: string,
    /** Which model node, when the input is a model file (e.g. `Conv_3 (Conv), node 4`). */
    readonly node?: string,
    /** Extra structured detail (e.g. the list of unbound names). */
    readonly detail?: readonly string[],
  ) {
    super(message);
  }
}

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const BYTE_ORDER_MARK = 0xfeff;

/**
 * Line and column of an offset, counting `\n`, `\r\n` and a lone `\r` (old Mac files) each as one
 * line break, as Python and VS Code do; a byte-order mark at the start of the text takes no column.
 */
export function lineColumnAt(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = text.charCodeAt(0) === BYTE_ORDER_MARK && offset > 0 ? 1 : 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === LINE_FEED || (c === CARRIAGE_RETURN && text.charCodeAt(i + 1) !== LINE_FEED)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** `3:14: expected ')' …` when the error has a range, else the bare message. */
export function formatError(err: InspectError, text?: string): string {
  if (err.range && text !== undefined) {
    const { line, column } = lineColumnAt(text, err.range.start);
    return `${line}:${column}: ${err.message}`;
  }
  if (err.node) { return `${err.node}: ${err.message}`; }
  return err.message;
}
