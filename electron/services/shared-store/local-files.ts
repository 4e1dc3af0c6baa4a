import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import type { StoreWarning } from '../journal/event-store';
import { writeFileAtomic } from './share-io';

const crcHex = (s: string) => crc32(s).toString(16).padStart(8, '0');

/**
 * Reads a local `<crc32 hex> <payload>\n` file (the NdjsonJournal format, also used by the
 * replica) without changing it. Damaged lines are reported; a torn tail is ignored. Works line
 * by line on the bytes, so files larger than the biggest JS string are fine.
 */
export async function readCrcLines(path: string): Promise<{ payloads: string[]; warnings: StoreWarning[]; goodBytes: number; size: number }> {
  const payloads: string[] = [];
  const r = await scanCrcLines(path, (bytes, start, end) => payloads.push(bytes.toString('utf8', start, end)));
  return { payloads, ...r };
}

/** Like readCrcLines, but hands each good payload over as a byte range (no string per line). */
export async function scanCrcLines(path: string, onPayload: (bytes: Buffer, start: number, end: number) => void): Promise<{ warnings: StoreWarning[]; goodBytes: number; size: number }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { warnings: [], goodBytes: 0, size: 0 };
    throw err;
  }
  const goodBytes = bytes.lastIndexOf(0x0a) + 1;
  const warnings: StoreWarning[] = [];
  let start = 0;
  let lineNo = 0;
  while (start < goodBytes) {
    const end = bytes.indexOf(0x0a, start);
    lineNo++;
    if (end > start) {
      const ok = end - start > 9 && bytes[start + 8] === 32 && crc32(bytes.subarray(start + 9, end)).toString(16).padStart(8, '0') === bytes.toString('latin1', start, start + 8);
      if (ok) onPayload(bytes, start + 9, end);
      else warnings.push({ file: path, message: `line ${lineNo} is damaged and was skipped` });
    }
    start = end + 1;
  }
  return { warnings, goodBytes, size: bytes.length };
}

/**
 * Local append-only file of `<crc32> <payload>` lines with group commit, like the journal but
 * for raw text payloads (the replica stores share records exactly as read, so their hashes hold).
 */
export class CrcLog {
  private handle: FileHandle | undefined;
  private queue: Array<{ chunks: string[]; done: (err?: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;

  /** `durable: false` skips the fsync (a cache that can be rebuilt; a torn tail is cut on load). */
  constructor(
    readonly path: string,
    private readonly durable = true,
  ) {}

  /** Opens the log for appending, handing every good payload (as a byte range) to `onPayload`. */
  async load(onPayload: (bytes: Buffer, start: number, end: number) => void): Promise<{ warnings: StoreWarning[] }> {
    await mkdir(dirname(this.path), { recursive: true });
    const { warnings, goodBytes, size } = await scanCrcLines(this.path, onPayload);
    this.handle = await open(this.path, 'a+');
    if (size > goodBytes) {
      await this.handle.truncate(goodBytes);
      if (this.durable) await this.handle.sync();
    }
    return { warnings };
  }

  /** Replaces the whole log with `payloads` (temp file + rename), then keeps appending to it. */
  async rewrite(payloads: readonly string[]): Promise<void> {
    await this.flushing;
    await this.handle?.close();
    this.handle = undefined;
    const dir = dirname(this.path);
    await writeFileAtomic(dir, this.path.slice(dir.length + 1), payloads.map((p) => `${crcHex(p)} ${p}\n`).join(''), 'replace', this.durable);
    this.handle = await open(this.path, 'a+');
  }

  append(payloads: readonly string[]): Promise<void> {
    if (payloads.length === 0) return Promise.resolve();
    // Chunks well below the largest JS string, so a snapshot's worth of events can be appended.
    const chunks: string[] = [];
    let chunk = '';
    for (const p of payloads) {
      chunk += `${crcHex(p)} ${p}\n`;
      if (chunk.length > 8_000_000) {
        chunks.push(chunk);
        chunk = '';
      }
    }
    if (chunk) chunks.push(chunk);
    return new Promise((resolve, reject) => {
      this.queue.push({ chunks, done: (err) => (err ? reject(err) : resolve()) });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        if (!this.handle) throw new Error(`${this.path} is not open`);
        for (const b of batch) for (const c of b.chunks) await this.handle.write(c);
        if (this.durable) await this.handle.sync();
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err);
      }
    }
    this.flushing = undefined;
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** What this PC remembers about one shared folder between runs. */
export interface LocalShareState {
  format: 1;
  /** The folder this state is about. */
  sharedDir: string;
  /** The store found there (from its marker); null until first connected. */
  storeId: string | null;
  /** Own events 1..publishedSeq are known to be on the share. */
  publishedSeq: number;
  /** Tamper-evidence warnings found earlier (files already read are not read again). */
  chainWarnings: StoreWarning[];
}

/**
 * `<dataDir>/shared-store/state.json`: one entry per folder this PC has used, so pointing back at
 * a folder whose share is not mounted still says "unmounted" instead of initialising it again.
 */
interface LocalStateFile {
  format: 1;
  shares: Record<string, Omit<LocalShareState, 'format' | 'sharedDir'>>;
}

async function readStateFile(path: string): Promise<LocalStateFile> {
  try {
    const raw = JSON.parse(await readFile(path, 'utf8')) as Partial<LocalStateFile>;
    if (raw.shares && typeof raw.shares === 'object') return { format: 1, shares: raw.shares };
  } catch {
    // missing or unreadable: start afresh (pending is then overstated until the share is listed)
  }
  return { format: 1, shares: {} };
}

export async function readLocalState(path: string, sharedDir: string): Promise<LocalShareState> {
  const entry = (await readStateFile(path)).shares[sharedDir];
  return {
    format: 1,
    sharedDir,
    storeId: typeof entry?.storeId === 'string' ? entry.storeId : null,
    publishedSeq: typeof entry?.publishedSeq === 'number' ? entry.publishedSeq : 0,
    chainWarnings: Array.isArray(entry?.chainWarnings) ? entry.chainWarnings.slice(-200) : [],
  };
}

/** `durable` when the store id changed; a lost publishedSeq update only overstates "pending" until the next listing. */
export async function writeLocalState(path: string, state: LocalShareState, durable: boolean): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const file = await readStateFile(path);
  file.shares[state.sharedDir] = { storeId: state.storeId, publishedSeq: state.publishedSeq, chainWarnings: state.chainWarnings };
  await writeFileAtomic(dir, path.slice(dir.length + 1), JSON.stringify(file, null, 2) + '\n', 'replace', durable);
}
