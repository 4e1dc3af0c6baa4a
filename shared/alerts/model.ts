/**
 * The normalised alert: what every intake format (Alertmanager, Grafana, PagerDuty Events v2,
 * CAP 1.2, generic JSON) is turned into before deduplication and triage.
 */
import { z } from 'zod';
import { IsoTimeSchema } from '../domain/vocabulary';

export const ALERT_FORMATS = ['alertmanager', 'grafana', 'pagerduty', 'cap', 'generic'] as const;
export const AlertFormatSchema = z.enum(ALERT_FORMATS);
export type AlertFormat = z.infer<typeof AlertFormatSchema>;

export const FORMAT_LABELS: Record<AlertFormat, string> = {
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
  pagerduty: 'PagerDuty Events v2',
  cap: 'CAP',
  generic: 'Generic JSON',
};

/** Normalised severity, most severe first. */
export const ALERT_SEVERITIES = ['critical', 'high', 'warning', 'info'] as const;
export const AlertSeveritySchema = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

/** Higher is more severe. */
export const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 3, high: 2, warning: 1, info: 0 };

export function maxSeverity(a: AlertSeverity, b: AlertSeverity): AlertSeverity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

export const AlertStatusSchema = z.enum(['firing', 'resolved']);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/**
 * CAP messages whose `status` says they are not real: Test, Draft and System messages are listed
 * in the inbox but never become incidents. (CAP Exercise is `exercise: true` instead.)
 */
export const AlertFlagSchema = z.enum(['test', 'draft', 'system']);
export type AlertFlag = z.infer<typeof AlertFlagSchema>;

/** A configured intake source (one receiver URL or watch folder), e.g. `prom-prod`. */
export const AlertSourceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/, 'a source id is 1–60 letters, digits, ".", "_" or "-"');

export const LIMITS = {
  key: 1024,
  title: 1024,
  description: 10_000,
  labelName: 200,
  labelValue: 4000,
  labels: 200,
  links: 20,
  rawValue: 4000,
  url: 2048,
} as const;

/** Only http(s) links are kept: the desktop app opens them, so `javascript:` and `file:` never get in. */
export const HTTP_URL = /^https?:\/\/[^\s]+$/i;

export const AlertLinkSchema = z.object({
  label: z.string().min(1).max(200),
  url: z.string().max(LIMITS.url).regex(HTTP_URL, 'only http(s) links'),
});
export type AlertLink = z.infer<typeof AlertLinkSchema>;

const StringMapSchema = z
  .record(z.string().min(1).max(LIMITS.labelName), z.string().max(LIMITS.labelValue))
  .refine((m) => Object.keys(m).length <= LIMITS.labels, `at most ${LIMITS.labels} entries`);

export const RawValueSchema = z.union([z.string().max(LIMITS.rawValue), z.number(), z.boolean(), z.null()]);
export type RawValue = z.infer<typeof RawValueSchema>;

export const NormalisedAlertSchema = z.object({
  /** Source id (the receiver or watch folder it came through). */
  source: AlertSourceIdSchema,
  format: AlertFormatSchema,
  /**
   * Stable per alert within its source: Alertmanager/Grafana `fingerprint` (or the same hash of the
   * labels when missing), PagerDuty `dedup_key`, CAP `sender,identifier`, generic `dedupKey`.
   */
  dedupKey: z.string().min(1).max(LIMITS.key),
  /**
   * Groups several alerts: Alertmanager/Grafana `groupKey`, PagerDuty `dedup_key`, CAP the first
   * message of an Update/Cancel chain (from `references`), generic `groupKey` or `dedupKey`.
   */
  groupKey: z.string().min(1).max(LIMITS.key),
  status: AlertStatusSchema,
  /** The sender says someone works on it (PagerDuty `acknowledge`). */
  acknowledged: z.boolean().default(false),
  /**
   * The notification only changes the state; its title, labels etc. are placeholders (PagerDuty
   * acknowledge/resolve without payload, CAP Update/Cancel of earlier messages). The inbox keeps
   * the content it already has for the alert.
   */
  statusOnly: z.boolean().default(false),
  severity: AlertSeveritySchema,
  /** The sender's own severity value ('' when it sent none). */
  rawSeverity: z.string().max(100),
  title: z.string().min(1).max(LIMITS.title),
  description: z.string().max(LIMITS.description),
  labels: StringMapSchema.default({}),
  annotations: StringMapSchema.default({}),
  startsAt: IsoTimeSchema,
  /** When it ended (resolved) or is due to end (CAP `expires`); null while open-ended. */
  endsAt: IsoTimeSchema.nullable(),
  links: z.array(AlertLinkSchema).max(LIMITS.links).default([]),
  exercise: z.boolean().default(false),
  flag: AlertFlagSchema.nullable().default(null),
  /** Alerts of the same notification the sender left out (Alertmanager `max_alerts`). */
  truncatedAlerts: z.number().int().nonnegative().default(0),
  /** A few format-specific fields, flat and small (never secrets such as routing keys). */
  raw: z.record(z.string().max(100), RawValueSchema).default({}),
  receivedAt: IsoTimeSchema,
});
export type NormalisedAlert = z.infer<typeof NormalisedAlertSchema>;
export type NormalisedAlertInput = z.input<typeof NormalisedAlertSchema>;

/** What the receiver knows besides the body. */
export interface ParseContext {
  source: string;
  /** ISO time the body arrived (the receiver's clock). */
  receivedAt: string;
  /** Per-source extra severity words, lower-case raw value → normalised (settings `severityAliases`). */
  severityAliases?: Readonly<Record<string, AlertSeverity>>;
}

/** The notification as a whole. */
export interface ParsedGroup {
  format: AlertFormat;
  groupKey: string;
  /** The state the sender gave the whole notification (Alertmanager's group `status`). */
  status: AlertStatus;
  title: string;
  /** Alertmanager/Grafana receiver name; null for other formats. */
  receiver: string | null;
  /** Alertmanager `groupLabels`, or the labels that identify the group in other formats. */
  labels: Record<string, string>;
  truncatedAlerts: number;
  /** Alertmanager/Grafana `externalURL` (http(s) only). */
  externalUrl: string | null;
}

/** The HTTP answer the receiver should send, where the format defines one. */
export interface ParseResponse {
  httpStatus: number;
  body: unknown;
}

export type ParseOk = {
  ok: true;
  alerts: NormalisedAlert[];
  group: ParsedGroup;
  /** Things worth logging that did not stop the intake (derived keys, ignored messages). */
  warnings: string[];
  response?: ParseResponse;
};
export type ParseError = {
  ok: false;
  /** `field: problem`, for people and logs. */
  error: string;
  /** Dotted path of the first offending field (`alerts.0.labels`, `payload.summary`), as docs/API.md. */
  field?: string;
  response?: ParseResponse;
};
export type ParseResult = ParseOk | ParseError;
