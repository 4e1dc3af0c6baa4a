export type PassKind = 'full' | 'publish';

/**
 * Serialises sync passes: one runs at a time, in request order. A request while one of its kind is
 * queued joins it (a queued full pass also covers a publish).
 */
export class PassQueue {
  private tail: Promise<void> = Promise.resolve();
  private queuedFull = false;
  private queuedPublish = false;

  /** `skipFull`: full passes are skipped once true (closing). Failures are the pass's own business. */
  constructor(
    private readonly pass: (kind: PassKind) => Promise<void>,
    private readonly skipFull: () => boolean,
  ) {}

  request(kind: PassKind): Promise<void> {
    if (this.queuedFull || (kind === 'publish' && this.queuedPublish)) return this.tail;
    if (kind === 'full') this.queuedFull = true;
    else this.queuedPublish = true;
    // pass() reports its own failures as status; the queue's tail never rejects.
    void this.enqueue(async () => {
      if (kind === 'full') this.queuedFull = false;
      else this.queuedPublish = false;
      if (this.skipFull() && kind === 'full') return;
      await this.pass(kind);
    });
    return this.tail;
  }

  /** Runs `task` after everything queued, before anything requested later; its result or error is the caller's. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Closing: runs a last publish after what is queued, outside the queue; a publish requested
   * meanwhile queues anew rather than joining one already queued.
   */
  runLast(task: () => Promise<void>): Promise<void> {
    this.queuedPublish = false;
    return this.tail.then(task);
  }
}
