import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/domain/events';
import { NdjsonJournal } from '../../electron/services/journal/ndjson-journal';
import { tempDir } from '../support/temp-dir';

function event(seq: number): EventEnvelope {
  return {
    id: `event-${seq}-xxxxxxxx`,
    stream: 'INC-2026-TEST-1',
    type: 'entry.added',
    hlc: `${String(1_700_000_000_000 + seq).padStart(15, '0')}:0000`,
    writerId: 'writer-a',
    seq,
    recordedAt: new Date(1_700_000_000_000 + seq).toISOString(),
    actor: 'Ana — “quoted” ünïcode',
    v: 1,
    data: { entryId: `e${seq}`, kind: 'note', text: `note ${seq}`, occurredAt: null, corrects: null },
  };
}

describe('NdjsonJournal', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let path: string;
  beforeEach(async () => {
    dir = await tempDir();
    path = join(dir.path, 'journal', 'events.ndjson');
  });
  afterEach(() => dir.cleanup());

  it('reads back exactly what was appended, across reopen', async () => {
    const j = new NdjsonJournal(path);
    await j.load();
    await j.append([event(1), event(2)]);
    await j.append([event(3)]);
    await j.close();
    const again = new NdjsonJournal(path);
    const { events, warnings } = await again.load();
    await again.close();
    expect(events).toEqual([event(1), event(2), event(3)]);
    expect(warnings).toEqual([]);
  });

  it('group-commits concurrent appends and acknowledges each after it is on disk', async () => {
    const j = new NdjsonJournal(path);
    await j.load();
    await Promise.all(Array.from({ length: 200 }, (_, i) => j.append([event(i + 1)]).then(async () => {
      // Acknowledged ⇒ already in the file.
      expect(await readFile(path, 'utf8')).toContain(`"seq":${i + 1},`);
    })));
    await j.close();
    const { events } = await new NdjsonJournal(path).load();
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('cuts off a torn last record and keeps appending cleanly', async () => {
    const j = new NdjsonJournal(path);
    await j.load();
    await j.append([event(1), event(2)]);
    await j.close();
    const torn = NdjsonJournal.encode(event(3)).slice(0, 40);
    await appendFile(path, torn);
    const reopened = new NdjsonJournal(path);
    const { events, warnings } = await reopened.load();
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    expect(warnings[0]?.message).toMatch(/torn last record \(40 bytes\)/);
    await reopened.append([event(4)]);
    await reopened.close();
    const final = await new NdjsonJournal(path).load();
    expect(final.events.map((e) => e.seq)).toEqual([1, 2, 4]);
    expect(final.warnings).toEqual([]);
  });

  it('skips a damaged line in the middle without dropping the events around it', async () => {
    const lines = [event(1), event(2), event(3)].map(NdjsonJournal.encode);
    lines[1] = lines[1]!.replace('note 2', 'note X'); // checksum no longer matches
    await new NdjsonJournal(path).load();
    await writeFile(path, lines.join('') + 'garbage without checksum\n');
    const { events, warnings } = await new NdjsonJournal(path).load();
    expect(events.map((e) => e.seq)).toEqual([1, 3]);
    expect(warnings.map((w) => w.message)).toEqual(['line 2 is damaged and was skipped', 'line 4 is damaged and was skipped']);
  });
});
