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

/** Clock time as the operator wants it: local, or UTC everywhere (control rooms often run on UTC). */
export function formatTime(iso: string | number, utc: boolean, withDate = false): string {
  const d = new Date(iso);
  const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: utc ? 'UTC' : undefined };
  if (withDate) Object.assign(opts, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${new Intl.DateTimeFormat('en-GB', opts).format(d)}${utc ? 'Z' : ''}`;
}

/** Full UTC time for tooltips next to a local time. */
export function utcTitle(iso: string | number): string {
  return new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
