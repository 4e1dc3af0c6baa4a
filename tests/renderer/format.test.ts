import { afterEach, describe, expect, it } from 'vitest';
import { formatDuration, formatTime } from '../../renderer/src/ui/format';

const Original = Intl.DateTimeFormat;
afterEach(() => {
  Intl.DateTimeFormat = Original;
});

/** Counts formatter constructions from here on. */
function countConstructions(): { count: number } {
  const seen = { count: 0 };
  Intl.DateTimeFormat = new Proxy(Original, {
    construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      seen.count++;
      return new target(...args);
    },
  });
  return seen;
}

describe('formatTime', () => {
  const at = Date.parse('2026-03-02T09:05:00Z');

  it('formats local or UTC time, with the date on request', () => {
    expect(formatTime(at, true)).toBe('09:05Z');
    expect(formatTime(new Date(at).toISOString(), true, true)).toBe('02/03/2026, 09:05Z');
    const local = new Original('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
    expect(formatTime(at, false)).toBe(local);
  });

  it('builds each formatter once, not per call (a 500-tile board formats on every change)', () => {
    // warm every variant, then count
    for (const utc of [true, false]) for (const withDate of [true, false]) formatTime(at, utc, withDate);
    const made = countConstructions();
    for (let i = 0; i < 2000; i++) formatTime(at + i * 60_000, i % 2 === 0, i % 3 === 0);
    expect(made.count).toBe(0);
    expect(formatTime(at, true)).toBe('09:05Z'); // still right after the burst
  });
});

describe('formatDuration', () => {
  it('is compact', () => {
    expect([45_000, 12 * 60_000, 3 * 3_600_000 + 5 * 60_000, 2 * 86_400_000 + 3 * 3_600_000].map(formatDuration)).toEqual(['45s', '12m', '3h 05m', '2d 3h']);
  });
});
