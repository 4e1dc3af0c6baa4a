import { z } from 'zod';
import { sameJson } from './same-json';
import { LevelSchema, PrioritySchema, PrioritySettingSchema } from './priority';
import { StatusSchema } from './lifecycle';
import { AlertEventPayloads } from '../alerts/events';
import { SlaEventPayloads } from '../sla/events';
import { OrgEventPayloads } from '../org/events';
import {
  EntryKindSchema,
  IsoTimeSchema,
  MilestoneSchema,
  RelationKindSchema,
  RoleSchema,
  SourceSchema,
  TaskStatusSchema,
} from './vocabulary';

const text = (max: number) => z.string().trim().min(1).max(max);
const list = z.array(z.string().trim().min(1).max(120)).max(50);

const incidentFieldShape = {
  title: text(200),
  description: z.string().max(20_000),
  category: z.string().max(80),
  services: list,
  reporter: z.string().max(120),
  source: SourceSchema,
  tags: list,
  exercise: z.boolean(),
  major: z.boolean(),
};

export const IncidentFieldsSchema = z.object({
  ...incidentFieldShape,
  description: incidentFieldShape.description.default(''),
  category: incidentFieldShape.category.default(''),
  services: incidentFieldShape.services.default([]),
  reporter: incidentFieldShape.reporter.default(''),
  source: incidentFieldShape.source.default('phone'),
  tags: incidentFieldShape.tags.default([]),
  exercise: incidentFieldShape.exercise.default(false),
  major: incidentFieldShape.major.default(false),
});
export type IncidentFields = z.infer<typeof IncidentFieldsSchema>;

/**
 * An edit of some fields. Not `IncidentFieldsSchema.partial()`: Zod 4 still applies `.default()` inside
 * optional keys, so that would fill in (and reset) every field the edit does not name.
 */
export const IncidentFieldsPatchSchema = z.object(incidentFieldShape).partial();

const ResolutionSchema = z.object({ summary: text(4000), code: text(80) });

/** Payloads of the incident's own events: every change a person makes to an incident. */
const IncidentEventPayloads = {
  'incident.created': IncidentFieldsSchema.extend({
    impact: LevelSchema,
    urgency: LevelSchema,
    priority: PrioritySchema,
    /** The priority matrix version that gave `priority` (shared/org/matrix.ts); absent on events recorded before matrices were published. */
    matrixVersion: z.number().int().positive().optional(),
  }),
  /**
   * `previous` (here, in priorityChanged and milestoneSet): what the writer saw before the change,
   * so the fold can tell a change made without seeing another writer's (shared/domain/conflicts.ts).
   * Optional: events recorded before it was added still parse.
   */
  'incident.fieldsChanged': z.object({ fields: IncidentFieldsPatchSchema, reason: z.string().max(2000).default(''), previous: IncidentFieldsPatchSchema.optional() }),
  'incident.priorityChanged': z.object({
    impact: LevelSchema,
    urgency: LevelSchema,
    override: PrioritySchema.nullable(),
    priority: PrioritySchema,
    reason: text(2000),
    previous: PrioritySettingSchema.optional(),
    /** As in incident.created (absent too when an override set the priority). */
    matrixVersion: z.number().int().positive().optional(),
  }),
  'incident.statusChanged': z.object({
    from: StatusSchema,
    to: StatusSchema,
    reason: z.string().max(2000).default(''),
    resolution: ResolutionSchema.optional(),
    link: z.string().max(40).optional(),
  }),
  'incident.milestoneSet': z.object({
    milestone: MilestoneSchema,
    at: IsoTimeSchema.nullable(),
    reason: z.string().max(2000).default(''),
    previous: IsoTimeSchema.nullable().optional(),
  }),
  'incident.reviewRecorded': z.object({ outcome: z.enum(['done', 'waived']), reason: z.string().max(2000).default('') }),
  'role.assigned': z.object({ role: RoleSchema, person: text(120), previous: z.string().nullable() }),
  'role.released': z.object({ role: RoleSchema, person: text(120) }),
  'responder.joined': z.object({ person: text(120), team: z.string().max(120).default('') }),
  'responder.left': z.object({ person: text(120) }),
  'task.added': z.object({
    taskId: text(40),
    title: text(300),
    owner: z.string().max(120).default(''),
    due: IsoTimeSchema.nullable().default(null),
    checklist: z.array(z.object({ itemId: text(40), text: text(300) })).max(50).default([]),
  }),
  'task.updated': z.object({
    taskId: text(40),
    status: TaskStatusSchema.optional(),
    owner: z.string().max(120).optional(),
    due: IsoTimeSchema.nullable().optional(),
  }),
  'task.checklistToggled': z.object({ taskId: text(40), itemId: text(40), done: z.boolean() }),
  'relation.added': z.object({ kind: RelationKindSchema, target: text(40), note: z.string().max(500).default('') }),
  'relation.removed': z.object({ kind: RelationKindSchema, target: text(40) }),
  'entry.added': z.object({
    entryId: text(40),
    kind: EntryKindSchema,
    text: text(10_000),
    /** Set when the author backdates the entry. */
    occurredAt: IsoTimeSchema.nullable().default(null),
    corrects: z.string().max(40).nullable().default(null),
  }),
} as const;

/**
 * Every event type the app knows: the incident's own, the SLA engine's (breaches, warnings,
 * escalations: recorded on the incident), alert intake's (recorded on the `alerts` stream) and the
 * organisation's (published policies, on the `org` stream).
 */
export const EventPayloads = { ...IncidentEventPayloads, ...SlaEventPayloads, ...AlertEventPayloads, ...OrgEventPayloads } as const;

export type EventType = keyof typeof EventPayloads;
export const EVENT_TYPES = Object.keys(EventPayloads) as EventType[];
/** The types a person's commands produce (decide()); the rest come from the SLA engine, alert intake and the organisation. */
export const INCIDENT_EVENT_TYPES = Object.keys(IncidentEventPayloads) as Array<keyof typeof IncidentEventPayloads>;
export type PayloadOf<T extends EventType> = z.infer<(typeof EventPayloads)[T]>;

/** Envelope common to every event; HLC/writer/seq make events mergeable across PCs. */
export const EventEnvelopeSchema = z.object({
  /** Globally unique event id. */
  id: z.string().min(8).max(64),
  /** Incident id this event belongs to. */
  stream: z.string().min(1).max(40),
  type: z.string().min(1).max(60),
  /** Hybrid logical clock timestamp (see shared/time/hlc.ts); total order with writerId. */
  hlc: z.string().regex(/^\d{15}:[0-9a-z]{4}$/, 'not a hybrid logical clock timestamp'),
  writerId: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
  recordedAt: IsoTimeSchema,
  actor: z.string().min(1).max(120),
  /** Schema version of the payload. */
  v: z.number().int().positive(),
  data: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

export type IncidentEvent = {
  [T in EventType]: Omit<EventEnvelope, 'type' | 'data'> & { type: T; data: PayloadOf<T> };
}[EventType];

export const CURRENT_EVENT_VERSION = 1;

/** Whether this app version understands the event (its type exists and its version is not newer). */
export function isKnownEvent(e: Pick<EventEnvelope, 'type' | 'v'>): boolean {
  return Object.hasOwn(EventPayloads, e.type) && e.v <= CURRENT_EVENT_VERSION;
}

const ENVELOPE_KEYS = Object.keys(EventEnvelopeSchema.shape);
const HLC_PATTERN = /^\d{15}:[0-9a-z]{4}$/;
const ISO_TIME_PATTERN = z.regexes.datetime({ offset: true });
const textOf = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;

/**
 * EventEnvelopeSchema's rules, checked by hand for the common case: an object with exactly the
 * envelope's keys, every one valid, which the schema would return unchanged. A store opens a
 * million events; the schema's general machinery costs more than JSON.parse per event. Anything
 * else (missing or extra keys, a bad value) goes through the schema, which strips, or names the error.
 */
function isPlainEnvelope(raw: unknown): raw is EventEnvelope {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const r = raw as Record<string, unknown>;
  let keys = 0;
  for (const k in r) if (Object.hasOwn(r, k)) keys++;
  if (keys !== ENVELOPE_KEYS.length || !ENVELOPE_KEYS.every((k) => Object.hasOwn(r, k))) return false;
  const { seq, v } = r;
  return (
    textOf(r.id, 8, 64) &&
    textOf(r.stream, 1, 40) &&
    textOf(r.type, 1, 60) &&
    typeof r.hlc === 'string' &&
    HLC_PATTERN.test(r.hlc) &&
    textOf(r.writerId, 1, 64) &&
    typeof seq === 'number' &&
    Number.isSafeInteger(seq) &&
    seq >= 0 &&
    typeof r.recordedAt === 'string' &&
    ISO_TIME_PATTERN.test(r.recordedAt) &&
    textOf(r.actor, 1, 120) &&
    typeof v === 'number' &&
    Number.isSafeInteger(v) &&
    v > 0
  );
}

const issuesText = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

/**
 * Parses an event from disk or the wire; unknown types and newer versions are kept as unknown.
 * An event that is already exactly what the schemas make of it (every event this app writes) is
 * handed back as the object given, not copied: a store opening a million events keeps one object
 * per event instead of two. Events are never changed after parsing, by anyone.
 */
export function parseEvent(raw: unknown): { ok: true; event: EventEnvelope; known: boolean } | { ok: false; error: string } {
  let envelope: EventEnvelope;
  if (isPlainEnvelope(raw)) envelope = raw;
  else {
    const env = EventEnvelopeSchema.safeParse(raw);
    if (!env.success) return { ok: false, error: issuesText(env.error) };
    envelope = env.data;
  }
  if (!isKnownEvent(envelope)) return { ok: true, event: envelope, known: false };
  const schema = (EventPayloads as Record<string, z.ZodType>)[envelope.type]!;
  const data = schema.safeParse(envelope.data);
  if (!data.success) return { ok: false, error: `${envelope.type}: ${issuesText(data.error)}` };
  return { ok: true, event: sameJson(data.data, envelope.data) ? envelope : { ...envelope, data: data.data }, known: true };
}

/** Total order for folding: HLC, then writer id, then per-writer sequence. */
export function compareEvents(a: Pick<EventEnvelope, 'hlc' | 'writerId' | 'seq'>, b: Pick<EventEnvelope, 'hlc' | 'writerId' | 'seq'>): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.writerId !== b.writerId) return a.writerId < b.writerId ? -1 : 1;
  return a.seq - b.seq;
}
