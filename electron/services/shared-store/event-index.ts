import { join } from 'node:path';
import { WriterChain, type ChainIssue } from './chain';
import type { CheckpointWriter } from './checkpoint-format';
import { ZERO_HASH, type KeyedEvent, type ParsedRecord } from './format';
import { HeldIds } from './held-ids';
import type { OwnEvents } from './own-events';
import type { SnapshotBody } from './snapshot-body';
import type { StoreWarnings } from './store-warnings';

export interface ChainHead {
  /** Highest sequence number held for the writer, and its event hash. */
  seq: number;
  hash: string;
  /** Last sequence number of the unbroken chain from the writer's first event. */
  contiguousTo: number;
  gaps: Array<{ from: number; to: number }>;
}

/**
 * What has been read: the event held at each writer's seq (for dedupe) and each other writer's
 * hash chain as far as it has been read (for tamper evidence). Chain problems are reported through
 * `chainWarning`, naming writer and seq. An event id recorded by two writers (two PCs noting the
 * same SLA breach under its deterministic id) is delivered from both: the fold keeps one, the same
 * one on every PC.
 */
export class EventIndex {
  /** The event held at each (writer, seq): own journal, replica, delivered. */
  private readonly held = new HeldIds();
  /** Hash chains of events read from the share (all writers but own local ones). */
  private readonly chains = new Map<string, WriterChain>();
  /** Highest seq that a segment read for the writer was named for. */
  private readonly claimed = new Map<string, number>();

  constructor(
    private readonly me: string,
    private readonly own: OwnEvents,
    private readonly chainWarning: (file: string, message: string) => void,
  ) {}

  /** Remembers an event held locally (journal), so a copy read from the share is not new. */
  know(e: Pick<KeyedEvent, 'id' | 'writerId' | 'seq'>): void {
    this.held.hold(e.writerId, e.seq, e.id);
  }

  /** True if the share's events first..last of writer `w` are all held already. */
  covers(w: string, first: number, last: number): boolean | undefined {
    return w === this.me ? this.own.has(first, last) : this.chains.get(w)?.covers(first, last);
  }

  /** The last seq of writer `w`'s unbroken chain from its first event (0: none). */
  prefixEnd(w: string): number {
    return this.chains.get(w)?.prefix?.last ?? 0;
  }

  /** A segment named for events up to `last` was read: a shorter (truncated) file leaves a visible gap. */
  claim(w: string, last: number): void {
    if (last > (this.claimed.get(w) ?? 0)) this.claimed.set(w, last);
  }

  /**
   * Adds a record read from the share (or the replica) to its writer's chain; true if its event is
   * new. Chain problems become warnings naming writer and seq.
   */
  ingest(r: ParsedRecord, file: string): boolean {
    const { writerId: w, seq, id } = r.key;
    const known = this.held.hold(w, seq, id) === id;
    if (w === this.me) {
      this.own.noteShareHash(seq, r.hash);
      return !known;
    }
    let chain = this.chains.get(w);
    if (!chain) this.chains.set(w, (chain = new WriterChain()));
    const res = chain.add(seq, seq, r.prev, r.hash);
    if (res.covered && !known) {
      this.chainWarning(file, `writer ${w} seq ${seq}: a second, different event with the same sequence number (edited copy, or the writer id is used on two PCs)`);
    }
    for (const issue of res.issues) this.chainIssue(w, issue, file);
    return !known;
  }

  /**
   * Takes in a snapshot's events (after its checksum held): dedupes by writer and seq, adds each writer's runs
   * of linked records to its chain (warnings name writer and seq); returns the new events.
   */
  adoptSnapshotBody(body: SnapshotBody, file: string): KeyedEvent[] {
    const fresh: KeyedEvent[] = [];
    const { events } = body;
    for (const run of body.runs) {
      const own = run.writerId === this.me;
      let chain = this.chains.get(run.writerId);
      if (!own && !chain) this.chains.set(run.writerId, (chain = new WriterChain()));
      const held = Boolean(chain?.head); // a fresh chain holds nothing a record could clash with
      for (let i = run.start, end = run.start + run.last - run.first; i <= end; i++) {
        const e = events[i]!;
        const known = this.held.hold(run.writerId, e.seq, e.id) === e.id;
        if (own) this.own.noteShareHash(e.seq, body.hashesOf.get(e.seq)!);
        else if (!known && held && chain!.has(e.seq)) {
          this.chainWarning(file, `writer ${run.writerId} seq ${e.seq}: a second, different event with the same sequence number (edited copy, or the writer id is used on two PCs)`);
        }
        if (!known) fresh.push(e);
      }
      if (chain && !own) for (const issue of chain.add(run.first, run.last, run.prev, run.hash).issues) this.chainIssue(run.writerId, issue, file);
    }
    return fresh;
  }

  /**
   * Takes in a checkpoint's writers (after the snapshot's checksum and links held): their events
   * are held, not loaded, and each writer's chain runs from its first event to the checkpoint's head.
   */
  adoptCheckpoint(writers: readonly CheckpointWriter[], file: string): void {
    for (const w of writers) {
      this.held.holdThrough(w.writerId, w.last);
      if (w.writerId === this.me) continue; // own events: the journal holds them
      let chain = this.chains.get(w.writerId);
      if (!chain) this.chains.set(w.writerId, (chain = new WriterChain()));
      for (const issue of chain.add(w.first, w.last, w.prev, w.hash).issues) this.chainIssue(w.writerId, issue, file);
    }
  }

  /**
   * Undoes adoptCheckpoint (its snapshot turned out damaged or unreadable): the writers' events up
   * to the checkpoint's heads count as not held (whatever copy was read before) and their chains
   * as not read, so their segments are read again and delivered.
   */
  forgetCheckpoint(writers: readonly CheckpointWriter[]): void {
    for (const w of writers) {
      this.held.releaseThrough(w.writerId, w.last);
      if (w.writerId !== this.me) this.chains.delete(w.writerId);
    }
  }

  /** Whether writer `w`'s event `seq` is one a checkpoint holds without loading it. */
  heldThrough(w: string, seq: number): boolean {
    return this.held.isHeldThrough(w, seq);
  }

  private chainIssue(w: string, issue: ChainIssue, file: string): void {
    if (issue.kind === 'genesis') this.chainWarning(file, `writer ${w} seq 1: does not start a chain (previous hash is not zero)`);
    else this.chainWarning(file, `writer ${w} seq ${issue.seq}: previous-event hash does not match seq ${issue.seq - 1} (edited, removed or reordered events)`);
  }

  /** Missing seqs of another writer: holes in its chain, and a tail that a segment name promised. */
  private gapsOf(w: string): Array<{ from: number; to: number }> {
    const chain = this.chains.get(w);
    const gaps = chain?.gaps() ?? [];
    const top = chain?.head?.last ?? 0;
    const claimed = this.claimed.get(w) ?? 0;
    if (claimed > top) gaps.push({ from: top + 1, to: claimed });
    return gaps;
  }

  /** Replaces the `gap:<writer>` warnings with the gaps now seen. */
  updateGapWarnings(warnings: StoreWarnings, writersDir: string): void {
    warnings.deletePrefixed('gap:');
    for (const w of new Set([...this.chains.keys(), ...this.claimed.keys()])) {
      if (w === this.me) continue;
      const gaps = this.gapsOf(w);
      if (gaps.length === 0) continue;
      const text = gaps.slice(0, 5).map((g) => (g.from === g.to ? `seq ${g.from}` : `seq ${g.from}–${g.to}`)).join(', ');
      warnings.set(`gap:${w}`, {
        file: join(writersDir, w),
        message: `writer ${w}: ${text}${gaps.length > 5 ? ', …' : ''} missing from the shared folder (removed, damaged or not yet synced segment)`,
      });
    }
  }

  /** Per writer: highest seq held and its hash, the unbroken prefix, and gaps (for reports). */
  chainHeads(): Record<string, ChainHead> {
    const out: Record<string, ChainHead> = {};
    for (const [w, chain] of this.chains) {
      if (w === this.me) continue;
      const head = chain.head;
      if (!head) continue;
      out[w] = { seq: head.last, hash: head.hash, contiguousTo: chain.prefix?.last ?? 0, gaps: this.gapsOf(w) };
    }
    const ownSeqs = this.own.seqs;
    const ownMax = ownSeqs[ownSeqs.length - 1] ?? 0;
    if (ownMax > 0) {
      const gaps: Array<{ from: number; to: number }> = [];
      let next = 1;
      for (const s of ownSeqs) {
        if (s > next) gaps.push({ from: next, to: s - 1 });
        next = s + 1;
      }
      out[this.me] = { seq: ownMax, hash: this.own.hash(ownMax) ?? ZERO_HASH, contiguousTo: gaps[0] ? gaps[0].from - 1 : ownMax, gaps };
    }
    return out;
  }
}
