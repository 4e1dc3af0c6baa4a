/**
 * OASIS Common Alerting Protocol 1.2 (CAP): public warnings (weather, floods, civil protection).
 *
 * This module reads a CAP `<alert>` that was already turned into a plain object — XML parsing
 * needs a library that shared/ may not import (see electron/services/alerts/cap-xml.ts, which
 * does the XML → object step with fast-xml-parser and then calls `parseCap`). The object is what
 * fast-xml-parser gives with namespace prefixes removed and attributes ignored:
 * `{ alert: { identifier, sender, sent, status, msgType, info: [{ event, severity, area: [...] }] } }`;
 * repeated elements may be arrays or single values, text may be strings or numbers.
 *
 * - Message key: `sender,identifier` (CAP forbids commas and spaces in both).
 * - status Exercise → `exercise: true`; Test / Draft / System → `flag` set (listed, never incidents).
 * - msgType Alert → one firing alert. Update → the message is a firing alert (resolved when an
 *   info says `responseType` AllClear) and every referenced message is resolved (superseded).
 *   Cancel → every referenced message is resolved. Ack / Error carry no alert.
 *   Referenced messages are emitted as `statusOnly` alerts: the inbox keeps what it knew of them.
 * - groupKey: the earliest message named in `references` (by its `sent` time), else the message
 *   itself — so an Alert and its Updates and Cancel share a group.
 * - severity Extreme → critical, Severe → high, Moderate → warning, Minor → info, Unknown → warning
 *   (the most severe `info` wins).
 */
import type { AlertSeverity, NormalisedAlert, ParseContext, ParseResult } from './model';
import { maxSeverity } from './model';
import { aliasesOf, buildAlert, CAP_SEVERITY, clamp, fail, isRecord, Links, normaliseSeverity, parseTime, rawSubset, sortedMap, str, stringMap } from './normalise';

/** Elements CAP 1.2 allows more than once: the XML step should always make these arrays. */
export const CAP_REPEATED_ELEMENTS = ['info', 'area', 'resource', 'parameter', 'eventCode', 'geocode', 'category', 'responseType', 'code', 'polygon', 'circle'] as const;

export const CAP_NAMESPACE_1_2 = 'urn:oasis:names:tc:emergency:cap:1.2';

const STATUS = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
const MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
const URGENCY = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
const SEVERITY = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
const CERTAINTY = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown', 'Very Likely'] as const;

function many(v: unknown): unknown[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

function text(v: unknown): string | undefined {
  const s = str(Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
}

function texts(v: unknown): string[] {
  return many(v)
    .map((x) => str(x)?.trim())
    .filter((x): x is string => !!x);
}

/** Matches a CAP enumeration case-insensitively and returns its canonical spelling. */
function oneOf<T extends string>(v: string | undefined, values: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  return values.find((x) => x.toLowerCase() === v.toLowerCase());
}

interface Ref {
  key: string;
  sentMs: number;
}

export interface CapInfo {
  language: string;
  category: string[];
  event: string;
  responseType: string[];
  urgency: string;
  severity: string;
  certainty: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  senderName?: string;
  effective?: string;
  onset?: string;
  expires?: string;
  areas: string[];
  eventCodes: Array<[string, string]>;
  parameters: Array<[string, string]>;
  resources: Array<{ desc: string; uri?: string }>;
}

function pairs(v: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const p of many(v)) {
    if (!isRecord(p)) continue;
    const name = text(p.valueName);
    const value = text(p.value);
    if (name && value !== undefined) out.push([name, value]);
  }
  return out;
}

type Checked<T> = { ok: true; value: T } | { ok: false; field: string; problem: string };

function readInfo(v: unknown, at: string): Checked<CapInfo> {
  if (!isRecord(v)) return { ok: false, field: at, problem: 'must be an <info> element' };
  const need = (name: string, values?: readonly string[]): Checked<string> => {
    const s = text(v[name]);
    if (s === undefined) return { ok: false, field: `${at}.${name}`, problem: 'is missing' };
    if (values) {
      const m = oneOf(s, values);
      if (!m) return { ok: false, field: `${at}.${name}`, problem: `must be one of ${values.join(', ')} (got ${JSON.stringify(s)})` };
      return { ok: true, value: m };
    }
    return { ok: true, value: s };
  };
  const event = need('event');
  if (!event.ok) return event;
  const urgency = need('urgency', URGENCY);
  if (!urgency.ok) return urgency;
  const severity = need('severity', SEVERITY);
  if (!severity.ok) return severity;
  const certainty = need('certainty', CERTAINTY);
  if (!certainty.ok) return certainty;
  const times: Partial<Record<'effective' | 'onset' | 'expires', string>> = {};
  for (const f of ['effective', 'onset', 'expires'] as const) {
    const raw = text(v[f]);
    if (raw === undefined) continue;
    const t = parseTime(raw);
    if (t === null || t === 'zero') return { ok: false, field: `${at}.${f}`, problem: `must be a CAP date-time such as 2026-03-02T09:00:00-00:00 (got ${JSON.stringify(raw)})` };
    times[f] = t;
  }
  const areas: string[] = [];
  for (const [j, a] of many(v.area).entries()) {
    const desc = isRecord(a) ? text(a.areaDesc) : undefined;
    if (!desc) return { ok: false, field: `${at}.area.${j}.areaDesc`, problem: 'is missing' };
    areas.push(desc);
  }
  return {
    ok: true,
    value: {
      language: text(v.language) ?? 'en-US',
      category: texts(v.category),
      event: event.value,
      responseType: texts(v.responseType),
      urgency: urgency.value,
      severity: severity.value,
      certainty: certainty.value === 'Very Likely' ? 'Likely' : certainty.value,
      headline: text(v.headline),
      description: text(v.description),
      instruction: text(v.instruction),
      web: text(v.web),
      contact: text(v.contact),
      senderName: text(v.senderName),
      ...times,
      areas,
      eventCodes: pairs(v.eventCode),
      parameters: pairs(v.parameter),
      resources: many(v.resource)
        .filter(isRecord)
        .map((r) => ({ desc: text(r.resourceDesc) ?? 'Resource', uri: text(r.uri) })),
    },
  };
}

/** `sender,identifier,sent` triples separated by whitespace. */
function readReferences(v: string | undefined): Checked<Ref[]> {
  if (!v) return { ok: true, value: [] };
  const refs: Ref[] = [];
  for (const triple of v.split(/\s+/).filter(Boolean)) {
    const parts = triple.split(',');
    const t = parts.length === 3 && parts[0] && parts[1] ? parseTime(parts[2]) : null;
    if (t === null || t === 'zero') return { ok: false, field: 'alert.references', problem: `"${clamp(triple, 80)}" is not a sender,identifier,sent triple` };
    const key = `${parts[0]},${parts[1]}`;
    if (!refs.some((r) => r.key === key)) refs.push({ key, sentMs: Date.parse(t) });
  }
  return { ok: true, value: refs };
}

export function parseCap(doc: unknown, ctx: ParseContext): ParseResult {
  const a = isRecord(doc) && isRecord(doc.alert) ? doc.alert : isRecord(doc) && 'identifier' in doc && 'msgType' in doc ? doc : null;
  if (!a) return fail('alert', 'is missing: not a CAP document (expected an <alert> root element)');

  const required = ['identifier', 'sender', 'sent', 'status', 'msgType'] as const;
  const v: Partial<Record<(typeof required)[number], string>> = {};
  for (const f of required) {
    const s = text(a[f]);
    if (s === undefined) return fail(`alert.${f}`, 'is missing');
    v[f] = s;
  }
  const status = oneOf(v.status, STATUS);
  if (!status) return fail('alert.status', `must be one of ${STATUS.join(', ')} (got ${JSON.stringify(v.status)})`);
  const msgType = oneOf(v.msgType, MSG_TYPES);
  if (!msgType) return fail('alert.msgType', `must be one of ${MSG_TYPES.join(', ')} (got ${JSON.stringify(v.msgType)})`);
  const sent = parseTime(v.sent);
  if (sent === null || sent === 'zero') return fail('alert.sent', `must be a CAP date-time such as 2026-03-02T09:00:00-00:00 (got ${JSON.stringify(v.sent)})`);
  const sender = v.sender!;
  const identifier = v.identifier!;
  const ownKey = `${sender},${identifier}`;
  const warnings: string[] = [];

  const refsRead = readReferences(text(a.references));
  if (!refsRead.ok) return fail(refsRead.field, refsRead.problem);
  const refs = refsRead.value.filter((r) => r.key !== ownKey);
  if (msgType === 'Cancel' && refs.length === 0) return fail('alert.references', 'is missing: a Cancel must name the messages it cancels');
  if (msgType === 'Update' && refs.length === 0) warnings.push('alert.references: an Update without references; read as a new alert');

  const infos: CapInfo[] = [];
  for (const [i, raw] of many(a.info).entries()) {
    const r = readInfo(raw, `alert.info.${i}`);
    if (!r.ok) return fail(r.field, r.problem);
    infos.push(r.value);
  }

  const root = refs.length ? refs.reduce((min, r) => (r.sentMs < min.sentMs ? r : min)) : null;
  const groupKey = root?.key ?? ownKey;

  if (msgType === 'Ack' || msgType === 'Error') {
    warnings.push(`alert.msgType: ${msgType} messages carry no alert`);
    return {
      ok: true,
      alerts: [],
      group: { format: 'cap', groupKey, status: 'resolved', title: `CAP ${msgType} from ${sender}`, receiver: null, labels: { sender }, truncatedAlerts: 0, externalUrl: null },
      warnings,
    };
  }

  // English (or language-less, which CAP reads as en-US) first; else the first info.
  const primary = infos.find((i) => i.language.toLowerCase().startsWith('en')) ?? infos[0];
  const aliases = aliasesOf(ctx);
  let severity: AlertSeverity | undefined;
  for (const i of infos) {
    const s = normaliseSeverity(i.severity, CAP_SEVERITY, aliases).severity;
    severity = severity ? maxSeverity(severity, s) : s;
  }
  const sev = primary ? { severity: severity!, rawSeverity: primary.severity } : normaliseSeverity(undefined, CAP_SEVERITY, aliases);
  const note = text(a.note);
  const allClear = infos.some((i) => i.responseType.some((r) => r.toLowerCase() === 'allclear'));

  const labels: Record<string, string> = { sender, status, msgType };
  const annotations: Record<string, string> = {};
  const scope = text(a.scope);
  if (scope) labels.scope = scope;
  const incidents = text(a.incidents);
  if (incidents) labels.incidents = incidents;
  if (note) annotations.note = note;
  const links = new Links();
  if (primary) {
    labels.event = primary.event;
    labels.urgency = primary.urgency;
    labels.severity = primary.severity;
    labels.certainty = primary.certainty;
    if (primary.category.length) labels.category = primary.category.join(',');
    if (primary.responseType.length) labels.responseType = primary.responseType.join(',');
    if (primary.areas.length) labels.area = primary.areas.join('; ');
    if (primary.senderName) labels.senderName = primary.senderName;
    for (const [k, val] of primary.eventCodes) labels[`eventCode.${k}`] = val;
    for (const f of ['headline', 'description', 'instruction', 'contact', 'web', 'effective', 'onset', 'expires'] as const) {
      const val = primary[f];
      if (val) annotations[f] = val;
    }
    for (const [k, val] of primary.parameters) annotations[`parameter.${k}`] = val;
    links.add('More information', primary.web);
    for (const r of primary.resources) links.add(r.desc, r.uri);
  }

  const title = primary ? (primary.headline ?? primary.event) : (note ?? `CAP ${msgType} ${identifier}`);
  const description = [
    primary?.description,
    primary?.instruction && `Instruction: ${primary.instruction}`,
    primary?.areas.length ? `Area: ${primary.areas.join('; ')}` : undefined,
    note && `Note: ${note}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const base = {
    source: ctx.source,
    format: 'cap' as const,
    groupKey,
    ...sev,
    description,
    labels: sortedMap(stringMap(labels)),
    annotations: sortedMap(stringMap(annotations)),
    links: links.list,
    exercise: status === 'Exercise',
    flag: status === 'Test' ? ('test' as const) : status === 'Draft' ? ('draft' as const) : status === 'System' ? ('system' as const) : null,
    raw: rawSubset({
      identifier,
      sender,
      sent: v.sent,
      status,
      msgType,
      scope,
      references: text(a.references),
      incidents,
      language: primary?.language,
      infos: infos.length,
    }),
    receivedAt: ctx.receivedAt,
  };

  const alerts: NormalisedAlert[] = [];
  // Earlier messages this one updates or cancels: resolved, keeping what the inbox knew of them.
  if (msgType === 'Update' || msgType === 'Cancel') {
    for (const r of refs) {
      alerts.push(
        buildAlert({
          ...base,
          dedupKey: r.key,
          status: 'resolved',
          statusOnly: true,
          title: `${msgType === 'Cancel' ? 'Cancelled' : 'Updated'}: ${title}`,
          startsAt: new Date(r.sentMs).toISOString(),
          endsAt: sent,
        }),
      );
    }
  }
  if (msgType === 'Alert' || msgType === 'Update') {
    const firing = !allClear;
    alerts.push(
      buildAlert({
        ...base,
        dedupKey: ownKey,
        status: firing ? 'firing' : 'resolved',
        title,
        startsAt: primary?.onset ?? primary?.effective ?? sent,
        endsAt: firing ? (primary?.expires ?? null) : sent,
      }),
    );
  }

  return {
    ok: true,
    alerts,
    group: {
      format: 'cap',
      groupKey,
      status: alerts.some((x) => x.status === 'firing') ? 'firing' : 'resolved',
      title,
      receiver: null,
      labels: sortedMap({ sender, ...(primary ? { event: primary.event } : {}) }),
      truncatedAlerts: 0,
      externalUrl: null,
    },
    warnings,
  };
}
