import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/api';
import { StoreStatusSchema, type StoreStatus } from '../../shared/contract/store-api';
import { StreamMessageSchema, type StreamMessage } from '../../shared/contract/stream';
import { MachineSettingsStore } from '../../electron/services/settings/machine-settings';
import { streamStoreStatus } from '../../electron/services/workspace/store-status-stream';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';
import { openSharedWorkspace, sleep, waitFor } from './fixtures/shared-store-helpers';

const status = async (ws: WorkspaceService, readOnly = false) => StoreStatusSchema.parse(await ws.call('store.status', {}, { readOnly }));

async function refusal(p: Promise<unknown>): Promise<ApiError['body']> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err.body;
}

describe('store.* handlers', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const open: WorkspaceService[] = [];
  beforeEach(async () => {
    dir = await tempDir('wf-store-api-');
  });
  afterEach(async () => {
    for (const ws of open.splice(0)) await ws.close();
    await dir.cleanup();
  });

  it('answers disabled on the local journal only, and saves an absolute folder for the next start', async () => {
    const ws = await WorkspaceService.open({ dataDir: join(dir.path, 'a'), version: 'test' });
    open.push(ws);
    expect(await status(ws)).toMatchObject({ state: 'disabled', activeDir: null, configuredDir: null, pending: 0, writers: [], warnings: [] });

    const saved = await ws.call('store.setSharedDir', { sharedDir: '/mnt/share/watchfloor/' });
    expect(saved).toMatchObject({ configuredDir: '/mnt/share/watchfloor/', activeDir: null, restartRequired: true });
    expect((saved as { message: string }).message).toMatch(/from its next start/);
    expect(await status(ws)).toMatchObject({ state: 'disabled', configuredDir: '/mnt/share/watchfloor/' });
    // Saved in this machine's settings.json, where the next start reads it.
    expect((await MachineSettingsStore.open(join(dir.path, 'a'))).store.sharedDir).toBe('/mnt/share/watchfloor/');

    const cleared = await ws.call('store.setSharedDir', { sharedDir: null });
    expect(cleared).toMatchObject({ configuredDir: null, activeDir: null, restartRequired: false });
  });

  it('refuses a relative path, naming the field, and settings.update cannot set the folder', async () => {
    const ws = await WorkspaceService.open({ dataDir: dir.path, version: 'test' });
    open.push(ws);
    expect(await refusal(ws.call('store.setSharedDir', { sharedDir: 'share/watchfloor' }))).toMatchObject({ code: 'invalid_input', field: 'sharedDir' });
    expect(await refusal(ws.call('store.setSharedDir', { sharedDir: '' }))).toMatchObject({ code: 'invalid_input', field: 'sharedDir' });
    // Absolute on Windows only: the host checks its own platform's rule.
    if (process.platform !== 'win32') expect(await refusal(ws.call('store.setSharedDir', { sharedDir: 'C:\\share' }))).toMatchObject({ code: 'invalid_input', field: 'sharedDir' });
    expect(await refusal(ws.call('settings.update', { sharedDir: '/mnt/x' }))).toMatchObject({ code: 'invalid_input' });
    expect(ws.savedSharedDir).toBeNull();
  });

  it('lets a read-only (wall token) caller read the status but never set the folder or sync', async () => {
    const ws = await WorkspaceService.open({ dataDir: dir.path, version: 'test' });
    open.push(ws);
    expect((await status(ws, true)).state).toBe('disabled');
    expect(await refusal(ws.call('store.setSharedDir', { sharedDir: '/mnt/share' }, { readOnly: true }))).toMatchObject({ code: 'forbidden' });
    expect(await refusal(ws.call('store.syncNow', {}, { readOnly: true }))).toMatchObject({ code: 'forbidden' });
    expect(ws.savedSharedDir).toBeNull();
  });

  it('reports a shared folder: connected, the folder in use, writers with last seen and online; syncNow answers the status', async () => {
    const share = join(dir.path, 'share');
    await mkdir(share);
    const a = await openSharedWorkspace(join(dir.path, 'a'), share);
    const b = await openSharedWorkspace(join(dir.path, 'b'), share);
    open.push(a.service, b.service);
    await a.service.call('incidents.create', { title: 'Radio link down', impact: 1, urgency: 1 });
    await waitFor('b sees a as a writer', async () => (await status(b.service)).writers.some((w) => !w.self && w.writerName === join(dir.path, 'a')));

    const s = await status(b.service);
    expect(s).toMatchObject({ state: 'connected', activeDir: share, configuredDir: null, heldBack: 0, warnings: [] });
    expect(s.storeId).toMatch(/[0-9a-f-]{36}/);
    expect(Date.parse(s.lastSyncAt!)).toBeGreaterThan(Date.now() - 60_000);
    const other = s.writers.find((w) => !w.self)!;
    expect(other).toMatchObject({ writerId: a.service.writerId, online: true, host: expect.any(String), lastSeen: expect.any(String) });
    expect(s.writers.find((w) => w.self)).toMatchObject({ writerId: b.service.writerId, online: true });

    const synced = StoreStatusSchema.parse(await b.service.call('store.syncNow', {}));
    expect(synced.state).toBe('connected');

    // Saving the folder already in use needs no restart.
    expect(await b.service.call('store.setSharedDir', { sharedDir: share })).toMatchObject({ configuredDir: share, activeDir: share, restartRequired: false });
  });

  it('pushes store messages when the status changes, at most twice a second, with the pending count', async () => {
    const share = join(dir.path, 'share');
    await mkdir(share);
    const a = await openSharedWorkspace(join(dir.path, 'a'), share);
    open.push(a.service);
    streamStoreStatus(a.service, { refreshMs: 60_000 });
    const messages: Array<{ at: number; status: StoreStatus }> = [];
    a.service.subscribe((m: StreamMessage) => {
      if (m.kind !== 'store') return;
      expect(StreamMessageSchema.safeParse(m).success).toBe(true);
      messages.push({ at: performance.now(), status: m.status });
    });

    await rename(share, `${share}-away`);
    await a.store.syncNow();
    const started = performance.now();
    for (let i = 0; i < 12; i++) {
      await a.service.call('incidents.create', { title: `Burst ${i}`, impact: 3, urgency: 3 });
      await sleep(50);
    }
    await waitFor('the last count is pushed', () => messages.at(-1)?.status.pending === 12);
    const elapsed = performance.now() - started;
    expect(messages.at(-1)!.status).toMatchObject({ state: 'offline' });
    // Nobody counts as online through a share this PC cannot reach.
    expect(messages.at(-1)!.status.writers.filter((w) => w.online)).toEqual([]);
    // ≤ 2 a second (plus the first): throttled, not one per append.
    expect(messages.length).toBeLessThanOrEqual(Math.ceil(elapsed / 500) + 1);
    for (let i = 1; i < messages.length; i++) expect(messages[i]!.at - messages[i - 1]!.at).toBeGreaterThanOrEqual(450);

    await rename(`${share}-away`, share);
    await waitFor('published after the share is back', () => messages.at(-1)?.status.state === 'connected' && messages.at(-1)?.status.pending === 0);
  });
});
