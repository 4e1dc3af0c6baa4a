/** Times on paper: unambiguous (ISO-like, 24 h) and in one stated zone for the whole report. */

export interface ReportTime {
  timeZone: string;
  /** "2026-11-27 14:05" */
  dateTime: (t: string | number) => string;
  /** "2026-11-27" */
  date: (t: string | number) => string;
  /** "14:05" */
  time: (t: string | number) => string;
  /** "Europe/London (UTC+01:00)" at the given moment. */
  zoneLabel: (t: string | number) => string;
}

type Parts = Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;

export function reportTime(timeZone: string): ReportTime {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const offsetFmt = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' });
  const parts = (t: string | number): Parts | undefined => {
    const d = new Date(t);
    if (Number.isNaN(d.getTime())) return undefined;
    const out: Partial<Parts> = {};
    for (const p of fmt.formatToParts(d)) if (p.type in { year: 1, month: 1, day: 1, hour: 1, minute: 1 }) out[p.type as keyof Parts] = p.value;
    return out as Parts;
  };
  const date = (t: string | number) => {
    const p = parts(t);
    return p ? `${p.year}-${p.month}-${p.day}` : '—';
  };
  const time = (t: string | number) => {
    const p = parts(t);
    return p ? `${p.hour}:${p.minute}` : '—';
  };
  return {
    timeZone,
    date,
    time,
    dateTime: (t) => {
      const p = parts(t);
      return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : '—';
    },
    zoneLabel: (t) => {
      const name = offsetFmt.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value ?? '';
      const offset = name === 'GMT' ? 'UTC+00:00' : name.replace(/^GMT/, 'UTC');
      return timeZone === 'UTC' ? 'UTC' : `${timeZone} (${offset})`;
    },
  };
}

/** "3 d 4 h", "2 h 05 min", "12 min": durations on paper. */
export function formatSpan(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min`;
}
