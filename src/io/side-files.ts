// The one containment rule for side files (an ONNX tensor's external data): which `location`
// strings may be followed, and what a read of one may do. A model comes from a repository the user
// may not have written, so the file it names must be a regular file inside the model's own folder,
// and only the bytes the tensor's dims need are read. Plain TypeScript: the Node adapter (CLI) and
// the workspace adapter (extension, desktop and web) both apply it.
import { quoted } from '../engine/excerpt';

/** A tensor's bytes in a side file, as the importer asks for them. */
export interface SideFileRequest {
  /** The initializer (or attribute tensor) the bytes belong to, for messages. */
  readonly tensor: string;
  /** The location as the model wrote it. */
  readonly location: string;
  readonly offset: number;
  /** Exactly the bytes the tensor's dims and data type need. */
  readonly length: number;
  /** The model gave no length: the data runs to the end of the file, which must end right there. */
  readonly toEndOfFile: boolean;
}

/** Reads a side file's bytes for the importer: exactly `length` bytes, or throws a SideFileError. */
export type SideFileReader = (request: SideFileRequest) => Promise<Uint8Array>;

/**
 * Why a side file was not read. 'refused' covers everything outside the folder or irregular, and
 * is worded the same whatever the cause, so a refusal never tells whether an outside file exists.
 */
export type SideFileProblem = 'refused' | 'size' | 'untrusted' | 'whole-file-limit';

export class SideFileError extends Error {
  override name = 'SideFileError';
  constructor(readonly problem: SideFileProblem) {
    super(problem);
  }
}

/** Longest location accepted (a file name, perhaps in a sub-folder; never a document). */
export const MAX_LOCATION_LENGTH = 1024;
/** Deepest sub-folder path accepted below the model's folder. */
export const MAX_LOCATION_SEGMENTS = 32;
/** Characters of a location echoed in a message; the rest is elided. */
const ECHOED_LOCATION_CHARS = 200;
/**
 * The editor's file system reads whole files only: larger side files are refused there (the CLI
 * reads ranges and has no such limit).
 */
export const MAX_WHOLE_SIDE_FILE_BYTES = 1024 * 1024 * 1024;
const EXPECTED_SIDE_FILE = "a regular file inside the model's folder";

/**
 * The path segments of an acceptable location, below the model's folder; throws SideFileError
 * ('refused') for anything else: empty, too long, absolute (`/x`, `\\server\x`, `C:x`), a URI
 * (`file:…`), a `..` or empty segment, a control character (NUL included). A backslash separates
 * segments as it does on Windows, so `..\x` cannot slip past on either system; `.` segments are dropped.
 */
export function locationSegments(location: string): string[] {
  if (location.length === 0 || location.length > MAX_LOCATION_LENGTH) { throw new SideFileError('refused'); }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f:]/.test(location)) { throw new SideFileError('refused'); }
  const segments = location.split(/[\\/]/).filter(segment => segment !== '.');
  if (segments.length === 0 || segments.length > MAX_LOCATION_SEGMENTS) { throw new SideFileError('refused'); }
  if (segments.some(segment => segment === '' || segment === '..')) { throw new SideFileError('refused'); }
  return segments;
}

/** Throws SideFileError('size') unless a file of `size` bytes holds the requested range as the model says. */
export function checkSideFileSize(size: number, request: SideFileRequest): void {
  const end = request.offset + request.length;
  const fits = request.toEndOfFile ? size === end : size >= end;
  if (!Number.isSafeInteger(end) || !fits) { throw new SideFileError('size'); }
}

/** The message for a side file that was not read, naming the tensor and the location as written. */
export function sideFileMessage(problem: SideFileProblem, request: SideFileRequest): string {
  const where = `tensor ${quoted(request.tensor)}: external data '${printableLocation(request.location)}'`;
  switch (problem) {
    case 'untrusted':
      return `${where} is not read in Restricted Mode; trust the workspace to read external data`;
    case 'size':
      return request.toEndOfFile
        ? `${where} should end right after the ${request.length} bytes at offset ${request.offset} that the tensor's dims need, and does not`
        : `${where} is shorter than the ${request.length} bytes at offset ${request.offset} that the tensor's dims need`;
    case 'whole-file-limit':
      return `${where} is in a file larger than the ${MAX_WHOLE_SIDE_FILE_BYTES / 2 ** 30} GiB the editor reads at once; check the model with the command-line tool`;
    case 'refused':
      return `${where} was not read: expected ${EXPECTED_SIDE_FILE}`;
  }
}

/** The location with control characters shown as escapes and a long one cut, safe to print anywhere. */
export function printableLocation(location: string): string {
  const cut = location.length > ECHOED_LOCATION_CHARS ? `${location.slice(0, ECHOED_LOCATION_CHARS)}…` : location;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped here
  return cut.replace(/[\u0000-\u001f\u007f-\u009f]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
