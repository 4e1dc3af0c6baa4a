import type { EventEnvelope } from '../../../shared/domain/events';
import { RangeSet } from './chain';
import { isTempName, parseSegmentName, sha256Hex, type StoredRecord } from './format';

/** This PC's own events: their texts and hashes, and which of them the share holds. */
export class OwnEvents {
  /**
   * Own events by seq: the JSON text as journaled (and published) for appended ones, the loaded
   * object for older ones (stringified on demand: JSON.stringify gives back the journaled text).
   */
  private readonly events = new Map<number, EventEnvelope | string>();
  private sorted: number[] = [];
  private readonly hashCache = new Map<number, string>();
  /** Own events found on the share but not in the local journal (a restored PC). */
  private readonly shareHashes = new Map<number, string>();
  /** Which own seqs are on the share, from the last listing plus what was published since. */
  private covered = new RangeSet();
  private listedCount = -1;
  private pendingMemo: number | undefined;

  /** Own seqs held locally, ascending. */
  get seqs(): readonly number[] {
    return this.sorted;
  }

  /** Last seq of the published prefix (every own event up to it is on the share). */
  get publishedEnd(): number {
    return this.covered.prefixEnd;
  }

  remember(e: EventEnvelope, text?: string): void {
    if (this.events.has(e.seq)) return;
    this.events.set(e.seq, text ?? e);
    const last = this.sorted[this.sorted.length - 1];
    if (last === undefined || e.seq > last) this.sorted.push(e.seq);
    else {
      const i = this.sorted.findIndex((s) => s > e.seq);
      this.sorted.splice(i, 0, e.seq);
    }
    this.pendingMemo = undefined;
  }

  /** Whether own seq `seq` is held (recorded here, or found on the share). */
  holds(seq: number): boolean {
    return this.events.has(seq) || this.shareHashes.has(seq);
  }

  /** Every own event held locally, as objects (to deliver again what a checkpoint stood in for). */
  all(): unknown[] {
    return this.sorted.map((s) => {
      const e = this.events.get(s)!;
      return typeof e === 'string' ? JSON.parse(e) : e;
    });
  }

  hash(seq: number): string | undefined {
    const cached = this.hashCache.get(seq) ?? this.shareHashes.get(seq);
    if (cached) return cached;
    const text = this.text(seq);
    if (text === undefined) return undefined;
    const h = sha256Hex(text);
    if (this.hashCache.size > 4096) this.hashCache.clear();
    this.hashCache.set(seq, h);
    return h;
  }

  text(seq: number): string | undefined {
    const e = this.events.get(seq);
    return typeof e === 'object' ? JSON.stringify(e) : e;
  }

  /** An own event read from the share (it may be missing from the local journal). */
  noteShareHash(seq: number, hash: string): void {
    this.shareHashes.set(seq, hash);
  }

  /** True if every seq first..last is held, locally or as read from the share. */
  has(first: number, last: number): boolean {
    for (let s = first; s <= last; s++) if (!this.events.has(s) && !this.shareHashes.has(s)) return false;
    return true;
  }

  pendingSeqs(): number[] {
    const prefix = this.covered.prefixEnd;
    const out: number[] = [];
    // sorted: skip the published prefix quickly.
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! <= prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length; i++) {
      const s = this.sorted[i]!;
      if (!this.covered.has(s)) out.push(s);
    }
    return out;
  }

  pendingCount(): number {
    this.pendingMemo ??= this.pendingSeqs().length;
    return this.pendingMemo;
  }

  /** What the local state file says was published already. */
  coverPublished(publishedSeq: number): void {
    if (publishedSeq > 0) this.covered.add(1, publishedSeq);
  }

  /**
   * Which own events the share holds, from the names in the own writer folder (recomputed when
   * the count changes); false when nothing was recomputed.
   */
  applyListing(names: string[]): boolean {
    let count = 0;
    for (const n of names) if (!isTempName(n)) count++;
    if (count === this.listedCount) return false;
    this.listedCount = count;
    const covered = new RangeSet();
    for (const n of names) {
      const seg = parseSegmentName(n);
      if (seg) covered.add(seg.first, seg.last);
    }
    this.covered = covered;
    this.pendingMemo = undefined;
    return true;
  }

  /** A segment with events first..last (records in order) is now on the share. */
  markPublished(first: number, last: number, records: readonly StoredRecord[]): void {
    records.forEach((r, k) => this.hashCache.set(first + k, r.hash));
    this.covered.add(first, last);
    this.listedCount++;
    this.pendingMemo = undefined;
  }

  /** The share now holds another store: none of the own events are known to be on it. */
  forgetCoverage(): void {
    this.covered = new RangeSet();
    this.listedCount = -1;
    this.pendingMemo = undefined;
  }
}
