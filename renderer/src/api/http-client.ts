import { ApiError, ApiErrorSchema } from '../../../shared/contract/api';
import { StreamMessageSchema, type StreamMessage } from '../../../shared/contract/stream';
import type { ApiClient } from './api-client';

export interface HttpClientOptions {
  baseUrl: string;
  /** Access token for hosts bound beyond loopback. */
  token?: string;
  /** Operator name sent as the author of changes. */
  actor?: () => string | undefined;
}

/** Browser-host transport: JSON over `POST /api/<method>`, live changes over server-sent events. */
export function createHttpClient(opts: HttpClientOptions): ApiClient {
  const listeners = new Set<(m: StreamMessage) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let source: EventSource | undefined;
  let connected = false;

  const setConnected = (value: boolean) => {
    connected = value;
    for (const l of connectionListeners) l(value);
  };

  const ensureStream = () => {
    if (source) return;
    const url = new URL('api/events', opts.baseUrl);
    if (opts.token) url.searchParams.set('token', opts.token);
    source = new EventSource(url);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false); // EventSource reconnects by itself
    source.onmessage = (e) => {
      const parsed = StreamMessageSchema.safeParse(JSON.parse(e.data as string));
      if (parsed.success) for (const l of listeners) l(parsed.data);
    };
  };

  return {
    async call(method, input) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const actor = opts.actor?.();
      if (actor) headers['x-watchfloor-actor'] = encodeURIComponent(actor);
      let res: Response;
      try {
        res = await fetch(new URL(`api/${method}`, opts.baseUrl), { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
      } catch {
        throw new ApiError({ code: 'internal', message: 'The Watchfloor host cannot be reached' });
      }
      const body: unknown = await res.json().catch(() => undefined);
      if (res.ok) return body as never;
      const error = ApiErrorSchema.safeParse((body as { error?: unknown } | undefined)?.error);
      throw new ApiError(error.success ? error.data : { code: 'internal', message: `The host answered ${res.status}` });
    },
    subscribe(listener) {
      listeners.add(listener);
      ensureStream();
      return () => listeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(connected);
      return () => connectionListeners.delete(listener);
    },
  };
}
