import { encodeRecord, sha256Hex, ZERO_HASH, type ParsedRecord, type SnapshotHead } from './format';
import type { OwnEvents } from './own-events';

type Chained = { hash: string; prev: string; json: string };

export interface SnapshotContent {
  heads: Record<string, SnapshotHead>;
  count: number;
  body: Buffer;
}

/**
 * The body of a snapshot: every writer's unbroken chain (all events up to the heads), as segment
 * records sorted by writer then seq. Other writers' texts come from the local copy of the share
 * (`records`, up to the unbroken prefix `prefixEnd` read), own ones from the journal (up to the
 * published prefix).
 */
export function buildSnapshot(records: readonly ParsedRecord[], me: string, own: OwnEvents, prefixEnd: (writerId: string) => number): SnapshotContent {
  const byWriter = new Map<string, Map<number, Chained>>();
  for (const r of records) {
    let m = byWriter.get(r.key.writerId);
    if (!m) byWriter.set(r.key.writerId, (m = new Map()));
    m.set(r.key.seq, { hash: r.hash, prev: r.prev, json: r.json });
  }
  const published = own.publishedEnd;
  if (published > 0) {
    let m = byWriter.get(me);
    if (!m) byWriter.set(me, (m = new Map()));
    let prev = ZERO_HASH;
    for (let s = 1; s <= published; s++) {
      const json = own.text(s);
      if (json === undefined) {
        const existing = m.get(s);
        if (!existing) break;
        prev = existing.hash;
        continue;
      }
      const hash = own.hash(s) ?? sha256Hex(json);
      m.set(s, { hash, prev, json });
      prev = hash;
    }
  }
  const heads: Record<string, SnapshotHead> = {};
  const lines: Buffer[] = [];
  let count = 0;
  let chunk = '';
  // Text in pieces of ~8 MB: no giant string.
  const flushChunk = () => {
    if (!chunk) return;
    lines.push(Buffer.from(chunk, 'utf8'));
    chunk = '';
  };
  for (const w of [...byWriter.keys()].sort()) {
    const m = byWriter.get(w)!;
    const limit = w === me ? published : prefixEnd(w);
    let prev = ZERO_HASH;
    let s = 1;
    for (; s <= limit; s++) {
      const r = m.get(s);
      if (!r || r.prev !== prev) break;
      chunk += encodeRecord(r);
      if (chunk.length > 8_000_000) flushChunk();
      prev = r.hash;
      count++;
    }
    if (s > 1) heads[w] = { seq: s - 1, hash: prev };
  }
  flushChunk();
  return { heads, count, body: Buffer.concat(lines) };
}
