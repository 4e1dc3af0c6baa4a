/**
 * The notification centre's model: every SLA warning and breach, escalation, new P1 and
 * assignment to a person, derived from incident timelines (the shared event log is the source of
 * truth); whether one is acknowledged is kept per machine and operator, never in the event log.
 */
import { z } from 'zod';
import { PrioritySchema } from '../domain/priority';
import { IsoTimeSchema } from '../domain/vocabulary';
import { SlaTargetSchema } from '../sla/policy';

export const NotificationKindSchema = z.enum(['sla.warning', 'sla.breached', 'escalation.raised', 'incident.p1', 'assigned']);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;
export const NOTIFICATION_KINDS: readonly NotificationKind[] = NotificationKindSchema.options;

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  'sla.warning': 'SLA warning',
  'sla.breached': 'SLA breach',
  'escalation.raised': 'Escalation',
  'incident.p1': 'New P1',
  assigned: 'Assigned to you',
};

export const NotificationSchema = z.object({
  /** The id of the event it comes from (deterministic for SLA events, so equal on every host). */
  id: z.string(),
  kind: NotificationKindSchema,
  incidentId: z.string(),
  /** Priority of the incident when the notification was derived. */
  priority: PrioritySchema,
  /** When it happened: the breach/warning/escalation moment, else when the event was recorded. */
  at: IsoTimeSchema,
  /** One line, naming the incident: "INC-2026-AB12CD-4: update cadence breached". */
  title: z.string(),
  /** Second line: the incident's title and details. */
  body: z.string(),
  /** For assignments: the person assigned (only they see it); null = everyone. */
  assignee: z.string().nullable(),
  /** SLA target (warnings and breaches), for grouping a burst. */
  target: SlaTargetSchema.nullable(),
  acknowledged: z.boolean(),
});
export type Notification = z.infer<typeof NotificationSchema>;

const norm = (s: string) => s.trim().toLocaleLowerCase();

/** Whether the notification is meant for `operator` (assignments are personal; the rest are for all). */
export function isFor(n: Pick<Notification, 'assignee'>, operator: string): boolean {
  return n.assignee === null || (norm(operator) !== '' && norm(n.assignee) === norm(operator));
}

/** Key under which acknowledgements of one operator are kept. */
export function operatorKey(operator: string): string {
  return norm(operator) || '(machine)';
}
