/**
 * Long work on the main thread, done in slices of about `ms` with a turn of the event loop between
 * them, so calls, streams and timers go on meanwhile: `await slices.pause()` between steps.
 */
export class TimeSlices {
  private started = performance.now();

  constructor(private readonly ms: number) {}

  /** Returns at once within a slice; else lets the event loop turn first. */
  async pause(): Promise<void> {
    if (performance.now() - this.started < this.ms) return;
    await new Promise((r) => setImmediate(r));
    this.started = performance.now();
  }
}
