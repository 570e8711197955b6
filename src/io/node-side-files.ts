// The containment rule of side-files.ts on Node's fs (the CLI): the target, with every symlink
// resolved, must lie inside the model's folder (also resolved) and be a regular file; it is opened
// once, without following a final symlink and without blocking (a FIFO would wait for a writer),
// and exactly the requested range is read from that descriptor.
import * as fs from 'fs';
import * as path from 'path';
import { checkSideFileSize, locationSegments, SideFileError, SideFileReader, SideFileRequest } from './side-files';

// Absent on Windows, where the lstat/fstat checks below still hold.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/** A reader of side files beside the model file at `modelPath`. */
export function nodeSideFileReader(modelPath: string): SideFileReader {
  const folder = path.dirname(path.resolve(modelPath));
  return async request => readSideFile(folder, request);
}

export function readSideFile(folder: string, request: SideFileRequest): Uint8Array {
  const target = containedTarget(folder, locationSegments(request.location));
  let fd: number;
  try {
    fd = fs.openSync(target, OPEN_FLAGS);
  } catch {
    throw new SideFileError('refused');
  }
  try {
    // The file may have been swapped since lstat: the opened descriptor is what counts.
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) { throw new SideFileError('refused'); }
    checkSideFileSize(stat.size, request);
    return readRange(fd, request);
  } finally {
    fs.closeSync(fd);
  }
}

/** The real path of the location below `folder`, if it is a regular file inside it; else refused. */
function containedTarget(folder: string, segments: readonly string[]): string {
  try {
    const realFolder = fs.realpathSync(folder);
    const target = fs.realpathSync(path.join(realFolder, ...segments));
    const inside = realFolder.endsWith(path.sep) ? realFolder : realFolder + path.sep;
    if (!target.startsWith(inside) || !fs.lstatSync(target).isFile()) { throw new SideFileError('refused'); }
    return target;
  } catch {
    throw new SideFileError('refused');
  }
}

function readRange(fd: number, request: SideFileRequest): Uint8Array {
  const bytes = new Uint8Array(request.length);
  let filled = 0;
  while (filled < request.length) {
    const read = fs.readSync(fd, bytes, filled, request.length - filled, request.offset + filled);
    // Shorter than fstat said: the file shrank while it was read.
    if (read === 0) { throw new SideFileError('size'); }
    filled += read;
  }
  return bytes;
}
