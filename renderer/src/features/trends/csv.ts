/**
 * CSV (RFC 4180): comma separated, CRLF line ends, fields quoted when they hold a comma, quote or
 * line break (quotes doubled). Text that a spreadsheet would run as a formula (=, +, -, @, tab,
 * carriage return first) is prefixed with an apostrophe; numbers are written as numbers.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header row and rows → CSV text (with a byte-order mark so spreadsheets read UTF-8). */
export function buildCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], bom = true): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return `${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/** A file name from a title and range: "Incidents opened" → "watchfloor-incidents-opened-2025-06-01-to-2026-05-31.csv". */
export function exportFileName(title: string, from: string, to: string, ext: 'csv' | 'png'): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `watchfloor-${slug || 'chart'}-${from}-to-${to}.${ext}`;
}
