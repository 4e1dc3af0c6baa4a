import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointAdoption, type AdoptionSources } from '../../electron/services/shared-store/checkpoint-adoption';
import type { Checkpoint } from '../../electron/services/shared-store/checkpoint-format';
import type { SnapshotFile } from '../../electron/services/shared-store/snapshot-files';
import { tempDir } from '../support/temp-dir';

describe('checkpoint adoption', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir('wf-adopt-')));
  afterEach(() => dir.cleanup());

  /** Sources that note what adopting changes; `loading` says whether load() still collects. */
  function sources(loading: { now: boolean }) {
    const changed: string[] = [];
    const s = {
      io: { stat: async () => ({ size: 1_000 }), readRanges: async () => [] },
      index: { adoptCheckpoint: () => changed.push('held through the heads'), heldThrough: () => false },
      tally: { adoptSnapshotHeads: () => changed.push('heads adopted') },
      outlet: { dropCollected: () => changed.push('collected events dropped') },
      deliver: () => changed.push('delivered'),
      warnings: { warnOnce: () => undefined },
      replica: { snapshotPath: undefined },
      closed: () => false,
      mayAdopt: () => loading.now,
    };
    return { s: s as unknown as AdoptionSources, changed };
  }

  it('does not stand in for a snapshot once load() stopped collecting while the checkpoint was being checked', async () => {
    const path = join(dir.path, 'snap.ndjson');
    await writeFile(path, 'header\n');
    const file = { name: 'snap.ndjson', path, header: { heads: {} } } as unknown as SnapshotFile;
    const checkpoint = { header: {}, body: { writers: [], streams: [] } } as unknown as Checkpoint;
    const loading = { now: true };
    const late = sources(loading);
    const io = late.s.io as unknown as { stat: () => Promise<{ size: number }> };
    io.stat = async () => {
      loading.now = false; // load() gives up waiting while the share answers
      return { size: 1_000 };
    };
    const adoption = new CheckpointAdoption(late.s);
    expect(await adoption.adoptFromShare(file, checkpoint, Buffer.from(''))).toBe(false);
    expect(late.changed).toEqual([]);
    expect(adoption.history).toBeUndefined();

    const timely = sources({ now: true });
    const adopted = new CheckpointAdoption(timely.s);
    expect(await adopted.adoptFromShare(file, checkpoint, Buffer.from(''))).toBe(true);
    expect(timely.changed).toEqual(['held through the heads', 'heads adopted', 'collected events dropped', 'delivered']);
    await adopted.close();
  });
});
