import type { Clock } from '../../../shared/time/clock';

/**
 * A clock tests can move forward without sleeping (the host's `--test-clock`): real time plus an
 * offset. Only a host started with this clock accepts `testing.advanceClock`.
 */
export class ControllableClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = { now: () => Date.now() }) {}

  now(): number {
    return this.base.now() + this.offsetMs;
  }

  /** Moves the clock forward by `ms` (never backwards: event times and HLCs only grow). */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }

  get offset(): number {
    return this.offsetMs;
  }
}
