import type { StreamMessage } from '../../../shared/contract/stream';

/** What electron/preload exposes on `window.watchfloor` through contextBridge. */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
  onStream(listener: (message: StreamMessage) => void): () => void;
  /** Electron: a report to PDF through the main process (save dialog, printToPDF, open). */
  exportReport(request: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
}

declare global {
  interface Window {
    watchfloor?: PreloadBridge;
  }
}
