import type { SnapshotHead } from './format';

/** The segment names seen per writer, against the newest snapshot's heads: what a snapshot covers, and when to compact. */
export class SegmentTally {
  /** writerId → highest last seq among its segment names seen. */
  private readonly segmentMax = new Map<string, number>();
  /** writerId → last seq of every segment name seen. */
  private readonly segmentLasts = new Map<string, number[]>();
  private newestSnapshotHeads: Record<string, SnapshotHead> = {};
  /** Events in the newest snapshot known. */
  snapshotCount = 0;
  /** Segments not covered by the newest snapshot known. */
  uncompacted = 0;

  /** Remembers a segment's last seq, to tell how much a snapshot covers. */
  noteSegment(w: string, last: number): void {
    let list = this.segmentLasts.get(w);
    if (!list) this.segmentLasts.set(w, (list = []));
    list.push(last);
    if (last > (this.segmentMax.get(w) ?? 0)) this.segmentMax.set(w, last);
    if (last > (this.newestSnapshotHeads[w]?.seq ?? 0)) this.uncompacted++;
  }

  adoptSnapshotHeads(heads: Record<string, SnapshotHead>): void {
    this.newestSnapshotHeads = heads;
    this.snapshotCount = Object.values(heads).reduce((n, h) => n + h.seq, 0);
    let n = 0;
    for (const [w, lasts] of this.segmentLasts) {
      const head = heads[w]?.seq ?? 0;
      for (const l of lasts) if (l > head) n++;
    }
    this.uncompacted = n;
  }

  /** True if every head is present in the writer folders (a snapshot of another history is not). */
  holds(heads: Record<string, SnapshotHead>): boolean {
    return Object.entries(heads).every(([w, h]) => (this.segmentMax.get(w) ?? 0) >= h.seq);
  }
}
