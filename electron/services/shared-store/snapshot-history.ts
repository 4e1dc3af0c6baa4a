import { closeSync, openSync, readSync } from 'node:fs';
import type { IncidentSummary } from '../../../shared/domain/incident';
import type { FoldedHistory } from '../journal/event-store';
import type { CheckpointStream } from './checkpoint-format';
import { decodeRecordAt, sha256Hex, type KeyedEvent } from './format';
import { forEachLine } from './lines';

/**
 * The events of a snapshot that a checkpoint describes, read on demand: an incident's records are
 * read (by the byte ranges the checkpoint gives, each line's hash checked) only when something
 * needs its timeline — from the share's file until this PC's verified local copy is there, then
 * from that copy. The file stays open for the store's life, so a newer snapshot put in its place
 * later does not change what this one reads.
 */
export class SnapshotHistory implements FoldedHistory {
  private fd: number | undefined;
  private readonly ranges = new Map<string, readonly number[]>();
  readonly summaries: IncidentSummary[] = [];

  /** `damaged(message)`: a record whose line hash does not hold (it is skipped). */
  constructor(
    private path: string,
    streams: readonly CheckpointStream[],
    private readonly damaged: (message: string) => void,
  ) {
    this.fd = openSync(path, 'r');
    for (const s of streams) {
      this.ranges.set(s.stream, s.ranges);
      if (s.summary) this.summaries.push(s.summary);
    }
  }

  /** The stored events of `stream`, in file order (unvalidated: the service parses them). */
  eventsOf(stream: string): KeyedEvent[] {
    const ranges = this.ranges.get(stream);
    if (!ranges) return [];
    if (this.fd === undefined) throw new Error(`the local copy of the snapshot (${this.path}) is closed`);
    const out: KeyedEvent[] = [];
    for (let i = 0; i < ranges.length; i += 2) {
      const start = ranges[i]!;
      const buf = Buffer.allocUnsafe(ranges[i + 1]! - start);
      let got = 0;
      while (got < buf.length) {
        const n = readSync(this.fd, buf, got, buf.length - got, start + got);
        if (n === 0) throw new Error(`the local copy of the snapshot (${this.path}) is shorter than its checkpoint says`);
        got += n;
      }
      forEachLine(buf, 0, (from, to) => {
        const r = decodeRecordAt(buf, from, to);
        if (!r.ok) return this.damaged(`${this.path}: a record of ${stream} is unreadable (${r.problem}); skipped`);
        // The line hash: the snapshot's checksum is checked in the background, or never (a damaged one is still read, record by record).
        if (sha256Hex(r.record.json) !== r.record.hash) return this.damaged(`${this.path}: writer ${r.record.key.writerId} seq ${r.record.key.seq}: checksum mismatch (edited or damaged); skipped`);
        out.push(r.record.value);
      });
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

  /** Events of the streams without a folded state (alerts, organisation, incidents not created yet): needed at once. */
  unfolded(streams: readonly CheckpointStream[]): KeyedEvent[] {
    return streams.filter((s) => !s.summary).flatMap((s) => this.eventsOf(s.stream));
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
