import { EventEmitter } from 'node:events';
import type { IpcRenderer } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { IPC_CHANNELS } from '../../shared/contract/ipc-channels';
import type { StreamMessage } from '../../shared/contract/stream';
import { createIpcClient } from '../../renderer/src/api/ipc-client';
import type { PreloadBridge } from '../../renderer/src/api/preload-bridge';
import { createBridge, type WatchfloorBridge } from '../../electron/preload/bridge';

/** An ipcRenderer stand-in: an EventEmitter whose invoke answers like the main process would. */
function fakeIpcRenderer(answer: (channel: string, ...args: unknown[]) => unknown) {
  const emitter = new EventEmitter();
  const invocations: unknown[][] = [];
  const ipc = Object.assign(emitter, {
    invoke: async (channel: string, ...args: unknown[]) => {
      invocations.push([channel, ...args]);
      return answer(channel, ...args);
    },
  });
  return { ipc: ipc as unknown as Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, emitter, invocations };
}

describe('preload bridge', () => {
  it("matches the renderer's PreloadBridge in both directions", () => {
    expectTypeOf<WatchfloorBridge>().toExtend<PreloadBridge>();
    expectTypeOf<PreloadBridge>().toExtend<WatchfloorBridge>();
  });

  it('invokes the one invoke channel with method and input', async () => {
    const { ipc, invocations } = fakeIpcRenderer(() => ({ ok: true, value: { incidents: [] } }));
    const bridge = createBridge(ipc);
    expect(await bridge.invoke('incidents.list', { scope: 'all' })).toEqual({ ok: true, value: { incidents: [] } });
    expect(invocations).toEqual([[IPC_CHANNELS.invoke, 'incidents.list', { scope: 'all' }]]);
  });

  it('asks the main process for a report PDF on its own channel', async () => {
    const { ipc, invocations } = fakeIpcRenderer(() => ({ ok: true, value: { canceled: true } }));
    expect(await createBridge(ipc).exportReport({ kind: 'situation' })).toEqual({ ok: true, value: { canceled: true } });
    expect(invocations).toEqual([[IPC_CHANNELS.exportReport, { kind: 'situation' }]]);
  });

  it("feeds the renderer's IPC client: errors come back as ApiErrors", async () => {
    const { ipc } = fakeIpcRenderer(() => ({ ok: false, error: { code: 'invalid_input', message: 'impact: Invalid input', field: 'impact' } }));
    const client = createIpcClient(createBridge(ipc));
    await expect(client.call('incidents.create', { title: 'x', impact: 1, urgency: 1 })).rejects.toMatchObject({ body: { code: 'invalid_input', field: 'impact' } });
  });

  it('relays stream messages without the IPC event, and unsubscribes', () => {
    const { ipc, emitter } = fakeIpcRenderer(() => undefined);
    const bridge = createBridge(ipc);
    const seen: unknown[][] = [];
    const off = bridge.onStream((...args: unknown[]) => seen.push(args));
    const message: StreamMessage = { kind: 'settings' };
    emitter.emit(IPC_CHANNELS.stream, { sender: 'ipc-event-with-internals' }, message);
    expect(seen).toEqual([[message]]);
    off();
    expect(emitter.listenerCount(IPC_CHANNELS.stream)).toBe(0);
    emitter.emit(IPC_CHANNELS.stream, {}, message);
    expect(seen).toHaveLength(1);
  });
});
