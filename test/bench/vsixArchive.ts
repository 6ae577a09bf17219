import { inflateRawSync } from 'node:zlib';

/** One file inside a .vsix (a zip archive). */
export interface ArchiveEntry {
  name: string;
  size: number;
  compressedSize: number;
  content(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * Reads the entries of a zip archive from its central directory. Enough for what vsce writes
 * (stored or deflated entries, no zip64, no encryption), so the bench needs no unzip tool.
 */
export function readZip(archive: Buffer): ArchiveEntry[] {
  const end = archive.lastIndexOf(END_OF_CENTRAL_DIRECTORY);
  if (end < 0) throw new Error('not a zip archive: it has no end-of-central-directory record');
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  const entries: ArchiveEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(offset) !== CENTRAL_HEADER) throw new Error(`zip central directory entry ${i} is damaged`);
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const size = archive.readUInt32LE(offset + 24);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localOffset = archive.readUInt32LE(offset + 42);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    entries.push({
      name,
      size,
      compressedSize,
      content: () => {
        if (archive.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new Error(`zip entry ${name} is damaged`);
        const start = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
        const stored = archive.subarray(start, start + compressedSize);
        if (method === 0) return stored;
        if (method === 8) return inflateRawSync(stored);
        throw new Error(`zip entry ${name} uses compression method ${method}, which this reader does not know`);
      },
    });
  }
  return entries;
}
