/**
 * Alert intake API: the inbox (groups of deduplicated alerts), triage into incidents, the intake
 * log, intake settings and the HTTP receiver's status. The receiver itself is not an API method:
 * monitoring systems POST to `/alerts/<source>` on its own port (docs/API.md, "Alert intake").
 */
import { z } from 'zod';
import { AlertRulesSchema, AlertSourceSettingsSchema } from '../alerts/triage';
import {
  AlertFlagSchema,
  AlertFormatSchema,
  AlertLinkSchema,
  AlertSeveritySchema,
  AlertSourceIdSchema,
  AlertStatusSchema,
} from '../alerts/model';
import type { AlertGroup } from '../alerts/inbox';
import { CreateIncidentSchema } from '../domain/commands';
import { IncidentStateSchema } from '../domain/incident';

const IncidentId = z.string().min(1).max(40);
/** `source/groupKey`, as `AlertGroup.id`. */
const GroupId = z.string().min(3).max(1100);
const optionalReason = z.string().trim().max(2000).default('');

export const InboxAlertSchema = z.object({
  dedupKey: z.string(),
  format: AlertFormatSchema,
  status: AlertStatusSchema,
  acknowledged: z.boolean(),
  severity: AlertSeveritySchema,
  rawSeverity: z.string(),
  title: z.string(),
  description: z.string(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  links: z.array(AlertLinkSchema),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  exercise: z.boolean(),
  flag: AlertFlagSchema.nullable(),
  placeholder: z.boolean(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  lastChangedAt: z.string(),
  count: z.number(),
  fires: z.number(),
});

/** One group of the inbox (shared/alerts/inbox.ts `AlertGroup`). */
export const AlertGroupSchema = z.object({
  id: z.string(),
  source: z.string(),
  groupKey: z.string(),
  format: AlertFormatSchema,
  title: z.string(),
  severity: AlertSeveritySchema,
  peakSeverity: AlertSeveritySchema,
  labels: z.record(z.string(), z.string()),
  alerts: z.array(InboxAlertSchema),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  lastChangedAt: z.string(),
  count: z.number(),
  duplicates: z.number(),
  firing: z.boolean(),
  firingCount: z.number(),
  acknowledged: z.boolean(),
  truncatedAlerts: z.number(),
  exercise: z.boolean(),
  flag: AlertFlagSchema.nullable(),
  incidentId: z.string().nullable(),
  incidentCreated: z.boolean(),
  dismissed: z.object({ reason: z.string(), at: z.string().nullable() }).nullable(),
});
export type AlertGroupDto = z.infer<typeof AlertGroupSchema>;
// The schema describes the fold's own type: a change to one without the other fails the typecheck.
const _sameShape: AlertGroupDto = {} as AlertGroup;
void _sameShape;

/** A newly firing critical alert (for desktop notifications and the wall board's ticker). */
export const CriticalAlertSchema = z.object({
  groupId: z.string(),
  source: z.string(),
  title: z.string(),
  /** When the receiver got it. */
  at: z.string(),
  incidentId: z.string().nullable(),
  exercise: z.boolean(),
});
export type CriticalAlert = z.infer<typeof CriticalAlertSchema>;

export const InboxCountsSchema = z.object({
  all: z.number(),
  /** Firing, not dismissed, not attached to an incident, not a CAP test/draft/system message. */
  triage: z.number(),
  firing: z.number(),
  attached: z.number(),
  dismissed: z.number(),
});

// ---------------------------------------------------------------------------------------------
// Settings

/** Per machine: the HTTP receiver's binding and limits. */
export const ReceiverSettingsSchema = z.object({
  /** Off by default: nothing listens until someone turns it on. */
  enabled: z.boolean().default(false),
  /** 127.0.0.1 unless the user chooses another interface address (0.0.0.0 = every interface). */
  bindAddress: z.string().trim().min(1).max(100).default('127.0.0.1'),
  /** Its own port, apart from the browser host's API (4510); 0 = any free port. */
  port: z.number().int().min(0).max(65_535).default(4520),
  /** Larger bodies are refused with 413. */
  maxBodyBytes: z.number().int().min(1024).max(16 * 1024 * 1024).default(1024 * 1024),
});
export type ReceiverSettings = z.infer<typeof ReceiverSettingsSchema>;

/**
 * How a source proves itself: `bearer` (Authorization: Bearer <secret>), `hmac`
 * (HMAC-SHA256 of the raw body with the secret, hex, in the signature header, optionally
 * prefixed `sha256=`), or `routing-key` (PagerDuty Events v2 senders: the body's `routing_key`
 * equals the 32-character secret).
 */
export const SourceAuthSchema = z.enum(['bearer', 'hmac', 'routing-key']);
export type SourceAuth = z.infer<typeof SourceAuthSchema>;

export const RateLimitSchema = z.object({
  /** Sustained requests per second (token bucket refill). */
  perSecond: z.number().min(0.001).max(1_000_000).default(20),
  /** Requests allowed at once (bucket size). */
  burst: z.number().int().min(1).max(1_000_000).default(100),
});
export type RateLimit = z.infer<typeof RateLimitSchema>;

/** Per machine, per source: receiver authentication, rate limit, watch folder. */
export const SourceMachineSettingsSchema = z.object({
  auth: SourceAuthSchema.default('bearer'),
  signatureHeader: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,100}$/, 'a header name: letters, digits and "-"')
    .default('x-watchfloor-signature'),
  rateLimit: RateLimitSchema.default(RateLimitSchema.parse({})),
  /** Folder watched for alert files ('' = none): processed files move to processed/, failed ones to failed/. */
  watchFolder: z.string().trim().max(1000).default(''),
});
export type SourceMachineSettings = z.infer<typeof SourceMachineSettingsSchema>;

export const SECRET_MIN = 16;
const SecretSchema = z.string().min(SECRET_MIN, `a secret has at least ${SECRET_MIN} characters`).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/** A source as the settings screen shows it: organisation rules + this machine's receiver settings; the secret only as a hint. */
export const AlertSourceViewSchema = AlertSourceSettingsSchema.extend(SourceMachineSettingsSchema.shape).extend({
  secretSet: z.boolean(),
  /** Last four characters of the secret, e.g. "…x7Qa". */
  secretHint: z.string(),
  /** Receiver path: `/alerts/<id>`. */
  path: z.string(),
});
export type AlertSourceView = z.infer<typeof AlertSourceViewSchema>;

export const AlertSettingsViewSchema = z.object({
  dedupWindowMinutes: z.number(),
  defaults: AlertRulesSchema,
  sources: z.array(AlertSourceViewSchema),
  receiver: ReceiverSettingsSchema,
  /** Where the rules live: per machine for now (see docs/API.md). */
  storage: z.object({ file: z.string(), rules: z.literal('machine') }),
});
export type AlertSettingsView = z.infer<typeof AlertSettingsViewSchema>;

export const AlertSourceInputSchema = AlertSourceSettingsSchema.extend(SourceMachineSettingsSchema.shape).extend({
  /** Sets the secret; omitted keeps the current one (a new source without one gets a generated secret). */
  secret: SecretSchema.optional(),
});
export type AlertSourceInput = z.input<typeof AlertSourceInputSchema>;

export const AlertSettingsUpdateSchema = z
  .object({
    dedupWindowMinutes: z.number().int().min(0).max(24 * 60).optional(),
    defaults: AlertRulesSchema.optional(),
    receiver: ReceiverSettingsSchema.partial().optional(),
    /** The complete list of sources (a source left out is removed, with its secret). */
    sources: z
      .array(AlertSourceInputSchema)
      .max(100)
      .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'source ids must be unique')
      .optional(),
  })
  .strict();
export type AlertSettingsUpdate = z.input<typeof AlertSettingsUpdateSchema>;

// ---------------------------------------------------------------------------------------------
// Receiver status and the intake log

export const ReceiverStatusSchema = z.object({
  enabled: z.boolean(),
  listening: z.boolean(),
  bindAddress: z.string(),
  /** The port actually bound (differs from the setting when it is 0). */
  port: z.number().nullable(),
  /** `http://<address>:<port>`, when listening. */
  baseUrl: z.string().nullable(),
  error: z.string().nullable(),
  /** This machine's interface addresses, to choose a binding from. */
  interfaces: z.array(z.object({ name: z.string(), address: z.string(), family: z.string() })),
  sources: z.array(
    z.object({
      id: z.string(),
      enabled: z.boolean(),
      format: z.string(),
      auth: SourceAuthSchema,
      path: z.string(),
      url: z.string().nullable(),
      watchFolder: z.string(),
      watching: z.boolean(),
      watchError: z.string().nullable(),
      accepted: z.number(),
      rejected: z.number(),
      lastAcceptedAt: z.string().nullable(),
    }),
  ),
});
export type ReceiverStatus = z.infer<typeof ReceiverStatusSchema>;

export const IntakeLogEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  source: z.string(),
  transport: z.enum(['http', 'folder']),
  /** HTTP status answered (folder: the status the same body would get). */
  status: z.number(),
  /** Short code: unauthorized, too_large, rate_limited, invalid_json, invalid_xml, unsupported_format, invalid_alert, unknown_source, ... */
  reason: z.string(),
  message: z.string(),
  /** First bytes of the body (secrets such as routing keys masked). */
  snippet: z.string(),
  /** Remote address or file name. */
  from: z.string(),
  /** Same source and reason again within a few seconds (counted, not written again). */
  repeats: z.number(),
});
export type IntakeLogEntry = z.infer<typeof IntakeLogEntrySchema>;

export const IncidentAlertsSchema = z.object({
  incidentId: z.string(),
  groups: z.array(AlertGroupSchema),
  firing: z.number(),
  /** At least one group is attached and none of its alerts fires. */
  allResolved: z.boolean(),
  /** allResolved while the incident is still before Monitoring: the console suggests (never forces) Monitoring. */
  suggestMonitoring: z.boolean(),
});
export type IncidentAlerts = z.infer<typeof IncidentAlertsSchema>;

const GroupRef = z.object({ groupId: GroupId });

export const alertsApi = {
  /** The inbox: groups needing triage first, then firing, by severity, most recently changed first. */
  'alerts.inbox': {
    input: z
      .object({
        view: z.enum(['triage', 'firing', 'all']).default('all'),
        source: AlertSourceIdSchema.optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    output: z.object({ groups: z.array(AlertGroupSchema), counts: InboxCountsSchema, truncated: z.boolean(), dedupWindowMinutes: z.number() }),
    mutates: false,
  },
  /** One group and the incident it suggests (impact/urgency from the source's severity mapping). */
  'alerts.draft': {
    input: GroupRef.strict(),
    output: z.object({ group: AlertGroupSchema, draft: CreateIncidentSchema }),
    mutates: false,
  },
  /** Creates an incident from a group: the draft, or the (edited) fields given. */
  'alerts.createIncident': {
    input: GroupRef.extend({ incident: CreateIncidentSchema.optional() }).strict(),
    output: z.object({ incident: IncidentStateSchema, group: AlertGroupSchema }),
    mutates: true,
  },
  /** Attaches a group to an existing incident; its alerts then show on the incident's timeline. */
  'alerts.attach': {
    input: GroupRef.extend({ incidentId: IncidentId, reason: optionalReason }).strict(),
    output: z.object({ incident: IncidentStateSchema, group: AlertGroupSchema }),
    mutates: true,
  },
  /** Undoes an attachment (attached to the wrong incident). */
  'alerts.detach': {
    input: GroupRef.extend({ reason: optionalReason }).strict(),
    output: z.object({ group: AlertGroupSchema }),
    mutates: true,
  },
  /** No incident needed; a new firing alert or a re-fire brings the group back. */
  'alerts.dismiss': {
    input: GroupRef.extend({ reason: z.string().trim().min(1, 'A reason is required').max(2000) }).strict(),
    output: z.object({ group: AlertGroupSchema }),
    mutates: true,
  },
  'alerts.restore': {
    input: GroupRef.extend({ reason: optionalReason }).strict(),
    output: z.object({ group: AlertGroupSchema }),
    mutates: true,
  },
  /** The groups attached to an incident, and whether the console should suggest Monitoring. */
  'alerts.forIncident': {
    input: z.object({ id: IncidentId }).strict(),
    output: IncidentAlertsSchema,
    mutates: false,
  },
  /** Refused deliveries and files (newest first), from this machine's receiver and watch folders. */
  'alerts.log': {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200), source: z.string().max(60).optional() }).strict(),
    output: z.object({ entries: z.array(IntakeLogEntrySchema), file: z.string() }),
    mutates: false,
  },
  'alerts.settings': { input: z.object({}).strict(), output: AlertSettingsViewSchema, mutates: false },
  /** Changes intake settings; the receiver and watch folders follow at once. Generated secrets are returned once. */
  'alerts.updateSettings': {
    input: AlertSettingsUpdateSchema,
    output: z.object({ settings: AlertSettingsViewSchema, generatedSecrets: z.record(z.string(), z.string()) }),
    mutates: true,
  },
  /** A new random secret for a source (returned once; the old one stops working). */
  'alerts.rotateSecret': {
    input: z.object({ source: AlertSourceIdSchema }).strict(),
    output: z.object({ source: z.string(), secret: z.string() }),
    mutates: true,
  },
  'alerts.receiverStatus': { input: z.object({}).strict(), output: ReceiverStatusSchema, mutates: false },
} as const;
