import { z } from 'zod';
import { IncidentStateSchema } from '../domain/incident';
import { NotificationSchema } from '../notifications/model';
import { OrgDocumentNameSchema } from '../org/documents';
import { AlertGroupSchema, CriticalAlertSchema } from './alerts-api';
import { StoreStatusSchema } from './store-api';

/** What the backend pushes to every connected client (IPC events or server-sent events). */
export const StreamMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('incidents'), incidents: z.array(IncidentStateSchema) }),
  z.object({ kind: z.literal('settings') }),
  /** The organisation's policies changed (a version published here or on another PC): reload with `policies.get`. */
  z.object({ kind: z.literal('policies') }),
  /** Organisation documents changed (the directory, the update templates): reload those named with `<name>.get`. */
  z.object({ kind: z.literal('org'), documents: z.array(OrgDocumentNameSchema).min(1) }),
  /** Progress of an `import.run` call (`done` of `total` incidents in `phase`). */
  z.object({
    kind: z.literal('importProgress'),
    importId: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    phase: z.enum(['map', 'record']).optional(),
  }),
  /** The host's clock moved (a test host's `testing.advanceClock`): clients re-base their displayed time. */
  z.object({ kind: z.literal('clock'), now: z.number() }),
  /**
   * Notification centre: new notifications (`added`; an assignment is only for its `assignee`),
   * and ids `operator` acknowledged on this host.
   */
  z.object({
    kind: z.literal('notifications'),
    added: z.array(NotificationSchema),
    acknowledged: z.array(z.string()).default([]),
    operator: z.string().optional(),
  }),
  /**
   * Alert inbox: groups that changed (`truncated`: too many to send, reload with `alerts.inbox`),
   * newly firing critical alerts, and incidents whose attached alerts have all resolved (the
   * console suggests Monitoring).
   */
  z.object({
    kind: z.literal('alerts'),
    groups: z.array(AlertGroupSchema),
    truncated: z.boolean().default(false),
    critical: z.array(CriticalAlertSchema).default([]),
    monitoringSuggested: z.array(z.string()).default([]),
  }),
  /** The shared folder's status changed (at most twice a second; every few seconds while syncing). */
  z.object({ kind: z.literal('store'), status: StoreStatusSchema }),
]);
export type StreamMessage = z.infer<typeof StreamMessageSchema>;
