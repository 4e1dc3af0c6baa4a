type Listener = (events: unknown[]) => void;

/**
 * Where events read from the share go: into the result of `load()` while it collects, then to the
 * onRemoteEvents listeners (kept for the first listener while there is none).
 */
export class RemoteEventOutlet {
  private readonly listeners = new Set<Listener>();
  private readonly undelivered: unknown[] = [];
  private collecting: unknown[] | undefined;

  /** Until `stopCollecting`, delivered events are pushed to `into`. */
  collectInto(into: unknown[]): void {
    this.collecting = into;
  }

  /** Removes from what has been collected so far the events `covered` picks (a checkpoint holds them). */
  dropCollected(covered: (event: { writerId: string; seq: number }) => boolean): void {
    const into = this.collecting;
    if (!into) return;
    let kept = 0;
    for (const v of into) if (!covered(v as { writerId: string; seq: number })) into[kept++] = v;
    into.length = kept;
  }

  stopCollecting(): void {
    this.collecting = undefined;
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.undelivered.length) {
      const pending = this.undelivered.splice(0);
      listener(pending);
    }
    return () => this.listeners.delete(listener);
  }

  deliver(values: unknown[]): void {
    if (values.length === 0) return;
    if (this.collecting) {
      for (const v of values) this.collecting.push(v);
      return;
    }
    if (this.listeners.size === 0) {
      for (const v of values) this.undelivered.push(v); // kept for the first listener
      return;
    }
    for (const l of this.listeners) l(values);
  }

  clear(): void {
    this.listeners.clear();
  }
}
