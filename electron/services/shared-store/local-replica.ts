import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeRecordAt, decodeRecordLine, isValidWriterId, sha256Hex, type ParsedRecord, type SnapshotHead, type SnapshotHeader } from './format';
import { CrcLog, readCrcLines, scanCrcLines } from './local-files';
import { isNotFound, readChunks } from './share-io';
import { SnapshotBodyReader, type SnapshotBody } from './snapshot-body';
import type { SnapshotSink } from './snapshot-sink';
import type { StoreWarnings } from './store-warnings';

/**
 * This PC's local copy of what a store's share holds, per store id: works offline, speeds up starts.
 * `<dataDir>/shared-store/<storeId>/snapshot.ndjson` (the last snapshot read from the share, kept
 * byte for byte) and `replica.ndjson` (records read since, `<crc32> <record>` lines). A cache: no
 * fsync; anything lost in a crash is read from the share again.
 */
export class LocalReplica {
  private log: CrcLog | undefined;
  private storeId: string | null = null;
  snapshotPath: string | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly me: string,
    private readonly warnings: StoreWarnings,
  ) {}

  /**
   * Switches to the local copy of store `storeId` and hands over what it holds: the snapshot copy
   * (if any) to `onSnapshot`, then each replica record to `onRecord`. False if it is the current one.
   */
  async open(
    storeId: string,
    onSnapshot: (body: SnapshotBody, header: SnapshotHeader, file: string) => void,
    onRecord: (record: ParsedRecord, file: string) => void,
  ): Promise<boolean> {
    if (this.storeId === storeId && this.log) return false;
    await this.log?.close();
    const folder = join(this.dataDir, 'shared-store', isValidWriterId(storeId) ? storeId : sha256Hex(storeId).slice(0, 32));
    const snapshotPath = join(folder, 'snapshot.ndjson');
    this.snapshotPath = snapshotPath;
    const log = new CrcLog(join(folder, 'replica.ndjson'), false);
    this.log = log;
    this.storeId = storeId;
    try {
      // The local copy was checked against its bodySha256 when it was read from the share.
      const reader = new SnapshotBodyReader(this.me);
      let header: SnapshotHeader | undefined;
      await readChunks(snapshotPath, (chunk) => {
        header ??= JSON.parse(chunk.toString('utf8', 0, chunk.indexOf(0x0a))) as SnapshotHeader;
        reader.push(chunk);
      });
      const body = reader.end();
      if (header) onSnapshot(body, header, snapshotPath);
    } catch (err) {
      if (!isNotFound(err)) this.warnings.warn('local:snapshot', snapshotPath, `the local copy of a snapshot is unreadable and was ignored: ${String(err)}`);
    }
    const { warnings } = await log.load((bytes, start, end) => {
      const r = decodeRecordAt(bytes, start, end);
      if (r.ok) onRecord(r.record, log.path);
    });
    warnings.forEach((w, i) => this.warnings.set(`local:replica:${i}`, w));
    return true;
  }

  /** Keeps records read from the share (best effort: the share still has them). */
  async append(records: readonly ParsedRecord[]): Promise<void> {
    try {
      await this.log?.append(records.map((r) => `${r.hash} ${r.prev} ${r.json}`));
    } catch (err) {
      this.warnings.warn('local:replica-write', this.log?.path ?? '', `could not keep a local copy of events from the share: ${String(err)}`);
    }
  }

  /** Every record held locally for this store (local snapshot copy + replica), for compaction. */
  async records(): Promise<ParsedRecord[]> {
    const out: ParsedRecord[] = [];
    if (this.snapshotPath) {
      try {
        const bytes = await readFile(this.snapshotPath);
        forEachLine(bytes, bytes.indexOf(0x0a) + 1, (start, end) => {
          const r = decodeRecordAt(bytes, start, end);
          if (r.ok) out.push(r.record);
        });
      } catch {
        // none kept
      }
    }
    if (this.log) {
      await scanCrcLines(this.log.path, (bytes, start, end) => {
        const r = decodeRecordAt(bytes, start, end);
        if (r.ok) out.push(r.record);
      });
    }
    return out;
  }

  /**
   * Puts the snapshot just read in place as this store's local copy (written while it was read)
   * and drops from the replica what it covers.
   */
  async keepSnapshot(sink: SnapshotSink, copyError: string | undefined, heads: Record<string, SnapshotHead>): Promise<void> {
    if (!this.snapshotPath || !this.log) return;
    try {
      if (copyError) throw new Error(copyError);
      await sink.keep();
      const { payloads } = await readCrcLines(this.log.path);
      const beyond = payloads.filter((p) => {
        const r = decodeRecordLine(p, false);
        return r.ok && r.record.key.seq > (heads[r.record.key.writerId]?.seq ?? 0);
      });
      if (beyond.length < payloads.length) await this.log.rewrite(beyond);
    } catch (err) {
      await sink.discard();
      this.warnings.warn('local:snapshot', this.snapshotPath, `could not keep a local copy of the snapshot: ${String(err)}`);
    }
  }

  async close(): Promise<void> {
    await this.log?.close();
  }
}

/** Calls `each(start, end)` for every non-empty line of `buf` from `from` (no giant string). */
function forEachLine(buf: Buffer, from: number, each: (start: number, end: number) => void): void {
  let start = from;
  while (start < buf.length) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    if (end > start) each(start, end);
    start = end + 1;
  }
}
