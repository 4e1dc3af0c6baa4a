import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainRecords, encodeSegment, segmentName, sha256Hex, ZERO_HASH } from '../../electron/services/shared-store/format';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { initialiseSharedFolder, openSharedStore } from '../../electron/services/shared-store';
import { tempDir } from '../support/temp-dir';
import { openStore, rawEvent } from './fixtures/shared-store-helpers';

type Warning = { file: string; message: string };

describe('shared folder: bad files and tamper evidence', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let share: string;
  let n = 0;
  const fresh = () => join(dir.path, `reader-${++n}`);
  const wdir = (w: string) => join(share, 'writers', w);

  /** Publishes `count` events of writer `w` as the real store does (one segment per `per`). */
  async function publish(w: string, count: number, per = count): Promise<void> {
    const { store } = await openStore(join(dir.path, `pc-${w}`), share, w, { maxSegmentEvents: per });
    await store.append(Array.from({ length: count }, (_, i) => rawEvent(w, i + 1)));
    await store.flush();
    await store.close();
  }

  async function segments(w: string): Promise<string[]> {
    return (await readdir(wdir(w))).filter((f) => f.startsWith('seg-') && f.endsWith('.ndjson')).sort();
  }

  const ids = (events: Array<{ id: string }>) => events.map((e) => e.id).sort();
  const idsOf = (w: string, seqs: number[]) => seqs.map((s) => rawEvent(w, s).id).sort();
  const messages = (ws: Warning[]) => ws.map((w) => `${w.file}: ${w.message}`).join('\n');

  beforeEach(async () => {
    dir = await tempDir('wf-files-');
    share = join(dir.path, 'share');
    await mkdir(share);
    await initialiseSharedFolder(share, 'test-setup');
  });
  afterEach(() => dir.cleanup());

  describe('bad files are skipped with a warning naming them, and never crash or hide good events', () => {
    it('a truncated segment keeps its complete records', async () => {
      await publish('w1', 3);
      const [seg] = await segments('w1');
      const text = await readFile(join(wdir('w1'), seg!), 'utf8');
      await writeFile(join(wdir('w1'), seg!), text.slice(0, text.length - 40)); // cut the last record short
      const r = await openStore(fresh(), share, 'reader');
      expect(ids(r.events)).toEqual(idsOf('w1', [1, 2]));
      expect(messages(r.warnings)).toMatch(new RegExp(`${seg}: line 4: truncated or checksum mismatch for writer w1 seq 3`));
      expect(messages(r.warnings)).toMatch(/writer w1: seq 3 missing/);
      await r.store.close();
    });

    it('garbage, JSON of another shape, and one bad line among good ones', async () => {
      await publish('w1', 4, 2);
      // Garbage under a segment name.
      await writeFile(join(wdir('w1'), segmentName(50, 60)), Buffer.from([0, 159, 146, 150, 255, 10, 1, 2, 3]));
      // JSON documents of another shape, hashed correctly, in another writer's segment.
      const other = chainRecords([JSON.stringify({ hello: 'world' }), JSON.stringify([1, 2, 3])], ZERO_HASH);
      await mkdir(wdir('w2'), { recursive: true });
      await writeFile(join(wdir('w2'), segmentName(1, 2)), encodeSegment('w2', 1, 2, other));
      // A whole-file JSON document with a segment name.
      await writeFile(join(wdir('w2'), segmentName(3, 3)), JSON.stringify({ events: [rawEvent('w2', 3)] }, null, 2));
      // w3: three good records with one damaged line in the middle.
      const recs = chainRecords([1, 2, 3].map((s) => JSON.stringify(rawEvent('w3', s))), ZERO_HASH);
      const lines = encodeSegment('w3', 1, 3, recs).split('\n');
      lines[2] = lines[2]!.replace('note 2', 'note X');
      await mkdir(wdir('w3'), { recursive: true });
      await writeFile(join(wdir('w3'), segmentName(1, 3)), lines.join('\n'));

      const r = await openStore(fresh(), share, 'reader');
      expect(ids(r.events)).toEqual([...idsOf('w1', [1, 2, 3, 4]), ...idsOf('w3', [1, 3])].sort());
      const text = messages(r.warnings);
      expect(text).toMatch(new RegExp(`${segmentName(50, 60)}: .*not a Watchfloor record`));
      expect(text).toMatch(/JSON that is not an event/);
      expect(text).toMatch(new RegExp(`w2/${segmentName(3, 3)}: .*not a Watchfloor`));
      expect(text).toMatch(/checksum mismatch for writer w3 seq 2 \(edited or damaged\)/);
      expect(text).toMatch(/writer w3: seq 2 missing/);
      // It keeps polling happily afterwards.
      await r.store.syncNow();
      expect(r.store.status().state).toBe('connected');
      await r.store.close();
    });

    it('events of a newer schema version are kept (the service shows them as unknown)', async () => {
      const future = { ...rawEvent('w9', 2), type: 'incident.teleported', v: 7, data: { to: 'Mars', extra: [1, 2] } };
      const recs = chainRecords([JSON.stringify(rawEvent('w9', 1)), JSON.stringify(future)], ZERO_HASH);
      await mkdir(wdir('w9'), { recursive: true });
      // A segment header from a future format: a warning, but its readable records are used.
      const seg = encodeSegment('w9', 1, 2, recs).replace('"format":1', '"format":3');
      await writeFile(join(wdir('w9'), segmentName(1, 2)), seg);
      const dataDir = fresh();
      const service = await WorkspaceService.open({ dataDir, version: 'test', store: (writerId) => openSharedStore({ dataDir, sharedDir: share, writerId, pollMs: 100 }) });
      const incident = (await service.call('incidents.get', { id: rawEvent('w9', 1).stream })) as { timeline: Array<{ type: string; v: number }> };
      expect(incident.timeline.map((e) => [e.type, e.v])).toEqual([
        ['incident.created', 1],
        ['incident.teleported', 7],
      ]);
      expect(messages(service.warnings)).toMatch(/segment format 3, newer than this version/);
      await service.close();
    });

    it('sync-conflict copies, temp files of a crashed writer and stray files are skipped, never deleted', async () => {
      await publish('w1', 2);
      const [seg] = await segments('w1');
      const conflict = seg!.replace('.ndjson', '.sync-conflict-20260301-101010-ABCDEFG.ndjson');
      const body = await readFile(join(wdir('w1'), seg!), 'utf8');
      await writeFile(join(wdir('w1'), conflict), body.replace('note 2', 'note Z'));
      await writeFile(join(wdir('w1'), `.${segmentName(3, 9)}.deadbeef.tmp`), body.slice(0, 100));
      await writeFile(join(wdir('w1'), 'notes.txt'), 'hello');
      await writeFile(join(share, 'writers', 'README.txt'), 'a file where writer folders live');
      await mkdir(join(share, 'writers', 'bad name!'));
      await mkdir(join(share, 'presence'), { recursive: true });
      await writeFile(join(share, 'presence', 'w7.json'), '{not json');
      const before = (await readdir(wdir('w1'))).sort();

      const r = await openStore(fresh(), share, 'reader');
      expect(ids(r.events)).toEqual(idsOf('w1', [1, 2]));
      const text = messages(r.warnings);
      expect(text).toContain(`${conflict}: a sync-conflict copy`);
      expect(text).toContain('notes.txt: not a Watchfloor segment file name');
      expect(text).toContain('README.txt: a file where a writer folder was expected');
      expect(text).toContain('bad name!: not a writer folder name');
      expect(text).not.toMatch(/\.tmp/);
      expect(r.warnings).toHaveLength(4);
      await r.store.syncNow();
      expect(r.store.status().warnings).toHaveLength(4); // reported once, not once per poll
      await r.store.close();
      expect((await readdir(wdir('w1'))).sort()).toEqual(before);
    });

    it('a file that vanishes between listing and reading is skipped quietly and read once it is there', async () => {
      await publish('w1', 2);
      await mkdir(wdir('w4'), { recursive: true });
      const recs = chainRecords([1, 2].map((s) => JSON.stringify(rawEvent('w4', s))), ZERO_HASH);
      const real = join(dir.path, 'elsewhere.ndjson');
      // A dangling link: listed by readdir, ENOENT when opened — a file removed mid-read.
      await symlink(real, join(wdir('w4'), segmentName(1, 2)));
      const r = await openStore(fresh(), share, 'reader');
      expect(ids(r.events)).toEqual(idsOf('w1', [1, 2]));
      expect(r.warnings).toEqual([]);
      const seen: unknown[] = [];
      r.store.onRemoteEvents((e) => seen.push(...e));
      await writeFile(real, encodeSegment('w4', 1, 2, recs));
      await r.store.syncNow();
      expect(ids(seen as Array<{ id: string }>)).toEqual(idsOf('w4', [1, 2]));
      await r.store.close();
    });
  });

  describe('per-writer hash chain', () => {
    it('an edited byte in a published event is reported with writer and seq; the other events are used', async () => {
      await publish('w1', 5);
      const [seg] = await segments('w1');
      const path = join(wdir('w1'), seg!);
      await writeFile(path, (await readFile(path, 'utf8')).replace('note 3 from w1', 'note 8 from w1'));
      const r = await openStore(fresh(), share, 'reader');
      expect(ids(r.events)).toEqual(idsOf('w1', [1, 2, 4, 5]));
      expect(messages(r.warnings)).toMatch(/checksum mismatch for writer w1 seq 3 \(edited or damaged\)/);
      expect(r.store.chainHeads().w1).toMatchObject({ seq: 5, contiguousTo: 2, gaps: [{ from: 3, to: 3 }] });
      await r.store.close();
    });

    it('an edit with a recomputed checksum still breaks the chain at the next event', async () => {
      await publish('w1', 5);
      const [seg] = await segments('w1');
      const path = join(wdir('w1'), seg!);
      const lines = (await readFile(path, 'utf8')).split('\n');
      const [, prev, ...json] = lines[3]!.split(' '); // seq 3
      const forged = json.join(' ').replace('note 3 from w1', 'note 8 from w1');
      lines[3] = `${sha256Hex(forged)} ${prev} ${forged}`;
      await writeFile(path, lines.join('\n'));
      const r = await openStore(fresh(), share, 'reader');
      expect(r.events).toHaveLength(5); // the forged event is a valid event; it is reported, not hidden
      expect(messages(r.warnings)).toMatch(/writer w1 seq 4: previous-event hash does not match seq 3/);
      await r.store.close();
    });

    it('a removed segment is reported as a gap naming writer and seqs', async () => {
      await publish('w1', 9, 3);
      const segs = await segments('w1');
      expect(segs).toHaveLength(3);
      await rm(join(wdir('w1'), segs[1]!));
      const r = await openStore(fresh(), share, 'reader');
      expect(ids(r.events)).toEqual(idsOf('w1', [1, 2, 3, 7, 8, 9]));
      expect(messages(r.warnings)).toMatch(/writer w1: seq 4–6 missing from the shared folder/);
      await r.store.close();
      // The writer notices its segment is gone and publishes it again from its local journal.
      const { store } = await openStore(join(dir.path, 'pc-w1'), share, 'w1');
      await store.close();
      const again = await openStore(fresh(), share, 'reader');
      expect(again.events).toHaveLength(9);
      expect(again.warnings).toEqual([]);
      await again.store.close();
    });

    it('reordered records and a renamed segment are reported', async () => {
      await publish('w1', 6, 3);
      const segs = await segments('w1');
      const path = join(wdir('w1'), segs[0]!);
      const lines = (await readFile(path, 'utf8')).split('\n');
      [lines[1], lines[2]] = [lines[2]!, lines[1]!];
      await writeFile(path, lines.join('\n'));
      const r = await openStore(fresh(), share, 'reader');
      expect(r.events).toHaveLength(6);
      expect(messages(r.warnings)).toMatch(/writer w1 seq 2 is out of order \(expected seq 1\)/);
      await r.store.close();

      // Second segment's content under a later name: name and content disagree.
      await rm(join(dir.path, 'pc-w1'), { recursive: true });
      const body = await readFile(join(wdir('w1'), segs[1]!), 'utf8');
      await rm(join(wdir('w1'), segs[1]!));
      await writeFile(join(wdir('w1'), segmentName(7, 9)), body);
      const r2 = await openStore(fresh(), share, 'reader');
      expect(messages(r2.warnings)).toMatch(/writer w1 seq 4 is out of order \(expected seq 7\)/);
      await r2.store.close();
    });
  });
});
