import { join } from 'node:path';
import type { EventIndex } from './event-index';
import { parseRecordFile, STORE_FORMAT_VERSION, type ParsedRecord } from './format';
import { isNotFound, type ShareIO } from './share-io';
import type { Listing, ShareLister } from './share-listing';
import type { StoreWarnings } from './store-warnings';

/**
 * Parses a segment file of writer `w` named for events from `first`: its records, and a warning
 * (undefined if none) naming what is wrong with it — header, format, foreign or reordered records.
 * Records with problems are still returned: other checks (chain, dedupe) decide about them.
 */
export function parseSegment(text: string, w: string, first: number): { records: ParsedRecord[]; warning: string | undefined } {
  const parsed = parseRecordFile(text, true);
  const problems = [...parsed.problems];
  const h = parsed.header;
  if (h && h.kind !== 'watchfloor.segment') problems.push('header is not a Watchfloor segment header');
  if (h && typeof h.format === 'number' && h.format > STORE_FORMAT_VERSION) problems.push(`written in segment format ${h.format}, newer than this version understands; readable records are used`);
  if (!h && parsed.records.length > 0) problems.push('no segment header');
  const records: ParsedRecord[] = [];
  let expected = first;
  for (const r of parsed.records) {
    if (r.key.writerId !== w) {
      problems.push(`holds an event of writer ${r.key.writerId} (seq ${r.key.seq}) in writer ${w}'s folder`);
      records.push(r);
      continue;
    }
    if (r.key.seq !== expected) problems.push(`writer ${w} seq ${r.key.seq} is out of order (expected seq ${expected}): reordered or renamed`);
    expected = r.key.seq + 1;
    records.push(r);
  }
  if (parsed.records.length === 0 && problems.length === 0) problems.push('holds no records');
  const warning = problems.length
    ? `${problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`} (other records in the file are used)`
    : undefined;
  return { records, warning };
}

/** Reads new segment files from the writer folders: two at a time, each read with its own deadline. */
export class SegmentReader {
  constructor(
    private readonly io: ShareIO,
    private readonly writersDir: string,
    private readonly lister: ShareLister,
    private readonly index: EventIndex,
    private readonly warnings: StoreWarnings,
  ) {}

  /** Reads every unread segment and hands the new records to `accept` (in batches). */
  async readAll(unread: Listing['unread'], accept: (records: ParsedRecord[]) => Promise<void>): Promise<void> {
    const jobs: Array<{ w: string; name: string; first: number; last: number }> = [];
    for (const [w, list] of unread) for (const s of list) jobs.push({ w, ...s });
    // Two readers at a time; each read has its own deadline.
    let next = 0;
    const fresh: ParsedRecord[] = [];
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const recs = await this.read(job.w, job.name, job.first, job.last);
        if (recs) for (const r of recs) fresh.push(r);
        // Deliver in batches so a long catch-up shows progress and memory stays bounded.
        if (fresh.length >= 20_000) await accept(fresh.splice(0));
      }
    };
    await Promise.all([worker(), worker()]);
    await accept(fresh);
  }

  /** The new records of one segment file; undefined if it vanished. */
  private async read(w: string, name: string, first: number, last: number): Promise<ParsedRecord[] | undefined> {
    const path = join(this.writersDir, w, name);
    let text: string;
    try {
      text = await this.io.readText(path);
    } catch (err) {
      if (isNotFound(err)) return undefined; // vanished mid-read: try again if it is listed again
      throw err;
    }
    this.lister.processedOf(w).add(name);
    // The name promises events up to `last`: a shorter (truncated) file leaves a visible gap.
    this.index.claim(w, last);
    const { records, warning } = parseSegment(text, w, first);
    if (warning) this.warnings.warn(`file:${w}/${name}`, path, warning);
    return records.filter((r) => this.index.ingest(r, path));
  }
}
