import { ZERO_HASH } from './format';

/** A stretch of consecutive sequence numbers held for one writer, with the hashes at its ends. */
export interface Run {
  first: number;
  last: number;
  /** The previous-event hash recorded on `first`. */
  prev: string;
  /** The hash of event `last`. */
  hash: string;
}

export type ChainIssue =
  | { kind: 'link'; seq: number }
  | { kind: 'genesis'; seq: number };

/**
 * One writer's hash chain as far as it has been read, kept as runs of consecutive sequence
 * numbers (normally one). Joining two runs checks that the later one's recorded previous hash is
 * the earlier one's last hash: an edited, removed or reordered event shows up as a gap or a
 * broken link naming the sequence number.
 */
const EXTENDED: { covered: boolean; issues: ChainIssue[] } = Object.freeze({ covered: false, issues: Object.freeze([]) as unknown as ChainIssue[] });

export class WriterChain {
  private runs: Run[] = [];

  /** Adds the events `first..last` (already linked to each other). */
  add(first: number, last: number, prev: string, hash: string): { covered: boolean; issues: ChainIssue[] } {
    const runs = this.runs;
    // Fast path (a writer's events read in order): extend the last run in place.
    const tail = runs[runs.length - 1];
    if (tail && tail.last === first - 1 && last >= first) {
      const ok = tail.hash === prev;
      tail.last = last;
      tail.hash = hash;
      return ok ? EXTENDED : { covered: false, issues: [{ kind: 'link', seq: first }] };
    }
    const issues: ChainIssue[] = [];
    // First run that ends at or after first-1 (could touch or overlap).
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid]!.last < first - 1) lo = mid + 1;
      else hi = mid;
    }
    const i = lo;
    const at = runs[i];
    if (at && at.first <= first && at.last >= last) return { covered: true, issues };
    if (first === 1 && prev !== ZERO_HASH && !(at && at.first === 1)) issues.push({ kind: 'genesis', seq: 1 });
    let merged: Run = { first, last, prev, hash };
    let j = i;
    while (j < runs.length && runs[j]!.first <= last + 1) {
      const r = runs[j]!;
      if (r.last === first - 1) {
        if (r.hash !== prev) issues.push({ kind: 'link', seq: first });
      } else if (r.first === last + 1) {
        if (r.prev !== hash) issues.push({ kind: 'link', seq: r.first });
      }
      merged = {
        first: Math.min(merged.first, r.first),
        last: Math.max(merged.last, r.last),
        prev: r.first < merged.first ? r.prev : merged.prev,
        hash: r.last > merged.last ? r.hash : merged.hash,
      };
      j++;
    }
    runs.splice(i, j - i, merged);
    return { covered: false, issues };
  }

  /** Whether every sequence number in first..last is held. */
  covers(first: number, last: number): boolean {
    return this.runs.some((r) => r.first <= first && r.last >= last);
  }

  has(seq: number): boolean {
    return this.covers(seq, seq);
  }

  /** Missing stretches below the highest sequence number held. */
  gaps(): Array<{ from: number; to: number }> {
    const out: Array<{ from: number; to: number }> = [];
    let next = 1;
    for (const r of this.runs) {
      if (r.first > next) out.push({ from: next, to: r.first - 1 });
      next = r.last + 1;
    }
    return out;
  }

  /** The run that starts at seq 1 (everything from the writer's first event), if any. */
  get prefix(): Run | undefined {
    const r = this.runs[0];
    return r && r.first === 1 ? r : undefined;
  }

  get head(): Run | undefined {
    return this.runs[this.runs.length - 1];
  }

  get all(): readonly Run[] {
    return this.runs;
  }
}

/** Sorted, merged set of sequence-number ranges (which own events are on the share). */
export class RangeSet {
  private ranges: Array<[number, number]> = [];

  add(first: number, last: number): void {
    const r = this.ranges;
    let lo = 0;
    let hi = r.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r[mid]![1] < first - 1) lo = mid + 1;
      else hi = mid;
    }
    let j = lo;
    let a = first;
    let b = last;
    while (j < r.length && r[j]![0] <= last + 1) {
      a = Math.min(a, r[j]![0]);
      b = Math.max(b, r[j]![1]);
      j++;
    }
    r.splice(lo, j - lo, [a, b]);
  }

  has(seq: number): boolean {
    const r = this.ranges;
    let lo = 0;
    let hi = r.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r[mid]![1] < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo < r.length && r[lo]![0] <= seq;
  }

  /** End of the range that starts at 1, or 0. */
  get prefixEnd(): number {
    const first = this.ranges[0];
    return first && first[0] === 1 ? first[1] : 0;
  }

  get list(): ReadonlyArray<readonly [number, number]> {
    return this.ranges;
  }
}
