import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZERO_HASH, parseSegmentName, sha256Hex } from '../../electron/services/shared-store/format';
import { openSharedStore } from '../../electron/services/shared-store';
import { openWorkspace } from '../../electron/services/workspace/open-workspace';
import { tempDir } from '../support/temp-dir';
import { openSharedWorkspace, openStore, rawEvent, stateHash, waitFor } from './fixtures/shared-store-helpers';

type Incident = { id: string; title: string; timeline: Array<{ id: string }> };

describe('SharedFolderStore basics', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let share: string;
  beforeEach(async () => {
    dir = await tempDir('wf-shared-');
    share = join(dir.path, 'share');
    await import('node:fs/promises').then((fs) => fs.mkdir(share));
  });
  afterEach(() => dir.cleanup());

  it('initialises an empty folder, publishes immutable chained segments, and another PC reads them', async () => {
    const a = await openStore(join(dir.path, 'a'), share, 'writer-a');
    expect(a.store.status().state).toBe('connected');
    const sentinel = JSON.parse(await readFile(join(share, 'watchfloor-store.json'), 'utf8'));
    expect(sentinel).toMatchObject({ kind: 'watchfloor.store', formatVersion: 1 });

    await a.store.append([rawEvent('writer-a', 1), rawEvent('writer-a', 2)]);
    await a.store.append([rawEvent('writer-a', 3)]);
    await a.store.flush();
    expect(a.store.status().pending).toBe(0);

    const names = (await readdir(join(share, 'writers', 'writer-a'))).filter((n) => parseSegmentName(n));
    expect(names.length).toBeGreaterThanOrEqual(1);
    // Records chain: each carries the previous event's hash.
    const lines = (await Promise.all(names.sort().map((n) => readFile(join(share, 'writers', 'writer-a', n), 'utf8'))))
      .flatMap((t) => t.split('\n').slice(1))
      .filter(Boolean);
    expect(lines).toHaveLength(3);
    let prev = ZERO_HASH;
    for (const line of lines) {
      const [hash, p, ...rest] = line.split(' ');
      const json = rest.join(' ');
      expect(hash).toBe(sha256Hex(json));
      expect(p).toBe(prev);
      prev = hash!;
    }

    const seen: unknown[] = [];
    const b = await openStore(join(dir.path, 'b'), share, 'writer-b');
    b.store.onRemoteEvents((evs) => seen.push(...evs));
    expect(b.events.map((e) => e.id).sort()).toEqual([1, 2, 3].map((s) => rawEvent('writer-a', s).id));
    await a.store.append([rawEvent('writer-a', 4)]);
    await waitFor('b sees event 4', () => seen.length === 1);
    expect((seen[0] as { id: string }).id).toBe(rawEvent('writer-a', 4).id);
    expect(b.store.chainHeads()['writer-a']).toMatchObject({ seq: 4, contiguousTo: 4, gaps: [] });
    await waitFor('presence', () => b.store.status().writers.some((w) => w.writerId === 'writer-a'));
    expect(b.store.status().writers.find((w) => w.writerId === 'writer-a')).toMatchObject({ writerName: 'Desk writer-a', self: false });
    expect(b.store.status().warnings).toEqual([]);
    await a.store.close();
    await b.store.close();
  });

  it('two workspaces converge through the folder and keep their own ids', async () => {
    const a = await openSharedWorkspace(join(dir.path, 'a'), share);
    const b = await openSharedWorkspace(join(dir.path, 'b'), share);
    const created = (await a.service.call('incidents.create', { title: 'Radio outage', impact: 1, urgency: 1 })) as Incident;
    const other = (await b.service.call('incidents.create', { title: 'Email slow', impact: 3, urgency: 3 })) as Incident;
    expect(created.id).not.toBe(other.id);
    await waitFor('b sees a', async () => Boolean(await b.service.call('incidents.get', { id: created.id }).catch(() => undefined)));
    await b.service.call('incidents.command', { id: created.id, command: { type: 'addEntry', kind: 'note', text: 'from b' } });
    await waitFor('a sees b', async () => ((await a.service.call('incidents.get', { id: created.id })) as Incident).timeline.length === 2);
    await waitFor('a sees b incident', async () => Boolean(await a.service.call('incidents.get', { id: other.id }).catch(() => undefined)));
    expect((await stateHash(a.service)).hash).toBe((await stateHash(b.service)).hash);
    expect(a.service.storeStatus()).toMatchObject({ state: 'connected', pending: 0 });
    await a.service.close();
    await b.service.close();
  });

  it('a slow first read does not hold up the start: the rest arrives through onRemoteEvents', async () => {
    const a = await openStore(join(dir.path, 'a'), share, 'writer-a', { maxSegmentEvents: 1 });
    await a.store.append(Array.from({ length: 60 }, (_, i) => rawEvent('writer-a', i + 1)));
    await a.store.flush();
    const b = await openStore(join(dir.path, 'b'), share, 'writer-b', { loadWaitMs: 1, snapshotReadThreshold: Infinity });
    const later: unknown[] = [];
    b.store.onRemoteEvents((evs) => later.push(...evs)); // events that came before this are kept for it
    await waitFor('all 60 events', () => b.events.length + later.length === 60);
    await waitFor('first sync done', () => b.store.status().lastSyncAt !== null);
    expect(new Set([...b.events.map((e) => e.id), ...later.map((e) => (e as { id: string }).id)]).size).toBe(60);
    await a.store.close();
    await b.store.close();
  });

  it('uses fs.watch as a hint to read sooner than the next poll, where the file system supports it', async () => {
    const a = await openStore(join(dir.path, 'a'), share, 'writer-a');
    const b = await openStore(join(dir.path, 'b'), share, 'writer-b', { pollMs: 60_000, watch: true });
    const seen: unknown[] = [];
    b.store.onRemoteEvents((evs) => seen.push(...evs));
    await a.store.append([rawEvent('writer-a', 1)]);
    await waitFor('b sees it long before its next poll', () => seen.length === 1, 5000);
    await a.store.close();
    await b.store.close();
  });

  it('openWorkspace uses the shared folder when one is configured, and reports its status', async () => {
    const a = await openWorkspace({ dataDir: join(dir.path, 'a'), version: '9.9.9', demo: false, sharedDir: share, writerName: 'Desk A' });
    const b = await openWorkspace({ dataDir: join(dir.path, 'b'), version: '9.9.9', demo: false });
    expect(a.storeStatus()).toMatchObject({ state: 'connected', sharedDir: share, pending: 0 });
    expect(b.storeStatus()).toBeUndefined(); // the plain journal has no status
    const created = (await a.call('incidents.create', { title: 'Shared', impact: 2, urgency: 2 })) as Incident;
    const reader = await openSharedWorkspace(join(dir.path, 'c'), share);
    await waitFor('c sees it', async () => Boolean(await reader.service.call('incidents.get', { id: created.id }).catch(() => undefined)));
    await waitFor('presence of A', () => (reader.service.storeStatus()?.writers ?? []).some((w) => w.writerName === 'Desk A' && w.appVersion === '9.9.9'));
    await a.close();
    await b.close();
    await reader.service.close();
  });

  it('is a plain local journal when no shared folder is configured', async () => {
    const store = openSharedStore({ dataDir: join(dir.path, 'solo'), sharedDir: undefined, writerId: 'w' });
    await store.load();
    await store.append([rawEvent('w', 1)]);
    expect(store.status()).toMatchObject({ state: 'disabled', pending: 0 });
    await store.close();
    const again = await openStore(join(dir.path, 'solo'), null, 'w');
    expect(again.events).toHaveLength(1);
    await again.store.close();
  });
});
