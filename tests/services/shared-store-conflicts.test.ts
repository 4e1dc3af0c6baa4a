import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentState } from '../../shared/domain/incident';
import { describeConflict } from '../../renderer/src/features/console/conflict-sentence';
import { tempDir } from '../support/temp-dir';
import { openSharedWorkspace, sleep, stateHash, waitFor } from './fixtures/shared-store-helpers';

describe('shared folder: concurrent changes', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let share: string;
  beforeEach(async () => {
    dir = await tempDir('wf-conflict-');
    share = join(dir.path, 'share');
    await mkdir(share);
  });
  afterEach(() => dir.cleanup());

  it('two PCs change the status while cut off from each other; once converged both show the same conflict', async () => {
    const a = await openSharedWorkspace(join(dir.path, 'a'), share);
    const b = await openSharedWorkspace(join(dir.path, 'b'), share);
    const get = (ws: typeof a, id: string) => ws.service.call('incidents.get', { id }) as Promise<IncidentState>;
    const { id } = (await a.service.call('incidents.create', { title: 'Radio outage', impact: 2, urgency: 2 })) as IncidentState;
    await waitFor('b sees the incident', async () => Boolean(await get(b, id).catch(() => undefined)));
    await waitFor('presence of both', () => [a, b].every((w) => (w.service.storeStatus()?.writers.length ?? 0) === 2));
    const names = new Map(a.service.storeStatus()!.writers.map((w) => [w.writerId, w.writerName]));

    // The share goes away: each PC keeps working on its own journal.
    await rename(share, `${share}-away`);
    await Promise.all([a.store.syncNow(), b.store.syncNow()]);
    expect([a.service.storeStatus()?.state, b.service.storeStatus()?.state]).toEqual(['offline', 'offline']);
    await a.service.call('incidents.command', { id, command: { type: 'transition', to: 'acknowledged' } });
    await sleep(5); // b's change is later on the (shared) clock: it is the one kept
    await b.service.call('incidents.command', { id, command: { type: 'transition', to: 'investigating' } });
    expect((await get(a, id)).conflicts).toEqual([]); // nothing to compare with yet
    expect((await get(b, id)).conflicts).toEqual([]);

    await rename(`${share}-away`, share);
    await waitFor('both converge', async () => (await get(a, id)).timeline.length === 3 && (await get(b, id)).timeline.length === 3);
    const [sa, sb] = [await get(a, id), await get(b, id)];
    expect(sa).toEqual(sb);
    expect((await stateHash(a.service)).hash).toBe((await stateHash(b.service)).hash);
    expect(sa.status).toBe('investigating');
    const [fromA, fromB] = [sa.timeline[1]!, sa.timeline[2]!];
    expect(sa.conflicts).toEqual([
      {
        eventId: fromB.id,
        overriddenEventId: fromA.id,
        field: 'status',
        winner: { value: 'investigating', actor: fromB.actor, writerId: fromB.writerId },
        loser: { value: 'acknowledged', actor: fromA.actor, writerId: fromA.writerId },
        at: fromB.recordedAt,
      },
    ]);
    expect(fromA.writerId).not.toBe(fromB.writerId);
    // What both consoles say, with each desk's name from presence.
    const sentence = describeConflict(sa.conflicts[0]!, { time: (iso) => iso.slice(11, 16), writerName: (w) => names.get(w) });
    expect(sentence).toContain(`(${names.get(fromA.writerId)}) and `);
    expect(sentence).toMatch(/both changed the status at \d\d:\d\d — Investigating \(later\) kept, Acknowledged overridden$/);
    await a.service.close();
    await b.service.close();
  });
});
