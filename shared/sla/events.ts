/**
 * Events the SLA engine asks hosts to record, shaped like `EventPayloads` in
 * shared/domain/events.ts so they merge into the event union. Automatic ones carry a
 * deterministic `key` that is also meant as the envelope id: two hosts sharing a store that both
 * notice the same breach or escalation record it once (the fold counts an event id once).
 */
import { z } from 'zod';
import type { EventEnvelope } from '../domain/events';
import type { IncidentState } from '../domain/incident';
import { PrioritySchema } from '../domain/priority';
import { IsoTimeSchema } from '../domain/vocabulary';
import { EscalationKindSchema, RecipientSchema } from './escalation-policy';
import { SlaTargetSchema } from './policy';

const key = z.string().min(8).max(64);
const cycle = z.number().int().nonnegative();
const policyRef = { policyId: z.string().min(1).max(60), policyVersion: z.number().int().positive() };
const reason = z.string().trim().max(2000);

export const SlaEventPayloads = {
  /** A clock reached a warning threshold (percent of its target). */
  'sla.warning': z.object({
    key,
    target: SlaTargetSchema,
    cycle,
    level: z.number().int().min(1).max(99),
    priority: PrioritySchema,
    ...policyRef,
    /** When the threshold was reached. */
    at: IsoTimeSchema,
    /** When the target falls due, as projected when the warning was raised. */
    dueAt: IsoTimeSchema.nullable(),
  }),
  /** A clock reached its target without being met. One per target and cycle. */
  'sla.breached': z.object({
    key,
    target: SlaTargetSchema,
    cycle,
    priority: PrioritySchema,
    ...policyRef,
    targetMinutes: z.number().positive(),
    breachedAt: IsoTimeSchema,
  }),
  /** Escalation to a level: automatic (deterministic key, due time) or manual (with a reason). */
  'escalation.raised': z
    .object({
      key: z.string().max(64).default(''),
      level: z.number().int().min(1).max(20),
      round: z.number().int().min(0).max(10).default(0),
      automatic: z.boolean(),
      reason: reason.default(''),
      ...policyRef,
      name: z.string().max(120).default(''),
      kind: EscalationKindSchema,
      notify: z.array(RecipientSchema).max(20).default([]),
      /** Automatic: the moment it fell due (the engine times the next level from it). */
      dueAt: IsoTimeSchema.nullable().default(null),
    })
    .refine((d) => d.automatic || d.reason.length > 0, { message: 'A manual escalation needs a reason', path: ['reason'] })
    .refine((d) => !d.automatic || (d.key.length >= 8 && d.dueAt !== null), { message: 'An automatic escalation needs its key and due time', path: ['key'] }),
  /** De-escalation to a lower level (0 = no longer escalated), always by a person with a reason. */
  'escalation.lowered': z
    .object({
      from: z.number().int().min(1).max(20),
      to: z.number().int().min(0).max(19),
      reason: reason.min(1, 'A reason is required'),
    })
    .refine((d) => d.to < d.from, { message: 'De-escalation must lower the level', path: ['to'] }),
} as const;

export type SlaEventType = keyof typeof SlaEventPayloads;
export const SLA_EVENT_TYPES = Object.keys(SlaEventPayloads) as SlaEventType[];
export type SlaPayloadOf<T extends SlaEventType> = z.infer<(typeof SlaEventPayloads)[T]>;

/** An event the engine says is due; `id` is the deterministic envelope id to record it under. */
export interface DueEvent<T extends SlaEventType = SlaEventType> {
  id: string;
  stream: string;
  type: T;
  data: SlaPayloadOf<T>;
}

const MAX_ID = 64;

/** FNV-1a, base 36: shortens an over-long incident id inside an event id. */
function shortHash(s: string): string {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h.toString(36);
}

function boundedId(prefix: string, incidentId: string, rest: string): string {
  const id = `${prefix}:${incidentId}:${rest}`;
  return id.length <= MAX_ID ? id : `${prefix}:#${shortHash(incidentId)}:${rest}`;
}

export function breachId(incidentId: string, target: string, cycleKey: number): string {
  return boundedId('breach', incidentId, `${target}:${cycleKey}`);
}

export function warningId(incidentId: string, target: string, cycleKey: number, level: number): string {
  return boundedId('warn', incidentId, `${target}:${cycleKey}:${level}`);
}

/** `occurrence`: how many automatic raises of this level came before (the round, unless de-escalated). */
export function escalationId(incidentId: string, level: number, occurrence: number): string {
  return boundedId('esc', incidentId, `${level}:${occurrence}`);
}

export interface Recorded<T extends SlaEventType> {
  event: EventEnvelope;
  data: SlaPayloadOf<T>;
  at: number;
}

/** The recorded events of a type on the incident's timeline whose payload is valid, in fold order. */
export function recordedEvents<T extends SlaEventType>(incident: IncidentState, type: T): Recorded<T>[] {
  const out: Recorded<T>[] = [];
  for (const e of incident.timeline) {
    if (e.type !== type) continue;
    const parsed = SlaEventPayloads[type].safeParse(e.data);
    if (parsed.success) out.push({ event: e, data: parsed.data as SlaPayloadOf<T>, at: Date.parse(e.recordedAt) });
  }
  return out;
}

/** Keys (and envelope ids) of recorded events of a type: what is already on the timeline. */
export function recordedKeys(incident: IncidentState, type: SlaEventType): Set<string> {
  const keys = new Set<string>();
  for (const r of recordedEvents(incident, type)) {
    keys.add(r.event.id);
    const k = (r.data as { key?: string }).key;
    if (k) keys.add(k);
  }
  return keys;
}
