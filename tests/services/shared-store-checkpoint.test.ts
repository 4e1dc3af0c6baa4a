import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../electron/services/shared-store/format';
import { startSla } from '../../electron/services/scheduler/sla-runtime';
import { openSharedStore } from '../../electron/services/shared-store';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import type { IncidentState } from '../../shared/domain/incident';
import { tempDir } from '../support/temp-dir';
import { openSharedWorkspace, stateHash, waitFor } from './fixtures/shared-store-helpers';

type Workspace = Awaited<ReturnType<typeof openSharedWorkspace>>;

describe('shared folder: folded-state checkpoints', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let share: string;
  let open: Workspace[] = [];
  const dataDirs = new Map<Workspace, string>();
  beforeEach(async () => {
    dir = await tempDir('wf-checkpoint-');
    share = join(dir.path, 'share');
    await mkdir(share);
  });
  afterEach(async () => {
    for (const w of open.splice(0)) await w.service.close();
    await dir.cleanup();
  });

  const workspace = async (name: string) => {
    const w = await openSharedWorkspace(join(dir.path, name), share, { snapshotReadThreshold: 2, maxSegmentEvents: 3 });
    open.push(w);
    dataDirs.set(w, join(dir.path, name));
    return w;
  };
  const close = async (w: Workspace) => {
    open = open.filter((x) => x !== w);
    await w.service.close();
  };
  /** Where a PC keeps its copy of the share's snapshot checkpoint (once the snapshot is copied and verified). */
  const localCheckpoint = (w: Workspace) => join(dataDirs.get(w)!, 'shared-store', w.service.storeStatus()!.storeId!, 'checkpoint.json');
  const call = <T = IncidentState>(w: Workspace, method: string, input: unknown) => w.service.call(method, input) as Promise<T>;
  const command = (w: Workspace, id: string, c: Record<string, unknown>) => call(w, 'incidents.command', { id, command: c });

  /**
   * Two PCs build a history: a resolved incident, a cancelled one, an active one each PC worked on;
   * one of them compacts (snapshot + checkpoint); then the cancelled one gets a note after the snapshot.
   */
  async function history() {
    const a = await workspace('pc-a');
    const b = await workspace('pc-b');
    const resolved = await call(a, 'incidents.create', { title: 'Payments API 502s', impact: 2, urgency: 2, services: ['Payments'] });
    const cancelled = await call(a, 'incidents.create', { title: 'Duplicate call about the lift', impact: 3, urgency: 3 });
    const active = await call(b, 'incidents.create', { title: 'Radio channel 4 silent', impact: 1, urgency: 2, category: 'Radio' });
    await waitFor('b sees a’s incidents', async () => (await call<{ incidents: unknown[] }>(b, 'incidents.list', { scope: 'all' })).incidents.length === 3);
    await command(b, resolved.id, { type: 'addEntry', kind: 'note', text: 'Vendor confirms a bad deploy' });
    await command(a, resolved.id, { type: 'transition', to: 'investigating' });
    await command(a, resolved.id, { type: 'assignRole', role: 'incident_manager', person: 'Ana Ruiz' });
    await command(a, resolved.id, { type: 'transition', to: 'resolved', resolution: { summary: 'Rolled back 4.2', code: 'Rolled back' } });
    await command(a, cancelled.id, { type: 'transition', to: 'cancelled', reason: 'Same as the lift call at 09:12' });
    await command(b, active.id, { type: 'addEntry', kind: 'note', text: 'Repeater site on mains again' });
    await command(a, active.id, { type: 'addTask', title: 'Call the tower owner', owner: 'Ben Ode' });
    await Promise.all([a.store.flush(), b.store.flush()]);
    await waitFor('both PCs converge', async () => (await stateHash(a.service)).hash === (await stateHash(b.service)).hash);
    const snapshot = await a.store.compact();
    expect(snapshot).toBeDefined();
    await command(b, cancelled.id, { type: 'addEntry', kind: 'note', text: 'Caller rang back: all fine' });
    await b.store.flush();
    await waitFor('a has the note', async () => (await stateHash(a.service)).hash === (await stateHash(b.service)).hash);
    return { a, b, snapshot: snapshot!, ids: { resolved: resolved.id, cancelled: cancelled.id, active: active.id } };
  }

  it('a new PC opens from the checkpoint: incidents are folded only when needed, and end exactly as on the PCs that recorded them', async () => {
    const { a, ids } = await history();
    const c = await workspace('pc-c');
    expect(c.service.storeStatus()?.warnings).toEqual([]);
    // The note after the snapshot needed the cancelled incident's events; nothing needed the others yet.
    expect([ids.resolved, ids.cancelled, ids.active].map((id) => c.service.isFolded(id))).toEqual([false, true, false]);
    // Listing the active incidents folds the active one (and only it).
    const active = await call<{ incidents: IncidentState[] }>(c, 'incidents.list', { scope: 'active' });
    expect(active.incidents.map((i) => i.id)).toEqual([ids.active]);
    expect(c.service.isFolded(ids.active)).toBe(true);
    expect(c.service.isFolded(ids.resolved)).toBe(false);
    expect(await call(c, 'incidents.get', { id: ids.active })).toEqual(await call(a, 'incidents.get', { id: ids.active }));
    // Trends read every incident once for its facts, without keeping the history folded.
    const query = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString(), granularity: 'day' };
    const trends = async (w: Workspace) => ({ ...(await call<Record<string, unknown>>(w, 'trends.query', query)), generatedAt: 'now' });
    expect(await trends(c)).toEqual(await trends(a));
    expect(c.service.isFolded(ids.resolved)).toBe(false);
    // Opening the resolved one folds it from the local copy of the snapshot: timeline, entries, roles as on a.
    expect(await call(c, 'incidents.get', { id: ids.resolved })).toEqual(await call(a, 'incidents.get', { id: ids.resolved }));
    expect((await stateHash(c.service)).hash).toBe((await stateHash(a.service)).hash);
    // Suggestions and new ids also know the incidents that were never folded.
    const info = await call<{ suggestions: { services: string[]; categories: string[] } }>(c, 'workspace.info', {});
    expect(info.suggestions.services).toContain('Payments');
    expect(info.suggestions.categories).toContain('Radio');

    // In the background the PC copied the snapshot and verified it; restarted, it starts from its
    // local copies (the share could be gone): again nothing folded before it is needed.
    await waitFor('the verified local copy', () => existsSync(localCheckpoint(c)));
    expect(c.service.storeStatus()?.historyLocal).toBe(true);
    await close(c);
    const again = await workspace('pc-c');
    expect(again.service.isFolded(ids.resolved)).toBe(false);
    expect(again.service.storeStatus()?.warnings).toEqual([]);
    // The console's "resolved" filter folds the resolved incidents, not the whole history.
    const resolved = await call<{ incidents: IncidentState[] }>(again, 'incidents.list', { scope: 'resolved' });
    expect(resolved.incidents.map((i) => i.id)).toEqual([ids.resolved]);
    expect(again.service.isFolded(ids.active)).toBe(false);
    expect((await stateHash(again.service)).hash).toBe((await stateHash(a.service)).hash);
  });

  it('at start, the SLA scheduler and the notification centre fold the active incidents, not the closed ones', async () => {
    const { ids } = await history();
    // A PC opening a day later: the closed incidents are past the notification centre's push window.
    const dataDir = join(dir.path, 'pc-c');
    const service = await WorkspaceService.open({
      dataDir,
      version: 'test',
      clock: { now: () => Date.now() + 86_400_000 },
      store: (writerId) => openSharedStore({ dataDir, sharedDir: share, writerId, pollMs: 150, snapshotReadThreshold: 2 }),
    });
    open.push({ service } as Workspace);
    await startSla(service, { scheduler: true, changeDelayMs: 0 });
    expect(service.isFolded(ids.active)).toBe(true);
    expect(service.isFolded(ids.resolved)).toBe(false);
    expect(service.isFolded(ids.cancelled)).toBe(true); // the note after the snapshot
  });

  it('a damaged checkpoint, or one folded by another version, is not used: the snapshot is parsed and the state is the same', async () => {
    const { a, snapshot } = await history();
    const path = join(share, 'snapshots', snapshot.replace(/\.ndjson$/, '.state.json'));
    const original = await readFile(path, 'utf8');
    await writeFile(path, original.replace('Payments API 502s', 'Payments API 503s'));
    const c = await workspace('pc-c');
    expect(c.service.storeStatus()?.warnings.map((w) => w.message).join('\n')).toMatch(/checkpoint not used \(damaged \(checksum mismatch\)\); the snapshot is read instead/);
    expect((await stateHash(c.service)).hash).toBe((await stateHash(a.service)).hash);

    const [header, body] = original.split('\n');
    await writeFile(path, `${JSON.stringify({ ...JSON.parse(header!), fold: 'fold 0' })}\n${body}\n`);
    const d = await workspace('pc-d');
    expect(d.service.storeStatus()?.warnings.map((w) => w.message).join('\n')).toMatch(/checkpoint not used \(folded by another app version\)/);
    expect((await stateHash(d.service)).hash).toBe((await stateHash(a.service)).hash);
  });

  it('a damaged snapshot behind an intact checkpoint: found by the background check, and the segments it covers are read after all', async () => {
    const { a, snapshot } = await history();
    const path = join(share, 'snapshots', snapshot);
    await writeFile(path, (await readFile(path, 'utf8')).replace('Vendor confirms a bad deploy', 'Vendor confirms a bad deplox'));
    const c = await workspace('pc-c');
    await waitFor('the damage found', () => (c.service.storeStatus()?.warnings ?? []).some((w) => /snapshot is damaged \(checksum mismatch\)/.test(w.message)));
    // The damaged record fails its line hash and is skipped; its copy in the segment takes its place.
    await waitFor('the same state as a', async () => (await stateHash(c.service)).hash === (await stateHash(a.service)).hash);
    expect(existsSync(localCheckpoint(c))).toBe(false);
  });

  it('a snapshot whose chain does not match its checkpoint: the link is reported once the copy is checked, and the events are used, as when a snapshot is parsed', async () => {
    const { a, snapshot } = await history();
    const snapPath = join(share, 'snapshots', snapshot);
    const lines = (await readFile(snapPath, 'utf8')).split('\n');
    // Someone rewrites one record's previous-event hash and fixes up the checksums (not the chain).
    const at = 3;
    lines[at] = `${lines[at]!.slice(0, 65)}${'f'.repeat(64)}${lines[at]!.slice(129)}`;
    const snapHeader = JSON.parse(lines[0]!);
    const body = lines.slice(1).join('\n');
    snapHeader.bodySha256 = sha256Hex(body);
    await writeFile(snapPath, `${JSON.stringify(snapHeader)}\n${body}`);
    const cpPath = join(share, 'snapshots', snapshot.replace(/\.ndjson$/, '.state.json'));
    const [cpHeader, cpBody] = (await readFile(cpPath, 'utf8')).split('\n');
    await writeFile(cpPath, `${JSON.stringify({ ...JSON.parse(cpHeader!), snapshotBodySha256: snapHeader.bodySha256 })}\n${cpBody}\n`);

    const c = await workspace('pc-c');
    const messages = () => c.service.storeStatus()?.warnings.map((w) => w.message).join('\n') ?? '';
    await waitFor('the background check', () => /writer \S+ seq 3: previous-event hash does not match/.test(messages()));
    // The records themselves are intact (each line's hash holds): the state is the same.
    expect((await stateHash(c.service)).hash).toBe((await stateHash(a.service)).hash);
  });

  /** PC a records an incident with `notes` and goes away; b works on (one segment a note) while a is away. */
  async function awayWhileOthersWork(notes: string[]) {
    const a = await workspace('pc-a');
    const b = await workspace('pc-b');
    const own = await call(a, 'incidents.create', { title: 'Lift stuck, floor 3', impact: 2, urgency: 2 });
    for (const text of notes) await command(a, own.id, { type: 'addEntry', kind: 'note', text });
    await a.store.flush();
    await close(a);
    await waitFor('b sees a’s incident', async () => (await call(b, 'incidents.get', { id: own.id }).catch(() => undefined))?.timeline.length === notes.length + 1);
    const theirs = await call(b, 'incidents.create', { title: 'Fire alarm, block C', impact: 2, urgency: 2 });
    for (let i = 0; i < 6; i++) {
      await command(b, theirs.id, { type: 'addEntry', kind: 'note', text: `b note ${i}` });
      await b.store.flush();
    }
    return { b, own, theirs };
  }

  it('a PC whose own events a checkpoint holds goes on with its next seq: its new events reach the others and survive restarts', async () => {
    const { b, own, theirs } = await awayWhileOthersWork(['a note 0', 'a note 1', 'a note 2', 'a note 3', 'a note 4']);
    expect(await b.store.compact()).toBeDefined();
    for (let i = 0; i < 4; i++) {
      await command(b, theirs.id, { type: 'addEntry', kind: 'note', text: `b later ${i}` });
      await b.store.flush();
    }
    // a comes back: far enough behind to open through the checkpoint, which holds a's own six events.
    let a = await workspace('pc-a');
    expect(a.service.isFolded(own.id)).toBe(false);
    const after = await command(a, own.id, { type: 'addEntry', kind: 'note', text: 'after the restart' });
    expect(after.timeline.at(-1)!.seq).toBe(7);
    await a.store.flush();
    await waitFor('b has the note', async () => (await call(b, 'incidents.get', { id: own.id })).timeline.some((e) => (e.data as { text?: string }).text === 'after the restart'));
    await waitFor('the verified local copy', () => existsSync(localCheckpoint(a)));
    await close(a);
    a = await workspace('pc-a');
    expect((await call(a, 'incidents.get', { id: own.id })).timeline.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await stateHash(a.service)).hash).toBe((await stateHash(b.service)).hash);
  });

  it('a damaged record of this PC’s own in the snapshot: its events are delivered again and read from the segments', async () => {
    const { b, own } = await awayWhileOthersWork(['Facilities on the way']);
    const path = join(share, 'snapshots', (await b.store.compact())!);
    await writeFile(path, (await readFile(path, 'utf8')).replace('Facilities on the way', 'Facilities on the wax'));
    const a = await workspace('pc-a');
    await waitFor('the damage found', () => (a.service.storeStatus()?.warnings ?? []).some((w) => /damaged/.test(w.message)));
    await waitFor('a converges with b', async () => (await stateHash(a.service)).hash === (await stateHash(b.service)).hash);
    expect((await call(a, 'incidents.get', { id: own.id })).entries.map((e) => e.text)).toEqual(['Facilities on the way']);
  });

  it('a truncated snapshot behind an intact checkpoint: the PC starts, parses what it can, and ends with every event', async () => {
    const { a, snapshot } = await history();
    const path = join(share, 'snapshots', snapshot);
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const c = await workspace('pc-c');
    expect(c.service.storeStatus()?.warnings.map((w) => w.message).join('\n')).toMatch(/checkpoint not used \(the snapshot is shorter than its checkpoint says\)/);
    await waitFor('c converges with a', async () => (await stateHash(c.service)).hash === (await stateHash(a.service)).hash);
  });

  it('a first read that outlasts the start’s wait does not stand in a checkpoint: the events arrive as events', async () => {
    const { a } = await history();
    // load() hands over before its first read of the share is done; that read ends after it.
    const late = await openSharedWorkspace(join(dir.path, 'pc-late'), share, { snapshotReadThreshold: 2, loadWaitMs: 1 });
    open.push(late);
    await waitFor('the late PC converges with a', async () => (await stateHash(late.service)).hash === (await stateHash(a.service)).hash);
  });
});
