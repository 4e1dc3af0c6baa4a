import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, ApiErrorSchema, type MethodOutput } from '../../shared/contract/api';
import { IPC_CHANNELS } from '../../shared/contract/ipc-channels';
import { StreamMessageSchema } from '../../shared/contract/stream';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { createInvokeHandler, registerIpc, type IpcMainLike, type IpcReply, type StreamTarget } from '../../electron/main/ipc';
import { trustedOrigins } from '../../electron/main/security';
import { tempDir } from '../support/temp-dir';

type Incident = MethodOutput<'incidents.get'>;

const origins = trustedOrigins();
const fromApp = { senderFrame: { url: 'app://watchfloor/index.html' } };
const fromWall = { senderFrame: { url: 'app://watchfloor/index.html#/wall?priority=P1' } };

async function journalText(dataDir: string): Promise<string> {
  return readFile(join(dataDir, 'journal', 'events.ndjson'), 'utf8').catch(() => '');
}

function expectError(reply: IpcReply) {
  expect(reply.ok).toBe(false);
  if (reply.ok) throw new Error('unreachable');
  expect(ApiErrorSchema.safeParse(reply.error).success, 'error matches the contract').toBe(true);
  return reply.error;
}

describe('IPC invoke handler over a real WorkspaceService', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let service: WorkspaceService;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-ipc-');
    service = await WorkspaceService.open({ dataDir: dir.path, version: 'test' });
  });
  afterEach(async () => {
    await service.close();
    await dir.cleanup();
  });

  it('runs a valid call and returns { ok: true, value } that survives structured cloning', async () => {
    const handle = createInvokeHandler({ service, origins });
    const reply = await handle(fromApp, 'incidents.create', { title: 'Radio channel 3 down', impact: 1, urgency: 1 });
    expect(reply.ok).toBe(true);
    const created = (reply as { ok: true; value: Incident }).value;
    expect(created.id).toMatch(/^INC-\d{4}-[A-Z0-9]{6}-1$/);
    expect(created.priority).toBe('P1');
    expect(structuredClone(reply)).toEqual(reply); // what Electron's IPC does to it

    const listed = await handle(fromWall, 'incidents.list', {});
    expect(listed).toEqual({ ok: true, value: { incidents: [expect.objectContaining({ id: created.id, title: 'Radio channel 3 down' })] } });
    expect(await journalText(dir.path)).toContain(created.id);
  });

  it('answers invalid input with invalid_input naming the field, and writes nothing', async () => {
    const handle = createInvokeHandler({ service, origins });
    const error = expectError(await handle(fromApp, 'incidents.create', { title: 'Smoke alarm', impact: 7, urgency: 1 }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'impact' });

    const extra = expectError(await handle(fromApp, 'incidents.list', { scope: 'active', admin: true }));
    expect(extra.code).toBe('invalid_input');

    const missing = expectError(await handle(fromApp, 'incidents.create', { impact: 1, urgency: 1 }));
    expect(missing).toMatchObject({ code: 'invalid_input', field: 'title' });
    expect(await journalText(dir.path)).toBe('');
  });

  it('answers an unknown method with unknown_method', async () => {
    const handle = createInvokeHandler({ service, origins });
    expect(expectError(await handle(fromApp, 'incidents.delete', { id: 'x' })).code).toBe('unknown_method');
    expect(expectError(await handle(fromApp, '__proto__', {})).code).toBe('unknown_method');
    expect(expectError(await handle(fromApp, 42, {})).code).toBe('unknown_method');
  });

  it('passes domain errors through with their code and field', async () => {
    const handle = createInvokeHandler({ service, origins });
    expect(expectError(await handle(fromApp, 'incidents.get', { id: 'INC-1999-XXXX-1' }))).toMatchObject({ code: 'not_found', field: 'id' });
  });

  it.each([
    ['a foreign web page', { senderFrame: { url: 'http://evil.example/' } }],
    ['a local file', { senderFrame: { url: 'file:///tmp/evil.html' } }],
    ['another app:// host', { senderFrame: { url: 'app://evil/index.html' } }],
    ['the dev server when not in development', { senderFrame: { url: 'http://localhost:5173/' } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('rejects calls from %s and changes nothing', async (_what, event) => {
    const call = vi.spyOn(service, 'call');
    const handle = createInvokeHandler({ service, origins });
    const error = expectError(await handle(event, 'incidents.create', { title: 'Injected', impact: 1, urgency: 1 }));
    expect(error.code).toBe('forbidden');
    expect(call).not.toHaveBeenCalled();
    expect(await journalText(dir.path)).toBe('');
    expect(await service.call('incidents.list', { scope: 'all' })).toEqual({ incidents: [] });
  });

  it('turns unexpected failures into internal without leaking the message', async () => {
    const logError = vi.fn();
    const handle = createInvokeHandler({ service: { call: () => Promise.reject(new Error('EACCES /secret/path')) }, origins, logError });
    const error = expectError(await handle(fromApp, 'incidents.list', {}));
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('/secret/path');
    expect(logError).toHaveBeenCalledOnce();
  });

  it('does not log expected ApiErrors', async () => {
    const logError = vi.fn();
    const handle = createInvokeHandler({
      service: { call: () => Promise.reject(new ApiError({ code: 'rule', message: 'Needs a resolution', rule: 'resolution-required' })) },
      origins,
      logError,
    });
    expect(expectError(await handle(fromApp, 'incidents.command', {}))).toEqual({ code: 'rule', message: 'Needs a resolution', rule: 'resolution-required' });
    expect(logError).not.toHaveBeenCalled();
  });
});

describe('registerIpc', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let service: WorkspaceService;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-ipc-');
    service = await WorkspaceService.open({ dataDir: dir.path, version: 'test' });
  });
  afterEach(async () => {
    await service.close();
    await dir.cleanup();
  });

  function fakeIpcMain() {
    const handlers = new Map<string, (event: any, ...args: any[]) => Promise<unknown>>();
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel) => void handlers.delete(channel),
    };
    return { ipcMain, handlers };
  }

  function window(url: string, destroyed = false) {
    const sent: { channel: string; message: unknown }[] = [];
    const target: StreamTarget = { isDestroyed: () => destroyed, getURL: () => url, send: (channel, message) => void sent.push({ channel, message }) };
    return { target, sent };
  }

  it('handles the invoke channel and pushes stream messages to every app window', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const consoleWin = window('app://watchfloor/index.html');
    const wallWin = window('app://watchfloor/index.html#/wall');
    const closed = window('app://watchfloor/index.html', true);
    const hijacked = window('https://evil.example/');
    const dispose = registerIpc({ ipcMain, service, origins, targets: () => [consoleWin.target, wallWin.target, closed.target, hijacked.target] });

    const invoke = handlers.get(IPC_CHANNELS.invoke)!;
    expect(invoke).toBeTypeOf('function');
    const reply = (await invoke(fromApp, 'incidents.create', { title: 'Flooding in hall B', impact: 2, urgency: 1 })) as IpcReply;
    expect(reply.ok).toBe(true);

    for (const w of [consoleWin, wallWin]) {
      expect(w.sent).toHaveLength(1);
      expect(w.sent[0]!.channel).toBe(IPC_CHANNELS.stream);
      const message = StreamMessageSchema.parse(w.sent[0]!.message);
      expect(message.kind === 'incidents' && message.incidents.map((i) => i.title)).toEqual(['Flooding in hall B']);
    }
    expect(closed.sent).toEqual([]);
    expect(hijacked.sent).toEqual([]);

    dispose();
    expect(handlers.has(IPC_CHANNELS.invoke)).toBe(false);
    await service.call('incidents.create', { title: 'After dispose', impact: 3, urgency: 3 });
    expect(consoleWin.sent).toHaveLength(1);
  });
});
