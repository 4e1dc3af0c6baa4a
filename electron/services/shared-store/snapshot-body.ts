import { hasEventKey, type KeyedEvent } from './format';
import { BodyLines } from './lines';

/** Consecutive records of one writer in a snapshot, each linked to the one before. */
export interface SnapshotRun {
  writerId: string;
  first: number;
  last: number;
  /** Previous-event hash recorded on `first`. */
  prev: string;
  /** Hash of event `last`. */
  hash: string;
  /** Index of `first`'s event in `SnapshotBody.events`. */
  start: number;
}

export interface SnapshotBody {
  /** Every readable event, in file order. */
  events: KeyedEvent[];
  runs: SnapshotRun[];
  /** Unreadable lines (skipped). */
  bad: number;
  /** Record hashes of one writer's events (this PC's own, found in the snapshot). */
  hashesOf: Map<number, string>;
}

const SP = 0x20;

/**
 * Parses a snapshot file fed in chunks, so a million-event snapshot never exists as one buffer or
 * as one string per record: each record's JSON is parsed straight from the chunk, the links
 * between a writer's consecutive records are compared as bytes, and only the ends of each run of
 * linked records become strings. Nothing is checked against the header's bodySha256 here: the
 * caller does that (SnapshotSink) before it uses anything.
 */
export class SnapshotBodyReader {
  private readonly lines = new BodyLines((buf, start, end) => this.line(buf, start, end));
  private readonly lastHash = Buffer.alloc(64);
  private run: SnapshotRun | undefined;
  private readonly body: SnapshotBody;
  private readonly strings = new Map<string, string>();

  /** `hashesOf`: the writer whose per-record hashes are kept (this PC's own id). */
  constructor(private readonly hashesOf: string) {
    this.body = { events: [], runs: [], bad: 0, hashesOf: new Map() };
  }

  /** Parses the next piece of the file; returns where the body starts in it (after the header line). */
  push(chunk: Buffer): number {
    return this.lines.push(chunk);
  }

  end(): SnapshotBody {
    this.lines.end();
    this.closeRun();
    return this.body;
  }

  private line(buf: Buffer, start: number, end: number): void {
    if (end - start < 132 || buf[start + 64] !== SP || buf[start + 129] !== SP) {
      this.body.bad++;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(buf.toString('utf8', start + 130, end));
    } catch {
      this.body.bad++;
      return;
    }
    if (!hasEventKey(value)) {
      this.body.bad++;
      return;
    }
    // A million events name a handful of writers, types, incidents and people: one string each
    // instead of a copy per event keeps the loaded store smaller (and the garbage collector's work with it).
    value.writerId = this.intern(value.writerId);
    if (typeof value.type === 'string') value.type = this.intern(value.type);
    if (typeof value.stream === 'string') value.stream = this.intern(value.stream);
    if (typeof value.actor === 'string') value.actor = this.intern(value.actor);
    const run = this.run;
    const linked = run !== undefined && run.writerId === value.writerId && run.last + 1 === value.seq && buf.compare(this.lastHash, 0, 64, start + 65, start + 129) === 0;
    if (linked) run.last = value.seq;
    else {
      this.closeRun();
      this.run = { writerId: value.writerId, first: value.seq, last: value.seq, prev: buf.toString('latin1', start + 65, start + 129), hash: '', start: this.body.events.length };
    }
    buf.copy(this.lastHash, 0, start, start + 64);
    if (value.writerId === this.hashesOf) this.body.hashesOf.set(value.seq, buf.toString('latin1', start, start + 64));
    this.body.events.push(value);
  }

  private intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  private closeRun(): void {
    if (!this.run) return;
    this.run.hash = this.lastHash.toString('latin1');
    this.body.runs.push(this.run);
    this.run = undefined;
  }
}
