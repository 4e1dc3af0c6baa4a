/**
 * Builders for the SLA engine tests: incidents folded from real events (decided by the domain's
 * own decide()/decideCreate(), stamped at injected times), plus a brute-force business-time
 * oracle that steps minute by minute through local wall time.
 */
import { expect } from 'vitest';
import { CreateIncidentSchema, decide, decideCreate, IncidentCommandSchema, type CreateIncidentInput, type DecisionContext, type IncidentCommandInput } from '../../shared/domain/commands';
import { CURRENT_EVENT_VERSION, type EventEnvelope } from '../../shared/domain/events';
import type { IncidentState } from '../../shared/domain/incident';
import { DEFAULT_LIFECYCLE, type Status } from '../../shared/domain/lifecycle';
import { DEFAULT_PRIORITY_MATRIX, type Level, type Priority } from '../../shared/domain/priority';
import { foldIncident } from '../../shared/domain/reducer';
import type { EntryKind, Milestone } from '../../shared/domain/vocabulary';
import { encodeHlc, tickHlc, type HlcState } from '../../shared/time/hlc';
import { MINUTE, type BusinessCalendarDef, type CalendarDef } from '../../shared/sla/calendar';
import { SlaPolicySchema, type SlaPolicy, type SlaPolicyInput } from '../../shared/sla/policy';

export { MINUTE };
export const HOUR = 60 * MINUTE;

/** Epoch ms of an ISO time; throws on a typo so tables fail loudly. */
export function t(isoTime: string): number {
  const ms = Date.parse(isoTime);
  if (!Number.isFinite(ms)) throw new Error(`bad time in test table: ${isoTime}`);
  return ms;
}
export const iso = (ms: number): string => new Date(ms).toISOString();

/** Impact/urgency pairs that the default matrix maps to each priority. */
export const IMPACT_URGENCY: Record<Priority, { impact: Level; urgency: Level }> = {
  P1: { impact: 1, urgency: 1 },
  P2: { impact: 1, urgency: 2 },
  P3: { impact: 1, urgency: 3 },
  P4: { impact: 2, urgency: 3 },
  P5: { impact: 3, urgency: 3 },
};

export const RESOLUTION = { summary: 'Restarted the gateway pool', code: 'Fixed' } as const;

/**
 * One incident built from events at given times. Commands go through decide() (so the lifecycle
 * rules hold); SLA/escalation events are recorded as raw envelopes under the id given.
 */
export class IncidentBuilder {
  readonly events: EventEnvelope[] = [];
  private hlc: HlcState = { millis: 0, counter: 0 };
  private seq = 0;
  private minted = 0;

  constructor(
    readonly id = 'INC-2026-TEST-1',
    readonly writerId = 'writer-sla',
  ) {}

  private context(now: number): DecisionContext {
    return {
      now: iso(now),
      newId: () => `${this.id}-x${++this.minted}`,
      matrix: DEFAULT_PRIORITY_MATRIX,
      lifecycle: DEFAULT_LIFECYCLE,
      lookup: () => undefined,
    };
  }

  /** Wraps an event in an envelope recorded at `at`. */
  stamp(p: { stream?: string; type: string; data: unknown }, at: number, id?: string): EventEnvelope {
    this.hlc = tickHlc(this.hlc, at);
    const seq = ++this.seq;
    const e: EventEnvelope = {
      id: id ?? `evt-${this.writerId}-${String(seq).padStart(5, '0')}`,
      stream: p.stream ?? this.id,
      type: p.type,
      hlc: encodeHlc(this.hlc),
      writerId: this.writerId,
      seq,
      recordedAt: iso(at),
      actor: 'Test operator',
      v: CURRENT_EVENT_VERSION,
      data: p.data,
    };
    this.events.push(e);
    return e;
  }

  create(at: number, priority: Priority = 'P1', input: Partial<CreateIncidentInput> = {}): this {
    const parsed = CreateIncidentSchema.parse({ title: 'Payment gateway timeouts', ...IMPACT_URGENCY[priority], ...input });
    for (const p of decideCreate(this.id, parsed, this.context(at))) this.stamp(p, at);
    return this;
  }

  run(at: number, command: IncidentCommandInput): this {
    for (const p of decide(this.state(), IncidentCommandSchema.parse(command), this.context(at))) this.stamp(p, at);
    return this;
  }

  to(status: Status, at: number, reason = ''): this {
    const needsReason = status === 'on_hold' || status === 'cancelled' || (status === 'investigating' && this.state().status === 'resolved');
    return this.run(at, {
      type: 'transition',
      to: status,
      reason: reason || (needsReason ? 'Test reason' : ''),
      ...(status === 'resolved' ? { resolution: RESOLUTION } : {}),
    });
  }

  entry(at: number, kind: EntryKind = 'status_update', occurredAt: number | null = null): this {
    return this.run(at, { type: 'addEntry', kind, text: `${kind} at ${iso(at)}`, occurredAt: occurredAt === null ? null : iso(occurredAt) });
  }

  update(at: number, occurredAt: number | null = null): this {
    return this.entry(at, 'status_update', occurredAt);
  }

  priority(p: Priority, at: number): this {
    return this.run(at, { type: 'setPriority', ...IMPACT_URGENCY[p], override: null, reason: `Now ${p}` });
  }

  milestone(m: Milestone, value: number | null, at: number): this {
    return this.run(at, { type: 'setMilestone', milestone: m, at: value === null ? null : iso(value), reason: 'Corrected' });
  }

  /** Records an engine-proposed event (or any raw event) the way a host would: under its id. */
  record(e: { id?: string; stream?: string; type: string; data: unknown }, at: number): this {
    this.stamp(e, at, e.id);
    return this;
  }

  state(): IncidentState {
    const s = foldIncident(this.events);
    if (!s) throw new Error('test setup: create the incident first');
    return s;
  }
}

/** A new incident created at `at` with `priority`. */
export function incident(at: number, priority: Priority = 'P1', id?: string): IncidentBuilder {
  return new IncidentBuilder(id).create(at, priority);
}

export function policy(input: Partial<SlaPolicyInput> & Pick<SlaPolicyInput, 'priorities'>): SlaPolicy {
  return SlaPolicySchema.parse({ id: 'test', version: 1, effectiveFrom: '2000-01-01T00:00:00Z', ...input });
}

export const LONDON_9_TO_6: BusinessCalendarDef = {
  kind: 'business',
  timeZone: 'Europe/London',
  hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
  holidays: [],
};

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const partsCache = new Map<string, Intl.DateTimeFormat>();

/** Local date, weekday and minute of day of `ms` in `tz`, straight from Intl. */
export function localParts(ms: number, tz: string): { date: string; weekday: (typeof WEEKDAYS)[number]; minute: number } {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    partsCache.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    weekday: String(p.weekday).toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number],
    minute: Number(p.hour) * 60 + Number(p.minute),
  };
}

/** Whether the minute starting at `ms` is working time, judged from local wall time. */
export function bruteIsWorking(cal: CalendarDef, ms: number): boolean {
  if (cal.kind === '24x7') return true;
  const { date, weekday, minute } = localParts(ms, cal.timeZone);
  if (cal.holidays.includes(date)) return false;
  const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return cal.hours.some((h) => h.days.includes(weekday) && minute >= hm(h.start) && minute < hm(h.end));
}

/** Working ms in [a, b) by stepping minute by minute (a, b on whole minutes). */
export function bruteWorkingMs(cal: CalendarDef, a: number, b: number): number {
  let sum = 0;
  for (let m = a; m < b; m += MINUTE) if (bruteIsWorking(cal, m)) sum += MINUTE;
  return sum;
}

/** Asserts a time equals an expected ISO instant, printing both as ISO on failure. */
export function expectTime(actual: number | null | undefined, expected: string | null): void {
  expect(actual === null || actual === undefined ? null : iso(actual)).toBe(expected === null ? null : iso(t(expected)));
}
