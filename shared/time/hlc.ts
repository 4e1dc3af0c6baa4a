/**
 * Hybrid logical clock (after Kulkarni et al., as used by Actual Budget): physical milliseconds
 * plus a counter, encoded so that string order is time order. Pure: the caller supplies `now`.
 */
export interface HlcState {
  millis: number;
  counter: number;
}

/** Remote clocks further ahead than this are refused rather than dragging every PC's clock forward. */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;

const MAX_COUNTER = 36 ** 4 - 1;

export class ClockDriftError extends Error {
  constructor(readonly remoteMillis: number, readonly localMillis: number) {
    super(`Clock drift: remote time ${new Date(remoteMillis).toISOString()} is more than the allowed drift ahead of local ${new Date(localMillis).toISOString()}`);
  }
}

export function encodeHlc(s: HlcState): string {
  return `${s.millis.toString().padStart(15, '0')}:${s.counter.toString(36).padStart(4, '0')}`;
}

export function decodeHlc(hlc: string): HlcState {
  const [ms, ctr] = hlc.split(':');
  const millis = Number(ms);
  const counter = parseInt(ctr ?? '', 36);
  if (!Number.isFinite(millis) || !Number.isFinite(counter)) throw new Error(`Not an HLC timestamp: ${hlc}`);
  return { millis, counter };
}

/** Next timestamp for a local event. */
export function tickHlc(last: HlcState, now: number): HlcState {
  if (now > last.millis) return { millis: now, counter: 0 };
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0 };
  return { millis: last.millis, counter: last.counter + 1 };
}

/** Merge a remote timestamp into the local clock so later local events sort after it. */
export function receiveHlc(last: HlcState, remote: HlcState, now: number, maxDriftMs = DEFAULT_MAX_DRIFT_MS): HlcState {
  if (remote.millis - now > maxDriftMs) throw new ClockDriftError(remote.millis, now);
  const millis = Math.max(last.millis, remote.millis, now);
  let counter = 0;
  if (millis === last.millis && millis === remote.millis) counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  return counter > MAX_COUNTER ? { millis: millis + 1, counter: 0 } : { millis, counter };
}
