import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { bundleWriter, openStore, rng, sleep, spawnWriter, type Child } from './fixtures/shared-store-helpers';

const KILLS = Number(process.env.WF_CRASH_KILLS ?? 110);

describe('shared folder crash safety', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir('wf-crash-');
  });
  afterAll(() => dir.cleanup());

  it(
    `loses no acknowledged event across ${KILLS} kill -9 of a writer in mid-burst`,
    async () => {
      const share = join(dir.path, 'share');
      const dataDir = join(dir.path, 'pc');
      await mkdir(share);
      const writer = 'crash-writer';
      const random = rng(4242);
      const acked = new Set<string>();
      const args = (i: number) => ['raw', '--data', dataDir, '--share', share, '--writer', writer, '--wait-go', '--poll', '50', '--seed', String(i)];
      // The fixture compiled once: 110 processes × tsx start-up would dominate the run.
      const bundle = await bundleWriter(dir.path);
      // The next writers boot while the current one runs; they touch nothing until "go".
      const POOL = 2;
      const pool: Child[] = Array.from({ length: POOL }, (_, i) => spawnWriter(args(i), bundle));
      let tornTails = 0;
      let events = 0;
      for (let k = 0; k < KILLS; k++) {
        const child = pool.shift()!;
        await child.waitLine((l) => l === 'booted');
        const tGo = performance.now();
        child.proc.stdin!.write('go\n');
        await child.waitLine((l) => l.startsWith('ready'));
        const tReady = performance.now();
        pool.push(spawnWriter(args(k + POOL), bundle));
        await sleep(20 + Math.floor(random() * 180));
        child.proc.kill('SIGKILL');
        const exit = await child.exited;
        expect(exit.signal, child.stderr()).toBe('SIGKILL');
        for (const id of child.acked) acked.add(id);

        // Reopen: the store opens, and every acknowledged event is there.
        const tKilled = performance.now();
        const reopened = await openStore(dataDir, share, writer, { pollMs: 60_000 });
        const ids = new Set(reopened.events.map((e) => e.id));
        expect([...acked].filter((id) => !ids.has(id))).toEqual([]);
        events = reopened.events.length;
        const unexpected = reopened.warnings.filter((w) => !/torn last record/.test(w.message));
        tornTails += reopened.warnings.length - unexpected.length;
        expect(unexpected).toEqual([]);
        expect(reopened.store.status().state).toBe('connected');
        await reopened.store.close();
        if (process.env.WF_DEBUG) console.log(k, 'ready', Math.round(tReady - tGo), 'run+kill', Math.round(tKilled - tReady), 'reopen', Math.round(performance.now() - tKilled), acked.size, events);
      }
      for (const c of pool) c.proc.kill('SIGKILL');
      await Promise.all(pool.map((c) => c.exited));

      // Another PC sees every acknowledged event, with an intact chain and no damaged files.
      const other = await openStore(join(dir.path, 'other-pc'), share, 'other');
      const seen = new Set(other.events.map((e) => e.id));
      expect([...acked].filter((id) => !seen.has(id))).toEqual([]);
      expect(other.store.chainHeads()[writer]).toMatchObject({ seq: events, contiguousTo: events, gaps: [] });
      expect(other.store.status().warnings).toEqual([]);
      await other.store.close();
      console.log(`crash: ${KILLS} kills, ${acked.size} acknowledged events, ${events} stored, ${tornTails} torn journal tails cut`);
      expect(acked.size).toBeGreaterThan(KILLS);
    },
    400_000, // ~45 s on an idle 2-core machine; generous for loaded CI runners
  );
});
