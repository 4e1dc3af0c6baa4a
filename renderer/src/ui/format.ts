/** "3h 05m", "12m", "45s": elapsed or remaining time, compact enough for a tile. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

/**
 * One formatter per (zone, with date), built on first use: constructing an Intl.DateTimeFormat
 * costs far more than formatting with one, and a 500-tile board formats times on every change.
 * The local zone is read when the formatter is built, as `new Intl.DateTimeFormat` would.
 */
const timeFormatters = new Map<string, Intl.DateTimeFormat>();

function timeFormatter(utc: boolean, withDate: boolean): Intl.DateTimeFormat {
  const key = `${utc ? 'utc' : 'local'}:${withDate ? 'date' : 'time'}`;
  let f = timeFormatters.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: utc ? 'UTC' : undefined };
    if (withDate) Object.assign(opts, { year: 'numeric', month: '2-digit', day: '2-digit' });
    timeFormatters.set(key, (f = new Intl.DateTimeFormat('en-GB', opts)));
  }
  return f;
}

/** Clock time as the operator wants it: local, or UTC everywhere (control rooms often run on UTC). */
export function formatTime(iso: string | number, utc: boolean, withDate = false): string {
  return `${timeFormatter(utc, withDate).format(new Date(iso))}${utc ? 'Z' : ''}`;
}

/** Full UTC time for tooltips next to a local time. */
export function utcTitle(iso: string | number): string {
  return new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
