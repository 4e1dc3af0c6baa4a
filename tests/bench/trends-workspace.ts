/**
 * A data directory holding a year of synthetic incident history (tests/shared/metrics-generator.ts,
 * the metrics benchmark's data), written straight into the journal file the host opens
 * (`journal/events.ndjson`, NdjsonJournal's line format) instead of through the API: a million
 * events over HTTP would take hours, a file write takes seconds.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NdjsonJournal } from '../../electron/services/journal/ndjson-journal';
import { generateEvents } from '../shared/metrics-generator';

const DAY = 86_400_000;

export interface TrendsWorkspace {
  dataDir: string;
  incidents: number;
  events: number;
  bytes: number;
  /** Wall time to generate and write it, ms. */
  writeMs: number;
}

/**
 * Writes `incidents` incidents (about `eventsPerIncident` events each) started over the year
 * before `now` (ending a week before it, so nearly every event lies in the past).
 */
export async function writeTrendsWorkspace(incidents: number, now: number, eventsPerIncident = 22): Promise<TrendsWorkspace> {
  const start = Date.now();
  const dataDir = await mkdtemp(join(tmpdir(), 'watchfloor-trends-bench-'));
  await mkdir(join(dataDir, 'journal'));
  const out = createWriteStream(join(dataDir, 'journal', 'events.ndjson'));
  // Generated and written in slices: the whole history as objects and text at once would need
  // gigabytes; a slice keeps memory flat and the stream's buffer bounded.
  const slice = 5000;
  let events = 0;
  let bytes = 0;
  for (let first = 0; first < incidents; first += slice) {
    const n = Math.min(slice, incidents - first);
    // One generator run per slice, each its own seed; ids are renumbered so they stay unique.
    const streams = generateEvents(n, { seed: 2026 + first, from: now - 365 * DAY + 30 * DAY, to: now - 7 * DAY, eventsPerIncident });
    let chunk = '';
    for (const stream of streams) {
      for (const e of stream) {
        const id = e.stream.replace(/GEN-(\d+)$/, (_, k: string) => `GEN-${first + Number(k)}`);
        chunk += NdjsonJournal.encode({ ...e, stream: id, id: `${id}-${e.id.slice(e.id.lastIndexOf('-') + 1)}`, seq: ++events });
      }
    }
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { dataDir, incidents, events, bytes, writeMs: Date.now() - start };
}
