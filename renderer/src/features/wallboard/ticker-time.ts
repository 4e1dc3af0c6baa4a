const formatters = new Map<boolean, Intl.DateTimeFormat>();

/**
 * "14:05" (local) or "14:05Z" (UTC), as ui/format's formatTime, with each formatter built once:
 * constructing an Intl.DateTimeFormat costs about a millisecond, and the ticker re-renders on
 * incident changes (up to dozens a second on a busy floor).
 */
export function tickerTime(at: string | number, utc: boolean): string {
  let f = formatters.get(utc);
  if (!f) formatters.set(utc, (f = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: utc ? 'UTC' : undefined })));
  return `${f.format(new Date(at))}${utc ? 'Z' : ''}`;
}
