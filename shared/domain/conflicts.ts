/**
 * Concurrent changes a person should know about. The fold keeps the later of two concurrent
 * changes to one field (last writer wins, by HLC order); this module notices when that happened so
 * the timeline can say "A and B both changed the status at 14:02 — Resolved kept, On hold
 * overridden" instead of losing B's change silently.
 *
 * Each change says what its writer saw before it (`from`, `previous`). Folded in order, a change
 * whose writer saw something other than the current value was made without seeing the change that
 * set that value: if another writer made that one, the two were concurrent. Everything here reads
 * only the state folded so far and the event, so the same events give the same conflicts in any
 * delivery order (the fold sorts them first).
 */
import { z } from 'zod';
import { isKnownEvent, type EventEnvelope, type IncidentEvent, type IncidentFields } from './events';
import type { IncidentState } from './incident';
import { PrioritySettingSchema, type PrioritySetting } from './priority';

export const ConflictValueSchema = z.union([z.string(), z.boolean(), z.null(), z.array(z.string()), PrioritySettingSchema]);
export type ConflictValue = z.infer<typeof ConflictValueSchema>;

const ConflictSideSchema = z.object({ value: ConflictValueSchema, actor: z.string(), writerId: z.string() });

export const ConflictSchema = z.object({
  /** The change that was kept: the later one in fold (HLC) order. */
  eventId: z.string(),
  /** The change it replaced without its writer having seen it. */
  overriddenEventId: z.string(),
  /** 'status', 'priority', 'role:<role>', 'field:<name>' or 'milestone:<milestone>'. */
  field: z.string().regex(/^(status|priority|(role|field|milestone):.+)$/),
  winner: ConflictSideSchema,
  loser: ConflictSideSchema,
  /** When the kept change was recorded. */
  at: z.string(),
});
export type Conflict = z.infer<typeof ConflictSchema>;

type FieldName = keyof IncidentFields;

/** A value an event sets, and (where the event says) what its writer saw there before. */
interface Claim {
  field: string;
  value: ConflictValue;
  saw: ConflictValue | undefined;
}

const NONE: readonly Claim[] = [];

/** What `e` sets among the fields conflicts are tracked for; NONE for every other event (the common case, no allocation). */
function claimsOf(e: IncidentEvent): readonly Claim[] {
  switch (e.type) {
    case 'incident.statusChanged':
      return [{ field: 'status', value: e.data.to, saw: e.data.from }];
    case 'incident.priorityChanged': {
      const { previous } = e.data;
      return [{ field: 'priority', value: setting(e.data), saw: previous && setting(previous) }];
    }
    case 'role.assigned':
      return [{ field: `role:${e.data.role}`, value: e.data.person, saw: e.data.previous }];
    case 'role.released': // says nothing of what its writer saw; counts only as what left a role vacant
      return [{ field: `role:${e.data.role}`, value: null, saw: undefined }];
    case 'incident.fieldsChanged': {
      const { fields, previous } = e.data;
      return (Object.keys(fields) as FieldName[])
        .filter((k) => fields[k] !== undefined)
        .map((k) => ({ field: `field:${k}`, value: fields[k]!, saw: previous && k in previous ? previous[k]! : undefined }));
    }
    case 'incident.milestoneSet':
      return [{ field: `milestone:${e.data.milestone}`, value: e.data.at, saw: e.data.previous }];
    default:
      return NONE;
  }
}

/** A priority setting with its keys in one order, so equal settings compare equal (see `same`). */
const setting = (p: PrioritySetting): ConflictValue => ({ impact: p.impact, urgency: p.urgency, override: p.override, priority: p.priority });

function currentValue(s: IncidentState, field: string): ConflictValue {
  if (field === 'status') return s.status;
  if (field === 'priority') return setting({ impact: s.impact, urgency: s.urgency, override: s.priorityOverride, priority: s.priority });
  const colon = field.indexOf(':');
  const [kind, name] = [field.slice(0, colon), field.slice(colon + 1)];
  if (kind === 'role') return s.roles[name] ?? null;
  if (kind === 'milestone') return s.milestones[name as keyof IncidentState['milestones']] ?? null;
  return s[name as FieldName];
}

/** Values are small JSON (strings, lists, a priority setting built by `setting`). */
const same = (a: ConflictValue, b: ConflictValue) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The newest folded event that set `field`, with the value it set. Scans back from the end, but
 * only runs for a change that did not see the current value (rare: concurrent writers).
 */
function lastSetter(timeline: readonly EventEnvelope[], field: string): { event: EventEnvelope; value: ConflictValue } | undefined {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const event = timeline[i]!;
    if (!isKnownEvent(event)) continue;
    const claim = claimsOf(event as IncidentEvent).find((c) => c.field === field);
    if (claim) return { event, value: claim.value };
  }
  return undefined;
}

const NO_CONFLICTS: readonly Conflict[] = [];

/** The conflicts folding `e` onto `s` (the state before `e`) creates; empty for nearly every event. */
export function conflictsOf(s: IncidentState, e: IncidentEvent): readonly Conflict[] {
  const claims = claimsOf(e);
  if (claims === NONE) return NO_CONFLICTS; // most events: no allocation in the fold's hot path
  const out: Conflict[] = [];
  for (const { field, value, saw } of claims) {
    if (saw === undefined) continue; // an event that does not say what its writer saw (recorded before it did)
    const current = currentValue(s, field);
    // Its writer saw the current value (sequential), or both ended on the same value (nothing lost).
    if (same(saw, current) || same(value, current)) continue;
    const setter = lastSetter(s.timeline, field);
    // The current value came from the creation, a status stamping a milestone, or this writer itself: not two people at once.
    if (!setter || setter.event.writerId === e.writerId || !same(setter.value, current)) continue;
    out.push({
      eventId: e.id,
      overriddenEventId: setter.event.id,
      field,
      winner: { value, actor: e.actor, writerId: e.writerId },
      loser: { value: current, actor: setter.event.actor, writerId: setter.event.writerId },
      at: e.recordedAt,
    });
  }
  return out;
}
