import { EventPayloads, type EventEnvelope, type EventType } from '../../shared/domain/events';
import type { IncidentState } from '../../shared/domain/incident';
import { foldIncident } from '../../shared/domain/reducer';

let counter = 0;

/** One event envelope at `at` (default: a minute apart from 2026-03-01T10:00Z), payload parsed like the backend does. */
export function event<T extends EventType>(
  stream: string,
  type: T,
  data: unknown,
  opts: { actor?: string; at?: string; raw?: boolean; v?: number } = {},
): EventEnvelope {
  counter += 1;
  const at = opts.at ?? new Date(Date.UTC(2026, 2, 1, 10, counter)).toISOString();
  return {
    id: `evt-${String(counter).padStart(6, '0')}`,
    stream,
    type,
    hlc: `${String(Date.parse(at)).padStart(15, '0')}:${counter.toString(36).padStart(4, '0')}`,
    writerId: 'writer-1',
    seq: counter,
    recordedAt: at,
    actor: opts.actor ?? 'Jane',
    v: opts.v ?? 1,
    data: opts.raw ? data : EventPayloads[type].parse(data),
  };
}

/** An unknown (newer app version) event. */
export function unknownEvent(stream: string, type: string, at?: string): EventEnvelope {
  counter += 1;
  const when = at ?? new Date(Date.UTC(2026, 2, 1, 10, counter)).toISOString();
  return {
    id: `evt-${String(counter).padStart(6, '0')}`,
    stream,
    type,
    hlc: `${String(Date.parse(when)).padStart(15, '0')}:${counter.toString(36).padStart(4, '0')}`,
    writerId: 'writer-1',
    seq: counter,
    recordedAt: when,
    actor: 'Zed',
    v: 1,
    data: { anything: true },
  };
}

export function created(id: string, fields: Record<string, unknown> = {}, opts: { actor?: string; at?: string } = {}): EventEnvelope {
  const impact = (fields.impact as number | undefined) ?? 2;
  const urgency = (fields.urgency as number | undefined) ?? 2;
  const priority = (fields.priority as string | undefined) ?? (['P1', 'P2', 'P3', 'P4', 'P5'][impact + urgency - 2] as string);
  return event(id, 'incident.created', { title: `Incident ${id}`, ...fields, impact, urgency, priority }, opts);
}

export function fold(events: EventEnvelope[]): IncidentState {
  const s = foldIncident(events);
  if (!s) throw new Error('no incident');
  return s;
}

/** A folded incident with fields overridden (for sorting and filtering tests). */
export function incident(id: string, patch: Partial<IncidentState> = {}): IncidentState {
  return { ...fold([created(id)]), ...patch };
}
