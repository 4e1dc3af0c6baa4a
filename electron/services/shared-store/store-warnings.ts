import type { StoreWarning } from '../journal/event-store';

/**
 * The warnings the store reports, by key: a key names what a warning is about (a file, a writer's
 * gap, the marker), so a later finding replaces or clears the earlier one instead of piling up.
 */
export class StoreWarnings {
  private readonly byKey = new Map<string, StoreWarning>();

  set(key: string, warning: StoreWarning): void {
    this.byKey.set(key, warning);
  }

  warn(key: string, file: string, message: string): void {
    this.byKey.set(key, { file, message });
  }

  warnOnce(key: string, file: string, message: string): void {
    if (!this.byKey.has(key)) this.warn(key, file, message);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }

  /** Drops every warning whose key starts with `prefix` (before recomputing that kind). */
  deletePrefixed(prefix: string): void {
    for (const key of [...this.byKey.keys()]) if (key.startsWith(prefix)) this.byKey.delete(key);
  }

  list(): StoreWarning[] {
    return [...this.byKey.values()];
  }
}
