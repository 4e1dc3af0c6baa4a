import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockDriftError, decodeHlc, DEFAULT_MAX_DRIFT_MS, encodeHlc, receiveHlc, tickHlc, type HlcState } from '../../shared/time/hlc';

const MAX_COUNTER = 36 ** 4 - 1;
const NOW = Date.parse('2026-03-02T09:00:00.000Z');

/** Plausible wall-clock milliseconds (1970 … 2200) and counters up to the 4-digit base-36 limit. */
const millis = fc.integer({ min: 0, max: 7_258_118_400_000 });
const counter = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: MAX_COUNTER }), fc.constant(MAX_COUNTER));
const hlc = fc.record({ millis, counter });

/** HLC order: millis, then counter. */
function cmp(a: HlcState, b: HlcState): number {
  return a.millis !== b.millis ? Math.sign(a.millis - b.millis) : Math.sign(a.counter - b.counter);
}

describe('tickHlc', () => {
  it('property: always moves strictly forward, whatever the wall clock does', () => {
    fc.assert(
      fc.property(hlc, fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 1, maxLength: 50 }), (start, jumps) => {
        let last = start;
        let now = start.millis;
        for (const jump of jumps) {
          now += jump; // the PC clock may jump backwards (NTP correction) or stand still
          const next = tickHlc(last, now);
          expect(cmp(next, last)).toBe(1);
          expect(next.millis).toBeGreaterThanOrEqual(Math.max(now, last.millis));
          expect(next.counter).toBeLessThanOrEqual(MAX_COUNTER);
          last = next;
        }
      }),
    );
  });

  it.each<[string, HlcState, number, HlcState]>([
    ['takes the wall clock when it is ahead', { millis: NOW, counter: 7 }, NOW + 5, { millis: NOW + 5, counter: 0 }],
    ['counts within the same millisecond', { millis: NOW, counter: 7 }, NOW, { millis: NOW, counter: 8 }],
    ['counts when the wall clock went back', { millis: NOW, counter: 7 }, NOW - 60_000, { millis: NOW, counter: 8 }],
    ['moves to the next millisecond when the counter is full', { millis: NOW, counter: MAX_COUNTER }, NOW, { millis: NOW + 1, counter: 0 }],
  ])('%s', (_what, last, now, expected) => {
    expect(tickHlc(last, now)).toEqual(expected);
  });
});

describe('receiveHlc', () => {
  it('property: the result is ahead of both the local and the remote timestamp and not behind the wall clock', () => {
    fc.assert(
      fc.property(hlc, fc.integer({ min: -DEFAULT_MAX_DRIFT_MS * 3, max: DEFAULT_MAX_DRIFT_MS }), counter, fc.integer({ min: -1000, max: 1000 }), (last, remoteOffset, remoteCounter, nowOffset) => {
        const now = Math.max(0, last.millis + nowOffset);
        const remote = { millis: Math.max(0, now + remoteOffset), counter: remoteCounter };
        const next = receiveHlc(last, remote, now);
        expect(cmp(next, last)).toBe(1);
        expect(cmp(next, remote)).toBe(1);
        expect(next.millis).toBeGreaterThanOrEqual(now);
        expect(next.counter).toBeLessThanOrEqual(MAX_COUNTER);
        // a following local tick stays ahead of the remote event
        expect(cmp(tickHlc(next, now), remote)).toBe(1);
      }),
    );
  });

  it.each<[string, HlcState, HlcState, number, HlcState]>([
    ['wall clock ahead of both', { millis: NOW - 10, counter: 3 }, { millis: NOW - 5, counter: 9 }, NOW, { millis: NOW, counter: 0 }],
    ['remote ahead', { millis: NOW, counter: 3 }, { millis: NOW + 100, counter: 9 }, NOW, { millis: NOW + 100, counter: 10 }],
    ['local ahead', { millis: NOW + 100, counter: 3 }, { millis: NOW, counter: 9 }, NOW, { millis: NOW + 100, counter: 4 }],
    ['same millisecond: the larger counter plus one', { millis: NOW, counter: 3 }, { millis: NOW, counter: 9 }, NOW, { millis: NOW, counter: 10 }],
    ['counter overflow moves to the next millisecond', { millis: NOW, counter: 3 }, { millis: NOW, counter: MAX_COUNTER }, NOW, { millis: NOW + 1, counter: 0 }],
  ])('%s', (_what, last, remote, now, expected) => {
    expect(receiveHlc(last, remote, now)).toEqual(expected);
  });

  it('accepts a remote exactly at the allowed drift and refuses one beyond it', () => {
    const last = { millis: NOW, counter: 0 };
    expect(receiveHlc(last, { millis: NOW + DEFAULT_MAX_DRIFT_MS, counter: 0 }, NOW).millis).toBe(NOW + DEFAULT_MAX_DRIFT_MS);
    let err: unknown;
    try {
      receiveHlc(last, { millis: NOW + DEFAULT_MAX_DRIFT_MS + 1, counter: 0 }, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ClockDriftError);
    expect(err).toMatchObject({ remoteMillis: NOW + DEFAULT_MAX_DRIFT_MS + 1, localMillis: NOW });
    expect((err as Error).message).toMatch(/Clock drift/);
  });

  it('property: drift beyond a custom maximum always throws and leaves nothing half-applied', () => {
    fc.assert(
      fc.property(hlc, fc.integer({ min: 0, max: 3_600_000 }), fc.integer({ min: 1, max: 3_600_000 }), (last, maxDrift, beyond) => {
        const now = last.millis;
        const remote = { millis: now + maxDrift + beyond, counter: 0 };
        expect(() => receiveHlc(last, remote, now, maxDrift)).toThrow(ClockDriftError);
        expect(() => receiveHlc(last, { millis: now + maxDrift, counter: 0 }, now, maxDrift)).not.toThrow();
      }),
    );
  });

  it('a remote far behind is fine (an old event arriving late)', () => {
    expect(receiveHlc({ millis: NOW, counter: 2 }, { millis: NOW - 86_400_000, counter: 0 }, NOW)).toEqual({ millis: NOW, counter: 3 });
  });
});

describe('HLC encoding', () => {
  it('property: decode(encode(x)) = x', () => {
    fc.assert(
      fc.property(hlc, (h) => {
        expect(decodeHlc(encodeHlc(h))).toEqual(h);
      }),
    );
  });

  it('property: string order is time order', () => {
    fc.assert(
      fc.property(hlc, hlc, (a, b) => {
        const ea = encodeHlc(a);
        const eb = encodeHlc(b);
        expect(Math.sign(ea < eb ? -1 : ea > eb ? 1 : 0)).toBe(cmp(a, b));
      }),
    );
  });

  it('property: a sequence of ticks sorts as strings in the order it was made', () => {
    fc.assert(
      fc.property(hlc, fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 100 }), (start, jumps) => {
        let h = start;
        const made = [encodeHlc(h)];
        let now = start.millis;
        for (const j of jumps) {
          now += j;
          h = tickHlc(h, now);
          made.push(encodeHlc(h));
        }
        expect([...made].sort()).toEqual(made);
      }),
    );
  });

  it('has a fixed width and a readable shape', () => {
    expect(encodeHlc({ millis: NOW, counter: 0 })).toBe(`00${NOW}:0000`);
    expect(encodeHlc({ millis: NOW, counter: 35 })).toBe(`00${NOW}:000z`);
    expect(encodeHlc({ millis: NOW, counter: MAX_COUNTER })).toBe(`00${NOW}:zzzz`);
    expect(encodeHlc({ millis: 0, counter: 36 })).toBe('000000000000000:0010');
  });

  it.each(['', 'garbage', '00001772441600000', 'abc:0000', ':'])('decode refuses %j', (bad) => {
    expect(() => decodeHlc(bad)).toThrow(/Not an HLC timestamp/);
  });
});
