const pad = (n: number) => String(n).padStart(2, '0');

/** ISO time → value for <input type="datetime-local">, in local time or UTC. */
export function isoToInput(iso: string | null | undefined, utc: boolean): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  if (utc) return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** <input type="datetime-local"> value → ISO time (UTC, with Z); undefined when empty or invalid. */
export function inputToIso(value: string, utc: boolean): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const date = utc ? new Date(Date.UTC(y, mo - 1, d, h, mi, s)) : new Date(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(date.getTime())) return undefined;
  // Reject dates that roll over (31 April → 1 May).
  const [month, day] = utc ? [date.getUTCMonth(), date.getUTCDate()] : [date.getMonth(), date.getDate()];
  if (month !== mo - 1 || day !== d) return undefined;
  return date.toISOString();
}

/** The zone a time input is in, for its label. */
export function zoneLabel(utc: boolean): string {
  return utc ? 'UTC' : 'local time';
}

/** Whether two instants fall on the same calendar day, in local time or UTC. */
export function isSameDay(a: Date, b: Date, utc: boolean): boolean {
  return utc ? a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10) : a.toDateString() === b.toDateString();
}
