// The packaging scripts are plain Node JavaScript under scripts/ (they run before any build); these are
// their shapes, loaded from the repository root because tsc does not compile scripts/ into out/.
import * as path from 'path';

export const REPO = path.resolve(__dirname, '../../../..');

export interface ZipEntry { name: string; size: number; compressedSize: number; method: number; headerOffset: number }

export interface ZipArchive {
  listEntries(archive: Buffer, name?: string): ZipEntry[];
  readEntry(archive: Buffer, entry: ZipEntry): Buffer;
}

export interface VsixPolicy {
  MAX_VSIX_BYTES: number;
  vsixProblems(vsix: {
    archiveBytes: number; entries: { name: string }[]; manifest: Record<string, unknown>; readme: string;
    repositoryHas?: (path: string) => boolean;
  }): string[];
}

export interface ChromiumLookup {
  chromiumExecutable(options?: {
    log?: number | 'ignore'; say?: (line: string) => void; debianPaths?: string[]; canInstall?: () => boolean;
  }): string;
  ChromiumMissing: new (message: string) => Error;
}

export interface BuildFingerprint {
  sourceFingerprint(root?: string, suiteGrep?: string): string;
  isCurrent(last: { mode: string; sources: string } | undefined, sources: string, mode?: string): boolean;
}

export function loadScript<T>(name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script outside the compiled tree
  return require(path.join(REPO, 'scripts', name)) as T;
}
