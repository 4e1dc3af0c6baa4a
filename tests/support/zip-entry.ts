import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/**
 * Reads one file out of a .zip: with the system `unzip` where there is one, else with this tiny
 * reader (central directory → local header → stored or deflated data; no zip64, no encryption),
 * which is all the test data needs. Node's zlib has no zip reader of its own.
 */
export function readZipEntry(zipPath: string, entryName: string): Buffer {
  if (hasUnzip()) return execFileSync('unzip', ['-p', zipPath, entryName], { maxBuffer: 1 << 30 });
  return readZipEntryWithZlib(readFileSync(zipPath), entryName);
}

/** Extracts one entry to `dir/<base name>` and returns the path. */
export function extractZipEntry(zipPath: string, entryName: string, dir: string): string {
  const out = join(dir, entryName.split('/').pop()!);
  writeFileSync(out, readZipEntry(zipPath, entryName));
  return out;
}

let unzipChecked: boolean | undefined;
function hasUnzip(): boolean {
  if (unzipChecked === undefined) {
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
      unzipChecked = true;
    } catch {
      unzipChecked = false;
    }
  }
  return unzipChecked;
}

export function readZipEntryWithZlib(zip: Buffer, entryName: string): Buffer {
  // End of central directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('damaged zip central directory');
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localHeader = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    if (name === entryName) {
      if (zip.readUInt32LE(localHeader) !== 0x04034b50) throw new Error('damaged zip local header');
      const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`zip method ${method} is not supported`);
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${entryName} is not in the zip`);
}
