// Reads a .zip (a .vsix is one) from its central directory: the entries with their sizes, and their
// contents. Enough for what packaging and its tests need; no ZIP64, no encryption (vsce writes neither).
'use strict';
const zlib = require('zlib');

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
// The end record is 22 bytes plus a comment of at most 65,535.
const END_RECORD_SEARCH = 22 + 0xffff;

function endOfCentralDirectory(archive, name) {
  const searchFrom = Math.max(0, archive.length - END_RECORD_SEARCH);
  for (let at = archive.length - 22; at >= searchFrom; at--) {
    if (archive.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      return { entries: archive.readUInt16LE(at + 10), offset: archive.readUInt32LE(at + 16) };
    }
  }
  throw new Error(`${name}: not a zip archive (no end of central directory record)`);
}

/** [{ name, size (uncompressed bytes), compressedSize, method, headerOffset }] in archive order. */
function listEntries(archive, name = 'archive') {
  const directory = endOfCentralDirectory(archive, name);
  const entries = [];
  let at = directory.offset;
  for (let index = 0; index < directory.entries; index++) {
    if (at + 46 > archive.length || archive.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) {
      throw new Error(`${name}: central directory entry ${index} at byte ${at} is damaged`);
    }
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    entries.push({
      name: archive.toString('utf8', at + 46, at + 46 + nameLength),
      method: archive.readUInt16LE(at + 10),
      compressedSize: archive.readUInt32LE(at + 20),
      size: archive.readUInt32LE(at + 24),
      headerOffset: archive.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry of listEntries(archive). */
function readEntry(archive, entry) {
  const header = entry.headerOffset;
  if (archive.readUInt32LE(header) !== LOCAL_FILE_HEADER) { throw new Error(`${entry.name}: damaged local header`); }
  const start = header + 30 + archive.readUInt16LE(header + 26) + archive.readUInt16LE(header + 28);
  const stored = archive.subarray(start, start + entry.compressedSize);
  if (entry.method === STORED) { return stored; }
  if (entry.method === DEFLATED) { return zlib.inflateRawSync(stored); }
  throw new Error(`${entry.name}: compression method ${entry.method} is not supported`);
}

module.exports = { listEntries, readEntry };
