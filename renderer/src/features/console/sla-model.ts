/**
 * SLA texts for the console, computed in the renderer with the shared (pure) engine against the
 * clock store's now: no API round trip per tick. The per-incident snapshot is cached until the
 * next moment anything changes (slaSnapshot), so a tick only re-describes a clock.
 */
import type { IncidentState } from '../../../../shared/domain/incident';
import { MINUTE, workCalendar } from '../../../../shared/sla/calendar';
import type { SlaClock } from '../../../../shared/sla/clocks';
import { calendarOf } from '../../../../shared/sla/policy';
import { describeClock, formatDuration } from '../../../../shared/sla/describe';
import { clockTone, riskAt, slaSnapshot, updateClock, type SlaSnapshot } from '../../../../shared/sla/snapshot';
import { usePolicies } from '../../state/policies-store';

export type Tone = 'breached' | 'warning' | 'ok' | 'paused' | 'met';

export interface ClockLabel {
  tone: Tone;
  /** Said in words as well as colour: "Breached", "At risk", "Paused", "". */
  flag: string;
  text: string;
}

const FLAGS: Record<Tone, string> = { breached: 'Breached', warning: 'At risk', ok: '', paused: 'Paused', met: 'Met' };

export function toneOf(clock: SlaClock): Tone {
  const t = clockTone(clock);
  if (t !== 'ok') return t;
  if (clock.state === 'paused') return 'paused';
  if (clock.state === 'met' || (clock.state === 'breached' && clock.metAt !== null)) return 'met';
  return 'ok';
}

export function labelOf(clock: SlaClock, now: number): ClockLabel {
  const tone = toneOf(clock);
  return { tone, flag: FLAGS[tone], text: describeClock(clock, now) };
}

/**
 * The incident's snapshot at `now`. The displayed clock ticks once a second and can lag the
 * host's, while the host stamps events with its own time: the host's now is at least the
 * incident's latest event, so the incident is never looked at from before it (a new incident
 * would show no clocks, a fresh update would not yet count).
 */
export function viewNow(incident: IncidentState, now: number): number {
  return Math.max(now, Date.parse(incident.updatedAt) || now);
}

/** With the organisation's policies as last loaded (a published version shows at the next clock tick). */
export function snapshotOf(incident: IncidentState, now: number): SlaSnapshot {
  return slaSnapshot(incident, viewNow(incident, now), usePolicies.getState().engine);
}

/** The nearest clock's label ("update due in 4 min"), or undefined when no clock runs. */
export function nearestLabel(incident: IncidentState, now: number): ClockLabel | undefined {
  const t = viewNow(incident, now);
  const nearest = snapshotOf(incident, t).nearest;
  return nearest ? labelOf(nearest, t) : undefined;
}

/** The stakeholder-update clock's label: the first update until sent, then the cadence. */
export function updateLabel(incident: IncidentState, now: number): ClockLabel | undefined {
  const t = viewNow(incident, now);
  const clock = updateClock(snapshotOf(incident, t).clocks);
  return clock ? labelOf(clock, t) : undefined;
}

/** When the next stakeholder update is due (epoch ms), if a clock runs for it. */
export function updateDueAt(incident: IncidentState, now: number): number | undefined {
  const clock = updateClock(snapshotOf(incident, now).clocks);
  return clock && clock.metAt === null && clock.state !== 'not_applicable' ? (clock.dueAt ?? undefined) : undefined;
}

/** When the next update falls due if one is sent at `now` (one cadence later, on its calendar). */
export function nextUpdateIfSent(incident: IncidentState, now: number): number | undefined {
  const policy = snapshotOf(incident, now).policy;
  const spec = policy?.priorities[incident.priority]?.update;
  if (!policy || !spec) return undefined;
  const due = workCalendar(calendarOf(policy, spec)).addWorking(now, spec.minutes * MINUTE);
  return Number.isFinite(due) ? due : undefined;
}

/** Risk at `now` for ordering (higher = closer to or further past a breach). */
export function riskOf(incident: IncidentState, now: number): number | undefined {
  return riskAt(snapshotOf(incident, now), now);
}

/** A label as one string, so a clock subscription re-renders only when the text changes. */
export function labelKey(label: ClockLabel | undefined): string {
  return label ? `${label.tone}\u0000${label.flag}\u0000${label.text}` : '';
}

export function parseLabelKey(key: string): ClockLabel | undefined {
  if (!key) return undefined;
  const [tone, flag, text] = key.split('\u0000');
  return { tone: tone as Tone, flag: flag ?? '', text: text ?? '' };
}

export { formatDuration };
