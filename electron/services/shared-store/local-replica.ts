import { readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { decodeRecordAt, decodeRecordLine, isValidWriterId, sha256Hex, type ParsedRecord, type SnapshotHead, type SnapshotHeader } from './format';
import { decodeCheckpoint, type Checkpoint } from './checkpoint-format';
import { CrcLog, readCrcLines, scanCrcLines } from './local-files';
import { forEachLine } from './lines';
import { isNotFound, readChunks, readFirstLineOf, writeFileAtomic } from './share-io';
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
  /** The checkpoint of the local snapshot copy, if it came with one (`checkpoint.json`). */
  private checkpointPath: string | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly me: string,
    private readonly warnings: StoreWarnings,
  ) {}

  /**
   * Switches to the local copy of store `storeId` and hands over what it holds: the snapshot copy
   * (if any) to `onSnapshot`, then each replica record to `onRecord`. False if it is the current one.
   * With `onCheckpoint`, a snapshot copy kept with its checkpoint is handed over as that checkpoint
   * instead, unparsed, if `onCheckpoint` takes it (returns true).
   */
  async open(
    storeId: string,
    onSnapshot: (body: SnapshotBody, header: SnapshotHeader, file: string) => void,
    onRecord: (record: ParsedRecord, file: string) => void,
    onCheckpoint?: (checkpoint: Checkpoint, header: SnapshotHeader, file: string) => boolean | Promise<boolean>,
  ): Promise<boolean> {
    if (this.storeId === storeId && this.log) return false;
    await this.log?.close();
    const folder = join(this.dataDir, 'shared-store', isValidWriterId(storeId) ? storeId : sha256Hex(storeId).slice(0, 32));
    const snapshotPath = join(folder, 'snapshot.ndjson');
    this.snapshotPath = snapshotPath;
    this.checkpointPath = join(folder, 'checkpoint.json');
    const log = new CrcLog(join(folder, 'replica.ndjson'), false);
    this.log = log;
    this.storeId = storeId;
    try {
      if (onCheckpoint && (await this.openCheckpointed(snapshotPath, onCheckpoint))) return this.openLog(log, onRecord);
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
    return this.openLog(log, onRecord);
  }

  private async openLog(log: CrcLog, onRecord: (record: ParsedRecord, file: string) => void): Promise<true> {
    const { warnings } = await log.load((bytes, start, end) => {
      const r = decodeRecordAt(bytes, start, end);
      if (r.ok) onRecord(r.record, log.path);
    });
    warnings.forEach((w, i) => this.warnings.set(`local:replica:${i}`, w));
    return true;
  }

  /** Hands the local snapshot copy over as its checkpoint, if there is one for it (reads only the snapshot's header line). */
  private async openCheckpointed(snapshotPath: string, onCheckpoint: (checkpoint: Checkpoint, header: SnapshotHeader, file: string) => boolean | Promise<boolean>): Promise<boolean> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.checkpointPath!);
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
    const header = JSON.parse(await readFirstLineOf(snapshotPath)) as SnapshotHeader;
    const decoded = decodeCheckpoint(bytes, header.bodySha256);
    if (!decoded.ok) return false; // e.g. folded by the version before an update: the snapshot is parsed instead
    return onCheckpoint(decoded.checkpoint, header, snapshotPath);
  }

  /** Keeps the checkpoint of the snapshot just kept (`keepSnapshot` first), as read from the share. */
  async keepCheckpoint(bytes: Buffer): Promise<void> {
    if (!this.checkpointPath) return;
    try {
      await writeFileAtomic(dirname(this.checkpointPath), basename(this.checkpointPath), bytes, 'replace', false); // a cache: no fsync
    } catch (err) {
      this.warnings.warn('local:checkpoint', this.checkpointPath, `could not keep a local copy of the snapshot's checkpoint (the next start reads the whole snapshot): ${String(err)}`);
    }
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
   * and drops from the replica what it covers. False if the copy could not be kept.
   */
  async keepSnapshot(sink: SnapshotSink, copyError: string | undefined, heads: Record<string, SnapshotHead>): Promise<boolean> {
    if (!this.snapshotPath || !this.log) return false;
    try {
      if (copyError) throw new Error(copyError);
      if (this.checkpointPath) await unlink(this.checkpointPath).catch(() => undefined); // the old copy's
      await sink.keep();
      const { payloads } = await readCrcLines(this.log.path);
      const beyond = payloads.filter((p) => {
        const r = decodeRecordLine(p, false);
        return r.ok && r.record.key.seq > (heads[r.record.key.writerId]?.seq ?? 0);
      });
      if (beyond.length < payloads.length) await this.log.rewrite(beyond);
      return true;
    } catch (err) {
      await sink.discard();
      this.warnings.warn('local:snapshot', this.snapshotPath, `could not keep a local copy of the snapshot: ${String(err)}`);
      return false;
    }
  }

  async close(): Promise<void> {
    await this.log?.close();
  }
}
