/**
 * One delivery (an HTTP body or a watch-folder file) → normalised alerts, or the refusal: HTTP
 * status, a short reason code for the intake log, and the body the sender gets. The formats'
 * own answers are kept (PagerDuty's 202/400 bodies, the generic format's 202/400).
 */
import { detectFormat, parseJsonText, PARSERS } from '../../../shared/alerts/detect';
import { FORMAT_LABELS, type AlertFormat, type ParseContext, type ParseOk, type ParseResult } from '../../../shared/alerts/model';
import { pagerDutyInvalid } from '../../../shared/alerts/pagerduty';
import { parseCapXml } from './cap-xml';

export type DeliveryRefusal = {
  ok: false;
  status: number;
  /** Intake-log reason: invalid_json, invalid_xml, invalid_alert, unsupported_format, unsupported_media_type, empty_body. */
  reason: string;
  message: string;
  body: unknown;
};
export type DeliveryResult = { ok: true; format: AlertFormat; parsed: ParseOk } | DeliveryRefusal;

/** The receiver's own error body: the API's error shape. */
export function errorBody(code: string, message: string, field?: string): { error: { code: string; message: string; field?: string } } {
  return { error: field ? { code, message, field } : { code, message } };
}

function refuse(status: number, reason: string, message: string, body: unknown = errorBody(reason, message)): DeliveryRefusal {
  return { ok: false, status, reason, message, body };
}

/** Media types that can never hold an alert. */
const BINARY_TYPES = /^(image|audio|video|font|multipart)\/|^application\/(zip|gzip|x-gzip|pdf)\b/;

function fromParse(r: ParseResult, format: AlertFormat): DeliveryResult {
  if (r.ok) return { ok: true, format, parsed: r };
  const reason = r.field === 'xml' ? 'invalid_xml' : 'invalid_alert';
  return refuse(r.response?.httpStatus ?? 400, reason, r.error, r.response?.body ?? errorBody('invalid_input', r.error, r.field));
}

/**
 * Parses a delivery for a source whose format is fixed or `auto` (sniffed from the content:
 * XML → CAP, JSON → by its fields).
 */
export function parseDelivery(sourceFormat: AlertFormat | 'auto', contentType: string | undefined, raw: Buffer, ctx: ParseContext): DeliveryResult {
  const type = (contentType ?? '').toLowerCase().trim();
  if (BINARY_TYPES.test(type)) return refuse(415, 'unsupported_media_type', `content type ${type} cannot hold an alert; send JSON or CAP XML`);
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (!trimmed) return refuse(400, 'empty_body', 'the body is empty');

  let format: AlertFormat;
  let value: unknown;
  if (sourceFormat === 'cap' || (sourceFormat === 'auto' && trimmed.startsWith('<'))) {
    if (sourceFormat === 'auto' && detectFormat(type, trimmed) !== 'cap') {
      return refuse(415, 'unsupported_format', 'XML that is not a CAP 1.2 alert (urn:oasis:names:tc:emergency:cap:1.2)');
    }
    return fromParse(parseCapXml(text, ctx), 'cap');
  }
  const json = parseJsonText(text);
  if (!json.ok) {
    const body = sourceFormat === 'pagerduty' ? pagerDutyInvalid([json.error]).body : errorBody('invalid_input', json.error, 'body');
    return refuse(400, 'invalid_json', json.error, body);
  }
  value = json.value;
  if (sourceFormat === 'auto') {
    const detected = detectFormat(type, value);
    if (!detected) {
      return refuse(415, 'unsupported_format', `JSON in none of the formats (${Object.values(FORMAT_LABELS).join(', ')}); see docs/API.md, "Alert intake"`);
    }
    format = detected;
  } else {
    format = sourceFormat;
  }
  return fromParse(PARSERS[format](value, ctx), format);
}
