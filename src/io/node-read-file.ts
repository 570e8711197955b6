// The CLI's one way to read the FILE it is given (or standard input): a regular file within a size
// limit, as model bytes (.onnx) or as text with a leading UTF-8 byte-order mark removed. Problems
// come back as one-line messages, never as a Node error with its stack.
import * as fs from 'fs';

export type SourceFile = { kind: 'onnx'; bytes: Uint8Array } | { kind: 'text'; text: string };

export class ReadFileError extends Error {
  override name = 'ReadFileError';
}

/** Text files larger than this are refused before they are read (no formula file is this long). */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;
/** ONNX files larger than this are refused before they are read (a protobuf cannot be larger). */
export const MAX_MODEL_FILE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

const BYTE_ORDER_MARK = '\uFEFF';

export function isOnnxFile(file: string): boolean {
  return file.toLowerCase().endsWith('.onnx');
}

/** `weigh` sees the size of a regular file before it is read, and may refuse it by throwing. */
export function readSourceFile(file: string, weigh: (byteLength: number) => void = () => undefined): SourceFile {
  const limit = isOnnxFile(file) ? MAX_MODEL_FILE_BYTES : MAX_TEXT_FILE_BYTES;
  const bytes = readRegularFile(file, limit, weigh);
  if (isOnnxFile(file)) { return { kind: 'onnx', bytes }; }
  return { kind: 'text', text: decodeText(bytes) };
}

/** A text file (not a model) read by the same rules, e.g. the CLI's --inputs JSON. */
export function readTextFile(file: string): string {
  return decodeText(readRegularFile(file, MAX_TEXT_FILE_BYTES));
}

/** Standard input as text, with the same size limit and byte-order mark rule as a file. */
export function readStandardInput(): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    let read: number;
    try {
      read = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') { continue; }
      if ((e as NodeJS.ErrnoException).code === 'EOF') { break; }
      throw new ReadFileError(`cannot read standard input: ${describeCode(e)}`);
    }
    if (read === 0) { break; }
    total += read;
    if (total > MAX_TEXT_FILE_BYTES) { throw new ReadFileError(`standard input is longer than ${MAX_TEXT_FILE_BYTES / 2 ** 20} MiB, the limit for text`); }
    chunks.push(Buffer.from(chunk.subarray(0, read)));
  }
  return decodeText(Buffer.concat(chunks));
}

/** UTF-8 text without a leading byte-order mark (stripped once, here, for every reader). */
export function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

function readRegularFile(file: string, limit: number, weigh: (byteLength: number) => void = () => undefined): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new ReadFileError(`${file}: ${describeCode(e)}`);
  }
  if (stat.isDirectory()) { throw new ReadFileError(`${file} is a directory; expected a file`); }
  if (!stat.isFile()) { throw new ReadFileError(`${file} is not a regular file`); }
  if (stat.size > limit) { throw new ReadFileError(`${file} is larger than ${formatLimit(limit)}, the limit for ${isOnnxFile(file) ? 'an ONNX model' : 'a text file'}`); }
  weigh(stat.size);
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new ReadFileError(`${file}: ${describeCode(e)}`);
  }
}

function formatLimit(bytes: number): string {
  return bytes >= 2 ** 30 ? `${Math.round(bytes / 2 ** 30)} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;
}

function describeCode(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOTDIR': return 'a folder in the path is a file';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENAMETOOLONG': return 'the name is too long';
    default: return `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'unknown error'})`;
  }
}
