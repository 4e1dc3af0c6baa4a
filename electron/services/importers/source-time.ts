/**
 * Times as ITSM exports write them: ISO 8601 with or without a zone (`2011-07-25T14:45:15+01:00`,
 * ServiceNow's `2016-12-12 15:19:57`). A time without a zone is read as UTC, never as this PC's
 * local time (an import must not depend on where it runs).
 */
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Milliseconds since the epoch, or undefined when the text is no date-time this reader knows. */
export function parseSourceTime(text: string): number | undefined {
  const m = ISO_LIKE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined; // 31 April
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    if (offset > 18 * 60) return undefined;
    t -= sign * offset * 60_000;
  }
  return Number.isFinite(t) ? t : undefined;
}

export const TIME_FORMAT_HINT = 'use ISO 8601, e.g. 2011-07-25T14:45:15+01:00 or 2016-12-12 15:19:57 (read as UTC)';
