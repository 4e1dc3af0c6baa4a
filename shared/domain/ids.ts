/**
 * Readable incident ids that two PCs offline at the same time do not both mint:
 * `INC-<year>-<writer code>-<per-writer sequence>`, e.g. `INC-2026-K7Q2MX-14`.
 * The writer code is fixed per installation (derived from its random writer id), so the
 * sequence only has to be unique within one writer, which its own journal guarantees.
 * Six base-32 characters (30 bits): two given writers share a code with odds of 1 in 10^9,
 * 50 writers anywhere in one store about 1 in 10^6.
 */
export function writerCode(writerId: string): string {
  let h = 2166136261;
  for (const ch of writerId) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let code = '';
  for (let i = 0; i < 6; i++) {
    code += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length);
  }
  return code;
}

export function formatIncidentId(year: number, code: string, seq: number): string {
  return `INC-${year}-${code}-${seq}`;
}

/** Next id for this writer in `year`, given every id already known. */
export function nextIncidentId(knownIds: Iterable<string>, year: number, code: string): string {
  const prefix = `INC-${year}-${code}-`;
  let max = 0;
  for (const id of knownIds) {
    if (id.startsWith(prefix)) max = Math.max(max, Number(id.slice(prefix.length)) || 0);
  }
  return formatIncidentId(year, code, max + 1);
}
