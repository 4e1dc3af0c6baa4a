import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SharedStoreStatus } from '../../electron/services/shared-store';
import { tempDir } from '../support/temp-dir';
import { openStore, rawEvent, waitFor } from './fixtures/shared-store-helpers';

const idsOf = (w: string, seqs: number[]) => seqs.map((s) => rawEvent(w, s).id).sort();
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('shared folder: offline, unmounted, read-only, clock skew', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let share: string;
  beforeEach(async () => {
    dir = await tempDir('wf-offline-');
    share = join(dir.path, 'share');
    await mkdir(share);
  });
  afterEach(() => dir.cleanup());

  it('keeps acknowledging while the share is gone, counts pending across a restart, then publishes in order', async () => {
    const a = await openStore(join(dir.path, 'a'), share, 'wa');
    const b = await openStore(join(dir.path, 'b'), share, 'wb');
    const seen: Array<{ id: string }> = [];
    b.store.onRemoteEvents((e) => seen.push(...(e as Array<{ id: string }>)));
    await a.store.append([rawEvent('wa', 1), rawEvent('wa', 2)]);
    await waitFor('b sees the first events', () => seen.length === 2);

    const statuses: SharedStoreStatus[] = [];
    a.store.onStatus((s) => statuses.push(s));
    await rename(share, `${share}-away`);
    await a.store.syncNow();
    expect(a.store.status()).toMatchObject({ state: 'offline' });
    expect(a.store.status().detail).toMatch(/ENOENT/);
    for (let s = 3; s <= 10; s++) await a.store.append([rawEvent('wa', s)]); // each resolves: durable locally
    expect(a.store.status()).toMatchObject({ state: 'offline', pending: 8 });
    expect(statuses.map((s) => s.state)).toContain('offline');
    await waitFor('listeners told of 8 waiting (once per turn of the event loop, not per append)', () => statuses.at(-1)?.pending === 8);

    // Restart while offline: the pending count survives.
    await a.store.close();
    const a2 = await openStore(join(dir.path, 'a'), share, 'wa');
    expect(a2.store.status()).toMatchObject({ state: 'offline', pending: 8 });
    expect(a2.events).toHaveLength(10);
    await a2.store.append([rawEvent('wa', 11)]);

    await rename(`${share}-away`, share);
    await waitFor('a2 publishes everything', () => a2.store.status().state === 'connected' && a2.store.status().pending === 0);
    await waitFor('b converges', () => seen.length === 11);
    expect(seen.map((e) => e.id).sort()).toEqual(idsOf('wa', range(1, 11)));
    expect(b.store.chainHeads().wa).toMatchObject({ seq: 11, contiguousTo: 11, gaps: [] });
    expect(b.store.status().warnings).toEqual([]);
    await a2.store.close();
    await b.store.close();
  });

  it('reports a hung share (a call that never returns) as offline after the deadline; appends stay fast', async () => {
    const a = await openStore(join(dir.path, 'a'), share, 'wa', { opTimeoutMs: 300 });
    await a.store.append([rawEvent('wa', 1)]);
    await a.store.flush();
    // A FIFO in place of the marker: opening it blocks in the OS, like a dead SMB/NFS server.
    const sentinel = join(share, 'watchfloor-store.json');
    const saved = await readFile(sentinel, 'utf8');
    await rm(sentinel);
    execFileSync('mkfifo', [sentinel]);
    await a.store.syncNow();
    expect(a.store.status().state).toBe('offline');
    expect(a.store.status().detail).toMatch(/did not finish within 300 ms/);
    const t0 = performance.now();
    for (let s = 2; s <= 6; s++) await a.store.append([rawEvent('wa', s)]);
    expect(performance.now() - t0).toBeLessThan(2000);
    await a.store.syncNow(); // more stuck calls must not take the thread pool
    expect(a.store.status()).toMatchObject({ state: 'offline', pending: 5 });
    // The server comes back: release the blocked calls, restore the marker.
    const fd = openSync(sentinel, constants.O_WRONLY | constants.O_NONBLOCK);
    closeSync(fd);
    await rm(sentinel);
    await writeFile(sentinel, saved);
    await waitFor('published after the hang', () => a.store.status().state === 'connected' && a.store.status().pending === 0);
    await a.store.close();
  });

  it('a missing marker means "not mounted": nothing is read as deleted, nothing is written, until it is back', async () => {
    const a = await openStore(join(dir.path, 'a'), share, 'wa');
    await a.store.append([rawEvent('wa', 1), rawEvent('wa', 2)]);
    await a.store.flush();
    const b = await openStore(join(dir.path, 'b'), share, 'wb');
    expect(b.events).toHaveLength(2);

    const marker = join(share, 'watchfloor-store.json');
    const saved = await readFile(marker, 'utf8');
    await rm(marker);
    await a.store.syncNow();
    await b.store.syncNow();
    expect(a.store.status().state).toBe('unmounted');
    expect(a.store.status().detail).toMatch(/watchfloor-store\.json is missing/);
    await a.store.append([rawEvent('wa', 3)]);
    await a.store.syncNow();
    expect(a.store.status().pending).toBe(1);
    expect(await readdir(share)).not.toContain('watchfloor-store.json'); // not re-created
    // b restarts while the marker is missing: it keeps what it had (replica), invents nothing.
    await b.store.close();
    const b2 = await openStore(join(dir.path, 'b'), share, 'wb');
    expect(b2.store.status().state).toBe('unmounted');
    expect(b2.events.map((e) => e.id).sort()).toEqual(idsOf('wa', [1, 2]));

    await writeFile(marker, saved);
    await waitFor('a publishes', () => a.store.status().state === 'connected' && a.store.status().pending === 0);
    await waitFor('b2 reconnects', () => b2.store.status().state === 'connected');
    await b2.store.syncNow();
    expect(b2.store.chainHeads().wa?.seq).toBe(3);
    await a.store.close();
    await b2.store.close();
  });

  it('an empty folder where a store used to be (share not mounted) is not initialised again', async () => {
    const a = await openStore(join(dir.path, 'a'), share, 'wa');
    await a.store.append([rawEvent('wa', 1)]);
    await a.store.flush();
    await a.store.close();
    await rename(share, `${share}-real`);
    await mkdir(share); // the bare mount point
    const again = await openStore(join(dir.path, 'a'), share, 'wa');
    expect(again.store.status().state).toBe('unmounted');
    expect(again.events).toHaveLength(1);
    await again.store.append([rawEvent('wa', 2)]);
    await again.store.syncNow();
    expect(await readdir(share)).toEqual([]); // nothing written into the mount point
    expect(again.store.status().pending).toBe(1);
    await rmdir(share);
    await rename(`${share}-real`, share); // mounted again
    await waitFor('published', () => again.store.status().state === 'connected' && again.store.status().pending === 0);
    await again.store.close();
  });

  it('refuses a non-empty folder without a marker, and a marker that is not ours', async () => {
    await writeFile(join(share, 'budget.xlsx'), 'someone else’s files');
    const a = await openStore(join(dir.path, 'a'), share, 'wa');
    expect(a.store.status().state).toBe('unmounted');
    expect(a.store.status().detail).toMatch(/not empty and has no watchfloor-store\.json/);
    await a.store.append([rawEvent('wa', 1)]);
    await a.store.syncNow();
    expect((await readdir(share)).sort()).toEqual(['budget.xlsx']);
    await a.store.close();

    const other = join(dir.path, 'other');
    await mkdir(other);
    await writeFile(join(other, 'watchfloor-store.json'), '{"something":"else"}');
    const b = await openStore(join(dir.path, 'b'), other, 'wb');
    expect(b.store.status().state).toBe('unmounted');
    expect(b.warnings.map((w) => w.message).join()).toMatch(/not a Watchfloor store marker/);
    await b.store.close();
  });

  it('a store written in a newer format is read but never written (read-only)', async () => {
    const a = await openStore(join(dir.path, 'a'), share, 'wa');
    await a.store.append([rawEvent('wa', 1), rawEvent('wa', 2)]);
    await a.store.flush();
    await a.store.close();
    const marker = join(share, 'watchfloor-store.json');
    await writeFile(marker, JSON.stringify({ ...JSON.parse(await readFile(marker, 'utf8')), formatVersion: 2 }));
    const before = await readdir(join(share, 'writers'));
    const b = await openStore(join(dir.path, 'b'), share, 'wb');
    expect(b.store.status().state).toBe('read-only');
    expect(b.events).toHaveLength(2);
    expect(b.warnings.map((w) => w.message).join()).toMatch(/format 2, newer than this version understands/);
    await b.store.append([rawEvent('wb', 1)]);
    await b.store.syncNow();
    expect(b.store.status().pending).toBe(1);
    expect(await readdir(join(share, 'writers'))).toEqual(before);
    await b.store.close();
  });

  it('holds back events stamped too far ahead of the local clock, naming the writer, until time catches up', async () => {
    const future = Date.now() + 60 * 60_000;
    const a = await openStore(join(dir.path, 'a'), share, 'skewed', { writerName: 'Desk with a wrong clock' });
    await a.store.append([rawEvent('skewed', 1, { at: Date.now() }), rawEvent('skewed', 2, { at: future })]);
    await a.store.flush();
    await a.store.close();
    let now = Date.now();
    const b = await openStore(join(dir.path, 'b'), share, 'wb', { clock: { now: () => now } });
    const seen: Array<{ id: string }> = [];
    b.store.onRemoteEvents((e) => seen.push(...(e as Array<{ id: string }>)));
    expect(b.events.map((e) => e.id)).toEqual([rawEvent('skewed', 1).id]);
    expect(b.store.status().heldBack).toBe(1);
    const warning = b.store.status().warnings.find((w) => /held back/.test(w.message));
    expect(warning?.message).toMatch(/writer skewed .*1 event stamped up to .* more than 5 min ahead of this PC's clock/);
    now = future - 4 * 60_000; // within the allowed drift now
    await b.store.syncNow();
    expect(seen.map((e) => e.id)).toEqual([rawEvent('skewed', 2).id]);
    expect(b.store.status()).toMatchObject({ heldBack: 0 });
    expect(b.store.status().warnings.some((w) => /held back/.test(w.message))).toBe(false);
    await b.store.close();
  });
});
