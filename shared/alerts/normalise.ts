/** Small pure helpers shared by the intake parsers. */
import type { z } from 'zod';
import { sha256Hex } from './hash';
import {
  HTTP_URL,
  LIMITS,
  NormalisedAlertSchema,
  type AlertFormat,
  type AlertLink,
  type AlertSeverity,
  type NormalisedAlert,
  type NormalisedAlertInput,
  type ParseContext,
  type ParseError,
  type RawValue,
} from './model';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function fail(field: string | undefined, problem: string, response?: ParseError['response']): ParseError {
  const out: ParseError = { ok: false, error: field ? `${field}: ${problem}` : problem };
  if (field) out.field = field;
  if (response) out.response = response;
  return out;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:?\d{2})$/;

/**
 * Parses an RFC 3339 / ISO 8601 time with any fraction (Go sends nanoseconds) and offset
 * (`Z`, `+02:00`, PagerDuty's `+0000`) into a UTC ISO string with milliseconds.
 * Returns 'zero' for Go's zero time (year 1), which Alertmanager sends as `endsAt` while firing.
 */
export function parseTime(v: unknown): string | 'zero' | null {
  if (typeof v !== 'string') return null;
  const m = RFC3339.exec(v.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = '', off] = m;
  if (y === '0001') return 'zero';
  // Date.parse rolls 2026-02-30 over to March; check the fields first.
  const daysInMonth = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (+mo! < 1 || +mo! > 12 || +d! < 1 || +d! > daysInMonth || +h! > 23 || +mi! > 59 || +s! > 59) return null;
  const ms = (frac + '000').slice(0, 3);
  let offset = off!.toUpperCase();
  if (offset !== 'Z' && !offset.includes(':')) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export function clamp(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** First non-blank string among the values. */
export function firstText(...values: unknown[]): string | undefined {
  for (const v of values) {
    const s = str(v)?.trim();
    if (s) return s;
  }
  return undefined;
}

/** A string map from a loose object: scalars become strings, nulls and nested values are dropped. */
export function stringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const entries: Array<[string, string]> = [];
  for (const [k, val] of Object.entries(v)) {
    const s = str(val);
    if (s === undefined || !k || k.length > LIMITS.labelName) continue;
    if (entries.length >= LIMITS.labels) break;
    entries.push([k, clamp(s, LIMITS.labelValue)]);
  }
  // fromEntries defines own properties: a "__proto__" label stays a label.
  return Object.fromEntries(entries);
}

/** Labels sorted by name: stable output whatever order the sender used. */
export function sortedMap(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function httpUrl(v: unknown): string | null {
  const s = typeof v === 'string' ? v.trim() : '';
  return s && s.length <= LIMITS.url && HTTP_URL.test(s) ? s : null;
}

/** Collects links, skipping empty, non-http(s) and repeated URLs. */
export class Links {
  readonly list: AlertLink[] = [];
  add(label: string, url: unknown): this {
    const u = httpUrl(url);
    if (u && this.list.length < LIMITS.links && !this.list.some((l) => l.url === u)) {
      this.list.push({ label: clamp(label.trim() || 'Link', 200), url: u });
    }
    return this;
  }
}

/**
 * Severity words seen in the wild (Prometheus `severity` labels, Zabbix, syslog, P-levels),
 * lower-case → normalised. Anything else maps to 'warning' and keeps its raw value.
 */
export const SEVERITY_WORDS: Readonly<Record<string, AlertSeverity>> = {
  critical: 'critical',
  crit: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  emerg: 'critical',
  alert: 'critical',
  disaster: 'critical',
  page: 'critical',
  p1: 'critical',
  sev1: 'critical',
  high: 'high',
  error: 'high',
  err: 'high',
  major: 'high',
  p2: 'high',
  sev2: 'high',
  warning: 'warning',
  warn: 'warning',
  medium: 'warning',
  average: 'warning',
  minor: 'warning',
  p3: 'warning',
  sev3: 'warning',
  info: 'info',
  informational: 'info',
  information: 'info',
  notice: 'info',
  low: 'info',
  none: 'info',
  debug: 'info',
  ok: 'info',
  p4: 'info',
  p5: 'info',
  sev4: 'info',
  sev5: 'info',
};

/** PagerDuty Events v2 `payload.severity`. */
export const PAGERDUTY_SEVERITY: Readonly<Record<string, AlertSeverity>> = {
  critical: 'critical',
  error: 'high',
  warning: 'warning',
  info: 'info',
};

/** CAP 1.2 `info.severity`. */
export const CAP_SEVERITY: Readonly<Record<string, AlertSeverity>> = {
  extreme: 'critical',
  severe: 'high',
  moderate: 'warning',
  minor: 'info',
  unknown: 'warning',
};

/** When the sender sent nothing, or a word nobody knows. */
export const UNKNOWN_SEVERITY: AlertSeverity = 'warning';

/** The source's aliases win, then the format's table, then the common words. */
export function normaliseSeverity(
  raw: string | undefined,
  table: Readonly<Record<string, AlertSeverity>>,
  aliases: Readonly<Record<string, AlertSeverity>> = {},
): { severity: AlertSeverity; rawSeverity: string } {
  const rawSeverity = clamp((raw ?? '').trim(), 100);
  const key = rawSeverity.toLowerCase();
  const severity = (Object.hasOwn(aliases, key) ? aliases[key] : undefined) ?? (Object.hasOwn(table, key) ? table[key] : undefined) ?? (Object.hasOwn(SEVERITY_WORDS, key) ? SEVERITY_WORDS[key] : undefined) ?? UNKNOWN_SEVERITY;
  return { severity, rawSeverity };
}

/** Lower-cases alias keys once, so settings may spell them as they like. */
export function aliasesOf(ctx: ParseContext): Record<string, AlertSeverity> {
  const out: Record<string, AlertSeverity> = {};
  for (const [k, v] of Object.entries(ctx.severityAliases ?? {})) out[k.trim().toLowerCase()] = v;
  return out;
}

export function rawValue(v: unknown): RawValue {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return clamp(v, LIMITS.rawValue);
  if (v === undefined) return null;
  return clamp(JSON.stringify(v) ?? '', LIMITS.rawValue);
}

/** Drops undefined entries and clamps the rest. */
export function rawSubset(entries: Record<string, unknown>): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = rawValue(v);
  return out;
}

/**
 * Builds the stored alert, clamping text to the schema's limits. The parsers only produce valid
 * values, so a schema failure here is a bug: it throws.
 */
export function buildAlert(a: Omit<NormalisedAlertInput, 'title' | 'description'> & { title: string; description: string; format: AlertFormat }): NormalisedAlert {
  return NormalisedAlertSchema.parse({
    ...a,
    title: clamp(a.title.trim() || 'Alert', LIMITS.title),
    description: clamp(a.description.trim(), LIMITS.description),
    dedupKey: longKey(a.dedupKey),
    groupKey: longKey(a.groupKey),
  });
}

/** Keys over the limit are replaced by a hash of themselves: still stable, still distinct. */
export function longKey(key: string): string {
  return key.length <= LIMITS.key ? key : `sha256:${sha256Hex(key)}`;
}

/** Error map for input schemas: short messages that read well after the field name. */
export function inputErrorMap(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? 'is missing' : `must be ${article(iss.expected === 'record' ? 'object' : iss.expected)} (got ${typeName(iss.input)})`;
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')} (got ${clamp(JSON.stringify(iss.input) ?? String(iss.input), 60)})`;
    case 'too_small':
      if (iss.origin === 'string') return iss.minimum === 1 ? 'must not be blank' : `must have at least ${iss.minimum} characters`;
      if (iss.origin === 'array') return iss.minimum === 1 ? 'must not be empty' : `must have at least ${iss.minimum} entries`;
      return `must be at least ${iss.minimum}`;
    case 'too_big':
      return iss.origin === 'string' ? `is too long (max ${iss.maximum} characters)` : `has too many entries (max ${iss.maximum})`;
    default:
      return undefined;
  }
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
