/** Token bucket: `burst` requests at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes a token: 0 when allowed, else the whole seconds to wait before the next one (Retry-After). */
  take(now: number): number {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.perSecond);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }
}

/** Accepted and refused deliveries per source, since this process started. */
export class IntakeStats {
  private readonly bySource = new Map<string, { accepted: number; rejected: number; lastAcceptedAt: string | null }>();

  private entry(source: string) {
    let e = this.bySource.get(source);
    if (!e) this.bySource.set(source, (e = { accepted: 0, rejected: 0, lastAcceptedAt: null }));
    return e;
  }

  accepted(source: string, at: number): void {
    const e = this.entry(source);
    e.accepted++;
    e.lastAcceptedAt = new Date(at).toISOString();
  }

  rejected(source: string): void {
    this.entry(source).rejected++;
  }

  of(source: string): { accepted: number; rejected: number; lastAcceptedAt: string | null } {
    return { ...this.entry(source) };
  }
}
