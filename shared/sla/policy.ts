/**
 * SLA policies as data (zod schemas; types via z.infer). A policy is versioned: an incident keeps
 * the version that was in force when it was created (`policyFor`), so editing the policy only
 * changes the targets of incidents created afterwards.
 */
import { z } from 'zod';
import type { IncidentState } from '../domain/incident';
import { StatusSchema, type Status } from '../domain/lifecycle';
import { PrioritySchema } from '../domain/priority';
import { IsoTimeSchema } from '../domain/vocabulary';
import { CalendarSchema, type CalendarDef } from './calendar';

/** The clocks, in display order. */
export const SlaTargetSchema = z.enum(['acknowledge', 'firstUpdate', 'update', 'mitigate', 'resolve']);
export type SlaTarget = z.infer<typeof SlaTargetSchema>;
export const SLA_TARGETS: readonly SlaTarget[] = SlaTargetSchema.options;

export const SLA_TARGET_LABELS: Record<SlaTarget, string> = {
  acknowledge: 'acknowledge',
  firstUpdate: 'first update',
  update: 'update',
  mitigate: 'mitigation',
  resolve: 'resolution',
};

/** Name of the built-in round-the-clock calendar. */
export const ALWAYS_CALENDAR = '24x7';

/** Warning thresholds, percent of the target used (each 1–99). */
export const WarnAtSchema = z.array(z.number().int().min(1).max(99)).max(5);

function targetSchema(defaultPause: Status[]) {
  return z.strictObject({
    /** Target in working minutes of the calendar (a business day of 08:00–18:00 is 600). */
    minutes: z.number().positive().max(1_000_000),
    /** "24x7" or the name of one of the policy's calendars. */
    calendar: z.string().min(1).default(ALWAYS_CALENDAR),
    /** Statuses during which this clock stands still. */
    pauseIn: z.array(StatusSchema).default(defaultPause),
    /** Overrides the policy's thresholds for this target. */
    warnAt: WarnAtSchema.optional(),
  });
}

/**
 * Targets of one priority; a missing target means that clock does not apply. Strict: a misspelt
 * target is an error, not a silently missing clock.
 * What stops each clock is fixed by the engine (see clocks.ts): acknowledgement, the first
 * stakeholder update, each stakeholder update (cadence), mitigation, resolution.
 */
export const PriorityTargetsSchema = z.strictObject({
  acknowledge: targetSchema([]).optional(),
  firstUpdate: targetSchema([]).optional(),
  update: targetSchema([]).optional(),
  mitigate: targetSchema(['on_hold']).optional(),
  resolve: targetSchema(['on_hold']).optional(),
});
export type PriorityTargets = z.infer<typeof PriorityTargetsSchema>;
export type TargetSpec = NonNullable<PriorityTargets[SlaTarget]>;

const slaPolicyShape = z.object({
  id: z.string().min(1).max(60),
  version: z.number().int().positive(),
  name: z.string().max(200).default(''),
  /** From when this version applies to newly created incidents. */
  effectiveFrom: IsoTimeSchema,
  warnAt: WarnAtSchema.default([75, 90]),
  /** Named calendars the targets refer to ("24x7" is built in). */
  calendars: z.record(z.string().min(1).max(60), CalendarSchema).default({}),
  priorities: z.partialRecord(PrioritySchema, PriorityTargetsSchema),
});

function checkCalendars(p: Pick<z.infer<typeof slaPolicyShape>, 'calendars' | 'priorities'>, ctx: z.RefinementCtx): void {
  if (Object.hasOwn(p.calendars, ALWAYS_CALENDAR)) ctx.addIssue({ code: 'custom', message: `"${ALWAYS_CALENDAR}" is built in`, path: ['calendars', ALWAYS_CALENDAR] });
  for (const [priority, targets] of Object.entries(p.priorities)) {
    for (const [target, spec] of Object.entries(targets ?? {})) {
      if (spec && spec.calendar !== ALWAYS_CALENDAR && !Object.hasOwn(p.calendars, spec.calendar))
        ctx.addIssue({ code: 'custom', message: `unknown calendar "${spec.calendar}"`, path: ['priorities', priority, target, 'calendar'] });
    }
  }
}

export const SlaPolicySchema = slaPolicyShape.superRefine(checkCalendars);
/**
 * What a person publishes: the policy without its identity and version, which the organisation's
 * history assigns (shared/org/policies.ts: next version, effective from the moment of publishing).
 */
export const SlaPolicyDraftSchema = slaPolicyShape.omit({ id: true, version: true, effectiveFrom: true }).superRefine(checkCalendars);
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;
export type SlaPolicyInput = z.input<typeof SlaPolicySchema>;

const ALWAYS_DEF: CalendarDef = { kind: '24x7' };

export function calendarOf(policy: SlaPolicy, spec: TargetSpec): CalendarDef {
  return spec.calendar === ALWAYS_CALENDAR ? ALWAYS_DEF : (policy.calendars[spec.calendar] ?? ALWAYS_DEF);
}

/**
 * The version pinned to an incident: among `policies` (the versions of one policy), the one
 * with the latest `effectiveFrom` at or before the incident's creation (ties: higher version).
 * An incident older than every version gets the earliest one, so no incident is without targets.
 */
export function policyFor<P extends { effectiveFrom: string; version: number }>(incident: Pick<IncidentState, 'createdAt'>, policies: readonly P[]): P | undefined {
  return pinVersion(Date.parse(incident.createdAt), policies, true);
}

/** Latest version effective at `at`; with `fallback`, the earliest version when none is. */
export function pinVersion<P extends { effectiveFrom: string; version: number }>(at: number, versions: readonly P[], fallback: boolean): P | undefined {
  let best: P | undefined;
  let earliest: P | undefined;
  for (const p of versions) {
    const from = Date.parse(p.effectiveFrom);
    if (!earliest || from < Date.parse(earliest.effectiveFrom) || (from === Date.parse(earliest.effectiveFrom) && p.version < earliest.version)) earliest = p;
    if (from > at) continue;
    if (!best || from > Date.parse(best.effectiveFrom) || (from === Date.parse(best.effectiveFrom) && p.version > best.version)) best = p;
  }
  return best ?? (fallback ? earliest : undefined);
}
