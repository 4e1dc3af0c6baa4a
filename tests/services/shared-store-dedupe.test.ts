import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeldIds } from '../../electron/services/shared-store/held-ids';
import { tempDir } from '../support/temp-dir';
import { openStore, rawEvent } from './fixtures/shared-store-helpers';

describe('HeldIds', () => {
  it('holds the first id at a writer and seq and reports what was there', () => {
    const held = new HeldIds();
    expect(held.hold('w1', 1, 'a')).toBeUndefined();
    expect(held.hold('w1', 1, 'a')).toBe('a');
    expect(held.hold('w1', 1, 'b')).toBe('a'); // another event under a held seq: the first stays
    expect(held.hold('w2', 1, 'a')).toBeUndefined(); // per writer
    expect(held.hold('w1', 7_000_000_000, 'far')).toBeUndefined();
    expect(held.hold('w1', 7_000_000_000, 'far')).toBe('far');
  });

  it('never holds a seq that is not a whole number ≥ 0', () => {
    const held = new HeldIds();
    for (const seq of [-1, 1.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 2]) {
      expect(held.hold('w1', seq, 'x')).toBeUndefined();
      expect(held.hold('w1', seq, 'x')).toBeUndefined();
    }
  });
});

describe('SharedFolderStore dedupe by writer and seq', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let share: string;
  beforeEach(async () => {
    dir = await tempDir('wf-dedupe-');
    share = join(dir.path, 'share');
    await mkdir(share);
  });
  afterEach(() => dir.cleanup());

  it('delivers each record once however often it is read, and an id two writers recorded from both', async () => {
    const a = await openStore(join(dir.path, 'a'), share, 'writer-a');
    const b = await openStore(join(dir.path, 'b'), share, 'writer-b');
    const stream = 'INC-2026-WRIT-1';
    // Both PCs note the same SLA breach under its deterministic id, each as its own seq 2.
    await a.store.append([rawEvent('writer-a', 1, { stream }), rawEvent('writer-a', 2, { stream, id: 'sla-breach-INC-2026-WRIT-1-ack', text: 'breach' })]);
    await b.store.append([rawEvent('writer-b', 1, { stream: 'INC-2026-WRIB-1' }), rawEvent('writer-b', 2, { stream, id: 'sla-breach-INC-2026-WRIT-1-ack', text: 'breach' })]);
    await a.store.flush();
    await b.store.flush();

    const c = await openStore(join(dir.path, 'c'), share, 'writer-c');
    const ids = c.events.map((e) => `${e.writerId}/${e.seq}/${e.id}`).sort();
    expect(ids).toEqual([
      'writer-a/1/writer-a-ev-00000001',
      'writer-a/2/sla-breach-INC-2026-WRIT-1-ack',
      'writer-b/1/writer-b-ev-00000001',
      'writer-b/2/sla-breach-INC-2026-WRIT-1-ack',
    ]);

    // Read again (a full listing, and a restart from the local replica): nothing new.
    const later: unknown[] = [];
    c.store.onRemoteEvents((evs) => later.push(...evs));
    await c.store.syncNow();
    expect(later).toEqual([]);
    await c.store.close();
    const again = await openStore(join(dir.path, 'c'), share, 'writer-c');
    expect(again.events.map((e) => `${e.writerId}/${e.seq}`).sort()).toEqual(['writer-a/1', 'writer-a/2', 'writer-b/1', 'writer-b/2']);
    expect(again.store.status().warnings).toEqual([]);

    // A PC's own events coming back from the share are not new to it.
    const seenByA: unknown[] = [];
    a.store.onRemoteEvents((evs) => seenByA.push(...evs));
    await a.store.syncNow();
    expect(seenByA.map((e) => `${(e as { writerId: string }).writerId}/${(e as { seq: number }).seq}`).sort()).toEqual(['writer-b/1', 'writer-b/2']);
    await Promise.all([a.store.close(), b.store.close(), again.store.close()]);
  });
});
