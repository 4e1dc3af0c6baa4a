import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePlacements, WALL_PLACEMENTS_FILE, WallPlacementStore, type WallPlacement } from '../../electron/services/settings/wall-placements';
import { tempDir } from '../support/temp-dir';

const tv: WallPlacement = { id: 'board-1', params: { priority: 'P1,P2', scale: '1.2' }, display: { id: 7, label: 'LG TV', width: 3840, height: 2160 }, mode: 'kiosk' };

describe('wall board placements (per machine, lowdb)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-walls-');
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('starts empty, saves, and reads back after a restart', async () => {
    const store = await WallPlacementStore.open(dir.path);
    expect(store.list()).toEqual([]);
    expect(store.nextId()).toBe('board-1');
    await store.save(tv);
    await store.save({ id: store.nextId(), params: {}, display: null, mode: 'window' });
    const again = await WallPlacementStore.open(dir.path);
    expect(again.list()).toEqual([tv, { id: 'board-2', params: {}, display: null, mode: 'window' }]);
    const doc = JSON.parse(await readFile(join(dir.path, WALL_PLACEMENTS_FILE), 'utf8'));
    expect(doc).toMatchObject({ version: 1, boards: [{ id: 'board-1', mode: 'kiosk' }, { id: 'board-2' }] });
  });

  it('replaces a board by id, removes one, and reuses free ids', async () => {
    const store = await WallPlacementStore.open(dir.path);
    await store.save(tv);
    await store.save({ ...tv, params: { team: 'Network' } });
    expect(store.list()).toHaveLength(1);
    expect(store.get('board-1')?.params).toEqual({ team: 'Network' });
    await store.save({ ...tv, id: 'board-2' });
    await store.remove('board-1');
    await store.remove('board-9'); // unknown: nothing happens
    expect(store.list().map((b) => b.id)).toEqual(['board-2']);
    expect(store.nextId()).toBe('board-1');
    expect((await WallPlacementStore.open(dir.path)).list().map((b) => b.id)).toEqual(['board-2']);
  });

  it('hands out copies: changing one does not change the store', async () => {
    const store = await WallPlacementStore.open(dir.path);
    await store.save(tv);
    store.list()[0]!.params.priority = 'P5';
    expect(store.get('board-1')?.params.priority).toBe('P1,P2');
  });

  it('survives a damaged document: bad entries are dropped, unreadable JSON starts over', async () => {
    const file = join(dir.path, WALL_PLACEMENTS_FILE);
    await writeFile(file, JSON.stringify({ version: 1, boards: [tv, { id: '' }, { id: 'x', mode: 'sideways' }, { ...tv }, { id: 'old' }] }));
    const store = await WallPlacementStore.open(dir.path);
    // duplicates keep the first; missing fields take their defaults
    expect(store.list()).toEqual([tv, { id: 'old', params: {}, display: null, mode: 'fullscreen' }]);
    await writeFile(file, '{ not json');
    expect((await WallPlacementStore.open(dir.path)).list()).toEqual([]);
    expect(parsePlacements(null)).toEqual([]);
    expect(parsePlacements({ boards: 'nope' })).toEqual([]);
  });

  it('refuses an invalid placement', async () => {
    const store = await WallPlacementStore.open(dir.path);
    await expect(store.save({ ...tv, mode: 'sideways' as never })).rejects.toThrow();
    expect(store.list()).toEqual([]);
  });
});
