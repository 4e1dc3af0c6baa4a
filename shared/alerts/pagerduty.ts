/**
 * PagerDuty Events API v2 alert events (`POST /v2/enqueue`): what Alertmanager's
 * `pagerduty_config`, Grafana, Zabbix and many other tools send.
 *
 * - `event_action`: trigger → firing, acknowledge → firing + acknowledged, resolve → resolved.
 * - `dedup_key` identifies the alert (and its group). Required for acknowledge/resolve.
 *   A trigger without one gets a key generated *deterministically* — the first 32 hex digits of
 *   SHA-256 over the canonical JSON of `{routing_key, payload}` — and it is returned in the 202
 *   body, as PagerDuty does. Unlike PagerDuty (a random UUID per keyless trigger), two keyless
 *   triggers with the identical payload are therefore one alert seen twice; senders that want
 *   separate alerts send a `dedup_key` or vary the payload (a `timestamp` does).
 * - Validation mirrors PagerDuty's 400 answer: `{status: "invalid event", message:
 *   "Event object is invalid", errors: [...]}`; success is 202
 *   `{status: "success", message: "Event processed", dedup_key}`.
 * - The routing key is never stored; only its last four characters (`raw.routingKeyEnd`).
 */
import { canonicalJson, sha256Hex } from './hash';
import type { ParseContext, ParseResponse, ParseResult } from './model';
import {
  aliasesOf,
  buildAlert,
  clamp,
  isRecord,
  Links,
  normaliseSeverity,
  PAGERDUTY_SEVERITY,
  parseTime,
  rawSubset,
  sortedMap,
  str,
  typeName,
  UNKNOWN_SEVERITY,
} from './normalise';

export const PAGERDUTY_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;
export type PagerDutyAction = (typeof PAGERDUTY_ACTIONS)[number];
const PD_SEVERITIES = ['critical', 'error', 'warning', 'info'];

export interface PagerDutyAccepted {
  status: 'success';
  message: 'Event processed';
  dedup_key: string;
}
export interface PagerDutyInvalid {
  status: 'invalid event';
  message: 'Event object is invalid';
  errors: string[];
}

export function pagerDutyAccepted(dedupKey: string): ParseResponse & { body: PagerDutyAccepted } {
  return { httpStatus: 202, body: { status: 'success', message: 'Event processed', dedup_key: dedupKey } };
}

export function pagerDutyInvalid(errors: string[]): ParseResponse & { body: PagerDutyInvalid } {
  return { httpStatus: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors } };
}

/** The key PagerDuty would return for a trigger without `dedup_key` (deterministic here; see above). */
export function generatedDedupKey(routingKey: string, payload: unknown): string {
  return sha256Hex(canonicalJson({ routing_key: routingKey, payload })).slice(0, 32);
}

const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

interface Problem {
  field: string;
  message: string;
}

/** Checks the trigger payload; returns PagerDuty-style problems (empty when valid). */
function payloadProblems(p: unknown): Problem[] {
  if (!isRecord(p)) return [{ field: 'payload', message: p === undefined ? "'payload' is missing" : `'payload' must be an object (got ${typeName(p)})` }];
  const out: Problem[] = [];
  for (const f of ['summary', 'source'] as const) {
    if (blank(p[f])) out.push({ field: `payload.${f}`, message: `'payload.${f}' is missing or blank` });
  }
  if (blank(p.severity)) out.push({ field: 'payload.severity', message: "'payload.severity' is missing or blank" });
  else if (!PD_SEVERITIES.includes(String(p.severity))) {
    out.push({ field: 'payload.severity', message: `'payload.severity' is invalid (must be one of: ${PD_SEVERITIES.join(', ')}; got ${JSON.stringify(p.severity)})` });
  }
  if (p.timestamp !== undefined && p.timestamp !== null) {
    const t = parseTime(p.timestamp);
    if (t === null || t === 'zero') out.push({ field: 'payload.timestamp', message: `'payload.timestamp' is not an ISO 8601 time (got ${JSON.stringify(p.timestamp)})` });
  }
  return out;
}

function invalid(problems: Problem[]): ParseResult {
  const errors = problems.map((p) => p.message);
  return { ok: false, error: errors.join('; '), field: problems[0]!.field, response: pagerDutyInvalid(errors) };
}

/** `custom_details` as `key: value` lines (nested values as JSON). */
function detailsText(details: unknown): string {
  if (typeof details === 'string') return details;
  if (!isRecord(details)) return '';
  return Object.entries(details)
    .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as const)
    .filter(([, v]) => v !== undefined && v !== '' && v !== 'null')
    .map(([k, v]) => (v!.includes('\n') ? `${k}:\n${v!.trimEnd()}` : `${k}: ${v}`))
    .join('\n');
}

function detailsMap(details: unknown): Record<string, string> {
  if (!isRecord(details)) return {};
  return Object.fromEntries(
    Object.entries(details)
      .slice(0, 50)
      .filter(([k, v]) => k && v !== undefined && v !== null)
      .map(([k, v]) => [clamp(k, 200), clamp(typeof v === 'string' ? v : JSON.stringify(v), 4000)]),
  );
}

export function parsePagerDuty(body: unknown, ctx: ParseContext): ParseResult {
  if (!isRecord(body)) return invalid([{ field: 'body', message: `Event object must be a JSON object (got ${typeName(body)})` }]);
  const problems: Problem[] = [];

  const routingKey = body.routing_key;
  if (blank(routingKey)) problems.push({ field: 'routing_key', message: "'routing_key' is missing or blank" });
  else if ((routingKey as string).length !== 32) problems.push({ field: 'routing_key', message: "Length of 'routing_key' is incorrect (should be 32 characters)" });

  const action = body.event_action;
  if (blank(action)) problems.push({ field: 'event_action', message: "'event_action' is missing or blank" });
  else if (!PAGERDUTY_ACTIONS.includes(action as PagerDutyAction)) {
    problems.push({ field: 'event_action', message: `'event_action' is invalid (must be one of: ${PAGERDUTY_ACTIONS.join(', ')}; got ${JSON.stringify(action)})` });
  }

  const dedup = body.dedup_key;
  if (dedup !== undefined && dedup !== null && typeof dedup !== 'string') {
    problems.push({ field: 'dedup_key', message: `'dedup_key' must be a string (got ${typeName(dedup)})` });
  } else if (typeof dedup === 'string' && dedup.length > 255) {
    problems.push({ field: 'dedup_key', message: "'dedup_key' is too long (max 255 characters)" });
  } else if (blank(dedup) && (action === 'acknowledge' || action === 'resolve')) {
    problems.push({ field: 'dedup_key', message: `'dedup_key' is missing or blank (required for ${action})` });
  }

  const payloadIssues = payloadProblems(body.payload);
  if (action === 'trigger') problems.push(...payloadIssues);
  if (problems.length) return invalid(problems);

  const act = action as PagerDutyAction;
  const warnings: string[] = [];
  // Acknowledge/resolve may come without payload (or with an incomplete one): then they only change state.
  const hasContent = payloadIssues.length === 0;
  const p = (hasContent ? body.payload : {}) as Record<string, unknown>;
  const generated = blank(dedup);
  const dedupKey = generated ? generatedDedupKey(routingKey as string, body.payload) : (dedup as string).trim();
  if (generated) warnings.push(`dedup_key: missing on trigger; generated ${dedupKey}`);
  if (!hasContent) warnings.push(`payload: ${act} without a (valid) payload only changes the alert's state`);

  const summary = str(p.summary)?.trim() ?? '';
  if (summary.length > 1024) warnings.push('payload.summary: longer than 1024 characters; cut');
  const labels = sortedMap(
    Object.fromEntries(
      (['source', 'component', 'group', 'class', 'severity'] as const)
        .map((k) => [k, str(p[k])?.trim() ?? ''] as const)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, clamp(v, 4000)]),
    ),
  );
  const links = new Links().add(str(body.client)?.trim() || 'Source', body.client_url);
  if (Array.isArray(body.links)) {
    for (const l of body.links) if (isRecord(l)) links.add(str(l.text) ?? 'Link', l.href);
  }
  if (Array.isArray(body.images)) {
    for (const img of body.images) if (isRecord(img)) links.add(str(img.alt) || 'Image', img.href ?? img.src);
  }
  const timestamp = parseTime(p.timestamp);
  const startsAt = typeof timestamp === 'string' && timestamp !== 'zero' ? timestamp : ctx.receivedAt;
  const { severity, rawSeverity } = hasContent ? normaliseSeverity(str(p.severity), PAGERDUTY_SEVERITY, aliasesOf(ctx)) : { severity: UNKNOWN_SEVERITY, rawSeverity: '' };
  const placeholder = `${act === 'resolve' ? 'Resolved' : act === 'acknowledge' ? 'Acknowledged' : 'Triggered'}: ${dedupKey}`;

  const alert = buildAlert({
    source: ctx.source,
    format: 'pagerduty',
    dedupKey,
    groupKey: dedupKey,
    status: act === 'resolve' ? 'resolved' : 'firing',
    acknowledged: act === 'acknowledge',
    statusOnly: !hasContent,
    severity,
    rawSeverity,
    title: summary || placeholder,
    description: detailsText(p.custom_details),
    labels,
    annotations: detailsMap(p.custom_details),
    startsAt,
    endsAt: act === 'resolve' ? ctx.receivedAt : null,
    links: links.list,
    raw: rawSubset({
      event_action: act,
      client: str(body.client),
      dedupKeyGenerated: generated,
      routingKeyEnd: (routingKey as string).slice(-4),
    }),
    receivedAt: ctx.receivedAt,
  });

  return {
    ok: true,
    alerts: [alert],
    group: {
      format: 'pagerduty',
      groupKey: alert.groupKey,
      status: alert.status,
      title: alert.title,
      receiver: null,
      labels,
      truncatedAlerts: 0,
      externalUrl: null,
    },
    warnings,
    response: pagerDutyAccepted(dedupKey),
  };
}
