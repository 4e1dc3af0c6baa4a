import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../renderer/src/api/api-client';

type Store = typeof import('../../renderer/src/state/workspace-store');

const incident = (id: string) => ({ id, version: '000000000000001:0000', status: 'new' });

/** A client that records calls and answers the two the workspace store makes. */
function fakeClient() {
  const calls: string[] = [];
  let connection: (connected: boolean) => void = () => {};
  const client = {
    call: vi.fn(async (method: string) => {
      calls.push(method);
      if (method === 'workspace.info') return { now: Date.now(), settings: { theme: 'dark' } };
      if (method === 'incidents.list') return { incidents: [incident('INC-2026-AAAAAA-1')] };
      throw new Error(`unexpected ${method}`);
    }),
    subscribe: () => () => {},
    onConnectionChange: (l: (connected: boolean) => void) => {
      connection = l;
      return () => {};
    },
  } as unknown as ApiClient;
  return { client, calls, setConnected: (c: boolean) => connection(c) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('workspace store: the active incidents load only for views that show them', () => {
  let store: Store;
  beforeEach(async () => {
    vi.resetModules(); // the wanted flag is module state: a fresh module per test
    store = await import('../../renderer/src/state/workspace-store');
  });

  it('connects with the workspace info alone, and loads the list once when a view asks for it', async () => {
    const { client, calls } = fakeClient();
    store.useWorkspace.getState().connect(client);
    await settle();
    expect(calls).toEqual(['workspace.info']);
    expect(store.useWorkspace.getState().incidentsLoaded).toBe(false);

    store.useWorkspace.getState().wantIncidents();
    store.useWorkspace.getState().wantIncidents();
    await settle();
    expect(calls).toEqual(['workspace.info', 'incidents.list']);
    expect(store.useWorkspace.getState().incidentsLoaded).toBe(true);
    expect(Object.keys(store.useWorkspace.getState().incidents)).toEqual(['INC-2026-AAAAAA-1']);
  });

  it('asked for before connecting, the list comes with the first load; a reconnect loads it again', async () => {
    const { client, calls, setConnected } = fakeClient();
    store.useWorkspace.getState().wantIncidents();
    store.useWorkspace.getState().connect(client);
    await settle();
    expect(calls.sort()).toEqual(['incidents.list', 'workspace.info']);

    setConnected(true);
    await settle();
    expect(calls.filter((c) => c === 'incidents.list')).toHaveLength(2);
  });
});
