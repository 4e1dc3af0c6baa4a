import type { CheckpointWriter } from './checkpoint-format';
import { BodyLines } from './lines';

const SP = 0x20;

/**
 * Checks, as bytes and without parsing a single event, that a snapshot file fed in pieces is what
 * its checkpoint says: every body line lies in its writer's byte range, each writer's lines link
 * (a line's previous-event hash is the line before's hash, the first one's is the range's `prev`),
 * there are `last - first + 1` of them and the last one's hash is the range's `hash`. Together
 * with the body checksum this is what the parsing reader verifies of a snapshot's chains.
 */
export class ChainScan {
  private readonly split = new BodyLines((buf, start, end, at) => this.line(buf, start, end, at));
  private w = -1;
  private count = 0;
  private readonly lastHash = Buffer.alloc(64);
  private problem: string | undefined;

  constructor(private readonly writers: readonly CheckpointWriter[]) {}

  /** Scans the next piece of the file; returns where the body starts in it (after the header line). */
  push(chunk: Buffer): number {
    return this.split.push(chunk);
  }

  /** Undefined if the file matched; else what did not. */
  end(): string | undefined {
    this.split.end();
    this.closeWriter();
    if (!this.problem && this.w < this.writers.length - 1) this.problem = `writer ${this.writers[this.w + 1]!.writerId}'s records are missing`;
    return this.problem;
  }

  private line(buf: Buffer, start: number, end: number, at: number): void {
    if (this.problem) return;
    let r = this.writers[this.w];
    if (!r || at >= r.end) {
      this.closeWriter();
      r = this.writers[++this.w];
      if (!r || at !== r.start) return void (this.problem = `a line at byte ${at} is outside every writer's records`);
      this.count = 0;
      this.lastHash.write(r.prev, 'latin1');
    }
    if (end - start < 132 || buf[start + 64] !== SP || buf[start + 129] !== SP) return void (this.problem = `line at byte ${at} is not a record`);
    if (buf.compare(this.lastHash, 0, 64, start + 65, start + 129) !== 0) return void (this.problem = `writer ${r.writerId} seq ${r.first + this.count}: previous-event hash does not match`);
    buf.copy(this.lastHash, 0, start, start + 64);
    this.count++;
  }

  private closeWriter(): void {
    const r = this.writers[this.w];
    if (!r || this.problem) return;
    if (this.count !== r.last - r.first + 1) this.problem = `writer ${r.writerId}: ${this.count} records where the checkpoint says ${r.last - r.first + 1}`;
    else if (this.lastHash.toString('latin1') !== r.hash) this.problem = `writer ${r.writerId} seq ${r.last}: hash does not match the checkpoint`;
  }
}
