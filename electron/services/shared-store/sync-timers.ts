import { watch, type FSWatcher } from 'node:fs';

export interface SyncTimerOptions {
  pollMs: number;
  publishDelayMs: number;
  /** Folder to fs.watch as a hint to poll sooner; undefined: polling only. */
  watchDir: string | undefined;
  /** The share is readable: poll at pollMs (otherwise at least every 250 ms apart). */
  readable: () => boolean;
  /** A full pass (resolves when done). */
  full: () => Promise<void>;
  publish: () => void;
}

const PUBLISH_SPACING_MS = 100;

/** The timers that drive sync: the poll loop, the delayed publish after an append, and the fs.watch hint. */
export class SyncTimers {
  private pollTimer: NodeJS.Timeout | undefined;
  private publishTimer: NodeJS.Timeout | undefined;
  private watcher: FSWatcher | undefined;
  private lastPublish = -Infinity;
  private running = false;
  private stopped = false;

  constructor(private readonly o: SyncTimerOptions) {}

  start(): void {
    if (this.stopped) return;
    this.running = true;
    const tick = () => {
      this.pollTimer = setTimeout(
        () => {
          void this.o.full().finally(() => {
            if (this.running) tick();
          });
        },
        this.o.readable() ? this.o.pollMs : Math.max(this.o.pollMs, 250),
      );
      this.pollTimer.unref?.();
    };
    tick();
    this.watch();
  }

  /**
   * Publishes after publishDelayMs, so a burst of appends shares one segment, and at most every
   * PUBLISH_SPACING_MS: in a sustained burst each segment's fsyncs would otherwise compete with the
   * journal's for the disk. An occasional action still goes out publishDelayMs after it.
   */
  publishSoon(): void {
    if (this.publishTimer) return;
    const wait = Math.max(this.o.publishDelayMs, this.lastPublish + PUBLISH_SPACING_MS - performance.now());
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      this.lastPublish = performance.now();
      this.o.publish();
    }, wait);
  }

  /** fs.watch on the writers folder as a hint to poll sooner (network file systems often send nothing). */
  watch(): void {
    const dir = this.o.watchDir;
    if (!dir || this.watcher || !this.running) return;
    try {
      let soon: NodeJS.Timeout | undefined;
      const watcher = watch(dir, { recursive: true, persistent: false }, () => {
        if (soon || !this.running) return;
        soon = setTimeout(() => {
          soon = undefined;
          void this.o.full();
        }, 20);
      });
      watcher.on('error', () => {
        watcher.close();
        if (this.watcher === watcher) this.watcher = undefined; // tried again after the next good pass
      });
      this.watcher = watcher;
    } catch {
      // Not supported here, or the share is away: polling alone (retried after the next good pass).
    }
  }

  stop(): void {
    this.running = false;
    this.stopped = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.watcher?.close();
  }
}
