// The .zip reader behind the package check and the unpacked-.vsix test run (scripts/zip-archive.js),
// on archives written here byte by byte as the ZIP format lays them out.
import * as assert from 'assert';
import * as zlib from 'zlib';
import { loadScript, type ZipArchive } from './scripts';

const { listEntries, readEntry } = loadScript<ZipArchive>('zip-archive.js');

interface Member { name: string; content: Buffer; deflate: boolean }

/** A minimal archive: local headers with data, the central directory, the end record (CRCs left 0: the reader does not check them). */
function zipOf(members: Member[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    const data = member.deflate ? zlib.deflateRawSync(member.content) : member.content;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(member.deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(member.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(member.deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(member.content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('the .zip reader', () => {
  const manifest = Buffer.from('{"name":"gradient-inspector","version":"0.1.0"}');
  const bundle = Buffer.from('x'.repeat(10_000));
  const archive = zipOf([
    { name: 'extension/package.json', content: manifest, deflate: false },
    { name: 'extension/dist/webview/main.js', content: bundle, deflate: true },
  ]);

  it('lists every entry with its sizes, in archive order', () => {
    const entries = listEntries(archive);
    assert.deepStrictEqual(entries.map(entry => [entry.name, entry.size]), [['extension/package.json', manifest.length], ['extension/dist/webview/main.js', 10_000]]);
    assert.ok(entries[1].compressedSize < 100, `10,000 equal bytes deflate to ${entries[1].compressedSize}`);
  });

  it('reads stored and deflated entries back byte for byte', () => {
    const [stored, deflated] = listEntries(archive);
    assert.deepStrictEqual(readEntry(archive, stored), manifest);
    assert.deepStrictEqual(readEntry(archive, deflated), bundle);
  });

  it('says which file is not a zip archive, and where a central directory is damaged', () => {
    assert.throws(() => listEntries(Buffer.from('not a zip at all, just text'), 'notes.vsix'), /^Error: notes\.vsix: not a zip archive \(no end of central directory record\)$/);
    const damaged = Buffer.from(archive);
    const centralDirectoryOffset = archive.readUInt32LE(archive.length - 22 + 16);
    damaged.writeUInt32LE(0, centralDirectoryOffset);
    assert.throws(() => listEntries(damaged, 'broken.vsix'), /^Error: broken\.vsix: central directory entry 0 at byte \d+ is damaged$/);
  });
});
