import { z } from 'zod';
import { IncidentSummarySchema } from '../../../shared/domain/incident';
import { FOLD_VERSION } from '../../../shared/domain/reducer';
import { sha256Hex, STORE_FORMAT_VERSION } from './format';

/**
 * The folded-state checkpoint written beside a snapshot (`snapshots/snap-….state.json`): each
 * incident's state without its timeline, and where each stream's records sit in the snapshot
 * file, so a new PC lists and watches incidents without parsing a million events and folds an
 * incident's events only when something reads its timeline.
 *
 * Two lines: a header (`watchfloor.checkpoint`, the snapshot it belongs to and that snapshot's
 * bodySha256, the fold version, the sha256 of the body line) and the body (one JSON object).
 */
const Hash = z.string().regex(/^[0-9a-f]{64}$/);
const Offset = z.number().int().nonnegative();

/** One writer's records in the snapshot: seqs first..last, bytes [start, end) of the file, chained from `prev` to `hash`. */
export const CheckpointWriterSchema = z.object({
  writerId: z.string().min(1),
  first: z.number().int().positive(),
  last: z.number().int().positive(),
  start: Offset,
  end: Offset,
  prev: Hash,
  hash: Hash,
});
export type CheckpointWriter = z.infer<typeof CheckpointWriterSchema>;

/**
 * One stream: its records' byte ranges in the snapshot file (start, end, start, end, …: each range
 * whole lines of this stream only), and its folded state — null for streams that are not
 * incidents (alerts, organisation) or have no creation event yet, whose events are read at once.
 */
export const CheckpointStreamSchema = z.object({
  stream: z.string().min(1),
  ranges: z.array(Offset),
  summary: IncidentSummarySchema.nullable(),
});
export type CheckpointStream = z.infer<typeof CheckpointStreamSchema>;

export const CheckpointBodySchema = z.object({
  writers: z.array(CheckpointWriterSchema),
  streams: z.array(CheckpointStreamSchema),
});
export type CheckpointBody = z.infer<typeof CheckpointBodySchema>;

export const CheckpointHeaderSchema = z.object({
  kind: z.literal('watchfloor.checkpoint'),
  format: z.number().int().positive(),
  /** The snapshot's file name, and its bodySha256: the checkpoint describes exactly those bytes. */
  snapshot: z.string(),
  snapshotBodySha256: Hash,
  fold: z.string(),
  /** Newest HLC folded in (checked against the clock-skew limit before use). */
  newestHlc: z.string(),
  bodySha256: Hash,
  createdAt: z.string(),
  createdBy: z.string(),
});
export type CheckpointHeader = z.infer<typeof CheckpointHeaderSchema>;

export interface Checkpoint {
  header: CheckpointHeader;
  body: CheckpointBody;
}

/** `snap-<count>-<hash>.ndjson` → `snap-<count>-<hash>.state.json` (never matches the snapshot pattern). */
export function checkpointName(snapshotName: string): string {
  return snapshotName.replace(/\.ndjson$/, '.state.json');
}

export function encodeCheckpoint(header: Omit<CheckpointHeader, 'kind' | 'format' | 'bodySha256' | 'fold'>, body: CheckpointBody): Buffer {
  const bodyText = JSON.stringify(body);
  const full: CheckpointHeader = { kind: 'watchfloor.checkpoint', format: STORE_FORMAT_VERSION, fold: FOLD_VERSION, ...header, bodySha256: sha256Hex(bodyText) };
  return Buffer.from(`${JSON.stringify(full)}\n${bodyText}\n`, 'utf8');
}

/**
 * Reads a checkpoint for the snapshot with body checksum `snapshotBodySha256`; the reason it
 * cannot be used otherwise (damaged, another fold version, another snapshot, another format).
 */
export function decodeCheckpoint(bytes: Buffer, snapshotBodySha256: string): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string } {
  const nl = bytes.indexOf(0x0a);
  if (nl < 0) return { ok: false, reason: 'truncated' };
  let header: CheckpointHeader;
  try {
    const parsed = CheckpointHeaderSchema.safeParse(JSON.parse(bytes.toString('utf8', 0, nl)));
    if (!parsed.success) return { ok: false, reason: 'not a Watchfloor checkpoint' };
    header = parsed.data;
  } catch {
    return { ok: false, reason: 'unreadable header' };
  }
  if (header.format > STORE_FORMAT_VERSION) return { ok: false, reason: `format ${header.format} is newer than this version understands` };
  if (header.fold !== FOLD_VERSION) return { ok: false, reason: 'folded by another app version' };
  if (header.snapshotBodySha256 !== snapshotBodySha256) return { ok: false, reason: 'belongs to another snapshot' };
  let end = bytes.length;
  while (end > nl + 1 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  const bodyBytes = bytes.subarray(nl + 1, end);
  if (sha256Hex(bodyBytes) !== header.bodySha256) return { ok: false, reason: 'damaged (checksum mismatch)' };
  try {
    const body = CheckpointBodySchema.safeParse(JSON.parse(bodyBytes.toString('utf8')));
    if (!body.success) return { ok: false, reason: `not a checkpoint body: ${body.error.issues[0]?.message ?? 'invalid'}` };
    return { ok: true, checkpoint: { header, body: body.data } };
  } catch {
    return { ok: false, reason: 'unreadable body' };
  }
}
