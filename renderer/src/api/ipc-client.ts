import { ApiError, ApiErrorSchema } from '../../../shared/contract/api';
import type { ApiClient } from './api-client';
import type { PreloadBridge } from './preload-bridge';

/** Electron transport: calls go through the preload's contextBridge object. */
export function createIpcClient(bridge: PreloadBridge): ApiClient {
  return {
    async call(method, input) {
      const reply = await bridge.invoke(method, input);
      if (reply.ok) return reply.value as never;
      const parsed = ApiErrorSchema.safeParse(reply.error);
      throw new ApiError(parsed.success ? parsed.data : { code: 'internal', message: 'The app could not complete the call' });
    },
    subscribe: (listener) => bridge.onStream(listener),
    onConnectionChange(listener) {
      listener(true); // IPC to the main process is always connected
      return () => {};
    },
  };
}
