import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';
import { openSharedWorkspace, openStore, pushStore, rng, spawnWriter, stateHash } from './fixtures/shared-store-helpers';

const WRITERS = 5;
const EVENTS_PER_WRITER = 2000;

describe('shared folder convergence', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir('wf-converge-');
  });
  afterAll(() => dir.cleanup());

  it(
    `${WRITERS} writer processes × ${EVENTS_PER_WRITER} events with pauses, restarts and kills converge to one state`,
    async () => {
      const t0 = performance.now();
      const share = join(dir.path, 'share');
      await mkdir(share);
      const random = rng(20260301);
      const acked: string[][] = Array.from({ length: WRITERS }, () => []);
      let kills = 0;
      let restarts = 0;

      const runWriter = async (i: number) => {
        const dataDir = join(dir.path, `pc-${i}`);
        let lifetime = 0;
        while (acked[i]!.length < EVENTS_PER_WRITER) {
          const remaining = EVENTS_PER_WRITER - acked[i]!.length;
          const calls = Math.min(remaining, 700 + Math.floor(random() * 800));
          const child = spawnWriter(['workspace', '--data', dataDir, '--share', share, '--count', String(calls), '--seed', String(i * 1000 + lifetime), '--poll', '150']);
          lifetime++;
          if (lifetime > 1) restarts++;
          if (calls > 100 && calls < remaining && random() < 0.6) {
            // Kill it mid-run: acknowledged events must still get out on its next start.
            const at = 20 + Math.floor(random() * (calls - 40));
            const timer = setInterval(() => {
              if (child.acked.length >= at) {
                child.proc.kill('SIGKILL');
                clearInterval(timer);
              }
            }, 5);
            const exit = await child.exited;
            clearInterval(timer);
            if (exit.signal === 'SIGKILL') kills++;
            else expect(exit, child.stderr()).toEqual({ code: 0, signal: null });
          } else {
            const exit = await child.exited;
            expect(exit, child.stderr()).toEqual({ code: 0, signal: null });
          }
          acked[i]!.push(...child.acked);
        }
      };
      // Staggered starts so the processes overlap in different phases.
      await Promise.all(Array.from({ length: WRITERS }, (_, i) => new Promise((r) => setTimeout(r, i * 150)).then(() => runWriter(i))));
      const tWriters = performance.now();
      const allAcked = acked.flat();
      expect(new Set(allAcked).size).toBe(allAcked.length);
      for (const a of acked) expect(a.length).toBeGreaterThanOrEqual(EVENTS_PER_WRITER);

      // Each writer's last run ended cleanly and published everything (a killed run is always
      // followed by another, which publishes what the kill left pending when it starts).
      const tFlush = performance.now();
      const hashes: string[] = [];
      const readers = [...Array.from({ length: WRITERS }, (_, i) => join(dir.path, `pc-${i}`)), join(dir.path, 'fresh-reader')];
      for (const dataDir of readers) {
        const { service, store } = await openSharedWorkspace(dataDir, share);
        const h = await stateHash(service);
        hashes.push(h.hash);
        // At least every acknowledged event; a kill between fsync and printing the ack adds a few more.
        expect(h.events).toBeGreaterThanOrEqual(allAcked.length);
        expect(store.status().warnings).toEqual([]);
        expect(store.status().pending).toBe(0);
        await service.close();
      }
      expect(new Set(hashes).size).toBe(1);

      const tReaders = performance.now();
      // Every acknowledged event is in the folded state.
      const { store: raw, events } = await openStore(join(dir.path, 'raw-reader'), share, 'raw-reader');
      await raw.close();
      const ids = new Set(events.map((e) => e.id));
      expect(allAcked.filter((id) => !ids.has(id))).toEqual([]);
      expect(events.length).toBeLessThan(allAcked.length + 200);
      const heads = raw.chainHeads();
      for (const w of Object.keys(heads)) expect(heads[w]!.gaps, w).toEqual([]);

      // The same events in shuffled order, in random chunks, fold to the same state.
      const shuffled = [...events];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const push = pushStore();
      const service = await WorkspaceService.open({ dataDir: join(dir.path, 'shuffled'), version: 'test', store: push });
      for (let i = 0; i < shuffled.length; ) {
        const n = 1 + Math.floor(random() * 200);
        push.push(shuffled.slice(i, i + n));
        i += n;
      }
      expect((await stateHash(service)).hash).toBe(hashes[0]);
      await service.close();
      console.log(`convergence: ${allAcked.length} events, ${restarts} restarts, ${kills} kills; writers ${Math.round(tWriters - t0)} ms, flush ${Math.round(tFlush - tWriters)} ms, readers ${Math.round(tReaders - tFlush)} ms, rest ${Math.round(performance.now() - tReaders)} ms`);
      expect(restarts).toBeGreaterThan(0);
    },
    300_000, // ~45 s on an idle 2-core machine; generous for loaded CI runners
  );
});
