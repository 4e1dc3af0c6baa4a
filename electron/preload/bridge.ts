import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { IPC_CHANNELS } from '../../shared/contract/ipc-channels';
import type { StreamMessage } from '../../shared/contract/stream';

/**
 * What `window.watchfloor` offers. Structurally the renderer's PreloadBridge
 * (renderer/src/api/preload-bridge.ts); tests/electron/preload-bridge.test.ts checks the two match,
 * so electron/ never has to import from renderer/.
 */
export interface WatchfloorBridge {
  invoke(method: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
  onStream(listener: (message: StreamMessage) => void): () => void;
  /** A report to PDF: native save dialog, printed in a hidden window, then opened (electron/main/report-export.ts). */
  exportReport(request: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
}

/** Builds the bridge over ipcRenderer; the renderer never sees ipcRenderer or IPC event objects. */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): WatchfloorBridge {
  return {
    invoke: (method, input) => ipc.invoke(IPC_CHANNELS.invoke, String(method), input),
    exportReport: (request) => ipc.invoke(IPC_CHANNELS.exportReport, request),
    onStream(listener) {
      const relay = (_event: IpcRendererEvent, message: StreamMessage) => listener(message);
      ipc.on(IPC_CHANNELS.stream, relay);
      return () => {
        ipc.removeListener(IPC_CHANNELS.stream, relay);
      };
    },
  };
}
