import { z } from 'zod';
import { IncidentStateSchema } from '../domain/incident';
import { PrioritySchema } from '../domain/priority';
import { NotificationSchema } from '../notifications/model';
import { NotificationPreferencesSchema } from '../notifications/preferences';
import { SlaTargetSchema } from '../sla/policy';

const IncidentId = z.string().min(1).max(40);
const reason = z.string().trim().min(1, 'A reason is required').max(2000);

/** One SLA clock as the engine computes it (times are epoch ms). */
export const SlaClockSchema = z.object({
  target: SlaTargetSchema,
  label: z.string(),
  state: z.enum(['running', 'paused', 'met', 'warning', 'breached', 'not_applicable']),
  priority: PrioritySchema,
  cycle: z.number(),
  calendar: z.string(),
  startedAt: z.number().nullable(),
  dueAt: z.number().nullable(),
  elapsedMs: z.number(),
  targetMs: z.number(),
  remainingMs: z.number(),
  warningLevel: z.number(),
  warnedAt: z.number().nullable(),
  metAt: z.number().nullable(),
  breachedAt: z.number().nullable(),
  pausedBy: z.enum(['status', 'calendar']).nullable(),
});
export type SlaClockDto = z.infer<typeof SlaClockSchema>;

export const EscalationSummarySchema = z.object({
  policyId: z.string(),
  policyVersion: z.number(),
  /** Current level (0 = not escalated) and its name. */
  level: z.number().int().nonnegative(),
  name: z.string(),
  levels: z.number().int().positive(),
  active: z.boolean(),
  paused: z.boolean(),
  nextLevel: z.number().int().nullable(),
  nextDueAt: z.number().nullable(),
});
export type EscalationSummary = z.infer<typeof EscalationSummarySchema>;

export const IncidentSlaSchema = z.object({
  id: z.string(),
  priority: PrioritySchema,
  clocks: z.array(SlaClockSchema),
  nearest: SlaClockSchema.nullable(),
  /** describeClock of the nearest clock at `now`: "update due in 4 min". */
  nearestText: z.string().nullable(),
  /** Largest share of a target used among live clocks (≥ 1 = breached). */
  risk: z.number().nullable(),
  escalation: EscalationSummarySchema.nullable(),
  /** When anything changes next without a new event. */
  nextChangeAt: z.number().nullable(),
});
export type IncidentSla = z.infer<typeof IncidentSlaSchema>;

const NotificationListSchema = z.object({
  notifications: z.array(NotificationSchema),
  /** Unacknowledged notifications for this operator (all of them, not only the ones listed). */
  unacknowledged: z.number().int().nonnegative(),
});

export const slaApi = {
  /** SLA clocks at the host's now: of one incident, or of every active incident. */
  'sla.clocks': {
    input: z.object({ id: IncidentId.optional() }).strict(),
    output: z.object({ now: z.number(), incidents: z.array(IncidentSlaSchema) }),
    mutates: false,
  },
  /** Raise the escalation by hand, to `level` (default: the next level), with a reason. */
  'incidents.escalate': {
    input: z.object({ id: IncidentId, level: z.number().int().min(1).max(20).optional(), reason }).strict(),
    output: IncidentStateSchema,
    mutates: true,
  },
  /** Lower the escalation to `to` (default: one level down; 0 = no longer escalated), with a reason. */
  'incidents.deescalate': {
    input: z.object({ id: IncidentId, to: z.number().int().min(0).max(19).optional(), reason }).strict(),
    output: IncidentStateSchema,
    mutates: true,
  },
  /** The notification centre for the calling operator, newest first. */
  'notifications.list': {
    input: z
      .object({
        limit: z.number().int().min(0).max(1000).default(200),
        unacknowledgedOnly: z.boolean().default(false),
      })
      .strict(),
    output: NotificationListSchema,
    mutates: false,
  },
  /** Acknowledges notifications for the calling operator on this machine (not in the shared log). */
  'notifications.acknowledge': {
    input: z
      .object({ ids: z.array(z.string().min(1).max(80)).max(1000).default([]), all: z.boolean().default(false) })
      .strict()
      .refine((x) => x.all || x.ids.length > 0, { message: 'Name the notifications to acknowledge, or all', path: ['ids'] }),
    output: z.object({ acknowledged: z.array(z.string()), unacknowledged: z.number().int().nonnegative() }),
    mutates: true,
  },
  /** This machine's desktop-notification preferences. */
  'notifications.preferences': { input: z.object({}).strict(), output: NotificationPreferencesSchema, mutates: false },
  'notifications.setPreferences': { input: NotificationPreferencesSchema, output: NotificationPreferencesSchema, mutates: true },
  /**
   * Test hosts only (`--test-clock`): moves the host's clock forward, runs the SLA scheduler for
   * what fell due, and pushes the new time to clients. Refused with `forbidden` otherwise.
   */
  'testing.advanceClock': {
    input: z.object({ ms: z.number().int().min(0).max(366 * 24 * 3_600_000) }).strict(),
    output: z.object({ now: z.number(), recorded: z.number().int().nonnegative() }),
    mutates: true,
  },
} as const;
