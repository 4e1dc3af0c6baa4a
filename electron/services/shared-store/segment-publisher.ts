import { join } from 'node:path';
import { chainRecords, encodeSegment, segmentName, ZERO_HASH, type StoredRecord } from './format';
import type { OwnEvents } from './own-events';
import type { ShareIO } from './share-io';
import type { StoreWarnings } from './store-warnings';

/** Consecutive runs of `pending` (ascending seqs), each cut into segments of at most `maxEvents`. */
export function segmentRuns(pending: readonly number[], maxEvents: number): Array<{ first: number; last: number }> {
  const runs: Array<{ first: number; last: number }> = [];
  let i = 0;
  while (i < pending.length) {
    let j = i;
    while (j + 1 < pending.length && pending[j + 1] === pending[j]! + 1 && j + 1 - i < maxEvents) j++;
    runs.push({ first: pending[i]!, last: pending[j]! });
    i = j + 1;
  }
  return runs;
}

/**
 * Writes own events first..last as a new segment file in the own writer folder `dir` (never
 * replacing one); returns its records. A different file of that name already there means the
 * writer id is used elsewhere too: a warning, not an error.
 */
export async function publishSegment(io: ShareIO, dir: string, me: string, own: OwnEvents, first: number, last: number, warnings: StoreWarnings): Promise<StoredRecord[]> {
  const jsons: string[] = [];
  for (let s = first; s <= last; s++) jsons.push(own.text(s)!);
  const prev = first === 1 ? ZERO_HASH : (own.hash(first - 1) ?? ZERO_HASH);
  const records = chainRecords(jsons, prev);
  const name = segmentName(first, last);
  const bytes = encodeSegment(me, first, last, records);
  const result = await io.writeAtomic(dir, name, bytes, 'create');
  if (result === 'exists') {
    const existing = await io.readText(join(dir, name)).catch(() => undefined);
    if (existing !== bytes) {
      warnings.warn(
        `clone:${name}`,
        join(dir, name),
        `a different ${name} already exists in this PC's writer folder: is writer id ${me} also used by another installation (copied settings.json)?`,
      );
    }
  }
  return records;
}
