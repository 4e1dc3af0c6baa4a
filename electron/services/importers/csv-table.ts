import { parse, type CsvError, type InfoRecord, type Options } from 'csv-parse/sync';
import type { ImportIssue } from '../../../shared/contract/import-api';

/** A parsed CSV file: the header, the data records, and where each record sits in the file. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  /** 1-based line of the file where data record `index` starts. */
  lineOf(index: number): number;
  /** Records csv-parse could not read, with their line; they are not in `rows`. */
  issues: ImportIssue[];
  /** Problems that leave part of the file unread (a quote never closed): nothing may be imported. */
  fatal: ImportIssue[];
  delimiter: string;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The delimiter that splits the first line into the most fields (outside quotes). */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  let best: string = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of first) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

/**
 * Parses CSV text (UTF-8 BOM dropped, delimiter detected). Records of the wrong width are kept
 * (the importer reports them by column); records csv-parse cannot read are skipped and reported.
 */
export function parseCsvTable(text: string): CsvTable {
  const delimiter = detectDelimiter(text.replace(/^\uFEFF/, ''));
  const issues: ImportIssue[] = [];
  let unclosed = false;
  const options: Options = {
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined): undefined => {
      if (err?.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = true;
      else if (err) issues.push({ line: typeof err.lines === 'number' ? err.lines : null, field: '(record)', message: err.message });
    },
  };
  let records: string[][];
  try {
    records = parse(text, options) as string[][];
  } catch (err) {
    const e = err as CsvError;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = true;
    else issues.push({ line: typeof e.lines === 'number' ? e.lines : null, field: '(file)', message: e.message });
    records = [];
  }
  const [header = [], ...rows] = records;
  let starts: Int32Array | undefined;
  // One record per line (the usual case): record i starts on line i + 2. Otherwise (quoted line
  // breaks, blank lines, skipped records) ask csv-parse where each record ends, once, lazily.
  const simple = issues.length === 0 && !unclosed && countLines(text) === records.length;
  const lineOf = (index: number): number => {
    if (simple) return index + 2;
    if (!starts) starts = recordLines(text, options, records.length);
    return starts[index + 1] ?? index + 2;
  };
  const fatal: ImportIssue[] = [];
  if (unclosed) {
    // The quoted field opens in the record after the last one read (csv-parse counts lines oddly inside it).
    const last = rows.length > 0 ? lineOf(rows.length - 1) + rows[rows.length - 1]!.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0) : 1;
    fatal.push({ line: last + 1, field: '(record)', message: 'A quoted field opened here is never closed: the rest of the file cannot be read' });
  }
  return { header: header.map((h) => h.trim()), rows, lineOf, issues, fatal, delimiter };
}

/**
 * Start line of every record (header included), from a second, slower parse: csv-parse reports
 * how many bytes it has consumed at the end of each record (its own line count is off inside
 * quoted CRLF line breaks), so the record ends on the line of its last byte, and starts as many
 * lines earlier as its fields hold line breaks.
 */
function recordLines(text: string, options: Options, count: number): Int32Array {
  const bytes = Buffer.from(text, 'utf8');
  const starts = new Int32Array(count);
  let i = 0;
  let scanned = 0;
  let newlines = 0;
  parse(text, {
    ...options,
    on_skip: undefined,
    on_record: (record: string[], context: InfoRecord) => {
      const last = Math.min(context.bytes, bytes.length) - 1; // the record delimiter (or last character)
      for (; scanned < last; scanned++) if (bytes[scanned] === 0x0a) newlines++;
      let breaks = 0;
      for (const field of record) for (let k = field.indexOf('\n'); k >= 0; k = field.indexOf('\n', k + 1)) breaks++;
      if (i < count) starts[i++] = newlines + 1 - breaks;
      return null;
    },
  });
  return starts;
}
