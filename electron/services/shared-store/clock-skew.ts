import { join } from 'node:path';
import type { Clock } from '../../../shared/time/clock';
import { WRITERS_DIR, type KeyedEvent } from './format';
import type { StoreWarnings } from './store-warnings';

const hlcMillis = (hlc: string) => Number(hlc.slice(0, 15));

/**
 * Holds back another writer's events stamped more than `maxDriftMs` ahead of this PC's clock until
 * local time catches up (with a `skew:<writer>` warning); otherwise one PC with a wrong clock would
 * drag every other PC's hybrid logical clock forward.
 */
export class SkewGate {
  private readonly held: Array<{ value: Record<string, unknown>; writerId: string; millis: number }> = [];

  constructor(
    private readonly me: string,
    private readonly clock: Clock,
    private readonly maxDriftMs: number,
    private readonly root: string,
    private readonly warnings: StoreWarnings,
    /** Names a writer in the warning (from presence). */
    private readonly nameOf: (writerId: string) => string | undefined,
  ) {}

  get heldCount(): number {
    return this.held.length;
  }

  /** The events to deliver now; the others are held. */
  admit(events: readonly KeyedEvent[]): unknown[] {
    const limit = this.clock.now() + this.maxDriftMs;
    // Every HLC at or below the limit sorts below this text (fixed width): most events skip the parse.
    const above = `${String(limit).padStart(15, '0')}:`;
    const deliver: unknown[] = [];
    const heldBefore = this.held.length;
    for (const value of events) {
      const millis = value.hlc > above ? hlcMillis(value.hlc) : limit;
      if (value.writerId !== this.me && Number.isFinite(millis) && millis > limit) {
        this.held.push({ value, writerId: value.writerId, millis });
      } else deliver.push(value);
    }
    if (this.held.length !== heldBefore) this.updateWarnings();
    return deliver;
  }

  /** Held events whose time has come (they leave the gate). */
  release(): unknown[] {
    if (this.held.length === 0) return [];
    const limit = this.clock.now() + this.maxDriftMs;
    const ready = this.held.filter((h) => h.millis <= limit);
    if (ready.length === 0) return [];
    const still = this.held.filter((h) => h.millis > limit);
    this.held.length = 0;
    this.held.push(...still);
    this.updateWarnings();
    return ready.map((h) => h.value);
  }

  updateWarnings(): void {
    this.warnings.deletePrefixed('skew:');
    const byWriter = new Map<string, { n: number; max: number }>();
    for (const h of this.held) {
      const cur = byWriter.get(h.writerId) ?? { n: 0, max: 0 };
      byWriter.set(h.writerId, { n: cur.n + 1, max: Math.max(cur.max, h.millis) });
    }
    for (const [w, { n, max }] of byWriter) {
      const name = this.nameOf(w);
      this.warnings.set(`skew:${w}`, {
        file: join(this.root, WRITERS_DIR, w),
        message: `writer ${w}${name ? ` (${name})` : ''}: ${n} event${n === 1 ? '' : 's'} stamped up to ${new Date(max).toISOString()}, more than ${Math.round(this.maxDriftMs / 60_000)} min ahead of this PC's clock — held back until then; check that PC's clock`,
      });
    }
  }
}
