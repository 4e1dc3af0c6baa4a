/**
 * Prometheus Alertmanager webhook (`webhook_config`, body version "4") and Grafana alerting's
 * webhook contact point (the same body with version "1" and a few extras: orgId, title, state,
 * message, per-alert values/valueString, dashboardURL, panelURL, silenceURL, imageURL).
 *
 * - One notification is one group (`groupKey`); each alert is identified by `fingerprint`.
 *   Older captures without a fingerprint get Prometheus' own fingerprint of the labels.
 * - Per-alert `status` wins over the group's (a "firing" group may hold resolved alerts);
 *   alerts without one take the group's.
 * - `endsAt` "0001-01-01T00:00:00Z" (Go's zero time) means still firing.
 * - `truncatedAlerts` (alerts left out by `max_alerts`) is reported on the group and each alert.
 * - Unknown fields are ignored.
 */
import { z } from 'zod';
import { prometheusFingerprint } from './hash';
import type { NormalisedAlert, ParseContext, ParseResult } from './model';
import {
  aliasesOf,
  buildAlert,
  fail,
  firstText,
  httpUrl,
  inputErrorMap,
  Links,
  normaliseSeverity,
  parseTime,
  rawSubset,
  sortedMap,
  stringMap,
  str,
} from './normalise';

const optText = z.string().nullish();
const loose = z.record(z.string(), z.unknown());

const AlertIn = z.object({
  status: z.enum(['firing', 'resolved']).optional(),
  labels: loose,
  annotations: loose.nullish(),
  startsAt: z.string(),
  endsAt: optText,
  generatorURL: optText,
  fingerprint: optText,
  // Grafana
  silenceURL: optText,
  dashboardURL: optText,
  panelURL: optText,
  imageURL: optText,
  values: z.record(z.string(), z.unknown()).nullish(),
  valueString: optText,
});

const BodyIn = z.object({
  version: z.string().optional(),
  groupKey: z.string().trim().min(1),
  status: z.enum(['firing', 'resolved']).optional(),
  receiver: optText,
  alerts: z.array(AlertIn).min(1),
  groupLabels: loose.nullish(),
  commonLabels: loose.nullish(),
  commonAnnotations: loose.nullish(),
  externalURL: optText,
  truncatedAlerts: z.number().int().nonnegative().nullish(),
  // Grafana
  orgId: z.number().nullish(),
  title: optText,
  state: optText,
});

const TRUE_WORDS = new Set(['true', 'yes', '1']);

export function parseAlertmanager(body: unknown, ctx: ParseContext): ParseResult {
  return parseWebhook(body, ctx, 'alertmanager');
}

export function parseGrafana(body: unknown, ctx: ParseContext): ParseResult {
  return parseWebhook(body, ctx, 'grafana');
}

function parseWebhook(body: unknown, ctx: ParseContext, format: 'alertmanager' | 'grafana'): ParseResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('body', 'must be a JSON object');
  const b = body as Record<string, unknown>;
  const warnings: string[] = [];

  const expected = format === 'alertmanager' ? '4' : '1';
  if (b.version === undefined) {
    warnings.push(`version: missing; read as ${format === 'alertmanager' ? 'Alertmanager webhook version "4"' : 'Grafana webhook version "1"'}`);
  } else if (b.version !== expected) {
    const hint =
      format === 'alertmanager' && b.version === '1'
        ? ' (version "1" is Grafana alerting: use the grafana format)'
        : format === 'grafana' && b.version === '4'
          ? ' (version "4" is Prometheus Alertmanager: use the alertmanager format)'
          : '';
    return fail('version', `must be "${expected}" (got ${JSON.stringify(b.version)})${hint}`);
  }
  if (format === 'grafana' && !('alerts' in b) && ('evalMatches' in b || 'ruleId' in b)) {
    return fail('alerts', 'is missing: this looks like a legacy Grafana alert notification (evalMatches), which is not supported; use a Grafana alerting contact point');
  }

  const parsed = BodyIn.safeParse(body, { error: inputErrorMap });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(issue.path.map(String).join('.') || 'body', issue.message);
  }
  const d = parsed.data;
  const aliases = aliasesOf(ctx);
  const truncatedAlerts = d.truncatedAlerts ?? 0;
  if (truncatedAlerts > 0) warnings.push(`truncatedAlerts: the sender left out ${truncatedAlerts} alert(s) of this group`);
  const externalUrl = httpUrl(d.externalURL);

  const alerts: NormalisedAlert[] = [];
  for (const [i, a] of d.alerts.entries()) {
    const at = (f: string) => `alerts.${i}.${f}`;
    const status = a.status ?? d.status;
    if (!status) return fail(at('status'), 'is missing, and the body has no group status either');
    const startsAt = parseTime(a.startsAt);
    if (startsAt === null || startsAt === 'zero') return fail(at('startsAt'), `must be an RFC 3339 time (got ${JSON.stringify(a.startsAt)})`);
    let endsAt: string | null = null;
    if (a.endsAt !== undefined && a.endsAt !== null && a.endsAt !== '') {
      const t = parseTime(a.endsAt);
      if (t === null) return fail(at('endsAt'), `must be an RFC 3339 time (got ${JSON.stringify(a.endsAt)})`);
      endsAt = t === 'zero' ? null : t;
    }
    if (status === 'resolved' && endsAt === null) endsAt = ctx.receivedAt;

    const labels = sortedMap(stringMap(a.labels));
    const annotations = sortedMap(stringMap(a.annotations));
    let fingerprint = a.fingerprint?.trim();
    if (!fingerprint) {
      fingerprint = prometheusFingerprint(labels);
      warnings.push(`${at('fingerprint')}: missing; derived ${fingerprint} from the labels`);
    }
    const links = new Links()
      .add(format === 'grafana' ? 'Alert rule' : 'Source', a.generatorURL)
      .add('Runbook', annotations.runbook_url ?? annotations.runbook)
      .add('Dashboard', a.dashboardURL)
      .add('Panel', a.panelURL)
      .add('Image', a.imageURL)
      .add('Silence', a.silenceURL);

    alerts.push(
      buildAlert({
        source: ctx.source,
        format,
        dedupKey: fingerprint,
        groupKey: d.groupKey,
        status,
        ...normaliseSeverity(labels.severity, {}, aliases),
        title: firstText(annotations.summary, annotations.title, labels.alertname) ?? 'Alert',
        description: firstText(annotations.description, annotations.message) ?? '',
        labels,
        annotations,
        startsAt,
        endsAt,
        links: links.list,
        exercise: TRUE_WORDS.has((labels.exercise ?? '').toLowerCase()),
        truncatedAlerts,
        raw: rawSubset({
          receiver: d.receiver ?? undefined,
          fingerprint,
          groupStatus: d.status,
          externalURL: externalUrl ?? undefined,
          orgId: d.orgId ?? undefined,
          state: d.state ?? undefined,
          values: a.values ?? undefined,
          valueString: a.valueString ?? undefined,
        }),
        receivedAt: ctx.receivedAt,
      }),
    );
  }

  const groupLabels = sortedMap(stringMap(d.groupLabels));
  // Group labels are stable across notifications; Grafana's title ("[FIRING:1, RESOLVED:1] …") is not.
  const title = Object.values(groupLabels).filter(Boolean).join(' · ') || str(d.title)?.trim() || alerts[0]!.title;
  return {
    ok: true,
    alerts,
    group: {
      format,
      groupKey: alerts[0]!.groupKey,
      status: d.status ?? (alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved'),
      title,
      receiver: d.receiver ?? null,
      labels: groupLabels,
      truncatedAlerts,
      externalUrl,
    },
    warnings,
  };
}
