import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FoldedHistory } from '../../electron/services/journal/event-store';
import { tempDir } from '../support/temp-dir';
import { openStore, rawEvent, waitFor } from './fixtures/shared-store-helpers';

describe('shared folder: snapshots (compaction)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let share: string;
  let n = 0;
  const fresh = () => join(dir.path, `reader-${++n}`);
  beforeEach(async () => {
    dir = await tempDir('wf-snap-');
    share = join(dir.path, 'share');
    await mkdir(share);
  });
  afterEach(() => dir.cleanup());

  /** Three writers, `per` events each, one small segment per `seg` events. */
  async function populate(per: number, seg: number) {
    const stores = [];
    for (const w of ['w1', 'w2', 'w3']) {
      const s = await openStore(join(dir.path, `pc-${w}`), share, w, { maxSegmentEvents: seg });
      await s.store.append(Array.from({ length: per }, (_, i) => rawEvent(w, i + 1, { stream: `INC-2026-${w}-1`, ...(i ? { text: `t${i}` } : {}) })));
      await s.store.flush();
      stores.push(s.store);
    }
    return stores;
  }

  /** What a load hands over: its events, and those of the incidents its checkpoint holds unloaded. */
  const everything = (loaded: { events: unknown[]; history?: FoldedHistory }) => [...loaded.events, ...(loaded.history?.summaries.flatMap((s) => loaded.history!.eventsOf(s.id)) ?? [])];

  const segmentFiles = async (w: string) => (await readdir(join(share, 'writers', w))).filter((f) => f.startsWith('seg-')).sort();

  it('two PCs compacting the same view write the same file once; a new PC starts from it and reads only newer segments', async () => {
    const stores = await populate(30, 5);
    await Promise.all(stores.map((s) => s.syncNow()));
    const [name1, name2] = await Promise.all([stores[0]!.compact(), stores[1]!.compact()]);
    expect(name1).toMatch(/^snap-000000000090-[0-9a-f]{32}\.ndjson$/);
    expect(name2).toBe(name1);
    expect(await readdir(join(share, 'snapshots'))).toEqual([name1, name1!.replace(/\.ndjson$/, '.state.json')]); // the snapshot and its checkpoint
    const header = JSON.parse((await readFile(join(share, 'snapshots', name1!), 'utf8')).split('\n')[0]!);
    expect(header).toMatchObject({ kind: 'watchfloor.snapshot', format: 1, count: 90 });
    expect(Object.fromEntries(Object.entries(header.heads as Record<string, { seq: number }>).map(([w, h]) => [w, h.seq]))).toEqual({ w1: 30, w2: 30, w3: 30 });

    // Newer events after the snapshot.
    await stores[2]!.append([rawEvent('w3', 31, { stream: 'INC-2026-w3-1', text: 'after the snapshot' })]);
    await stores[2]!.flush();
    // Prove the covered segments are not read: damage them all (tests may; the app never would).
    for (const w of ['w1', 'w2', 'w3']) {
      for (const f of await segmentFiles(w)) {
        if (f !== 'seg-000000000031-000000000031.ndjson') await writeFile(join(share, 'writers', w, f), 'damaged\n');
      }
    }
    const reader = await openStore(fresh(), share, 'reader', { snapshotReadThreshold: 4 });
    expect(reader.events).toHaveLength(1); // the one beyond the snapshot; the three incidents come folded, through the checkpoint
    expect(reader.history?.summaries.map((i) => i.id).sort()).toEqual(['INC-2026-w1-1', 'INC-2026-w2-1', 'INC-2026-w3-1']);
    expect(everything(reader)).toHaveLength(91);
    expect(reader.warnings).toEqual([]);
    expect(reader.store.chainHeads()).toMatchObject({ w1: { seq: 30, gaps: [] }, w3: { seq: 31, contiguousTo: 31, gaps: [] } });
    // …and it keeps what it read: with the share gone on the next start, everything is still there.
    await reader.store.close();
    for (const s of stores) await s.close();
    await rename(share, `${share}-away`);
    const again = await openStore(join(dir.path, `reader-${n}`), share, 'reader');
    expect(again.store.status().state).toBe('offline');
    expect(again.history?.summaries).toHaveLength(3); // from the local copy of the snapshot and its checkpoint
    expect(everything(again)).toHaveLength(91);
    await again.store.close();
    // Pointed at another store, this PC shows that store's events (and its own), not the old one's.
    const other = join(dir.path, 'other-share');
    await mkdir(other);
    const elsewhere = await openStore(join(dir.path, `reader-${n}`), other, 'reader');
    expect(elsewhere.store.status().state).toBe('connected');
    expect(elsewhere.events).toHaveLength(0);
    await elsewhere.store.close();
    // Back to the first folder while its share is not mounted (an empty mount point): not re-initialised.
    await mkdir(share);
    const back = await openStore(join(dir.path, `reader-${n}`), share, 'reader');
    expect(back.store.status().state).toBe('unmounted');
    expect(everything(back)).toHaveLength(91);
    expect(await readdir(share)).toEqual([]);
    await back.store.close();
  });

  it('a damaged snapshot, or one whose writers are not in the folder, is skipped and the segments are read', async () => {
    const stores = await populate(12, 3);
    await stores[0]!.syncNow();
    const name = (await stores[0]!.compact())!;
    const path = join(share, 'snapshots', name);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('t5', 't6'));
    await rm(path.replace(/\.ndjson$/, '.state.json')); // read whole (shared-store-checkpoint.test.ts: damaged behind a checkpoint)
    const r1 = await openStore(fresh(), share, 'reader', { snapshotReadThreshold: 2 });
    expect(r1.events).toHaveLength(36);
    expect(r1.warnings.map((w) => w.message).join()).toMatch(/snapshot is damaged \(checksum mismatch\)/);
    await r1.store.close();

    // A snapshot naming a writer the folder does not have (e.g. copied from another store).
    const header = JSON.parse(text.split('\n')[0]!);
    header.heads.ghost = { seq: 5, hash: '0'.repeat(64) };
    await writeFile(path, [JSON.stringify(header), ...text.split('\n').slice(1)].join('\n'));
    const r2 = await openStore(fresh(), share, 'reader', { snapshotReadThreshold: 2 });
    expect(r2.events).toHaveLength(36);
    expect(r2.warnings).toEqual([]);
    await r2.store.close();
    for (const s of stores) await s.close();
  });

  it('compacts automatically once enough segments are uncovered', async () => {
    const stores = await populate(8, 1);
    const auto = await openStore(fresh(), share, 'compactor', { compactAfterSegments: 20 });
    const snapshots = async () => (await readdir(join(share, 'snapshots')).catch(() => [])).filter((f) => f.endsWith('.ndjson'));
    await waitFor('a snapshot', async () => (await snapshots()).length === 1);
    expect((await snapshots())[0]).toMatch(/^snap-000000000024-/);
    await auto.store.close();
    for (const s of stores) await s.close();
    await rm(join(share, 'snapshots'), { recursive: true });
  });
});
