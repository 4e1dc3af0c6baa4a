/**
 * Recorded alert-intake events, shaped like `EventPayloads` in shared/domain/events.ts so they can
 * join the event union. The alert inbox (inbox.ts) is a pure fold over them.
 *
 * A group is named by `source` + `groupKey` (group keys are only unique within one sender).
 */
import { z } from 'zod';
import { IncidentIdSchema } from '../domain/vocabulary';
import { AlertSeveritySchema, AlertSourceIdSchema, LIMITS, NormalisedAlertSchema } from './model';

/** Suggested stream for alert events: one inbox per workspace, apart from the incident streams. */
export const ALERT_STREAM = 'alerts';

const groupRef = {
  source: AlertSourceIdSchema,
  groupKey: z.string().min(1).max(LIMITS.key),
};
const optionalReason = z.string().max(2000).default('');

export const AlertEventPayloads = {
  /** One normalised alert as it arrived (a notification with three alerts records three). */
  'alert.received': NormalisedAlertSchema,
  /** Someone decided the group needs no incident. A new firing alert or a re-fire brings it back. */
  'alert.dismissed': z.object({ ...groupRef, reason: z.string().trim().min(1).max(2000) }),
  /** Undo of a dismissal. */
  'alert.restored': z.object({ ...groupRef, reason: optionalReason }),
  /** The group belongs to an existing incident. */
  'alert.attached': z.object({ ...groupRef, incidentId: IncidentIdSchema, reason: optionalReason }),
  /** Undo of an attachment (attached to the wrong incident). */
  'alert.detached': z.object({ ...groupRef, incidentId: IncidentIdSchema, reason: optionalReason }),
  /** An incident was created from the group, by a person or by an auto-create rule. */
  'alert.incidentCreated': z.object({
    ...groupRef,
    incidentId: IncidentIdSchema,
    auto: z.boolean(),
    /** The group's severity when the incident was created. */
    severity: AlertSeveritySchema,
  }),
} as const;

export type AlertEventType = keyof typeof AlertEventPayloads;
export const ALERT_EVENT_TYPES = Object.keys(AlertEventPayloads) as AlertEventType[];
export type AlertPayloadOf<T extends AlertEventType> = z.infer<(typeof AlertEventPayloads)[T]>;

/** What the inbox fold needs of an event: its type, payload and (optionally) the envelope's time. */
export type AlertEvent = {
  [T in AlertEventType]: { type: T; data: AlertPayloadOf<T>; recordedAt?: string };
}[AlertEventType];

export function isAlertEventType(type: string): type is AlertEventType {
  return Object.hasOwn(AlertEventPayloads, type);
}
