/**
 * Watchfloor's own generic JSON alert, for scripts and tools without a native format.
 * Documented in docs/API.md ("Alert intake: generic JSON").
 *
 * { "title": "...", "description"?: "...", "dedupKey": "...", "status": "firing" | "resolved",
 *   "severity": "critical" | "high" | "warning" | "info", "sourceUrl"?: "https://...",
 *   "groupKey"?: "...", "labels"?: {"service": "..."}, "startsAt"?: "<RFC 3339>", "exercise"?: false }
 *
 * Unknown fields are ignored. Success: 202 `{status: "accepted", dedupKey, groupKey}`; a
 * malformed body: 400 `{error: {code: "invalid_input", message, field}}` (the API's error shape).
 */
import { z } from 'zod';
import { ALERT_SEVERITIES, type ParseContext, type ParseResponse, type ParseResult } from './model';
import { buildAlert, fail, httpUrl, inputErrorMap, isRecord, Links, parseTime, sortedMap, stringMap, typeName } from './normalise';

export const GenericAlertSchema = z.object({
  title: z.string().trim().min(1).max(1024),
  description: z.string().max(10_000).optional(),
  dedupKey: z.string().trim().min(1).max(255),
  status: z.enum(['firing', 'resolved']),
  severity: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(ALERT_SEVERITIES)),
  sourceUrl: z.string().trim().max(2048).optional(),
  groupKey: z.string().trim().min(1).max(255).optional(),
  labels: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  startsAt: z.string().optional(),
  exercise: z.boolean().optional(),
});
export type GenericAlert = z.input<typeof GenericAlertSchema>;

function invalid(field: string, problem: string): ParseResult {
  const f = fail(field, problem);
  return { ...f, response: { httpStatus: 400, body: { error: { code: 'invalid_input', message: f.error, field } } } };
}

export function genericAccepted(dedupKey: string, groupKey: string): ParseResponse {
  return { httpStatus: 202, body: { status: 'accepted', dedupKey, groupKey } };
}

export function parseGeneric(body: unknown, ctx: ParseContext): ParseResult {
  if (!isRecord(body)) return invalid('body', `must be a JSON object (got ${typeName(body)})`);
  const parsed = GenericAlertSchema.safeParse(body, { error: inputErrorMap });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return invalid(issue.path.map(String).join('.') || 'body', issue.message);
  }
  const d = parsed.data;
  if (d.sourceUrl && !httpUrl(d.sourceUrl)) return invalid('sourceUrl', 'must be an http(s) URL');
  let startsAt = ctx.receivedAt;
  if (d.startsAt !== undefined) {
    const t = parseTime(d.startsAt);
    if (t === null || t === 'zero') return invalid('startsAt', `must be an RFC 3339 time (got ${JSON.stringify(d.startsAt)})`);
    startsAt = t;
  }
  const groupKey = d.groupKey ?? d.dedupKey;
  const alert = buildAlert({
    source: ctx.source,
    format: 'generic',
    dedupKey: d.dedupKey,
    groupKey,
    status: d.status,
    severity: d.severity,
    rawSeverity: String((body as Record<string, unknown>).severity),
    title: d.title,
    description: d.description ?? '',
    labels: sortedMap(stringMap(d.labels)),
    startsAt,
    endsAt: d.status === 'resolved' ? ctx.receivedAt : null,
    links: new Links().add('Source', d.sourceUrl).list,
    exercise: d.exercise ?? false,
    receivedAt: ctx.receivedAt,
  });
  return {
    ok: true,
    alerts: [alert],
    group: { format: 'generic', groupKey: alert.groupKey, status: alert.status, title: alert.title, receiver: null, labels: {}, truncatedAlerts: 0, externalUrl: null },
    warnings: [],
    response: genericAccepted(alert.dedupKey, alert.groupKey),
  };
}
