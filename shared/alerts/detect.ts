/** Format sniffing (for the watch folder) and one entry point for every JSON format. */
import { parseAlertmanager, parseGrafana } from './alertmanager';
import { parseCap } from './cap';
import { parseGeneric } from './generic';
import type { AlertFormat, ParseContext, ParseResult } from './model';
import { fail, isRecord } from './normalise';
import { pagerDutyInvalid, parsePagerDuty } from './pagerduty';

/** A CAP document: the CAP namespace, or an <alert> root holding an <identifier>. */
function looksLikeCapXml(text: string): boolean {
  if (/urn:oasis:names:tc:emergency:cap:/i.test(text)) return true;
  return /<(?:[\w.-]+:)?alert[\s>]/.test(text) && /<(?:[\w.-]+:)?identifier>/.test(text);
}

function sniffObject(b: Record<string, unknown>): AlertFormat | null {
  if ('routing_key' in b || 'event_action' in b) return 'pagerduty';
  if (Array.isArray(b.alerts)) {
    if (b.version === '1' || 'orgId' in b) return 'grafana';
    if (b.version === '4' || 'groupKey' in b) return 'alertmanager';
    const grafanaFields = ['dashboardURL', 'panelURL', 'silenceURL', 'values', 'valueString'];
    if (b.alerts.some((a) => isRecord(a) && grafanaFields.some((f) => f in a))) return 'grafana';
    return 'alertmanager';
  }
  if (isRecord(b.alert) && ('identifier' in b.alert || 'msgType' in b.alert)) return 'cap';
  if ('identifier' in b && 'msgType' in b && 'sender' in b) return 'cap';
  if ('dedupKey' in b && 'title' in b && 'status' in b) return 'generic';
  return null;
}

/**
 * Which format a body is in, from its content type and content; null when it is none of ours.
 * `body` is the raw text (a watch-folder file, an HTTP body) or an already-parsed JSON value.
 * The content type only decides between XML and JSON; the content decides the format.
 */
export function detectFormat(contentType: string | null | undefined, body: unknown): AlertFormat | null {
  const type = (contentType ?? '').toLowerCase();
  if (typeof body === 'string') {
    const text = body.replace(/^\uFEFF/, '').trimStart();
    if (text.startsWith('<') || type.includes('xml')) return looksLikeCapXml(text) ? 'cap' : null;
    const parsed = parseJsonText(text);
    return parsed.ok ? detectFormat(type, parsed.value) : null;
  }
  return isRecord(body) ? sniffObject(body) : null;
}

/** JSON.parse with an error that names the body and the position. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: string; field: 'body' } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    return { ok: false, error: `body: not valid JSON (${e instanceof Error ? e.message : String(e)})`, field: 'body' };
  }
}

export const PARSERS: Record<AlertFormat, (body: unknown, ctx: ParseContext) => ParseResult> = {
  alertmanager: parseAlertmanager,
  grafana: parseGrafana,
  pagerduty: parsePagerDuty,
  cap: parseCap,
  generic: parseGeneric,
};

/**
 * Parses a body in a known format. JSON formats accept the raw text or the parsed value. CAP
 * accepts only the parsed object: XML text goes through `parseCapXml` in
 * electron/services/alerts/cap-xml.ts (shared/ cannot import an XML parser).
 */
export function parseAlertBody(format: AlertFormat, body: unknown, ctx: ParseContext): ParseResult {
  if (typeof body === 'string') {
    if (format === 'cap') return fail('body', 'CAP XML text must be parsed first (parseCapXml in electron/services/alerts/cap-xml.ts)');
    const parsed = parseJsonText(body);
    if (!parsed.ok) {
      // PagerDuty and generic senders expect their own 400 body.
      if (format === 'pagerduty') return { ...parsed, response: pagerDutyInvalid([parsed.error]) };
      if (format === 'generic') return { ...parsed, response: { httpStatus: 400, body: { error: { code: 'invalid_input', message: parsed.error, field: 'body' } } } };
      return parsed;
    }
    body = parsed.value;
  }
  return PARSERS[format](body, ctx);
}
