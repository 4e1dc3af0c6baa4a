/**
 * The event id held at each (writer, seq). Events on the share are named by writer and sequence,
 * so a record read again (a segment and the snapshot covering it, the local replica, this PC's own
 * events coming back) is recognised by a lookup in a dense array per writer: for a store of a
 * million events that is far cheaper to build and hold than a set of a million ids. The ids are
 * the events' own strings, not copies.
 */
export class HeldIds {
  private readonly byWriter = new Map<string, string[]>();
  /** Per writer, seqs 1..floor held without their ids (a checkpoint's snapshot, not loaded). */
  private readonly floors = new Map<string, number>();

  /** Holds every seq up to `last` of a writer whose events are not loaded (their copies read again count as held). */
  holdThrough(writerId: string, last: number): void {
    if (last > (this.floors.get(writerId) ?? 0)) this.floors.set(writerId, last);
  }

  /** Forgets every seq up to `last` of a writer: read again, each counts as new. */
  releaseThrough(writerId: string, last: number): void {
    this.floors.delete(writerId);
    this.byWriter.get(writerId)?.fill(undefined as unknown as string, 0, last + 1);
  }

  isHeldThrough(writerId: string, seq: number): boolean {
    return seq <= (this.floors.get(writerId) ?? 0);
  }

  /**
   * Holds `id` at (writer, seq) unless an id is held there already; returns the one held before
   * (undefined if none). A seq that is not a whole number ≥ 0 is never held (the service rejects
   * such an event).
   */
  hold(writerId: string, seq: number, id: string): string | undefined {
    if (!Number.isSafeInteger(seq) || seq < 0) return undefined;
    if (seq <= (this.floors.get(writerId) ?? 0)) return id;
    let ids = this.byWriter.get(writerId);
    if (!ids) this.byWriter.set(writerId, (ids = []));
    const prior = ids[seq];
    if (prior === undefined) ids[seq] = id;
    return prior;
  }
}
