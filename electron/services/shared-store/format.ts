import { createHash } from 'node:crypto';

/**
 * On-share file format of the shared folder store (see docs/ARCHITECTURE.md, "Shared folder").
 *
 * ```
 * <share>/watchfloor-store.json                 sentinel {kind, storeId, formatVersion, createdAt, createdBy}
 * <share>/writers/<writerId>/seg-<first>-<last>.ndjson   immutable segments, one writer per folder
 * <share>/snapshots/snap-<count>-<heads hash>.ndjson     immutable snapshots (compaction)
 * <share>/presence/<writerId>.json              each instance's own heartbeat (the one rewritten file)
 * ```
 *
 * A record line is `<sha256 of the event JSON> <sha256 of the writer's previous event JSON> <event JSON>\n`
 * (64 lowercase hex digits each; the previous hash of a writer's first event is 64 zeros).
 */
export const STORE_FORMAT_VERSION = 1;
export const SENTINEL_FILE = 'watchfloor-store.json';
export const WRITERS_DIR = 'writers';
export const SNAPSHOTS_DIR = 'snapshots';
export const PRESENCE_DIR = 'presence';
export const ZERO_HASH = '0'.repeat(64);

const SEQ_DIGITS = 12;
const SEGMENT_RE = /^seg-(\d{12})-(\d{12})\.ndjson$/;
const SNAPSHOT_RE = /^snap-(\d{12})-([0-9a-f]{32})\.ndjson$/;
const WRITER_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export function isValidWriterId(id: string): boolean {
  return WRITER_ID_RE.test(id) && id !== '.' && id !== '..';
}

const pad = (n: number) => String(n).padStart(SEQ_DIGITS, '0');

export function segmentName(first: number, last: number): string {
  return `seg-${pad(first)}-${pad(last)}.ndjson`;
}

export function parseSegmentName(name: string): { first: number; last: number } | undefined {
  const m = SEGMENT_RE.exec(name);
  if (!m) return undefined;
  const first = Number(m[1]);
  const last = Number(m[2]);
  return first >= 1 && last >= first ? { first, last } : undefined;
}

export function snapshotName(count: number, headsHash: string): string {
  return `snap-${pad(count)}-${headsHash.slice(0, 32)}.ndjson`;
}

export function parseSnapshotName(name: string): { count: number } | undefined {
  const m = SNAPSHOT_RE.exec(name);
  return m ? { count: Number(m[1]) } : undefined;
}

/** Temp files: ours are `.<final name>.<random>.tmp`; any `*.tmp` (a crashed writer's) is ignored. */
export function isTempName(name: string): boolean {
  return name.endsWith('.tmp');
}

/** Syncthing's `<name>.sync-conflict-<date>-<time>-<device>.<ext>` and similar tools' copies. */
export function isConflictName(name: string): boolean {
  return /\.sync-conflict-|conflicted copy|\(conflict/i.test(name);
}

/** Files that file managers drop into any folder; never a sign that the folder is in use. */
export function isOsJunk(name: string): boolean {
  return ['.DS_Store', 'Thumbs.db', 'desktop.ini', '.localized'].includes(name) || name.startsWith('._');
}

export interface SegmentHeader {
  kind: 'watchfloor.segment';
  format: number;
  writerId: string;
  first: number;
  last: number;
  count: number;
}

export interface SnapshotHead {
  seq: number;
  hash: string;
}

export interface SnapshotHeader {
  kind: 'watchfloor.snapshot';
  format: number;
  storeId: string;
  heads: Record<string, SnapshotHead>;
  count: number;
  bodySha256: string;
  createdAt: string;
  createdBy: string;
}

export interface Sentinel {
  kind: 'watchfloor.store';
  storeId: string;
  formatVersion: number;
  createdAt: string;
  createdBy: string;
}

export interface Presence {
  kind: 'watchfloor.presence';
  writerId: string;
  writerName: string;
  host: string;
  lastSeen: string;
  appVersion: string;
  publishedSeq: number;
}

/** One event as stored: its JSON text exactly as hashed, plus the chain link. */
export interface StoredRecord {
  hash: string;
  prev: string;
  json: string;
}

export function encodeRecord(r: StoredRecord): string {
  return `${r.hash} ${r.prev} ${r.json}\n`;
}

/** Chains events (JSON texts of one writer, in seq order) starting after `prev`. */
export function chainRecords(jsons: readonly string[], prev: string): StoredRecord[] {
  const out: StoredRecord[] = [];
  for (const json of jsons) {
    const hash = sha256Hex(json);
    out.push({ hash, prev, json });
    prev = hash;
  }
  return out;
}

export function encodeSegment(writerId: string, first: number, last: number, records: readonly StoredRecord[]): string {
  const header: SegmentHeader = { kind: 'watchfloor.segment', format: STORE_FORMAT_VERSION, writerId, first, last, count: records.length };
  return JSON.stringify(header) + '\n' + records.map(encodeRecord).join('');
}

/** Minimal shape an event needs to be merged; full validation is the service's (parseEvent). */
export interface EventKey {
  id: string;
  writerId: string;
  seq: number;
  hlc: string;
}

/** A parsed event that has the fields it needs to be merged (full validation is the service's). */
export type KeyedEvent = Record<string, unknown> & EventKey;

export function hasEventKey(value: unknown): value is KeyedEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id.length === 0) return false;
  if (typeof v.writerId !== 'string' || v.writerId.length === 0) return false;
  if (typeof v.seq !== 'number' || !Number.isSafeInteger(v.seq) || v.seq < 1) return false;
  return typeof v.hlc === 'string';
}

export function eventKey(value: unknown): EventKey | undefined {
  return hasEventKey(value) ? { id: value.id, writerId: value.writerId, seq: value.seq, hlc: value.hlc } : undefined;
}

export interface ParsedRecord extends StoredRecord {
  key: EventKey;
  value: KeyedEvent;
}

export type LineResult =
  | { ok: true; record: ParsedRecord }
  | { ok: false; problem: string };

/**
 * Decodes one record line. `verify` checks the line's hash (segments); snapshot bodies are
 * verified as a whole instead.
 */
export function decodeRecordLine(line: string, verify: boolean): LineResult {
  if (line.length < 132 || line.charCodeAt(64) !== 32 || line.charCodeAt(129) !== 32) return { ok: false, problem: 'not a Watchfloor record' };
  const hash = line.slice(0, 64);
  const prev = line.slice(65, 129);
  if (!HEX64.test(hash) || !HEX64.test(prev)) return { ok: false, problem: 'not a Watchfloor record' };
  return decodeParts(hash, prev, line.slice(130), verify);
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Decodes the record in `buf[start, end)` without building the whole line as a string (snapshots,
 * replicas: a million lines). Not hash-verified: those files are verified as a whole.
 */
export function decodeRecordAt(buf: Buffer, start: number, end: number): LineResult {
  if (end - start < 132 || buf[start + 64] !== 32 || buf[start + 129] !== 32) return { ok: false, problem: 'not a Watchfloor record' };
  return decodeParts(buf.toString('latin1', start, start + 64), buf.toString('latin1', start + 65, start + 129), buf.toString('utf8', start + 130, end), false);
}

function decodeParts(hash: string, prev: string, json: string, verify: boolean): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  const key = eventKey(value);
  const who = key ? `writer ${key.writerId} seq ${key.seq}` : guessWho(json);
  if (verify && sha256Hex(json) !== hash) return { ok: false, problem: `checksum mismatch for ${who} (edited or damaged)` };
  if (value === undefined) return { ok: false, problem: 'not valid JSON' };
  if (!key) return { ok: false, problem: 'JSON that is not an event (no id/writerId/seq/hlc)' };
  return { ok: true, record: { hash, prev, json, key, value: value as KeyedEvent } };
}

/** Names the event in a damaged line as far as its text allows. */
function guessWho(json: string): string {
  const w = /"writerId":"([^"\\]{1,64})"/.exec(json)?.[1];
  const s = /"seq":(\d{1,15})/.exec(json)?.[1];
  return w && s ? `writer ${w} seq ${s}` : s ? `seq ${s}` : 'an unreadable event';
}

export interface ParsedFile {
  header: Record<string, unknown> | undefined;
  records: ParsedRecord[];
  /** Human-readable problems, each naming the line. */
  problems: string[];
}

/**
 * Splits a segment or snapshot body into records. A bad line is reported and skipped; the
 * good lines around it are kept. A last line without its newline is accepted only if complete.
 */
export function parseRecordFile(text: string, verify: boolean, startLine = 1, withHeader = true): ParsedFile {
  const lines = text.split('\n');
  const records: ParsedRecord[] = [];
  const problems: string[] = [];
  let header: Record<string, unknown> | undefined;
  const lastIndex = lines.length - 1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    if (line === '') continue;
    const lineNo = startLine + i;
    if (withHeader && i === 0 && line.startsWith('{')) {
      try {
        const h = JSON.parse(line) as unknown;
        if (typeof h === 'object' && h !== null && !Array.isArray(h)) header = h as Record<string, unknown>;
        else problems.push(`line ${lineNo}: not a Watchfloor header`);
      } catch {
        problems.push(`line ${lineNo}: unreadable header`);
      }
      continue;
    }
    const r = decodeRecordLine(line, verify);
    if (r.ok) records.push(r.record);
    else problems.push(`line ${lineNo}: ${i === lastIndex ? 'truncated or ' : ''}${r.problem}`);
  }
  return { header, records, problems };
}

/** Deterministic hash of snapshot heads: two PCs compacting the same view pick the same name. */
export function headsHash(heads: Record<string, SnapshotHead>): string {
  const canonical = Object.keys(heads)
    .sort()
    .map((w) => `${w}:${heads[w]!.seq}:${heads[w]!.hash}`)
    .join('\n');
  return sha256Hex(canonical);
}
