import { describe, expect, it } from 'vitest';
import { ChainScan } from '../../electron/services/shared-store/chain-scan';
import { buildCheckpoint } from '../../electron/services/shared-store/checkpoint-builder';
import { chainRecords, encodeRecord, ZERO_HASH } from '../../electron/services/shared-store/format';
import { summarize } from '../../shared/domain/incident';
import { foldIncident } from '../../shared/domain/reducer';
import { rawEvent } from './fixtures/raw-events';

const HEADER = `${JSON.stringify({ kind: 'watchfloor.snapshot', note: 'a test header' })}\n`;

/** Two writers whose events interleave over three incidents (and an alert-stream event), as a snapshot file. */
function snapshotFile(): { file: Buffer; events: ReturnType<typeof rawEvent>[] } {
  const events: ReturnType<typeof rawEvent>[] = [];
  const body: string[] = [];
  for (const w of ['desk-a', 'desk-b']) {
    const own = [
      rawEvent(w, 1, { stream: `INC-2026-${w}-1` }),
      rawEvent(w, 2, { stream: 'INC-2026-shared-1', text: `${w} on the shared one`, at: Date.parse('2026-03-01T10:05:00Z') + w.length }),
      rawEvent(w, 3, { stream: `INC-2026-${w}-1`, text: 'first note' }),
      rawEvent(w, 4, { stream: `INC-2026-${w}-1`, text: 'second note' }),
      { ...rawEvent(w, 5, { stream: 'alerts', text: 'x' }), type: 'alert.dismissed', data: { source: 'alertmanager', groupKey: `g-${w}`, reason: '' } },
    ];
    if (w === 'desk-a') own.push(rawEvent(w, 6, { stream: 'INC-2026-shared-1', id: 'shared-created', at: Date.parse('2026-03-01T09:00:00Z') }));
    const created = own.find((e) => e.stream === 'INC-2026-shared-1' && e.seq === 6);
    if (created) Object.assign(created, { type: 'incident.created', data: { ...(rawEvent(w, 1).data as object), title: 'Shared' } });
    events.push(...own);
    for (const r of chainRecords(own.map((e) => JSON.stringify(e)), ZERO_HASH)) body.push(encodeRecord(r));
  }
  return { file: Buffer.from(HEADER + body.join('')), events };
}

describe('folded-state checkpoints: building and checking', () => {
  it('says where each stream’s records are and folds each incident exactly as the reducer does', async () => {
    const { file, events } = snapshotFile();
    const bodyStart = Buffer.byteLength(HEADER);
    const built = await buildCheckpoint(file.subarray(bodyStart), bodyStart);
    expect(built).toBeDefined();
    const { writers, streams } = built!.body;
    expect(writers.map((w) => [w.writerId, w.first, w.last])).toEqual([['desk-a', 1, 6], ['desk-b', 1, 5]]);
    expect(built!.newestHlc).toBe(events.map((e) => e.hlc).sort().at(-1));
    for (const s of streams) {
      const own = events.filter((e) => e.stream === s.stream);
      // The ranges hold exactly this stream's records, whole lines.
      const text = [];
      for (let i = 0; i < s.ranges.length; i += 2) text.push(file.toString('utf8', s.ranges[i], s.ranges[i + 1]));
      const ids = text.join('\n').split('\n').map((line) => JSON.parse(line.slice(130)).id);
      expect(ids).toEqual(own.map((e) => e.id));
      const folded = s.stream === 'alerts' ? undefined : foldIncident(own);
      expect(s.summary).toEqual(folded ? summarize(folded) : null);
    }
    expect(streams.find((s) => s.stream === 'INC-2026-shared-1')!.ranges).toHaveLength(6); // three separate runs of lines
    expect(streams.find((s) => s.stream === 'INC-2026-desk-a-1')!.ranges).toHaveLength(4); // seq 1, then 3–4 together
  });

  it('builds nothing from a body that is not one linked run per writer from its first event', async () => {
    const { file } = snapshotFile();
    const bodyStart = Buffer.byteLength(HEADER);
    const lines = file.toString('utf8').split('\n');
    const variants = {
      'a missing record': [...lines.slice(0, 3), ...lines.slice(4)],
      'records out of order': [lines[0], lines[2], lines[1], ...lines.slice(3)],
      'a line that is not a record': [...lines.slice(0, 3), 'garbage', ...lines.slice(3)],
    };
    for (const [what, v] of Object.entries(variants)) {
      const bytes = Buffer.from(v.join('\n'));
      expect(await buildCheckpoint(bytes.subarray(bodyStart), bodyStart), what).toBeUndefined();
    }
  });

  it('checks the chain as bytes in pieces of any size, and names what does not match', async () => {
    const { file } = snapshotFile();
    const bodyStart = Buffer.byteLength(HEADER);
    const { writers } = (await buildCheckpoint(file.subarray(bodyStart), bodyStart))!.body;
    const scan = (bytes: Buffer, size: number) => {
      const s = new ChainScan(writers);
      const bodyFrom: number[] = [];
      for (let i = 0; i < bytes.length; i += size) bodyFrom.push(s.push(bytes.subarray(i, i + size)));
      return { problem: s.end(), bodyFrom };
    };
    for (const size of [1, 7, 131, 4096, file.length]) expect(scan(file, size).problem, `pieces of ${size}`).toBeUndefined();
    expect(scan(file, 4096).bodyFrom[0]).toBe(bodyStart);

    const lines = file.toString('utf8').split('\n');
    const relinked = [...lines];
    relinked[3] = `${lines[3]!.slice(0, 65)}${'e'.repeat(64)}${lines[3]!.slice(129)}`;
    expect(scan(Buffer.from(relinked.join('\n')), 7).problem).toBe('writer desk-a seq 3: previous-event hash does not match');
    expect(scan(Buffer.from(lines.slice(0, -2).join('\n') + '\n'), 64).problem).toBe('writer desk-b: 4 records where the checkpoint says 5');
    expect(scan(Buffer.from(`${lines.join('\n')}extra line\n`), 64).problem).toMatch(/outside every writer's records/);
  });
});
