/**
 * From an alert group to an incident: per-source settings (severity → impact/urgency, which
 * severities create an incident on their own) and the incident draft, a `CreateIncident` input.
 */
import { z } from 'zod';
import type { CreateIncidentInput } from '../domain/commands';
import { LevelSchema } from '../domain/priority';
import { leadAlert, type AlertGroup, type InboxAlert } from './inbox';
import { ALERT_SEVERITIES, AlertFormatSchema, AlertSeveritySchema, AlertSourceIdSchema, FORMAT_LABELS, type AlertSeverity } from './model';

export const ImpactUrgencySchema = z.object({ impact: LevelSchema, urgency: LevelSchema });
export type ImpactUrgency = z.infer<typeof ImpactUrgencySchema>;

export const SeverityMappingSchema = z.object({
  critical: ImpactUrgencySchema,
  high: ImpactUrgencySchema,
  warning: ImpactUrgencySchema,
  info: ImpactUrgencySchema,
});
export type SeverityMapping = z.infer<typeof SeverityMappingSchema>;

/**
 * critical → P1, high → P2, warning → P3, info → P5 with the default matrix. `high` is impact 2 /
 * urgency 1: a monitoring severity says how fast to act more than how widespread the harm is
 * (1/2 gives the same P2).
 */
export const DEFAULT_SEVERITY_MAPPING: SeverityMapping = {
  critical: { impact: 1, urgency: 1 },
  high: { impact: 2, urgency: 1 },
  warning: { impact: 2, urgency: 2 },
  info: { impact: 3, urgency: 3 },
};

/** Labels that name an affected service, best first; each alert gives the first it has. */
export const DEFAULT_SERVICE_LABELS = ['service', 'component', 'app', 'job', 'instance'] as const;

const labelName = z.string().trim().min(1).max(100);
const item = z.string().trim().min(1).max(120);

/** How alerts of one source become incidents. Every field has a default. */
export const AlertRulesSchema = z.object({
  mapping: SeverityMappingSchema.default(DEFAULT_SEVERITY_MAPPING),
  /** Severities that create an incident without a person deciding (none by default). */
  autoCreate: z.array(AlertSeveritySchema).max(ALERT_SEVERITIES.length).default([]),
  /** Extra severity words of this source, e.g. {"p0": "critical", "sev-2": "high"}. */
  severityAliases: z.record(z.string().trim().min(1).max(100), AlertSeveritySchema).default({}),
  serviceLabels: z.array(labelName).max(20).default([...DEFAULT_SERVICE_LABELS]),
  /** Category of incidents created from this source. */
  category: z.string().trim().max(80).default(''),
  /** Tags added to those incidents (besides "alert"). */
  tags: z.array(item).max(20).default([]),
  /** A training feed: every incident from it is an exercise. */
  exercise: z.boolean().default(false),
});
export type AlertRules = z.infer<typeof AlertRulesSchema>;

export const AlertSourceSettingsSchema = AlertRulesSchema.extend({
  id: AlertSourceIdSchema,
  name: z.string().trim().max(120).default(''),
  /** The format the receiver expects; 'auto' sniffs each body (watch folders). */
  format: z.union([AlertFormatSchema, z.literal('auto')]).default('auto'),
  enabled: z.boolean().default(true),
});
export type AlertSourceSettings = z.infer<typeof AlertSourceSettingsSchema>;

export const AlertIntakeSettingsSchema = z.object({
  dedupWindowMinutes: z.number().int().min(0).max(24 * 60).default(15),
  /** Rules for sources that are not configured (and the starting point for new ones). */
  defaults: AlertRulesSchema.default(AlertRulesSchema.parse({})),
  sources: z
    .array(AlertSourceSettingsSchema)
    .max(100)
    .default([])
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'source ids must be unique'),
});
export type AlertIntakeSettings = z.infer<typeof AlertIntakeSettingsSchema>;

/** The rules that apply to a source: its own, else the defaults. */
export function rulesFor(settings: AlertIntakeSettings, sourceId: string): AlertRules {
  return settings.sources.find((s) => s.id === sourceId) ?? settings.defaults;
}

export function impactUrgencyFor(severity: AlertSeverity, mapping: SeverityMapping = DEFAULT_SEVERITY_MAPPING): ImpactUrgency {
  return mapping[severity];
}

export type AutoCreateDecision = { create: true; severity: AlertSeverity } | { create: false; reason: string };

/**
 * Whether the group should become an incident on its own now. Call it after each received alert;
 * once `alert.incidentCreated` is recorded the group has an incident and the answer is no.
 */
export function autoCreateDecision(group: AlertGroup, rules: Pick<AlertRules, 'autoCreate'>): AutoCreateDecision {
  if (group.flag) return { create: false, reason: `a CAP ${group.flag} message never becomes an incident` };
  if (!group.firing) return { create: false, reason: 'nothing is firing' };
  if (group.incidentId) return { create: false, reason: `already has incident ${group.incidentId}` };
  if (group.dismissed) return { create: false, reason: 'dismissed' };
  if (!rules.autoCreate.includes(group.severity)) return { create: false, reason: `${group.severity} alerts of this source wait for a person` };
  return { create: true, severity: group.severity };
}

function clampText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function labelLine(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

const utc = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function alertLine(a: InboxAlert): string {
  const when = a.status === 'firing' ? `since ${utc(a.startsAt)}` : `resolved ${a.endsAt ? utc(a.endsAt) : ''}`.trim();
  return `- [${a.status}${a.acknowledged ? ', acknowledged' : ''}] ${a.title} (${a.severity}${a.rawSeverity && a.rawSeverity.toLowerCase() !== a.severity ? ` / ${a.rawSeverity}` : ''}), ${when}`;
}

export interface DraftOptions extends Partial<Pick<AlertRules, 'serviceLabels' | 'category' | 'tags' | 'exercise'>> {}

/**
 * The incident a group suggests, as input for `incidents.create` (valid against
 * CreateIncidentSchema): the lead alert's title, a description listing the alerts, labels and
 * links, services from each alert's first service label, source "monitoring", the exercise flag.
 */
export function incidentDraftFromGroup(group: AlertGroup, mapping: SeverityMapping = DEFAULT_SEVERITY_MAPPING, opts: DraftOptions = {}): CreateIncidentInput {
  const serviceLabels = opts.serviceLabels ?? [...DEFAULT_SERVICE_LABELS];
  const firing = group.alerts.filter((a) => a.status === 'firing');
  const shown = firing.length ? firing : group.alerts;
  const lead = leadAlert(group);

  const n = shown.length + (group.truncatedAlerts || 0);
  const title = clampText(n > 1 ? `${group.title} (${n} alerts)` : group.title, 200);

  const services: string[] = [];
  for (const a of group.alerts) {
    const name = serviceLabels.map((l) => a.labels[l]?.trim()).find((v) => v);
    const s = name ? clampText(name, 120) : undefined;
    if (s && !services.includes(s) && services.length < 50) services.push(s);
  }

  const resolvedCount = group.alerts.length - firing.length;
  const summary = [`${firing.length} firing`, resolvedCount ? `${resolvedCount} resolved` : '', group.truncatedAlerts ? `${group.truncatedAlerts} more not sent by ${FORMAT_LABELS[group.format]}` : '']
    .filter(Boolean)
    .join(', ');
  const links = group.alerts.flatMap((a) => a.links).filter((l, i, all) => all.findIndex((x) => x.url === l.url) === i);
  const sections = [
    lead.description,
    `Alerts (${summary}):\n${group.alerts.map(alertLine).join('\n')}`,
    Object.keys(group.labels).length ? `Labels: ${labelLine(group.labels)}` : '',
    links.length ? `Links:\n${links.slice(0, 20).map((l) => `- ${l.label}: ${l.url}`).join('\n')}` : '',
    `From ${FORMAT_LABELS[group.format]} source "${group.source}", group ${group.groupKey}; first seen ${utc(group.firstSeenAt)}, ${group.count} notification(s).`,
  ].filter((s) => s && s.trim());

  const tags = [...new Set(['alert', ...(opts.tags ?? [])].map((t) => clampText(t.trim(), 120)).filter(Boolean))].slice(0, 50);
  const { impact, urgency } = impactUrgencyFor(group.severity, mapping);
  return {
    title,
    description: clampText(sections.join('\n\n'), 20_000),
    category: clampText(opts.category ?? '', 80),
    services,
    reporter: clampText(`${FORMAT_LABELS[group.format]} (${group.source})`, 120),
    source: 'monitoring',
    tags,
    exercise: group.exercise || (opts.exercise ?? false),
    major: false,
    impact,
    urgency,
  };
}
