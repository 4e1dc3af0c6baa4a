import { create } from 'zustand';

/**
 * One ticking clock for the whole renderer. Components that show elapsed time subscribe to it
 * (fine-grained) instead of each running a timer; incident data never re-renders on a tick.
 * `offsetMs` lets a test host shift "now" (see workspace time offset) without sleeping.
 */
export const useClock = create<{ now: number; offsetMs: number }>(() => ({ now: Date.now(), offsetMs: 0 }));

let timer: ReturnType<typeof setInterval> | undefined;

export function startClock(intervalMs = 1000): () => void {
  if (!timer) timer = setInterval(() => useClock.setState((s) => ({ now: Date.now() + s.offsetMs })), intervalMs);
  return () => {
    clearInterval(timer);
    timer = undefined;
  };
}

/**
 * Re-bases the displayed time on the host's clock: `offsetMs` = host now − this machine's now
 * (set from workspace.info's `now`, and from `clock` stream messages of a test host).
 */
export function setClockOffset(offsetMs: number): void {
  useClock.setState({ offsetMs, now: Date.now() + offsetMs });
}

export function useNow(): number {
  return useClock((s) => s.now);
}
