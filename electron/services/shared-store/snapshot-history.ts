import { closeSync, openSync, readSync } from 'node:fs';
import type { IncidentSummary } from '../../../shared/domain/incident';
import type { FoldedHistory } from '../journal/event-store';
import type { Checkpoint } from './checkpoint-format';
import { decodeRecordAt, sha256Hex, type KeyedEvent } from './format';
import { forEachLine } from './lines';

/** Reads the byte ranges (start, end, start, end, …) of the snapshot file. */
export type RangeReader = (ranges: readonly number[]) => Promise<Buffer[]>;

/**
 * The events of a snapshot that a checkpoint describes, read on demand: an incident's records are
 * read (by the byte ranges the checkpoint gives, each line's hash checked) only when something
 * needs its timeline — from the share's file until this PC's verified local copy is there, then
 * from that copy. The file stays open for the store's life, so a newer snapshot put in its place
 * later does not change what this one reads.
 *
 * A record whose line hash does not hold is skipped, and a file that cannot be read makes the
 * history unreadable from then on (`eventsOf` answers undefined); either way `damaged` is told,
 * and the store reads the segments the snapshot covers instead.
 */
export class SnapshotHistory implements FoldedHistory {
  private fd: number | undefined;
  private unreadable = false;
  private readonly ranges = new Map<string, readonly number[]>();
  private readonly lastSeqs = new Map<string, number>();
  readonly summaries: IncidentSummary[] = [];

  constructor(
    private path: string,
    checkpoint: Checkpoint,
    private readonly damaged: (message: string) => void,
  ) {
    this.fd = openSync(path, 'r');
    for (const s of checkpoint.body.streams) {
      this.ranges.set(s.stream, s.ranges);
      if (s.summary) this.summaries.push(s.summary);
    }
    for (const w of checkpoint.body.writers) this.lastSeqs.set(w.writerId, w.last);
  }

  lastSeqOf(writerId: string): number {
    return this.lastSeqs.get(writerId) ?? 0;
  }

  /** The stored events of `stream`, in file order (unvalidated: the service parses them); undefined once the file cannot be read. */
  eventsOf(stream: string): KeyedEvent[] | undefined {
    const ranges = this.ranges.get(stream);
    if (!ranges) return [];
    if (this.unreadable || this.fd === undefined) return undefined;
    const out: KeyedEvent[] = [];
    try {
      for (let i = 0; i < ranges.length; i += 2) {
        const start = ranges[i]!;
        const buf = Buffer.allocUnsafe(ranges[i + 1]! - start);
        for (let got = 0; got < buf.length; ) {
          const n = readSync(this.fd, buf, got, buf.length - got, start + got);
          if (n === 0) throw new Error('the file is shorter than its checkpoint says');
          got += n;
        }
        decodeRecords(buf, stream, this.path, this.damaged, out);
      }
    } catch (err) {
      this.unreadable = true;
      this.damaged(`the snapshot (${this.path}) could not be read (${err instanceof Error ? err.message : String(err)})`);
      return undefined;
    }
    return out;
  }

  /**
   * Events of the streams without a folded state (alerts, organisation, incidents not created yet):
   * needed at once, so read ahead of adopting the checkpoint, through `read` (the share's deadlines).
   */
  static async unfolded(checkpoint: Checkpoint, read: RangeReader, damaged: (message: string) => void): Promise<KeyedEvent[]> {
    const out: KeyedEvent[] = [];
    for (const s of checkpoint.body.streams) {
      if (s.summary) continue;
      for (const buf of await read(s.ranges)) decodeRecords(buf, s.stream, 'the snapshot', damaged, out);
    }
    return out;
  }

  /** Reads from now on from `path`, a byte-identical copy of the file (this PC's local copy, once verified). */
  readFrom(path: string): void {
    const fd = openSync(path, 'r');
    this.close();
    this.fd = fd;
    this.path = path;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The records in `buf` (whole lines of `stream`), each line's hash checked; a bad one is skipped and reported. */
function decodeRecords(buf: Buffer, stream: string, file: string, damaged: (message: string) => void, out: KeyedEvent[]): void {
  forEachLine(buf, 0, (from, to) => {
    const r = decodeRecordAt(buf, from, to);
    if (!r.ok) return damaged(`${file}: a record of ${stream} is unreadable (${r.problem})`);
    // The line hash: the snapshot's checksum is checked in the background, or never (a damaged one is still read, record by record).
    if (sha256Hex(r.record.json) !== r.record.hash) return damaged(`${file}: writer ${r.record.key.writerId} seq ${r.record.key.seq}: checksum mismatch (edited or damaged)`);
    out.push(r.record.value);
  });
}
