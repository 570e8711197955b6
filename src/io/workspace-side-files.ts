// The containment rule of side-files.ts on a VS Code-style file system (the extension, desktop and
// web). There is no realpath there, so the location is walked from the model's folder down: every
// segment must be listed by its parent as a plain directory (or, last, a plain file) with no
// symbolic-link bit, and stat must agree. The listing is asked as well as stat because some file
// systems' stat follows links silently (@vscode/test-web's answers from Node's fs.stat) while their
// directory listing still marks them. The size is checked before the file is read.
// No vscode import: the extension passes workspace.fs in, and the tests a file system of their own.

import { checkSideFileSize, locationSegments, MAX_WHOLE_SIDE_FILE_BYTES, SideFileError, SideFileReader } from './side-files';

/** vscode.FileType's values (a bit set: a link to a file is File | SymbolicLink). */
export const FILE_TYPE = { File: 1, Directory: 2, SymbolicLink: 64 } as const;

export interface WorkspaceFiles<U> {
  /** vscode.workspace.isTrusted: in Restricted Mode no side file is read. */
  isTrusted(): boolean;
  child(folder: U, name: string): U;
  key(uri: U): string;
  stat(uri: U): PromiseLike<{ readonly type: number; readonly size: number }>;
  readDirectory(uri: U): PromiseLike<readonly (readonly [string, number])[]>;
  readFile(uri: U): PromiseLike<Uint8Array>;
}

/**
 * A reader of side files below `folder` for one model import: listings and whole files are read
 * once per import (workspace.fs has no ranged read, and many tensors may share one file).
 */
export function workspaceSideFileReader<U>(files: WorkspaceFiles<U>, folder: U): SideFileReader {
  const listings = new Map<string, Promise<ReadonlyMap<string, number>>>();
  const contents = new Map<string, Promise<Uint8Array>>();
  const listing = (uri: U): Promise<ReadonlyMap<string, number>> => once(listings, files.key(uri), async () => new Map(await files.readDirectory(uri)));
  return async request => {
    if (!files.isTrusted()) { throw new SideFileError('untrusted'); }
    const file = await containedFile(files, listing, folder, locationSegments(request.location));
    const stat = await refusedOnError(() => files.stat(file));
    if (stat.type !== FILE_TYPE.File) { throw new SideFileError('refused'); }
    checkSideFileSize(stat.size, request);
    if (stat.size > MAX_WHOLE_SIDE_FILE_BYTES) { throw new SideFileError('whole-file-limit'); }
    const bytes = await refusedOnError(() => once(contents, files.key(file), async () => files.readFile(file)));
    // The file changed since stat: its size no longer says what was read.
    if (bytes.length !== stat.size) { throw new SideFileError('size'); }
    return bytes.slice(request.offset, request.offset + request.length);
  };
}

/** Walks the segments down from `folder`; every step must be a plain directory, the last a plain file. */
async function containedFile<U>(files: WorkspaceFiles<U>, listing: (uri: U) => Promise<ReadonlyMap<string, number>>, folder: U, segments: readonly string[]): Promise<U> {
  let current = folder;
  for (let i = 0; i < segments.length; i++) {
    const expected = i === segments.length - 1 ? FILE_TYPE.File : FILE_TYPE.Directory;
    const type = (await refusedOnError(() => listing(current))).get(segments[i]);
    if (type !== expected) { throw new SideFileError('refused'); }
    current = files.child(current, segments[i]);
  }
  return current;
}

function once<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let found = cache.get(key);
  if (!found) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

/** Any failure of the file system (missing, unreadable) is the uniform refusal, never its own message. */
async function refusedOnError<T>(step: () => PromiseLike<T>): Promise<T> {
  try {
    return await step();
  } catch {
    throw new SideFileError('refused');
  }
}
