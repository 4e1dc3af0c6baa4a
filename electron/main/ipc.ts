import type { IpcMainInvokeEvent } from 'electron';
import { ApiError, type ApiErrorBody } from '../../shared/contract/api';
import { IPC_CHANNELS } from '../../shared/contract/ipc-channels';
import type { StreamMessage } from '../../shared/contract/stream';
import type { CallContext } from '../services/workspace/call-context';
import { isTrustedSender, isTrustedUrl } from './security';

/** What the invoke channel answers; the preload hands it to the renderer's IPC client as is. */
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };

/** The part of WorkspaceService the IPC glue uses. */
export interface IpcService {
  call(method: string, input: unknown, ctx: CallContext): Promise<unknown>;
  subscribe(listener: (message: StreamMessage) => void): () => void;
}

/** The part of an invoke event the handler reads (a real IpcMainInvokeEvent satisfies it). */
export type InvokeEvent = { senderFrame: Pick<NonNullable<IpcMainInvokeEvent['senderFrame']>, 'url'> | null };

/** ApiErrors keep their body; anything else becomes `internal` without leaking details. */
export function toErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof ApiError) {
    const { code, message, field, rule } = err.body;
    return { code, message, ...(field !== undefined ? { field } : {}), ...(rule !== undefined ? { rule } : {}) };
  }
  return { code: 'internal', message: 'Internal error; nothing was changed' };
}

export interface InvokeHandlerOptions {
  service: Pick<IpcService, 'call'>;
  /** Origins whose frames may call (app://watchfloor, and the dev server in development). */
  origins: readonly string[];
  /** Where unexpected (non-ApiError) failures are reported. */
  logError?: (err: unknown) => void;
}

/**
 * The `watchfloor:invoke` handler: refuses frames that are not the app's own pages, then passes the
 * call to WorkspaceService.call, which validates the input against the contract's zod schemas.
 */
export function createInvokeHandler(opts: InvokeHandlerOptions): (event: InvokeEvent, method: unknown, input: unknown) => Promise<IpcReply> {
  const logError = opts.logError ?? ((err: unknown) => console.error(err));
  return async (event, method, input) => {
    if (!isTrustedSender(event.senderFrame, opts.origins)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app’s own pages' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'unknown_method', message: 'The method name must be a string' } };
    try {
      return { ok: true, value: await opts.service.call(method, input, {}) };
    } catch (err) {
      if (!(err instanceof ApiError)) logError(err);
      return { ok: false, error: toErrorBody(err) };
    }
  };
}

/** A window's WebContents as far as the stream needs it. */
export interface StreamTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, message: unknown): void;
}

/** Sends one stream message to every live window that shows an app page. */
export function broadcast(targets: Iterable<StreamTarget>, message: StreamMessage, origins: readonly string[]): number {
  let sent = 0;
  for (const t of targets) {
    if (t.isDestroyed() || !isTrustedUrl(t.getURL(), origins)) continue;
    t.send(IPC_CHANNELS.stream, message);
    sent++;
  }
  return sent;
}

/** The slice of ipcMain the registration uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface RegisterIpcOptions extends InvokeHandlerOptions {
  service: IpcService;
  ipcMain: IpcMainLike;
  /** Every window's WebContents at the time a message is pushed. */
  targets: () => Iterable<StreamTarget>;
}

/** Wires the invoke channel and the stream; returns a function that undoes both. */
export function registerIpc(opts: RegisterIpcOptions): () => void {
  const handler = createInvokeHandler(opts);
  opts.ipcMain.handle(IPC_CHANNELS.invoke, (event, method: unknown, input: unknown) => handler(event, method, input));
  const unsubscribe = opts.service.subscribe((message) => broadcast(opts.targets(), message, opts.origins));
  return () => {
    opts.ipcMain.removeHandler(IPC_CHANNELS.invoke);
    unsubscribe();
  };
}
